// The search measured on real material (issue 14): builds the evaluation site (the shipped
// archive plus the real pages of tests/fixtures/import-eval/ imported with `archive import`),
// runs every query of tests/fixtures/search-eval/queries.json through the browser's own query
// code (static/search.js's `engine`, over the built index files) and prints per-query and total
// recall, precision (of all results and of the first ten), MRR and nDCG@10.
//
//   node tests/browser/search-eval.mjs [--holdout2] [--no-pagefind] [--archive PATH] [--keep DIR]
//
// Scores the dev queries unless --holdout2 (the second holdout, for the end of the round only).
// The first holdout was scored once and is spent: its queries count as dev now.
// `--archive` is the binary (default target/debug/archive, so build it first); `--keep DIR`
// builds into DIR and leaves it there instead of a temporary folder. Unless --no-pagefind, the
// same queries also go through Pagefind on the same site (search-eval-pagefind.mjs, Chromium)
// and both are printed side by side.
// search-eval.test.mjs asserts floors on the dev part through `evaluate`.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const search = require('../../static/search.js');
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURE = path.join(repo, 'tests/fixtures/search-eval');
const PAGES = path.join(repo, 'tests/fixtures/import-eval');

export const queries = () => JSON.parse(fs.readFileSync(path.join(FIXTURE, 'queries.json'), 'utf8'));

/**
 * The import-eval pages of its later collections (`collection = 2` in labels.toml): collected
 * after these queries were judged, so no judgment covers them and they stay out of the site.
 */
function laterPages() {
  const labels = fs.readFileSync(path.join(PAGES, 'labels.toml'), 'utf8');
  const later = new Set();
  for (const entry of labels.split(/^\[\[page\]\]$/m).slice(1)) {
    const file = /^file = "([^"]+)"/m.exec(entry);
    if (file && /^collection = [2-9]/m.test(entry)) later.add(file[1]);
  }
  return later;
}

/** Builds the evaluation site under `dir` (site in dir/site, output in dir/out). */
export function buildSite(archive, dir) {
  const site = path.join(dir, 'site');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(site, { recursive: true });
  for (const p of ['content', 'sources', 'site.toml']) fs.cpSync(path.join(repo, p), path.join(site, p), { recursive: true });
  const later = laterPages();
  const pages = fs
    .readdirSync(PAGES)
    .filter((f) => f.endsWith('.txt') && !later.has(f))
    .sort()
    .map((f) => path.join(PAGES, f));
  const quiet = { stdio: ['ignore', 'ignore', 'pipe'] };
  execFileSync(archive, ['import', ...pages, '--root', site], quiet);
  const out = path.join(dir, 'out');
  execFileSync(archive, ['build', '--root', site, '--output', out, '--base-url', 'http://127.0.0.1/'], quiet);
  return { site, out };
}

/**
 * The key a judgment names each document by: the import-eval page it was imported from
 * (`tass-1`), or for the shipped archive's own documents their slug. Map slug → key.
 */
export function documentKeys(site) {
  const keys = new Map();
  const pages = new Set(fs.readdirSync(PAGES).map((f) => f.replace(/\.txt$/, '')));
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) {
        const slug = e.name.slice(0, -3);
        const from = /^imported_from: "?sources\/([^".]+)\.txt/m.exec(fs.readFileSync(p, 'utf8'));
        keys.set(slug, from && pages.has(from[1]) ? from[1] : slug);
      }
    }
  };
  walk(path.join(site, 'content/documents'));
  return keys;
}

/** The ranked document keys the browser's search gives for `q`. */
export async function rankedKeys(out, keys, q) {
  const dir = path.join(out, 'search');
  const getJson = async (p) => JSON.parse(fs.readFileSync(path.join(dir, p), 'utf8'));
  const index = search.engine(getJson, 'ru', '/ru/');
  const meta = await index.loadMeta();
  const r = await index.run(q);
  if (!r) return [];
  const ranked = [];
  for (const id of r.ids) {
    const file = await getJson(`r/${Math.floor(id / meta.per)}.json`);
    const slug = file[id % meta.per][1].replace(/\/$/, '').split('/').pop();
    ranked.push(keys.get(slug) ?? slug);
  }
  return ranked;
}

