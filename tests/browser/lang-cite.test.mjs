// Language and root, citation and print (issue 15, items 6 and 7), in a real browser:
//
//   ARCHIVE_SITE=DIR [ARCHIVE_BASE=/archive-sub/] [ARCHIVE_SCREENSHOTS=DIR] node --test tests/browser/lang-cite.test.mjs
//
// - the language switch carries ?query and #anchor to the other language (a plain link without JS);
// - the root page picks the language of navigator.languages (kk-KZ → kk/, ru-RU → ru/, en-US →
//   the default), and after the reader chose a language with the switch, that choice;
// - the root 404 speaks both languages;
// - the citation's access date is today's (a placeholder without JS); the copy button copies the
//   reference and says so in a live region, in both languages;
// - printing puts the metadata and the citation before the text and drops widgets and triangles.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, normalizeBase } from './server.mjs';

const SITE = process.env.ARCHIVE_SITE;
const BASE = normalizeBase(process.env.ARCHIVE_BASE ?? '/');
const SHOTS = process.env.ARCHIVE_SCREENSHOTS || '';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
// A decision with a table of contents, a review note (a <details>) and an event with a place.
const DOC = 'documents/2024/ob-otchete-sekretariata-shankhaiskoi-organizatsii-sotrudnichestva-o-meropriiatiiakh/';
const DESKTOP = { viewport: { width: 1366, height: 900 } };
const COPIED = { ru: 'Скопировано', kk: 'Көшірілді' };
const COPY = { ru: 'Скопировать ссылку', kk: 'Сілтемені көшіру' };
const PLACEHOLDER = { ru: 'ДД.ММ.ГГГГ', kk: 'КК.АА.ЖЖЖЖ' };
const ACCESSED = { ru: '(дата обращения: ', kk: '(қаралған күні: ' };

let server;
let browser;
let ORIGIN;
const u = (rel = '') => ORIGIN + BASE + rel;

