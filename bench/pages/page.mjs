// The minimal page every library's bundle runs: a form of the four body
// fields, validated on every input; the verdict goes into <output>.
// `validate(body)` returns a list of messages (empty = valid).
export function mount(validate) {
  const form = document.querySelector('form');
  const out = document.querySelector('output');
  // The payload check opens the page with #invalid to see an invalid verdict too.
  if (location.hash === '#invalid') form.elements.email.value = 'nope';
  const check = () => {
    const data = new FormData(form);
    const body = { fullName: data.get('fullName'), email: data.get('email') };
    const phone = data.get('phone');
    body.phone = phone === '' ? null : phone;
    body.risk = { isNewCustomer: data.get('isNewCustomer') === 'on' };
    const messages = validate(body);
    out.textContent = messages.length ? messages.join(' | ') : 'valid';
  };
  form.addEventListener('input', check);
  check();
}
