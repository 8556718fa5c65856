// Gloss loader: the stable entry point of dist/. A host page includes
//   <script type="module" src="/path/to/dist/gloss.js"></script>
// and every element with data-gloss-src or data-gloss becomes an explainer,
// including elements added later. The hashed file names below are filled in
// at build time (scripts/post-build.sh).
import init, { mount_all } from './__GLUE__';

const HOSTS = '[data-gloss-src]:not([data-gloss-mounted]), [data-gloss]:not([data-gloss-mounted])';
const here = (name) => new URL(name, import.meta.url).href;

function addStylesheet() {
  const href = here('./__CSS__');
  const present = [...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === href);
  if (!present) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.append(link);
  }
}

// If the wasm cannot run, every host says so instead of staying empty.
function reportFailure(error) {
  console.error('Gloss could not start:', error);
  for (const host of document.querySelectorAll(HOSTS)) {
    host.setAttribute('data-gloss-mounted', '');
    const root = document.createElement('div');
    root.className = 'gloss';
    root.setAttribute('data-gloss-state', 'error');
    const alert = document.createElement('p');
    alert.className = 'gloss-alert';
    alert.setAttribute('role', 'alert');
    alert.textContent = 'This explainer could not start: this browser could not run Gloss (' + (error && error.message || error) + ').';
    root.append(alert);
    host.append(root);
  }
}

function watchForHosts() {
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === 1 && (node.matches(HOSTS) || node.querySelector(HOSTS))) {
          mount_all();
          return;
        }
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}

addStylesheet();
try {
  await init({ module_or_path: here('./__WASM__') });
  mount_all();
  watchForHosts();
} catch (error) {
  reportFailure(error);
}
