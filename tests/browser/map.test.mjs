// Real-browser tests of the region map (src/render/map): it renders (the outline file loads and
// the <use> elements draw), every point is a link that leads to its place page, the table behind
// it lists the same places, in both UI languages, and at 390 px the map fits the screen.
//
//   ARCHIVE_SITE=DIR [ARCHIVE_BASE=/archive-sub/] node --test tests/browser/

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer, normalizeBase } from './server.mjs';

const SITE = process.env.ARCHIVE_SITE;
const BASE = normalizeBase(process.env.ARCHIVE_BASE ?? '/');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];
const SHOTS = process.env.ARCHIVE_SCREENSHOTS;
const TEST_TIMEOUT = 120_000;

let server;
let browser;
const u = (rel = '') => server.origin + BASE + rel;

before(async () => {
  assert.ok(SITE, 'ARCHIVE_SITE is not set');
  assert.ok(fs.existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}`);
  server = await startServer({ root: SITE, base: BASE });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function page(width, body) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const p = await context.newPage();
  const problems = [];
  p.on('pageerror', (e) => problems.push(e.message));
  p.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} for ${r.url()}`));
  try {
    await body(p);
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, []);
}

for (const [lang, heading, off] of [['ru', 'Карта', 'вне карты'], ['kk', 'Карта', 'картадан тыс']]) {
  test(`the home map draws its outlines and its points lead to the place pages (${lang})`, { timeout: TEST_TIMEOUT }, async () => {
    await page(1366, async (p) => {
      const outline = p.waitForResponse((r) => r.url().endsWith('/assets/map.svg'));
      await p.goto(u(`${lang}/`));
      assert.equal((await outline).status(), 200);
      const map = p.locator('.map-section');
      assert.equal(await map.locator('h2').textContent(), heading);
      // The outlines drew: the land layer has a size.
      const box = await map.locator('use.land').first().boundingBox();
      assert.ok(box && box.width > 300 && box.height > 150, JSON.stringify(box));
      const points = map.locator('svg a');
      const n = await points.count();
      assert.ok(n > 0, 'points on the map');
      const rows = map.locator('details table tbody tr');
      assert.ok((await rows.count()) >= n, 'every point is in the table');
      const offRows = await map.locator('details tbody small').allTextContents();
      assert.ok(offRows.every((t) => t === `(${off})`), offRows.join('|'));
      // Each point is a link with a name, to a place page that exists and names it in its h1.
      const hrefs = await points.evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.getAttribute('aria-label')]));
      for (const [href, label] of hrefs) {
        assert.match(href, new RegExp(`^${BASE}${lang}/places/[a-z0-9-]+/$`));
        assert.ok(label && label.length > 1, href);
        const tableHrefs = await rows.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        assert.ok(tableHrefs.includes(href), `${href} missing from the table`);
      }
      const [href, label] = hrefs[0];
      await points.first().click();
      await p.waitForURL((x) => x.pathname === href);
      assert.ok(label.startsWith((await p.locator('h1').textContent()).trim()), `${label} vs h1`);
      // The place page marks its own place.
      assert.equal(await p.locator('.map-section svg a circle.focus').count(), 1);
    });
  });
}

test('an organization page shades its members, with a legend; the map fits a phone', { timeout: TEST_TIMEOUT }, async () => {
  await page(390, async (p) => {
    await p.goto(u('kk/organizations/sco/'));
    const map = p.locator('.map-section');
    assert.ok((await map.locator('use.land.m').count()) >= 8, 'SCO members shaded');
    assert.ok((await map.locator('.legend li').count()) >= 2);
    const box = await map.locator('svg').boundingBox();
    assert.ok(box.width <= 390 && box.x >= 0, JSON.stringify(box));
    const scrollWidth = await p.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= 390, `page scrolls sideways: ${scrollWidth}`);
    // A point is large enough to tap.
    const pt = await map.locator('svg a circle').first().boundingBox();
    assert.ok(pt.width >= 9, `point too small on a phone: ${pt.width}`);
    if (SHOTS) await map.screenshot({ path: `${SHOTS}/map-sco-kk-390.png` });
  });
});
