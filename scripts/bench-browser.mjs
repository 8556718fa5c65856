// Browser benchmark: how soon a reader sees and can use the demo, against the
// same article as static HTML rendered by Gloss itself (the baseline).
//
//   node scripts/bench-browser.mjs [DIST] [RUNS]    (default target/e2e-dist, 7)
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
  await page.goto(url, { waitUntil: 'commit' });
  const result = {};
  if (interactive) {
    await page.waitForSelector('.gloss[data-gloss-state="ready"]', { timeout: 120000 });
    result.ready = await page.evaluate(() => performance.now());
    const terms = page.locator('.gloss button[data-term]');
    await terms.first().hover();
    await page.waitForSelector('[data-gloss-card]', { timeout: 30000 });
    result.firstCard = await page.evaluate(() => performance.now());
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
  for (const [name, profile] of Object.entries(PROFILES)) {
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
    rows.push(`| ${name} | first card open | ${m(demo, 'firstCard').toFixed(0)} ms | — | — |`);
    rows.push(`| ${name} | hover to card (300 ms intent delay included) | ${m(demo, 'hoverToCard').toFixed(0)} ms | — | — |`);
    rows.push(`| ${name} | layout shift (CLS) | ${m(demo, 'cls').toFixed(3)} | ${m(baseline, 'cls').toFixed(3)} | — |`);
  }
  await browser.close();
  server.close();
  console.log(`Medians of ${runs} alternating runs, Chromium ${browser.version?.() ?? ''}`);
  console.log('| network | measure | demo | baseline | ratio |\n|---|---|---:|---:|---:|');
  console.log(rows.join('\n'));
}

main().catch((e) => { console.error(e); process.exit(1); });
