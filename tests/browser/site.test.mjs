// Real-browser tests for the built `archive` site.
//
//   ARCHIVE_SITE=DIR [ARCHIVE_BASE=/archive-sub/] [ARCHIVE_SCREENSHOTS=DIR] node --test tests/browser/
//
// The reader's path through the site is followed by clicking links; only the
// first page of each test is opened by URL. Every page reached is also checked
// for console errors, failed requests and the page skeleton of the contract
// (html lang, landmarks, skip link, one h1, language switch to an existing
// counterpart page).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, normalizeBase } from './server.mjs';

const SITE = process.env.ARCHIVE_SITE;
const BASE = normalizeBase(process.env.ARCHIVE_BASE ?? '/');
const SHOTS = process.env.ARCHIVE_SCREENSHOTS || '';
// The site's sources, to learn a document's language independently of the page.
const CONTENT = process.env.ARCHIVE_CONTENT || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../content');
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

const LANGS = ['ru', 'kk'];
const EVENT_ID = '2019-11-02-sco-heads-of-government-tashkent';
const KAZAKHSTAN = { ru: 'Казахстан', kk: 'Қазақстан' };
const WAYS_IN = ['events', 'countries', 'organizations', 'people', 'years'];
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const TEST_TIMEOUT = 180_000;

let server;
let browser;
let ORIGIN;

/** Absolute URL of a path relative to the base path: u('ru/events/'). */
const u = (rel = '') => ORIGIN + BASE + rel;
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A document page: B{lang}/documents/{yyyy|undated}/{slug}/ */
const docUrlRe = (lang) => new RegExp('^' + escapeRe(u(`${lang}/documents/`)) + '(\\d{4}|undated)/[^/?#]+/$');
/** Drop the fragment and a trailing index.html, so equal pages compare equal. */
const canon = (href) => href.split('#')[0].replace(/\/index\.html$/, '/');

