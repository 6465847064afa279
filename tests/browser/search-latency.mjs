// How soon a search shows its first result on a slow link: opens {lang}/search/?q=QUERY of a
// built site in headless Chromium with the network throttled through the DevTools protocol
// (Network.emulateNetworkConditions: 1.6 Mbit/s down, 750 kbit/s up, 150 ms added to every
// response; browser cache off), served gzip-compressed as GitHub Pages serves it, and times from
// the start of navigation to the first result's title on screen and to its snippet. Each query
// runs RUNS times in a fresh browser context; the table gives the median. Not a test (timings
// depend on the machine); the figures quoted in README «Search».
//
//   node tests/browser/search-latency.mjs SITE [LANG] [QUERY...]
//
// The server speaks HTTP/1.1 (six connections per host in Chromium), GitHub Pages HTTP/2: a
// page that fetches many small files waits here for more round trips than it would there.

import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const [site, lang = 'ru', ...given] = process.argv.slice(2);
if (!site) {
  console.error('usage: node tests/browser/search-latency.mjs SITE [LANG] [QUERY...]');
  process.exit(2);
}
const queries = given.length ? given : ['Казахстана', 'сотрудничество', 'Казахстан Китай', 'экономическое сотрудничество'];
const RUNS = Number(process.env.RUNS || 3);
const LINK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };

const server = await startServer({ root: site, gzip: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });

/** One timed search: milliseconds from navigation start to the first title and first snippet. */
async function once(query) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', LINK);
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    requests += 1;
  });
  await page.goto(`${server.url}${lang}/search/?q=${encodeURIComponent(query)}`, { waitUntil: 'commit' });
  // performance.now() counts from the navigation's start (the page's time origin).
  const title = await page.waitForFunction(() => {
    const a = document.querySelector('#search-results li a');
    return !!a && a.getBoundingClientRect().height > 0 && performance.now();
  }, null, { polling: 'raf', timeout: 30_000 });
  const firstTitle = await title.jsonValue();
  const firstRequests = requests;
  const firstBytes = bytes;
  const snip = await page.waitForFunction(() => !!document.querySelector('#search-results li .search-snippet[data-from="text"]') && performance.now(), null, { polling: 'raf', timeout: 30_000 });
  const firstSnippet = await snip.jsonValue();
  const count = (await page.locator('#search-status').textContent()).replace(/\D/g, '');
  await context.close();
  return { firstTitle, firstSnippet, count, firstRequests, firstBytes };
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${lang}/search/ on ${site}: 1.6 Mbit/s, 150 ms, no cache; median of ${RUNS} runs`);
console.log('| query | results | first result (ms) | its snippet (ms) | requests / KB on the wire before the first result |');
console.log('|---|---|---|---|---|');
for (const q of queries) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(q));
  const m = (k) => Math.round(median(runs.map((r) => r[k])));
  console.log(`| «${q}» | ${runs[0].count} | ${m('firstTitle')} | ${m('firstSnippet')} | ${m('firstRequests')} / ${(m('firstBytes') / 1024).toFixed(1)} |`);
}
await browser.close();
await server.close();
