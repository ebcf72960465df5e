// (e) baseline: the same script shape with nothing imported.
const t0 = performance.now();
const ok = true;
const t1 = performance.now();
const issues = 3;
const t2 = performance.now();
process.stdout.write(JSON.stringify({ t0, t1, t2, ok, issues }));
