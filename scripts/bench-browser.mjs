// Browser benchmark: how soon a reader sees and can use the demo, against the
// same article as static HTML rendered by Gloss itself (the baseline).
//
//   node scripts/bench-browser.mjs [DIST] [RUNS] [scale]   (default target/e2e-dist, 7)
//
// Serves DIST gzip-compressed on 127.0.0.1, drives Debian's Chromium through
// playwright-core (installed by scripts/setup.sh into .tools/npm), alternates
// demo and baseline runs, unthrottled and on "slow 4G" with 4x CPU slowdown,
// and prints medians with their ratio to the baseline as a Markdown table.
import { createServer } from 'node:http';
import { readFile, writeFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { extname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = resolve(new URL('..', import.meta.url).pathname);
const { chromium } = require(join(root, '.tools/npm/node_modules/playwright-core'));
const dist = resolve(process.argv[2] || join(root, 'target/e2e-dist'));
const runs = Number(process.argv[3] || 7);
const only = process.argv[4]; // "scale": only the scale rows

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.md': 'text/markdown; charset=utf-8' };

function serve() {
  const server = createServer(async (req, res) => {
    const path = join(dist, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    try {
      if (!(await stat(path)).isFile()) throw new Error('not a file');
      const body = gzipSync(await readFile(path), { level: 9 });
      res.writeHead(200, { 'content-type': TYPES[extname(path)] || 'application/octet-stream',
        'content-encoding': 'gzip', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

const PROFILES = {
  unthrottled: null,
  'slow 4G, 4x CPU': { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8, cpu: 4 },
};

// Milestones timed inside the page, free of the driver's own latency: the
// widget's `ready`, the reader's first press, and the first card shown
// (`beforetoggle` fires as a popover opens, the prerendered page's and the
// live widget's alike).
const MILESTONES = `
  window.__bench = { ready: null, click: null, card: null, cardPrerendered: 0 };
  new MutationObserver(() => {
    if (window.__bench.ready === null && document.querySelector('.gloss[data-gloss-state="ready"]'))
      window.__bench.ready = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-gloss-state'] });
  addEventListener('pointerdown', () => { window.__bench.click ??= performance.now(); }, true);
  document.addEventListener('beforetoggle', (e) => {
    if (e.newState !== 'open' || window.__bench.card !== null) return;
    window.__bench.card = performance.now();
    window.__bench.cardPrerendered = e.target.closest('[data-gloss-prerendered]') ? 1 : 0;
  }, true);`;

async function measure(browser, url, profile, interactive) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  if (profile) {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  }
  await page.addInitScript(MILESTONES);
  await page.goto(url, { waitUntil: 'commit' });
  const result = {};
  if (interactive) {
    // The first card: the reader clicks the first term as soon as it is on
    // screen; whichever answers (the prerendered page's own popover before
    // the wasm, the live widget after it) opens the card.
    const terms = page.locator('.gloss button[data-term]');
    await terms.first().click({ timeout: 120000 });
    await page.waitForSelector('[data-gloss-card] >> visible=true', { timeout: 30000 });
    Object.assign(result, await page.evaluate(() => ({ firstCard: window.__bench.card,
      clicked: window.__bench.click, firstCardPrerendered: window.__bench.cardPrerendered })));
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-gloss-card] >> visible=true', { state: 'detached', timeout: 30000 });
    await page.waitForSelector('.gloss[data-gloss-state="ready"]', { timeout: 120000 });
    result.ready = await page.evaluate(() => window.__bench.ready);
    await page.mouse.move(5, 5);
    await page.waitForSelector('[data-gloss-card]', { state: 'detached', timeout: 30000 });
    const second = terms.nth(2);
    await second.scrollIntoViewIfNeeded();
    // Timed inside the page: from the pointer entering the term to the
    // card being in the DOM, without the driver's own overhead.
    await second.evaluate((term) => {
      window.__gloss = {};
      term.addEventListener('pointerover', () => { window.__gloss.enter ??= performance.now(); });
      new MutationObserver(() => {
        if (!window.__gloss.card && document.querySelector('[data-gloss-card]')) window.__gloss.card = performance.now();
      }).observe(document.body, { childList: true, subtree: true });
    });
    await second.hover();
    await page.waitForSelector('[data-gloss-card]', { timeout: 30000 });
    result.hoverToCard = await page.evaluate(() => window.__gloss.card - window.__gloss.enter);
  } else {
    await page.waitForSelector('.gloss', { timeout: 120000 });
  }
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
  result.fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime);
  result.cls = await page.evaluate(() => new Promise((ok) => {
    let total = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
      .observe({ type: 'layout-shift', buffered: true });
    setTimeout(() => ok(total), 200);
  }));
  await page.waitForLoadState('networkidle');
  result.bytes = bytes;
  await context.close();
  return result;
}

// A generated explainer at the scale the performance issue names: about
// 1 MB of Markdown, 1,000 terms, 200 speakers and 1,000 events, with
// mentions of all of them spread through sections of prose.
function scaleExplainer() {
  const syllables = ['ka', 'lo', 'mi', 'ren', 'tu', 'sa', 'vor', 'eli', 'dan', 'quo', 'bex', 'ny'];
  const word = (n) => { let w = ''; do { w += syllables[n % 12]; n = Math.floor(n / 12); } while (n); return w; };
  const cap = (w) => w[0].toUpperCase() + w.slice(1);
  const out = ['+++', 'title = "A generated explainer at scale"', 'lang = "en"', ''];
  for (let i = 0; i < 1000; i++) {
    out.push(`[terms.t${i}]`, `label = "${cap(word(i + 144))}ism"`,
      `summary = "Generated term ${i}: a short definition long enough to read like one."`, '');
  }
  for (let i = 0; i < 200; i++) {
    out.push(`[speakers.s${i}]`, `name = "${cap(word(i + 1728))} ${cap(word(i + 3000))}"`,
      `role = "Speaker ${i}"`, `group = "Group ${i % 8}"`, '');
  }
  for (let i = 0; i < 1000; i++) {
    const year = 1700 + Math.floor((i * 325) / 1000);
    const month = 1 + (i % 12), day = 1 + (i % 28);
    out.push('[[events]]', `id = "e${i}"`,
      `date = "${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}"`,
      `title = "Generated event ${i}"`, `summary = "What happened at event ${i}."`,
      `speakers = ["s${i % 200}"]`, `terms = ["t${i % 1000}"]`, '');
  }
  out.push('+++', '');
  let body = '', n = 0;
  while (body.length < 1_000_000) {
    if (n % 8 === 0) body += `\n## Section ${n / 8}\n\n`;
    const t = (n * 7) % 1000, s = (n * 3) % 200, e = n % 1000;
    body += `In paragraph ${n} the ${cap(word(t + 144))}ism came up again, when ` +
      `${cap(word(s + 1728))} ${cap(word(s + 3000))} said it [mattered](event:e${e}); ` +
      'the rest of this sentence is ordinary prose that pads the paragraph to a realistic ' +
      'length, with commas, clauses and the occasional *emphasis* or `code` span. ' +
      'Another sentence follows, so that the paragraph reads like one from a long report.\n\n';
    n++;
  }
  return out.join('\n') + body;
}

// Long main-thread tasks from navigation on, recorded by the page itself.
const LONG_TASKS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });`;

async function measureScale(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(LONG_TASKS);
  await page.addInitScript(MILESTONES);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector('.gloss[data-gloss-state="ready"]', { timeout: 300000 });
  const ready = await page.evaluate(() => window.__bench.ready);
  // The chronology's keyboard: time from an arrow key to the next event
  // holding focus, measured in the page.
  await page.locator('.gloss [data-event]').first().focus();
  const keys = [];
  for (let i = 0; i < 20; i++) {
    await page.evaluate(() => { window.__keyAt = performance.now(); });
    await page.keyboard.press('ArrowDown');
    keys.push(await page.evaluate(() => new Promise((ok) =>
      requestAnimationFrame(() => ok(performance.now() - window.__keyAt)))));
  }
  const tasks = await page.evaluate(() => window.__longTasks);
  await context.close();
  return { ready, maxTask: Math.max(0, ...tasks), tasksOver200: tasks.filter((d) => d > 200).length,
    keyToFrame: median(keys) };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function main() {
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });

  // The baseline: what Gloss rendered, saved as a static page with its CSS.
  const page = await browser.newPage();
  await page.goto(base + 'index.html');
  await page.waitForSelector('.gloss[data-gloss-state="ready"]');
  const html = await page.evaluate(() => {
    const css = [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.outerHTML).join('\n');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8">${css}</head>` +
      `<body><main class="page">${document.querySelector('.gloss').outerHTML}</main></body></html>`;
  });
  await page.close();
  await writeFile(join(dist, 'baseline.html'), html);

  const rows = [];
  for (const [name, profile] of only === 'scale' ? [] : Object.entries(PROFILES)) {
    const demo = [], baseline = [];
    for (let i = 0; i < runs; i++) {
      baseline.push(await measure(browser, base + 'baseline.html', profile, false));
      demo.push(await measure(browser, base + 'index.html', profile, true));
    }
    const m = (list, key) => median(list.map((r) => r[key]));
    const b = { bytes: m(baseline, 'bytes'), fcp: m(baseline, 'fcp') };
    rows.push(`| ${name} | bytes | ${(m(demo, 'bytes') / 1024).toFixed(0)} KB | ${(b.bytes / 1024).toFixed(0)} KB | ${(m(demo, 'bytes') / b.bytes).toFixed(2)}× |`);
    rows.push(`| ${name} | first contentful paint | ${m(demo, 'fcp').toFixed(0)} ms | ${b.fcp.toFixed(0)} ms | ${(m(demo, 'fcp') / b.fcp).toFixed(2)}× |`);
    rows.push(`| ${name} | ready | ${m(demo, 'ready').toFixed(0)} ms | ${b.fcp.toFixed(0)} ms (FCP) | ${(m(demo, 'ready') / b.fcp).toFixed(2)}× |`);
    const early = demo.filter((r) => r.firstCardPrerendered).length;
    rows.push(`| ${name} | first card open (a click as soon as a term shows; ${early} of ${demo.length} before the wasm) | ${m(demo, 'firstCard').toFixed(0)} ms | ${b.fcp.toFixed(0)} ms (FCP) | ${(m(demo, 'firstCard') / b.fcp).toFixed(2)}× |`);
    rows.push(`| ${name} | of which the driver's click arriving | ${m(demo, 'clicked').toFixed(0)} ms | — | — |`);
    rows.push(`| ${name} | hover to card (300 ms intent delay included) | ${m(demo, 'hoverToCard').toFixed(0)} ms | — | — |`);
    rows.push(`| ${name} | layout shift (CLS) | ${m(demo, 'cls').toFixed(3)} | ${m(baseline, 'cls').toFixed(3)} | — |`);
  }
  // Scale: the generated explainer, unthrottled, against the demo.
  await writeFile(join(dist, 'explainers', 'scale.md'), scaleExplainer());
  const scale = [], small = [];
  for (let i = 0; i < Math.min(runs, 3); i++) {
    small.push(await measureScale(browser, base + 'index.html?src=explainers/donbas.md'));
    scale.push(await measureScale(browser, base + 'index.html?src=explainers/scale.md'));
  }
  const ms = (list, key) => median(list.map((r) => r[key]));
  rows.push(`| scale (1 MB, 1,000 terms) | ready | ${ms(scale, 'ready').toFixed(0)} ms | ${ms(small, 'ready').toFixed(0)} ms (demo) | ${(ms(scale, 'ready') / ms(small, 'ready')).toFixed(2)}× |`);
  rows.push(`| scale (1 MB, 1,000 terms) | longest main-thread task | ${ms(scale, 'maxTask').toFixed(0)} ms | ${ms(small, 'maxTask').toFixed(0)} ms (demo) | — |`);
  rows.push(`| scale (1 MB, 1,000 terms) | tasks over 200 ms | ${ms(scale, 'tasksOver200')} | ${ms(small, 'tasksOver200')} (demo) | — |`);
  rows.push(`| scale (1 MB, 1,000 terms) | arrow key → next frame in the chronology | ${ms(scale, 'keyToFrame').toFixed(1)} ms | ${ms(small, 'keyToFrame').toFixed(1)} ms (demo) | ${(ms(scale, 'keyToFrame') / ms(small, 'keyToFrame')).toFixed(2)}× |`);
  await browser.close();
  server.close();
  console.log(`Medians of ${runs} alternating runs, Chromium ${browser.version?.() ?? ''}`);
  console.log('| network | measure | demo | baseline | ratio |\n|---|---|---:|---:|---:|');
  console.log(rows.join('\n'));
}

main().catch((e) => { console.error(e); process.exit(1); });
