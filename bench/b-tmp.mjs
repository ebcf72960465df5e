import { validateUpdate } from 'ic-customer-contract';
import { THREE_PROBLEMS } from '/work/main/bench/lib/data.mjs';
function t(name, f, n=200000){ for(let i=0;i<n/10;i++) f(); const s=process.hrtime.bigint(); for(let i=0;i<n;i++) f(); console.log(name, Number(process.hrtime.bigint()-s)/n, 'ns'); }
t('b', ()=>validateUpdate(THREE_PROBLEMS));
t('b', ()=>validateUpdate(THREE_PROBLEMS));
console.log(JSON.stringify(validateUpdate(THREE_PROBLEMS)));
