// Phone-width (390×844) reading, in both UI languages: a long decision shows its event and
// entities before its text, the facts link to the citation, charts keep labels of at least
// 11 px inside a box of their own, and entity pages with long names do not scroll sideways.
//
//   ARCHIVE_SITE=DIR [ARCHIVE_BASE=/archive-sub/] node --test tests/browser/phone.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer, normalizeBase } from './server.mjs';

const SITE = process.env.ARCHIVE_SITE;
const BASE = normalizeBase(process.env.ARCHIVE_BASE ?? '/');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
// The shipped archive's long decision (No. 158 with the Secretariat's report, ~40,000 px of text).
const DECISION = 'documents/2024/ob-otchete-sekretariata-shankhaiskoi-organizatsii-sotrudnichestva-o-meropriiatiiakh/';

let server;
let browser;
before(async () => {
  assert.ok(SITE, 'ARCHIVE_SITE is not set');
  server = await startServer({ root: SITE, base: BASE });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function phonePage(rel) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(server.origin + BASE + rel, { waitUntil: 'load' });
  return { context, page };
}

for (const lang of ['ru', 'kk']) {
  test(`${lang}: a long decision's event and entities come before its text on a phone`, async () => {
    const { context, page } = await phonePage(`${lang}/${DECISION}`);
    const top = (sel) => page.locator(sel).first().evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
    const text = await top('.document-text');
    const panel = await top('.doc-links');
    assert.ok(panel < text, `the links panel (${panel}px) must come before the text (${text}px)`);
    // The event, a country and an organization are all in the panel, above the text.
    for (const sel of ['.doc-links a[href*="/events/"]', '.doc-links a[href*="/countries/"]', '.doc-links a[href*="/organizations/"]']) {
      assert.ok((await top(sel)) < text, `${sel} is below the text`);
    }
    // The facts link to the citation, which follows the text.
    const jump = page.locator('.doc-header a[href="#citation"]');
    assert.equal(await jump.count(), 1);
    await jump.click();
    assert.ok(await page.locator('#citation').isVisible());
    assert.ok((await top('#citation')) > text);
    await context.close();
  });

  test(`${lang}: charts keep 11 px labels on a phone and pages do not scroll sideways`, async () => {
    for (const rel of ['organizations/sco/', 'countries/kazakhstan/', 'organizations/cis/', DECISION]) {
      const { context, page } = await phonePage(`${lang}/${rel}`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 390, `${rel}: the page is ${wide}px wide on a 390px phone`);
      const smallest = await page.evaluate(() => {
        let min = Infinity;
        for (const t of document.querySelectorAll('.chart svg text')) {
          const px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
          min = Math.min(min, px);
        }
        return min;
      });
      assert.ok(smallest >= 11, `${rel}: a chart label is drawn at ${smallest.toFixed(1)}px`);
      // No label starts left of its chart's box (cut off where the box scrolls).
      const cut = await page.evaluate(() =>
        [...document.querySelectorAll('.chart')].flatMap((fig) => {
          const box = fig.querySelector('svg')?.getBoundingClientRect();
          return box ? [...fig.querySelectorAll('svg text')].filter((t) => t.getBoundingClientRect().left < box.left - 1).map((t) => t.textContent) : [];
        }),
      );
      assert.deepEqual(cut, [], `${rel}: labels cut at the chart's left edge`);
      await context.close();
    }
  });
}