before(async () => {
  assert.ok(SITE && fs.existsSync(path.join(SITE, 'index.html')), 'set ARCHIVE_SITE to a built site');
  server = await startServer({ root: SITE, base: BASE });
  ORIGIN = server.origin;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** `body(page, context)` in a fresh context; page errors fail the test. */
async function inContext(options, body) {
  const { expected404, ...contextOptions } = options;
  const context = await browser.newContext({ ...DESKTOP, ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    // An HTTP error is reported below with its address (a 404 test expects one).
    if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !(expected404 || []).includes(r.url())) errors.push(`${r.status()} ${r.url()}`);
  });
  try {
    await body(page, context);
  } finally {
    await context.close();
  }
  assert.deepEqual(errors, [], 'no script errors');
}

function today() {
  const d = new Date();
  const two = (n) => String(n).padStart(2, '0');
  return `${two(d.getDate())}.${two(d.getMonth() + 1)}.${d.getFullYear()}`;
}

async function shot(page, name) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

test('the language switch carries the query string and the #anchor', async () => {
  await inContext({}, async (page) => {
    await page.goto(u(`ru/${DOC}?from=feed#cite-text`));
    await page.click('nav.lang-switch a[hreflang="kk"]');
    await page.waitForURL(u(`kk/${DOC}?from=feed#cite-text`));
    assert.equal(await page.getAttribute('html', 'lang'), 'kk');
    // An anchor chosen after load travels too.
    await page.goto(u(`kk/${DOC}`));
    await page.evaluate(() => { location.hash = 'doc-title'; });
    await page.click('nav.lang-switch a[hreflang="ru"]');
    await page.waitForURL(u(`ru/${DOC}#doc-title`));
  });
  await inContext({ javaScriptEnabled: false }, async (page) => {
    await page.goto(u(`ru/${DOC}?from=feed#cite-text`));
    assert.equal(await page.getAttribute('nav.lang-switch a[hreflang="kk"]', 'href'), `${BASE}kk/${DOC}`);
  });
});

test('the root page picks the language of the browser, else the default', async () => {
  for (const [locale, lang] of [['kk-KZ', 'kk'], ['ru-RU', 'ru'], ['en-US', 'ru']]) {
    await inContext({ locale }, async (page) => {
      await page.goto(u(''));
      await page.waitForURL(u(`${lang}/`));
      assert.equal(await page.getAttribute('html', 'lang'), lang, `locale ${locale}`);
    });
  }
});

test('after the reader chose a language with the switch, the root page keeps that choice', async () => {
  await inContext({ locale: 'kk-KZ' }, async (page) => {
    await page.goto(u(''));
    await page.waitForURL(u('kk/'));
    await page.click('nav.lang-switch a[hreflang="ru"]');
    await page.waitForURL(u('ru/'));
    await page.goto(u(''));
    await page.waitForURL(u('ru/'));
    assert.equal(await page.getAttribute('html', 'lang'), 'ru');
  });
});

test('the root 404 page speaks both languages and links both home pages', async () => {
  await inContext({ expected404: [u('no/such/page/')] }, async (page) => {
    const res = await page.goto(u('no/such/page/'));
    assert.equal(res.status(), 404);
    const text = await page.textContent('main');
    assert.match(text, /Страница не найдена/);
    assert.match(text, /Бет табылмады/);
    assert.ok(await page.$(`main a[href="${BASE}ru/"]`), 'a link to the Russian home');
    assert.ok(await page.$(`main a[href="${BASE}kk/"][hreflang="kk"]`), 'a link to the Kazakh home');
    assert.equal(await page.getAttribute('section[lang="kk"]', 'lang'), 'kk');
  });
});

for (const lang of ['ru', 'kk']) {
  test(`${lang}: the citation's access date is today's; a placeholder without JavaScript`, async () => {
    await inContext({}, async (page) => {
      await page.goto(u(`${lang}/${DOC}`));
      const cite = (await page.textContent('#cite-text')).replace(/\s+/g, ' ');
      assert.ok(cite.endsWith(`${ACCESSED[lang]}${today()}).`), cite);
      await shot(page, `cite-${lang}-document`);
    });
    await inContext({ javaScriptEnabled: false }, async (page) => {
      await page.goto(u(`${lang}/${DOC}`));
      const cite = (await page.textContent('#cite-text')).replace(/\s+/g, ' ');
      assert.ok(cite.endsWith(`${ACCESSED[lang]}${PLACEHOLDER[lang]}).`), cite);
      assert.equal(await page.isVisible('.cite-copy button'), false, 'no copy button without JavaScript');
    });
  });

  test(`${lang}: the copy button copies the reference and announces it`, async () => {
    await inContext({}, async (page, context) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
      await page.goto(u(`${lang}/${DOC}`));
      const button = page.getByRole('button', { name: COPY[lang] });
      assert.equal(await button.isVisible(), true);
      await button.click();
      const status = page.locator('.cite-copy [role="status"]');
      await status.filter({ hasText: COPIED[lang] }).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      const shown = (await page.textContent('#cite-text')).replace(/\s+/g, ' ').trim();
      assert.equal(copied, shown);
      assert.ok(copied.includes(today()), copied);
    });
  });

  test(`${lang}: print puts metadata and citation before the text and drops widgets`, async () => {
    await inContext({}, async (page) => {
      await page.goto(u(`${lang}/${DOC}`));
      await page.emulateMedia({ media: 'print' });
      const top = async (sel) => (await page.locator(sel).first().boundingBox())?.y ?? null;
      const facts = await top('dl.facts');
      const citation = await top('section.citation');
      const text = await top('.document-text');
      const links = await top('.doc-aside > section:not(.citation)');
      assert.ok(facts < citation && citation < text && text < links, `order: ${facts} ${citation} ${text} ${links}`);
      for (const sel of ['.header-search', '.cite-copy', '.cite-files', 'nav.lang-switch', 'nav.site-nav']) {
        assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} is not printed`);
      }
      const markers = await page.$$eval('summary', (ss) => ss.map((s) => getComputedStyle(s).listStyleType));
      assert.ok(markers.length > 0 && markers.every((m) => m === 'none'), `summary markers: ${markers}`);
      await shot(page, `cite-${lang}-print`);
    });
  });
}
