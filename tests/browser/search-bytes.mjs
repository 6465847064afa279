// Bytes a search fetches: opens {lang}/search/?q=QUERY of a built site in headless Chromium and
// sums every file the page requests under search/ (and the script), raw and gzip-compressed
// (GitHub Pages serves JSON and JS gzipped). Not a test; the figure quoted in README «Search».
//
//   node tests/browser/search-bytes.mjs SITE [QUERY] [LANG] [BASE]

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const [site, query = 'Казахстана', lang = 'ru', base = '/'] = process.argv.slice(2);
if (!site) {
  console.error('usage: node tests/browser/search-bytes.mjs SITE [QUERY] [LANG] [BASE]');
  process.exit(2);
}
const server = await startServer({ root: site, base });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
const page = await browser.newPage();
const files = [];
page.on('requestfinished', (req) => {
  const rel = new URL(req.url()).pathname.slice(base.length);
  if (rel.startsWith('search/') || rel === 'assets/search.js') files.push(rel);
});
await page.goto(`${server.url}${lang}/search/?q=${encodeURIComponent(query)}`);
// Settled: the count announced, the first page of results (up to 20) listed, and no snippet near
// the first screen still waiting for its text (on a large index the query's own work can leave the
// network idle for a while before the records are asked for).
await page.waitForFunction(() => {
  const n = Number(document.getElementById('search-status').textContent.replace(/\D/g, ''));
  const items = document.querySelectorAll('#search-results li');
  const pending = [...document.querySelectorAll('#search-results .search-snippet[data-from="pending"]')].some((p) => p.getBoundingClientRect().top < innerHeight);
  return n > 0 && items.length === Math.min(n, 20) && !pending;
}, null, { timeout: 60_000 });
await page.waitForLoadState('networkidle');
// SEARCH_BYTES_SCROLL=1: scroll through all twenty results, so every snippet's text is fetched
// (by default only the results near the first screen fetch theirs, as for a reader who stops there).
if (process.env.SEARCH_BYTES_SCROLL) {
  for (const li of await page.locator('#search-results li').all()) await li.scrollIntoViewIfNeeded();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
}
const status = await page.locator('#search-status').textContent();
let raw = 0;
let gz = 0;
const rows = [];
for (const rel of files) {
  const bytes = fs.readFileSync(path.join(site, decodeURIComponent(rel)));
  const z = zlib.gzipSync(bytes, { level: 6 }).length;
  raw += bytes.length;
  gz += z;
  rows.push(`${String(bytes.length).padStart(8)} ${String(z).padStart(8)}  ${rel}`);
}
console.log(`«${query}» on ${lang}/search/: ${status}`);
console.log(`     raw     gzip  file\n${rows.join('\n')}`);
console.log(`${files.length} files, ${raw} bytes raw, ${gz} bytes gzip`);
await browser.close();
await server.close();
