// Gloss loader: the stable entry point of dist/. A host page includes
//   <script type="module" src="/path/to/dist/gloss.js"></script>
// and every element with data-gloss-src or data-gloss becomes an explainer,
// including elements added later. The hashed file names below are filled in
// at build time (scripts/post-build.sh).
//
// Two builds of the same widget: the full one reads Markdown; the reader one
// (about half the bytes) shows only explainers compiled into the page at
// build time. A page whose waiting explainers are all compiled in gets the
// reader build; any other page, or one that later adds a Markdown host, the
// full build, which then serves every widget.
//
// Hosts inside a web component's shadow root are out of the document's
// sight: the page hands each such root over (the stylesheet goes in with
// them), and Gloss watches it as it watches the document:
//   import { watch } from '/path/to/dist/gloss.js';
//   watch(element.attachShadow({ mode: 'open' }));
const FULL = { glue: './__GLUE__', wasm: './__WASM__' };
const READER = { glue: './__READER_GLUE__', wasm: './__READER_WASM__' };

const HOSTS = '[data-gloss-src], [data-gloss]';
const UNMOUNTED = '[data-gloss-src]:not([data-gloss-mounted]), [data-gloss]:not([data-gloss-mounted])';
const here = (name) => new URL(name, import.meta.url).href;

// The trees hosts are looked for in: the document, and the shadow roots
// the page handed to watch().
const roots = [document];
const shadowRoots = () => roots.slice(1);
const all = (selector) => roots.flatMap((root) => [...root.querySelectorAll(selector)]);

function addStylesheet(root) {
  const href = here('./__CSS__');
  const present = [...root.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === href);
  if (!present) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    if (root === document) document.head.append(link);
    else root.prepend(link);
  }
}

// The explainer a `data-gloss-query` host is asked for by the page's URL
// (same origin only, as the widget itself reads it), if any.
function askedSource(host) {
  const param = host.getAttribute('data-gloss-query');
  const asked = param && new URLSearchParams(location.search).get(param);
  try {
    return asked && new URL(asked, location.href).origin === location.origin ? asked : null;
  } catch (error) {
    return null;
  }
}

// A host asked for another explainer than the one prerendered into it must
// not show the prerendered one meanwhile.
function dropOverriddenPrerenders(root) {
  for (const host of root.querySelectorAll('[data-gloss-query]')) {
    if (askedSource(host)) {
      for (const stale of host.querySelectorAll(':scope > [data-gloss-prerendered], :scope > script[data-gloss-model]')) stale.remove();
    }
  }
}

function alertSaying(message) {
  const alert = document.createElement('p');
  alert.className = 'gloss-alert';
  alert.setAttribute('role', 'alert');
  // (Gloss's own messages are in English, whatever the page's language.)
  alert.lang = 'en';
  alert.textContent = message;
  return alert;
}

// Every host without a settled widget says what went wrong instead of
// staying empty or frozen in "loading".
function reportFailure(message) {
  for (const host of all(HOSTS)) {
    if (host.querySelector('.gloss[data-gloss-state="ready"], .gloss[data-gloss-state="error"]')) continue;
    host.setAttribute('data-gloss-mounted', host.getAttribute('data-gloss-src') || '');
    host[LIVE] = true;
    // A prerendered explainer stays: the reader keeps the whole article.
    const prerendered = host.querySelector(':scope > [data-gloss-prerendered]');
    if (prerendered) {
      prerendered.setAttribute('data-gloss-state', 'error');
      prerendered.prepend(alertSaying(message));
      // What only the wasm could do is not offered: the people and
      // chronology panels are shown open, their selection buttons disabled.
      for (const body of prerendered.querySelectorAll('.gloss-panel-body[data-folded]')) body.removeAttribute('data-folded');
      for (const toggle of prerendered.querySelectorAll('.gloss-panel-toggle')) toggle.setAttribute('aria-expanded', 'true');
      for (const control of prerendered.querySelectorAll('button[aria-pressed], .gloss-quote-jump')) control.disabled = true;
      continue;
    }
    for (const stale of host.querySelectorAll('.gloss')) stale.remove();
    const root = document.createElement('div');
    root.className = 'gloss';
    root.setAttribute('data-gloss-state', 'error');
    root.append(alertSaying(message));
    // Readers keep the text: the explainer's own Markdown, as plain text.
    const fallback = document.createElement('pre');
    fallback.className = 'gloss-fallback';
    const inline = host.querySelector('script[type="text/markdown"]');
    if (inline) {
      fallback.textContent = inline.textContent;
    } else if (host.getAttribute('data-gloss-src')) {
      fetch(askedSource(host) || host.getAttribute('data-gloss-src'))
        .then((response) => (response.ok ? response.text() : ''))
        .then((text) => { fallback.textContent = text; })
        .catch(() => {});
    }
    root.append(fallback);
    host.append(root);
  }
}

