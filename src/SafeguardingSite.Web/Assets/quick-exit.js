// "Exit this page": hides the page at once, then replaces the current history entry with a neutral site, so the
// back button does not return here. Pressing Shift three times within five seconds does the same.
const shiftPressesNeeded = 3;
const shiftWindowMs = 5000;

export function initQuickExit(root) {
  const button = root.querySelector('[data-quick-exit]');
  if (!button) {
    return;
  }

  const destination = button.getAttribute('href');
  const leave = (event) => {
    if (event) {
      event.preventDefault();
    }
    root.body.classList.add('quick-exit--hidden-page');
    root.title = 'Loading';
    window.location.replace(destination);
  };

  button.addEventListener('click', leave);

  let presses = [];
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Shift' || event.repeat) {
      return;
    }
    const now = Date.now();
    presses = presses.filter((at) => now - at < shiftWindowMs);
    presses.push(now);
    if (presses.length >= shiftPressesNeeded) {
      presses = [];
      leave();
    }
  });
}