before(async () => {
  assert.ok(
    SITE,
    'ARCHIVE_SITE is not set: build the site (cargo run --release -- build --root . --output DIR --base-url URL) ' +
      'and run ARCHIVE_SITE=DIR node --test tests/browser/',
  );
  assert.ok(fs.existsSync(path.join(SITE, 'index.html')), `${SITE}/index.html does not exist: is ARCHIVE_SITE a built site?`);
  assert.ok(fs.existsSync(CHROMIUM), `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  server = await startServer({ root: SITE, base: BASE });
  ORIGIN = server.origin;
  // launch() gives the browser a fresh temporary profile (a mkdtemp user data
  // dir that Playwright removes on close); every test gets its own context.
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * One reader in one fresh browser context and page. Tracks console errors,
 * uncaught exceptions, failed requests and HTTP errors, and audits every page
 * it arrives at.
 */
class Reader {
  constructor(context, page, { expected404 = [] } = {}) {
    this.context = context;
    this.page = page;
    this.expected404 = new Set(expected404);
    this.problems = []; // contract point 4
    this.structure = []; // page skeleton problems
    this.visited = [];
    this.checkedIcons = new Set();
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const loc = msg.location()?.url ?? '';
      if (this.expected404.has(loc) && /status of 404/.test(msg.text())) return;
      // Chromium's own guess at ORIGIN/favicon.ico (made when a page declares no
      // icon, and only sometimes before the test moves on) is not the site's request;
      // declared icons are checked in audit().
      if (loc === `${ORIGIN}/favicon.ico`) return;
      this.problems.push(`console error on ${page.url()}: ${msg.text()}${loc ? ` (at ${loc})` : ''}`);
    });
    page.on('pageerror', (err) => this.problems.push(`uncaught exception on ${page.url()}: ${err.message}`));
    page.on('requestfailed', (req) =>
      this.problems.push(`request failed: ${req.method()} ${req.url()} — ${req.failure()?.errorText} (page ${page.url()})`),
    );
    page.on('response', (res) => {
      if (res.status() < 400) return;
      if (res.status() === 404 && this.expected404.has(res.url())) return;
      this.problems.push(`HTTP ${res.status()} for ${res.url()} (page ${page.url()})`);
    });
  }

  /** Open the first page of a test by URL (relative to the base path). */
  async start(rel = '') {
    const res = await this.page.goto(u(rel), { waitUntil: 'load' });
    return res;
  }

  /** Wait until the page is `url` and loaded, then audit it. */
  async arrive(url, { audit = true } = {}) {
    await this.page.waitForURL((x) => canon(x.href) === canon(url), { waitUntil: 'load' });
    await this.page.evaluate(() => document.fonts.ready.then(() => undefined));
    this.visited.push(this.page.url());
    if (audit) await this.audit();
  }

  /**
   * A visible link in `scope` whose resolved href is `target` (string) or
   * matches it (RegExp), optionally containing `text`. Returns a Locator or null.
   */
  async link(target, { scope = 'main', anchor = 'a[href]', text } = {}) {
    const all = this.page.locator(`${scope} ${anchor}`);
    const idx = await all.evaluateAll(
      (as, [src, flags, isRe, text]) => {
        const canon = (h) => h.split('#')[0].replace(/\/index\.html$/, '/');
        const re = isRe ? new RegExp(src, flags) : null;
        return as.findIndex(
          (a) =>
            (re ? re.test(canon(a.href)) : canon(a.href) === canon(src)) &&
            (!text || a.textContent.includes(text)) &&
            a.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
        );
      },
      target instanceof RegExp ? [target.source, target.flags, true, text] : [target, '', false, text],
    );
    return idx < 0 ? null : all.nth(idx);
  }

  async mustLink(target, opts = {}) {
    const l = await this.link(target, opts);
    if (!l) {
      const hrefs = await this.page
        .locator(`${opts.scope ?? 'main'} ${opts.anchor ?? 'a[href]'}`)
        .evaluateAll((as) => as.slice(0, 40).map((a) => `${a.href} «${a.textContent.trim().slice(0, 40)}»`));
      assert.fail(
        `no visible link to ${target}${opts.text ? ` with text «${opts.text}»` : ''} in ${opts.scope ?? 'main'} ` +
          `of ${this.page.url()}; links there:\n  ${hrefs.join('\n  ') || '(none)'}`,
      );
    }
    return l;
  }

  /** Click the link to `target` and wait for its page. `target` may be a RegExp. */
  async clickTo(target, opts = {}) {
    const l = await this.mustLink(target, opts);
    const href = canon(await l.evaluate((a) => a.href));
    await l.click();
    await this.arrive(href);
    return href;
  }

  async goBack(url) {
    await this.page.goBack({ waitUntil: 'load' });
    await this.arrive(url, { audit: false });
  }

  /** The root page's HTML as served (read outside the page: its refresh may leave at once). */
  async rootHtml() {
    const res = await this.context.request.get(u(''));
    assert.equal(res.status(), 200, `the root page ${u('')} answers HTTP ${res.status()}`);
    return res.text();
  }

  async htmlLang() {
    return this.page.evaluate(() => document.documentElement.getAttribute('lang'));
  }

  async h1() {
    const texts = await this.page.locator('h1').allTextContents();
    assert.equal(texts.length, 1, `expected exactly one <h1> on ${this.page.url()}, found ${texts.length}: ${JSON.stringify(texts)}`);
    return texts[0].replace(/\s+/g, ' ').trim();
  }

  /** Page skeleton checks from the contract, recorded (not thrown) per page. */
  async audit() {
    const url = canon(this.page.url());
    const note = (msg) => this.structure.push(`${url}: ${msg}`);
    const m = url.startsWith(u()) ? /^(ru|kk)\/(.*)$/.exec(url.slice(u().length)) : null;
    const is404 = url === u('404.html') || this.expected404.has(url);
    const info = await this.page.evaluate(() => {
      const outside = (el) => !el.closest('main, article, aside, nav, section');
      const sw = document.querySelector('nav.lang-switch');
      return {
        lang: document.documentElement.getAttribute('lang'),
        h1: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim()),
        header: [...document.querySelectorAll('header')].some(outside),
        footer: [...document.querySelectorAll('footer')].some(outside),
        mains: document.querySelectorAll('main').length,
        mainId: document.querySelector('main')?.id ?? null,
        skip: !!document.querySelector('a.skip-link[href="#main"]'),
        switchFound: !!sw,
        switchLinks: sw
          ? [...sw.querySelectorAll('a[href]')].map((a) => ({
              hreflang: a.getAttribute('hreflang'),
              href: a.href,
              current: a.hasAttribute('aria-current') && a.getAttribute('aria-current') !== 'false',
            }))
          : [],
        switchText: sw?.textContent.replace(/\s+/g, ' ').trim() ?? '',
        icons: [...document.querySelectorAll('link[rel~="icon"][href]')].map((l) => l.href),
      };
    });
    for (const icon of info.icons) {
      if (this.checkedIcons.has(icon)) continue;
      this.checkedIcons.add(icon);
      const res = await this.context.request.get(icon);
      if (res.status() >= 400) this.problems.push(`HTTP ${res.status()} for the icon ${icon} declared by ${url}`);
    }
    if (info.h1.length !== 1) note(`expected exactly one <h1>, found ${info.h1.length} ${JSON.stringify(info.h1)}`);
    else if (!info.h1[0]) note('the <h1> is empty');
    if (!info.header) note('no page <header> (outside main/sections)');
    if (!info.footer) note('no page <footer> (outside main/sections)');
    if (info.mains !== 1 || info.mainId !== 'main') note(`expected one <main id="main">, found ${info.mains} main(s), id=${info.mainId}`);
    if (!info.skip) note('no skip link a.skip-link[href="#main"]');
    if (!info.switchFound) {
      note('no <nav class="lang-switch">');
    } else if (is404) {
      // One 404 page serves every missing URL: it has a switch, but no counterpart.
    } else if (m) {
      const [, lang, rest] = m;
      if (info.lang !== lang) note(`<html lang="${info.lang}"> but the page is under ${lang}/`);
      const other = lang === 'ru' ? 'kk' : 'ru';
      const counterpart = u(`${other}/${rest}`);
      const toOther = info.switchLinks.filter((a) => a.hreflang === other);
      if (!toOther.length) note(`language switch has no <a hreflang="${other}">: ${JSON.stringify(info.switchLinks)}`);
      else if (!toOther.some((a) => canon(a.href) === counterpart))
        note(`language switch <a hreflang="${other}"> goes to ${toOther.map((a) => a.href).join(', ')}, expected the counterpart ${counterpart}`);
      else {
        const res = await this.context.request.get(counterpart, { maxRedirects: 0 });
        if (res.status() !== 200) note(`counterpart page ${counterpart} answers HTTP ${res.status()}`);
      }
      const selfLinks = info.switchLinks.filter((a) => a.hreflang === lang && !a.current);
      if (selfLinks.length) note(`language switch links the current language ${lang} without aria-current`);
      if (!info.switchText) note('language switch shows no text');
    } else if (!is404) {
      note('page is not under B/ru/ or B/kk/');
    }
  }

  /** Throws if anything went wrong on any page (contract point 4). */
  assertClean() {
    assert.deepEqual(this.problems, [], `console errors / failed requests on pages reached:\n  ${this.problems.join('\n  ')}`);
  }

  assertStructure() {
    assert.deepEqual(this.structure, [], `page skeleton problems:\n  ${this.structure.join('\n  ')}`);
  }
}

/**
 * Run `body(reader)` in a fresh browser context, then report contract point 4
 * (console/network) and the page skeleton as subtests of `t`.
 */
async function withReader(t, options, body) {
  const { expected404, ...contextOptions } = options;
  const context = await browser.newContext({ ...DESKTOP, ...contextOptions });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  const page = await context.newPage();
  const reader = new Reader(context, page, { expected404 });
  let failure = null;
  try {
    await body(reader);
  } catch (err) {
    failure = err;
  }
  try {
    await t.test('(4) no console errors, no failed requests, no HTTP errors', () => reader.assertClean());
    await t.test('page skeleton: html lang, header/main#main/footer, skip link, one h1, language switch', () =>
      reader.assertStructure(),
    );
  } finally {
    await context.close();
  }
  if (failure) throw failure;
}

const META_REFRESH = /<meta\b[^>]*http-equiv\s*=\s*["']?refresh["']?[^>]*>/i;

/**
 * From the root page to the Russian home page: follow the meta refresh, or,
 * when the root page has none (test 1b/1c report that), click its ru link.
 */
async function toRussianHome(r) {
  const html = await r.rootHtml();
  await r.start('');
  if (META_REFRESH.test(html)) {
    await r.arrive(u('ru/'));
  } else {
    await r.arrive(u(''), { audit: false });
    await r.clickTo(u('ru/'), { scope: 'body' });
  }
}

// ---------------------------------------------------------------------------

test('1. the root page sends the reader to the Russian home page', { timeout: TEST_TIMEOUT }, async (t) => {
  await withReader(t, {}, async (r) => {
    await toRussianHome(r);
    assert.equal(await r.htmlLang(), 'ru', 'the Russian home page must have <html lang="ru">');
    assert.ok(await r.h1(), 'the Russian home page has an empty <h1>');
  });
});

test('1b. the root page redirects without JavaScript (meta refresh)', { timeout: TEST_TIMEOUT }, async (t) => {
  await withReader(t, { javaScriptEnabled: false }, async (r) => {
    assert.match(await r.rootHtml(), META_REFRESH, `the root page ${u('')} has no <meta http-equiv="refresh">`);
    await r.start('');
    await r.arrive(u('ru/'));
    assert.equal(await r.htmlLang(), 'ru');
  });
});

test('1c. the root page has a meta refresh to ru/ and visible links to each language', { timeout: TEST_TIMEOUT }, async (t) => {
  // Without JavaScript, as the refresh (in <noscript>) is for readers without it; with it, the
  // root page picks the reader's language (lang-cite.test.mjs).
  await withReader(t, { javaScriptEnabled: false }, async (r) => {
    // Keep the reader on the root page: serve it with its meta refresh
    // disarmed, as a browser that does not follow refreshes would show it.
    await r.page.route(u(''), async (route) => {
      const res = await route.fetch();
      const html = (await res.text()).replace(/(<meta\b[^>]*http-equiv\s*=\s*["']?)refresh/gi, '$1x-disarmed-refresh');
      await route.fulfill({ response: res, body: html });
    });
    await r.start('');
    await r.arrive(u(''), { audit: false });
    // Read the refresh from the DOM, so that attribute escaping is decoded as a browser does.
    const content = await r.page.evaluate(() => document.querySelector('meta[http-equiv="x-disarmed-refresh" i]')?.content ?? null);
    assert.ok(content !== null, `the root page ${u('')} has no <meta http-equiv="refresh">`);
    const target = /^\s*\d*(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?['"]?([^'"]*)['"]?\s*$/i.exec(content);
    const refreshTarget = target && target[1] ? new URL(target[1], u('')).href : null;
    assert.equal(refreshTarget, u('ru/'), `the root page's <meta http-equiv="refresh" content="${content}"> must point to ${u('ru/')}`);
    const missing = [];
    for (const lang of LANGS) if (!(await r.link(u(`${lang}/`), { scope: 'body' }))) missing.push(u(`${lang}/`));
    if (missing.length) {
      const links = await r.page
        .locator('body a[href]')
        .evaluateAll((as) => as.map((a) => `${a.href} «${a.textContent.trim()}»${a.hreflang ? ` hreflang=${a.hreflang}` : ''}`));
      assert.fail(`the root page has no visible link to ${missing.join(' or ')}; its links: ${links.join('; ') || '(none)'}`);
    }
    await r.page.unrouteAll();
    await r.clickTo(u('ru/'), { scope: 'body' });
    assert.equal(await r.htmlLang(), 'ru');
  });
});

