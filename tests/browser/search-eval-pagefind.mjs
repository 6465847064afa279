// Pagefind beside archive's own search (issue 14, item 7): indexes the evaluation site's document
// pages with Pagefind (the npm package, its Node API, default settings) and runs each query
// through Pagefind's own search runtime in headless Chromium, on a page of the query's language
// (so Pagefind picks the index it would give that reader), mapping every result back to the
// document key the judgments use. search-eval.mjs prints its scores next to archive's.

import fs from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Every document page of the built site: `<lang>/documents/<year or undated>/<slug>/index.html`. */
function documentPages(out) {
  const pages = [];
  for (const lang of ['ru', 'kk']) {
    const root = path.join(out, lang, 'documents');
    for (const group of fs.readdirSync(root)) {
      if (!/^(\d{4}|undated)$/.test(group)) continue; // `page/` holds the listing's pages
      for (const slug of fs.readdirSync(path.join(root, group))) {
        const file = path.join(root, group, slug, 'index.html');
        if (fs.existsSync(file)) pages.push({ url: `/${lang}/documents/${group}/${slug}/`, file });
      }
    }
  }
  return pages;
}

/** Writes a Pagefind index of the document pages to out/pagefind/. */
export async function indexWithPagefind(out) {
  const { index, errors } = await pagefind.createIndex({});
  if (errors.length) throw new Error(`pagefind: ${errors.join('; ')}`);
  for (const p of documentPages(out)) {
    const r = await index.addHTMLFile({ url: p.url, content: fs.readFileSync(p.file, 'utf8') });
    if (r.errors.length) throw new Error(`pagefind ${p.url}: ${r.errors.join('; ')}`);
  }
  const w = await index.writeFiles({ outputPath: path.join(out, 'pagefind') });
  if (w.errors.length) throw new Error(`pagefind: ${w.errors.join('; ')}`);
  await pagefind.close();
}

/**
 * A ranker over the built site for search-eval.mjs: `rank(q, lang)` gives the document keys of
 * Pagefind's results in its order. Call `close()` when done.
 */
export async function pagefindRanker(out, keys) {
  await indexWithPagefind(out);
  const server = await startServer({ root: out });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const pages = {};
  const pageFor = async (lang) => {
    if (!pages[lang]) {
      pages[lang] = await browser.newPage();
      await pages[lang].goto(`${server.url.replace(/\/$/, '')}/${lang}/`);
      await pages[lang].evaluate(async () => {
        window.pf = await import('/pagefind/pagefind.js');
        await window.pf.init();
      });
    }
    return pages[lang];
  };
  const search = async (q, lang) =>
    (await pageFor(lang)).evaluate(async (text) => {
      const r = await window.pf.search(text);
      return Promise.all(r.results.map(async (x) => (await x.data()).url));
    }, q);
  const rank = async (q, lang) => {
    let urls;
    try {
      urls = await search(q, lang);
    } catch (err) {
      // Pagefind's worker once failed to load its metadata from the local server (seen once in
      // a dozen runs); a fresh page loads it again. A second failure is reported.
      console.error(`pagefind: ${err.message.split('\n')[0]}; retrying «${q}» on a fresh page`);
      await pages[lang].close();
      delete pages[lang];
      urls = await search(q, lang);
    }
    return urls.map((u) => {
      const slug = u.replace(/\/$/, '').split('/').pop();
      return keys.get(slug) ?? slug;
    });
  };
  const close = async () => {
    await browser.close();
    await server.close();
  };
  return { rank, close };
}
