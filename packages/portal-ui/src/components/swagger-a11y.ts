// Swagger UI renders a few things screen readers stumble on inside our page: its own <main> (a second main
// landmark inside ours) and the server <select> whose <label> has no text. Its React tree re-creates these
// elements when the spec or the operation state changes, so a MutationObserver re-applies the fixes.

const fixes: { selector: string; apply: (el: Element) => void }[] = [
  {
    selector: 'main#operations',
    apply: (el) => {
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', 'Operations');
    },
  },
  { selector: 'select#servers', apply: (el) => el.setAttribute('aria-label', 'Server') },
  // Response bodies scroll: keyboard users need to reach them to scroll (WCAG 2.1.1).
  { selector: 'pre.microlight', apply: (el) => el.setAttribute('tabindex', '0') },
];

/** Applies the fixes under root now and whenever Swagger UI re-renders; returns the function that stops it. */
export function patchSwaggerA11y(root: Element): () => void {
  const run = () => {
    for (const f of fixes) for (const el of root.querySelectorAll(f.selector)) f.apply(el);
  };
  run();
  const observer = new MutationObserver(run);
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}
