// Print buttons (e.g. "Print or save as PDF"), and open every accordion while printing so nothing is left out.
export function initPrint(root) {
  for (const button of root.querySelectorAll('[data-print]')) {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  }

  let closed = [];
  window.addEventListener('beforeprint', () => {
    closed = [...root.querySelectorAll('details:not([open])')];
    closed.forEach((d) => d.setAttribute('open', ''));
  });
  window.addEventListener('afterprint', () => closed.forEach((d) => d.removeAttribute('open')));
}