test('2. home → events → 18th SCO meeting → Kazakhstan → kk and back', { timeout: TEST_TIMEOUT }, async (t) => {
  await withReader(t, {}, async (r) => {
    await toRussianHome(r);

    // Ways in from the home page.
    for (const kind of WAYS_IN) await r.mustLink(u(`ru/${kind}/`), { scope: 'body' });
    await r.mustLink(docUrlRe('ru'), { scope: 'main' }); // latest documents

    const eventsIndexLink = (await r.link(u('ru/events/'), { scope: 'main' })) ? 'main' : 'body';
    await r.clickTo(u('ru/events/'), { scope: eventsIndexLink });
    await r.clickTo(u(`ru/events/${EVENT_ID}/`));
    const eventH1 = await r.h1();
    assert.match(eventH1, /18/, `the event's h1 «${eventH1}» should name the 18th meeting`);
    await r.mustLink(docUrlRe('ru')); // documents about the event

    await r.clickTo(u('ru/countries/kazakhstan/'), { text: KAZAKHSTAN.ru });
    assert.ok(r.page.url().endsWith(`${BASE}ru/countries/kazakhstan/`), r.page.url());
    assert.match(await r.h1(), new RegExp(KAZAKHSTAN.ru));
    assert.equal(await r.htmlLang(), 'ru');

    await r.clickTo(u('kk/countries/kazakhstan/'), { scope: 'nav.lang-switch', anchor: 'a[hreflang="kk"]' });
    assert.equal(await r.htmlLang(), 'kk');
    const kkH1 = await r.h1();
    assert.match(kkH1, new RegExp(KAZAKHSTAN.kk), `kk h1 «${kkH1}» should be «${KAZAKHSTAN.kk}»`);

    await r.clickTo(u('ru/countries/kazakhstan/'), { scope: 'nav.lang-switch', anchor: 'a[hreflang="ru"]' });
    assert.equal(await r.htmlLang(), 'ru');
    assert.match(await r.h1(), new RegExp(KAZAKHSTAN.ru));
  });
});