// A panic in the release wasm is a trap: its builds abort on the spot, with
// no panic hook to run (scripts/trunk.sh). The trap surfaces here, from the
// event handler or task that hit it. The instance's state is then in doubt,
// so every widget on the page says it stopped, as the panic hook of other
// builds does (src/embed/panic_report.rs); a widget already failed is left
// as it is. A trap in another page's wasm, named in the stack, is not ours
// (Chromium and Firefox name the file; WebKit names none: `0@<?>:wasm-function[0]`).
const OUR_WASM = [FULL.wasm, READER.wasm].map((path) => path.slice(2));
function reportTrap(error) {
  // By name: an error from another realm (a test driver's sandbox) is no
  // instance of this page's WebAssembly.RuntimeError.
  if (!error || error.name !== 'RuntimeError') return;
  const stack = String(error.stack || '');
  if (/\.wasm(?![\w-])/.test(stack) && !OUR_WASM.some((name) => stack.includes(name))) return;
  console.error('Gloss stopped after an internal error:', error);
  for (const root of all('.gloss')) {
    if (root.getAttribute('data-gloss-state') === 'error') continue;
    root.setAttribute('data-gloss-state', 'error');
    root.setAttribute('aria-busy', 'false');
    root.prepend(alertSaying('This explainer stopped working after an internal error. Reload the page to try again.'));
  }
}
addEventListener('error', (event) => reportTrap(event.error));
addEventListener('unhandledrejection', (event) => reportTrap(event.reason));

// Whether the host's explainer is compiled into the page (a host whose URL
// asks for another has lost its model to dropOverriddenPrerenders).
const compiledIn = (host) => !!host.querySelector(':scope > script[data-gloss-model]');

// What gloss.js knows of a host and a copy of its node does not carry: that
// a widget was drawn in it here. A page restored from a copy of its DOM
// (Turbo, pjax) has hosts marked mounted whose widgets nothing drives.
const LIVE = Symbol('gloss');
const markLive = () => {
  for (const host of all('[data-gloss-mounted]')) host[LIVE] = true;
};
const isDeadCopy = (host) => host.hasAttribute('data-gloss-mounted') && !host[LIVE];
// A dead copy is mounted again, as a new host.
function reviveCopies() {
  for (const host of all('[data-gloss-mounted]').filter(isDeadCopy)) {
    host.removeAttribute('data-gloss-mounted');
    host.removeAttribute('data-gloss-key');
    for (const dead of host.querySelectorAll(':scope > .gloss')) dead.remove();
  }
}

// While the code loads, a waiting host with nothing prerendered in it says
// so (the live widget takes the placeholder's place).
function showLoading() {
  for (const host of all(UNMOUNTED)) {
    if (host.querySelector(':scope > [data-gloss-prerendered], :scope > .gloss')) continue;
    const root = document.createElement('div');
    root.className = 'gloss';
    root.setAttribute('data-gloss-state', 'loading');
    root.setAttribute('data-gloss-placeholder', '');
    root.setAttribute('aria-busy', 'true');
    const status = document.createElement('p');
    status.className = 'gloss-loading';
    status.setAttribute('role', 'status');
    status.lang = 'en';
    status.textContent = 'Loading the explainer…';
    root.append(status);
    host.append(root);
  }
}

// A download that never finishes is reported, not waited for forever.
const CODE_TIMEOUT_MS = 30000;
const timeout = (ms) => new Promise((_, reject) => {
  setTimeout(() => reject(new TypeError('no answer within ' + ms / 1000 + ' s')), ms);
});

// Each build is fetched and started once; the promise gives its mount_all.
const builds = new Map();
function start(build) {
  if (!builds.has(build)) {
    // The wasm download starts now, alongside the glue's, not after it.
    // (Its failure is reported through the glue's init, which awaits it.)
    const wasm = fetch(here(build.wasm));
    wasm.catch(() => {});
    builds.set(build, import(here(build.glue)).then(async (glue) => {
      await glue.default({ module_or_path: wasm });
      return glue.mount_all;
    }));
  }
  return builds.get(build);
}

// A host whose data-gloss-src changed after its widget was mounted for
// another (data-gloss-mounted holds the source it was mounted for).
const moved = (host) => host.hasAttribute('data-gloss-src')
  && host.getAttribute('data-gloss-mounted') !== host.getAttribute('data-gloss-src');

