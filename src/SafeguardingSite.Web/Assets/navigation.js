// On small screens the section menu folds behind a button; without script it is simply always open.
export function initNavigation(root) {
  const toggle = root.querySelector('[data-nav-toggle]');
  const nav = toggle && root.getElementById(toggle.getAttribute('aria-controls'));
  if (!toggle || !nav) {
    return;
  }

  const setOpen = (open) => {
    toggle.setAttribute('aria-expanded', String(open));
    nav.dataset.collapsed = String(!open);
  };
  setOpen(false);
  toggle.addEventListener('click', () => setOpen(toggle.getAttribute('aria-expanded') !== 'true'));
}