/** The `lang:` of content/documents/{year}/{slug}.md, when the sources are at hand. */
function sourceLang(year, slug) {
  const file = path.join(CONTENT, 'documents', year, `${slug}.md`);
  if (!fs.existsSync(file)) return null;
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(fs.readFileSync(file, 'utf8'));
  const lang = front && /^lang:\s*["']?([A-Za-z-]+)["']?\s*$/m.exec(front[1]);
  return lang ? { file: path.relative(process.cwd(), file), lang: lang[1] } : null;
}

/** On a document page: the text's lang and the canonical link. Returns the document language. */
async function checkDocumentPage(r) {
  const url = canon(r.page.url());
  const m = new RegExp('^' + escapeRe(u()) + '(ru|kk)/(documents/(?:\\d{4}|undated)/[^/]+/)$').exec(url);
  assert.ok(m, `${url} is not a document page URL`);
  const rest = m[2];
  const [, year, slug] = rest.split('/');
  const text = await r.page.evaluate(() => {
    // The document text: the element in <main> with its own lang attribute
    // holding the most text.
    const cands = [...document.querySelectorAll('main [lang]')].filter((el) => !el.matches('a[hreflang]'));
    cands.sort((a, b) => b.textContent.trim().length - a.textContent.trim().length);
    const el = cands[0];
    return el ? { lang: el.getAttribute('lang'), length: el.textContent.trim().length, tag: el.tagName.toLowerCase() } : null;
  });
  assert.ok(text, `${url}: no element with its own lang attribute inside <main> for the document text`);
  assert.ok(text.length > 0, `${url}: the document text element <${text.tag} lang="${text.lang}"> is empty`);
  const docLang = text.lang;
  const source = sourceLang(year, slug);
  if (source) {
    assert.equal(docLang, source.lang, `${url}: the document text has lang="${docLang}", but ${source.file} says lang: ${source.lang}`);
  }

  const canonicals = await r.page.locator('link[rel="canonical"]').evaluateAll((ls) => ls.map((l) => l.href));
  assert.equal(canonicals.length, 1, `${url}: expected one <link rel="canonical">, found ${JSON.stringify(canonicals)}`);
  const canonPath = new URL(canonicals[0]).pathname;
  if (LANGS.includes(docLang)) {
    assert.equal(
      canonPath,
      `${BASE}${docLang}/${rest}`,
      `${url}: the canonical link ${canonicals[0]} should point to the page under the document's own language (${docLang})`,
    );
  } else {
    // A document in a language the site has no UI for: the contract names no
    // page; the canonical must still be this document under a site language.
    assert.ok(
      LANGS.some((l) => canonPath === `${BASE}${l}/${rest}`),
      `${url}: the canonical link ${canonicals[0]} of a ${docLang} document is not this document under ${LANGS.join(' or ')}`,
    );
  }
  const res = await r.context.request.get(ORIGIN + canonPath);
  assert.equal(res.status(), 200, `the canonical page ${ORIGIN + canonPath} answers ${res.status()}`);
  return docLang;
}

test('3. document pages: text lang is the document language, canonical under that language', { timeout: TEST_TIMEOUT }, async (t) => {
  await withReader(t, {}, async (r) => {
    const docLinks = (lang) =>
      r.page
        .locator('main a[href]')
        .evaluateAll(
          // SVG links (the map's points) have no string href: HTML links only.
          (as, src) => [...new Set(as.filter((a) => typeof a.href === 'string').map((a) => a.href.split('#')[0]).filter((h) => new RegExp(src).test(h)))],
          docUrlRe(lang).source,
        );
    const seen = new Set();
    await toRussianHome(r);
    // The latest documents on the home page, each in both UI languages.
    const latest = await docLinks('ru');
    assert.ok(latest.length > 0, 'the home page lists no latest documents');
    for (const href of latest.slice(0, 6)) {
      const docUrl = await r.clickTo(href);
      seen.add(docUrl);
      const docLang = await checkDocumentPage(r);
      await r.clickTo(docUrl.replace(`${BASE}ru/`, `${BASE}kk/`), { scope: 'nav.lang-switch', anchor: 'a[hreflang="kk"]' });
      assert.equal(await r.htmlLang(), 'kk');
      assert.equal(await checkDocumentPage(r), docLang, 'the document language must not change with the UI language');
      await r.goBack(docUrl);
      await r.goBack(u('ru/'));
    }

    // Documents about the 18th SCO meeting, reached from the event page.
    await r.clickTo(u('ru/events/'), { scope: (await r.link(u('ru/events/'))) ? 'main' : 'body' });
    await r.clickTo(u(`ru/events/${EVENT_ID}/`));
    const eventUrl = canon(r.page.url());
    const about = await docLinks('ru');
    assert.ok(about.length > 0, `the event page ${eventUrl} links to no documents`);
    for (const href of about.filter((h) => !seen.has(canon(h))).slice(0, 3)) {
      await r.clickTo(href);
      await checkDocumentPage(r);
      await r.goBack(eventUrl);
    }
  });
});

test('5. a missing URL serves the 404 page with a link back home', { timeout: TEST_TIMEOUT }, async (t) => {
  const missing = ['ru/documents/1999/no-such-document/', 'no-such-page.html'];
  await withReader(t, { expected404: missing.map((m) => u(m)) }, async (r) => {
    for (const rel of missing) {
      const res = await r.start(rel);
      assert.equal(res.status(), 404, `${u(rel)} should answer 404`);
      await r.arrive(u(rel));
      const title = await r.h1();
      const body = await r.page.locator('body').innerText();
      assert.match(`${title}\n${body}`, /404|не найден|табылмады/i, `${u(rel)} does not look like the 404 page: h1 «${title}»`);
      // Home: the Russian or Kazakh home page, or the root that sends to it.
      const homes = new RegExp('^' + escapeRe(u()) + '((ru|kk)/)?$');
      const home = await r.mustLink(homes, { scope: 'body' });
      const target = canon(await home.evaluate((a) => a.href));
      await home.click();
      await r.arrive(target === u() ? u('ru/') : target);
      assert.ok(['ru', 'kk'].includes(await r.htmlLang()));
      // Its language switch leads to a Kazakh page (the URL typed again).
      await r.start(rel);
      await r.arrive(u(rel), { audit: false });
      const kk = await r.mustLink(/./, { scope: 'nav.lang-switch', anchor: 'a[hreflang="kk"]' });
      const kkTarget = canon(await kk.evaluate((a) => a.href));
      await kk.click();
      await r.arrive(kkTarget, { audit: false });
      assert.equal(await r.htmlLang(), 'kk', `the 404 page's kk language switch link goes to ${kkTarget}, which is not a Kazakh page`);
    }
  });
});

test('6. keyboard: the first Tab focuses a visible skip link that skips to main', { timeout: TEST_TIMEOUT }, async (t) => {
  await withReader(t, {}, async (r) => {
    const focusCheck = async (where) => {
      await r.page.keyboard.press('Tab');
      let last;
      try {
        await r.page.waitForFunction(
          () => {
            const el = document.activeElement;
            if (!el || !el.matches('a.skip-link[href="#main"]')) return false;
            const b = el.getBoundingClientRect();
            const cs = getComputedStyle(el);
            let opacity = 1;
            for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
            const clipped = /rect\(\s*0(px)?[ ,]+0(px)?[ ,]+0(px)?[ ,]+0(px)?\s*\)/.test(cs.clip) || /inset\(\s*50%/.test(cs.clipPath);
            const inView = b.top >= 0 && b.left >= 0 && b.bottom <= innerHeight && b.right <= innerWidth;
            const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
            return b.width >= 8 && b.height >= 8 && inView && cs.visibility === 'visible' && opacity > 0.5 && !clipped && !!hit && (hit === el || el.contains(hit));
          },
          null,
          { timeout: 3_000 },
        );
      } catch {
        last = await r.page.evaluate(() => {
          const el = document.activeElement;
          const b = el?.getBoundingClientRect();
          const cs = el && getComputedStyle(el);
          const hit = b && document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
          return el
            ? `focused ${el.outerHTML.slice(0, 160)}; rect ${Math.round(b.left)},${Math.round(b.top)} ${Math.round(b.width)}×${Math.round(b.height)}; ` +
                `visibility ${cs.visibility}; opacity ${cs.opacity}; clip ${cs.clip}; clip-path ${cs.clipPath}; ` +
                `element on top: ${hit ? hit.outerHTML.slice(0, 80) : 'none'}`
            : 'nothing focused';
        });
        assert.fail(`${where}: after the first Tab, a.skip-link[href="#main"] should be focused and visible; ${last}`);
      }
    };

    await toRussianHome(r);
    await focusCheck('ru home');
    // Following the skip link: the next Tab lands inside <main>.
    await r.page.keyboard.press('Enter');
    await r.page.waitForURL((x) => x.hash === '#main');
    await r.page.keyboard.press('Tab');
    const inMain = await r.page.evaluate(() => !!document.activeElement?.closest('main'));
    assert.ok(inMain, 'after following the skip link, the next Tab should focus something inside <main>');

    // The same on a document page, reached by clicking.
    await r.clickTo(docUrlRe('ru'));
    await focusCheck('document page');
  });
});

test('7. phone width 390×844: no horizontal scroll on home, a document and an event', { timeout: TEST_TIMEOUT }, async (t) => {
  await withReader(t, PHONE, async (r) => {
    const noHScroll = async (what) => {
      const m = await r.page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        innerWidth,
        widest: [...document.querySelectorAll('body *')]
          .map((el) => ({ el, right: el.getBoundingClientRect().right }))
          .filter((x) => x.right > document.documentElement.clientWidth + 0.5)
          .sort((a, b) => b.right - a.right)
          .slice(0, 5)
          .map((x) => `${x.el.tagName.toLowerCase()}${x.el.id ? '#' + x.el.id : ''}${x.el.className && typeof x.el.className === 'string' ? '.' + x.el.className.trim().split(/\s+/).join('.') : ''} (right edge ${Math.round(x.right)})`),
      }));
      assert.equal(
        m.clientWidth,
        390,
        `${what} (${r.page.url()}): laid out ${m.clientWidth}px wide on a 390px phone — missing <meta name="viewport" content="width=device-width">?`,
      );
      assert.ok(
        m.scrollWidth <= m.clientWidth,
        `${what} (${r.page.url()}): scrolls sideways on a phone: scrollWidth ${m.scrollWidth} > clientWidth ${m.clientWidth}; ` +
          `sticking out: ${m.widest.join(', ') || '(nothing found)'}`,
      );
    };

    await toRussianHome(r);
    await noHScroll('home page');
    await r.clickTo(docUrlRe('ru'));
    await noHScroll('document page');
    await r.goBack(u('ru/'));
    await r.clickTo(u('ru/events/'), { scope: (await r.link(u('ru/events/'))) ? 'main' : 'body' });
    await r.clickTo(u(`ru/events/${EVENT_ID}/`));
    await noHScroll('event page');
  });
});

test('screenshots (desktop 1280 and phone 390) of home, document, event, country', { timeout: TEST_TIMEOUT, skip: !SHOTS && 'ARCHIVE_SCREENSHOTS is not set' }, async (t) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const [device, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ]) {
    await t.test(device, async (tt) => {
      await withReader(tt, options, async (r) => {
        const shot = (name) => r.page.screenshot({ path: path.join(SHOTS, `${device}-${name}.png`), fullPage: true });
        await toRussianHome(r);
        await shot('home');
        await r.clickTo(docUrlRe('ru'));
        await shot('document');
        await r.goBack(u('ru/'));
        await r.clickTo(u('ru/events/'), { scope: (await r.link(u('ru/events/'))) ? 'main' : 'body' });
        await r.clickTo(u(`ru/events/${EVENT_ID}/`));
        await shot('event');
        await r.clickTo(u('ru/countries/kazakhstan/'), { text: KAZAKHSTAN.ru });
        await shot('country');
      });
    });
  }
});