async function mountSafely() {
  reviveCopies();
  showLoading();
  if (all('[data-gloss-mounted]').some(moved)) {
    // Each build takes down the widgets it mounted there (and mounts the
    // new source if it can); what is left is mounted below.
    for (const build of builds.values()) {
      try {
        (await build)(shadowRoots());
        markLive();
      } catch (error) {
        console.error('Gloss could not remount:', error);
      }
    }
    showLoading();
  }
  const waiting = all(UNMOUNTED);
  // A page with no explainer (yet: a theme includes the loader on every
  // page) downloads nothing until one appears.
  if (!waiting.length && !builds.size) return;
  const build = builds.has(FULL) || waiting.some((host) => !compiledIn(host)) ? FULL : READER;
  let mountAll;
  try {
    // As long as the most patient waiting host waits for its source.
    const patience = Math.max(0, ...waiting.map((host) => Number(host.getAttribute('data-gloss-timeout')) || 0));
    mountAll = await Promise.race([start(build), timeout(patience || CODE_TIMEOUT_MS)]);
  } catch (error) {
    console.error('Gloss could not start:', error);
    // A failed or timed-out download (offline, blocked) is a TypeError, and
    // not the browser's fault.
    const offline = error instanceof TypeError;
    const why = (error && error.message) || error;
    reportFailure(offline
      ? 'This explainer could not start: the Gloss code could not be downloaded (' + why + '). Reload the page to try again.'
      : 'This explainer could not start: this browser could not run Gloss (' + why + ').');
    return;
  }
  try {
    reviveCopies();
    mountAll(shadowRoots());
    markLive();
  } catch (error) {
    console.error('Gloss could not mount:', error);
    reportFailure('This explainer could not be shown: ' + ((error && error.message) || error) + '.');
  }
}

// Hosts added later, elements that become hosts later (a framework that
// reuses a node may set data-gloss-src after inserting it), and hosts
// given another source.
function watchForHosts(root) {
  new MutationObserver((records) => {
    for (const record of records) {
      const nodes = record.type === 'attributes' ? [record.target] : record.addedNodes;
      for (const node of nodes) {
        if (node.nodeType === 1 && (node.matches(UNMOUNTED) || node.querySelector(UNMOUNTED)
            || (record.type === 'attributes' && node.hasAttribute('data-gloss-mounted') && moved(node))
            || isDeadCopy(node) || [...node.querySelectorAll('[data-gloss-mounted]')].some(isDeadCopy))) {
          mountSafely();
          return;
        }
      }
    }
  }).observe(root === document ? document.documentElement : root, {
    childList: true, subtree: true, attributes: true, attributeFilter: ['data-gloss-src', 'data-gloss'],
  });
}

/** Mounts the hosts in `root`, a shadow root, and those added to it later. */
export function watch(root) {
  if (!(root instanceof ShadowRoot)) throw new TypeError('Gloss watch() takes a shadow root');
  if (roots.includes(root)) return Promise.resolve();
  roots.push(root);
  addStylesheet(root);
  dropOverriddenPrerenders(root);
  watchForHosts(root);
  return mountSafely();
}

// Before the wasm (and if it never runs), a prerendered mention opens its
// term's card, drawn closed into the page (its `aria-controls`), on a click,
// a tap, Enter or Space: a mention is text acting as a button, which no
// `popovertarget` can serve. The browser closes the card (Escape, a click
// elsewhere) and, with CSS anchor positioning, places it under its term.
let anchored = null;
function openPrerenderedCard(event) {
  if (event.type === 'keydown' && event.key !== 'Enter' && event.key !== ' ') return;
  const target = event.composedPath()[0];
  const term = target instanceof Element && target.closest('[data-gloss-prerendered] .gloss-term[aria-controls]');
  if (!term) return;
  if (event.type === 'keydown') event.preventDefault();
  const card = term.getRootNode().getElementById(term.getAttribute('aria-controls'));
  if (!card || !card.showPopover || card.matches(':popover-open')) return;
  if (anchored) anchored.style.removeProperty('anchor-name');
  anchored = term;
  term.style.setProperty('anchor-name', '--gloss-term');
  card.style.setProperty('position-anchor', '--gloss-term');
  card.showPopover();
  term.setAttribute('aria-expanded', 'true');
  card.addEventListener('toggle', function closed(toggle) {
    if (toggle.newState !== 'closed') return;
    term.setAttribute('aria-expanded', 'false');
    card.removeEventListener('toggle', closed);
  });
}
addEventListener('click', openPrerenderedCard);
addEventListener('keydown', openPrerenderedCard);

addStylesheet(document);
dropOverriddenPrerenders(document);
// Gloss never hands the DOM an HTML string, so it needs no Trusted Types
// policy: pages that enforce them get the widget as everyone else does.
await mountSafely();
watchForHosts(document);
