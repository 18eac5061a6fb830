// The support console's only script (same origin; the CSP allows no other). It does two things that
// need JavaScript; the console works without it except for these.
// 1. A lookup link (/agent#incident=demo&email=...) carries the identifier in the fragment, which the
//    browser never sends to a server. Move it into the form and take it out of the address bar, so it
//    stays out of history and screenshots. The agent still presses "Look up": opening a link looks up
//    nobody.
// 2. Copy buttons for the reply texts.
'use strict';

(function prefill() {
  const form = document.getElementById('lookup');
  if (!form || location.hash.length < 2) return;
  // A "+" is kept as a plus (addresses like taro+shop@example.com), not read as a space.
  const params = new URLSearchParams(location.hash.slice(1).replaceAll('+', '%2B'));
  history.replaceState(null, '', location.pathname + location.search);
  for (const name of ['incident', 'email', 'orderId']) {
    const value = params.get(name);
    const field = form.elements.namedItem(name);
    if (value !== null && field) field.value = value;
  }
  const first = form.elements.namedItem(params.has('orderId') ? 'orderId' : 'email');
  if (first) first.focus();
})();

for (const button of document.querySelectorAll('button[data-copy]')) {
  const source = document.getElementById(button.dataset.copy);
  const status = button.nextElementSibling;
  if (!source) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(source.value);
    } catch {
      // No clipboard permission: select the text so the agent can copy it by hand.
      source.select();
      return;
    }
    if (status) status.textContent = button.dataset.copied;
  });
}