/** Scores of one ranked list against graded judgments ({key: 1 or 2}). */
export function score(ranked, relevant) {
  const rel = (k) => relevant[k] || 0;
  const total = Object.keys(relevant).length;
  const found = ranked.filter((k) => rel(k)).length;
  const top = ranked.slice(0, 10);
  const first = ranked.findIndex((k) => rel(k));
  const dcg = (gains) => gains.reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg(Object.values(relevant).sort((a, b) => b - a).slice(0, 10));
  return {
    recall: total ? found / total : 1,
    precision: ranked.length ? found / ranked.length : total ? 0 : 1,
    // Of what the first ten results show (fewer when fewer are found).
    p10: top.length ? top.filter((k) => rel(k)).length / top.length : total ? 0 : 1,
    mrr: first < 0 ? 0 : 1 / (first + 1),
    ndcg: ideal ? dcg(top.map(rel)) / ideal : 1,
    missed: Object.keys(relevant).filter((k) => !ranked.includes(k)),
    wrong: ranked.filter((k) => !rel(k)),
  };
}

/** The splits a scored set takes its queries from: the spent first holdout is dev now. */
const SETS = { dev: ['dev', 'holdout'], holdout2: ['holdout2'] };

/**
 * Every query of the set `which` (dev or holdout2) scored on the built site: per query and the
 * means. `rank(q, lang, keys)` gives a query's ranked document keys: archive's own search unless
 * another engine's is passed (search-eval-pagefind.mjs).
 */
export async function evaluate(built, which, rank = (q, lang, keys) => rankedKeys(built.out, keys, q)) {
  const keys = documentKeys(built.site);
  const rows = [];
  for (const q of queries().filter((x) => SETS[which].includes(x.split))) {
    rows.push({ q, s: score(await rank(q.q, q.lang, keys), q.relevant) });
  }
  const mean = (f) => rows.reduce((a, r) => a + r.s[f], 0) / rows.length;
  const total = Object.fromEntries(['recall', 'precision', 'p10', 'mrr', 'ndcg'].map((f) => [f, mean(f)]));
  return { rows, total };
}

export function table({ rows, total }) {
  const f = (x) => x.toFixed(2);
  const lines = ['| id | lang | query | rel | recall | prec | P@10 | MRR | nDCG@10 | missed / wrong |', '|---|---|---|---|---|---|---|---|---|---|'];
  for (const { q, s } of rows) {
    const notes = [s.missed.length ? `missed ${s.missed.join(' ')}` : '', s.wrong.length ? `wrong ${s.wrong.length}` : ''].filter(Boolean).join('; ');
    lines.push(`| ${q.id} | ${q.lang} | ${q.q} | ${Object.keys(q.relevant).length} | ${f(s.recall)} | ${f(s.precision)} | ${f(s.p10)} | ${f(s.mrr)} | ${f(s.ndcg)} | ${notes} |`);
  }
  lines.push(`| **mean** | | ${rows.length} queries | | **${f(total.recall)}** | **${f(total.precision)}** | **${f(total.p10)}** | **${f(total.mrr)}** | **${f(total.ndcg)}** | |`);
  return lines.join('\n');
}

/** The means of several engines on the same queries, one row each. */
export function sideBySide(results) {
  const f = (x) => x.toFixed(2);
  const lines = ['| engine | queries | recall | precision | P@10 | MRR | nDCG@10 |', '|---|---|---|---|---|---|---|'];
  for (const [name, { rows, total: t }] of Object.entries(results)) {
    lines.push(`| ${name} | ${rows.length} | ${f(t.recall)} | ${f(t.precision)} | ${f(t.p10)} | ${f(t.mrr)} | ${f(t.ndcg)} |`);
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
  const archive = path.resolve(opt('--archive', path.join(repo, 'target/debug/archive')));
  const keep = opt('--keep', null);
  const dir = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'search-eval-'));
  try {
    const built = buildSite(archive, dir);
    const split = args.includes('--holdout2') ? 'holdout2' : 'dev';
    const ours = await evaluate(built, split);
    console.log(`## archive, ${split} queries\n\n${table(ours)}\n`);
    if (!args.includes('--no-pagefind')) {
      // Loaded only here: the floors test needs neither Pagefind nor Chromium.
      const { pagefindRanker } = await import('./search-eval-pagefind.mjs');
      const pf = await pagefindRanker(built.out, documentKeys(built.site));
      try {
        const theirs = await evaluate(built, split, (q, lang) => pf.rank(q, lang));
        console.log(`## Pagefind, ${split} queries\n\n${table(theirs)}\n`);
        console.log(`## side by side, ${split} queries\n\n${sideBySide({ archive: ours, Pagefind: theirs })}`);
      } finally {
        await pf.close();
      }
    }
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}
