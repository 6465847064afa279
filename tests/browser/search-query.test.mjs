// The browser's query code (static/search.js's `engine`) on small in-memory indexes written the
// way `archive build` writes them: which entities a query names, and how results are ordered.
// Needs no built site.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const search = require('../../static/search.js');

/**
 * Keys of a name as search::entities::name_words splits and stems it for Russian, filed under
 * word `at` (the first unless given): [key, head, rest].
 */
const key = (name, at = 0) => {
  const w = search.tokenize(name).filter((t) => [...t.folded].length >= 2).flatMap((t) => {
    const m = /^(\d+)-(\p{L}+)$/u.exec(t.folded);
    return m ? [m[1], ...([...m[2]].length > 4 ? [search.ruKey(m[2])] : [])] : [search.ruKey(t.folded)];
  });
  return [w[at], w.slice(0, at).join(' '), w.slice(at + 1).join(' ')];
};

/**
 * An index of `docs` ([lang, year]: search ids in order), `terms` ({ru: {stem: [[id, weight]]}})
 * and `entities` ([kind, id, [names…], docs, about, key word's index, [its name per UI language,
 * ru and kk]]), as the files getJson
 * would fetch.
 */
function index({ docs, terms = {}, entities = [] }) {
  const files = new Map();
  const shard = (stem) => {
    const top = [...stem].slice(0, 2).join('');
    const name = `t/${search.shardName(top)}.json`;
    if (!files.has(name)) files.set(name, { t: {}, e: {} });
    return files.get(name);
  };
  for (const [lang, stems] of Object.entries(terms)) {
    for (const [stem, list] of Object.entries(stems)) {
      const s = shard(stem);
      s.t[lang] ??= {};
      s.t[lang][stem] = list.map(([id, wt], k) => (k === 0 ? id : id - list[k - 1][0]) * 16 + wt);
    }
  }
  for (const [kind, id, names, ids, about, at, shown = [names[0]]] of entities) {
    for (const n of names) {
      const [k, head, rest] = key(n, at);
      (shard(k).e[k] ??= []).push([rest, kind, id, shown, `${kind}/${id}/`, ids.length, head]);
    }
    files.set(`e/${kind}/${id}.json`, { d: ids, a: about });
  }
  // Ranges: one per run of equal (language, year), as the build numbers documents.
  const langs = ['ru', 'kk'];
  const ranges = [];
  docs.forEach(([lang, year], id) => {
    const last = ranges[ranges.length - 1];
    if (!last || last[1] !== langs.indexOf(lang) || last[3] !== year) ranges.push([id, langs.indexOf(lang), 0, year]);
  });
  const shards = [...files.keys()].filter((f) => f.startsWith('t/')).map((f) => f.slice(2, -5).split('-').map((h) => String.fromCodePoint(parseInt(h, 16))).join(''));
  files.set('meta.json', { n: docs.length, stop: [], shards: shards.join(' '), langs, ui: ['ru', 'kk'], per: 8, ranges, kinds: ['news'] });
  // Entity id lists are delta lists in the files.
  for (const [f, v] of files) if (f.startsWith('e/')) files.set(f, { d: deltas(v.d), a: deltas(v.a) });
  return search.engine(async (p) => (files.has(p) ? structuredClone(files.get(p)) : null), 'ru', '/ru/');
}
const deltas = (ids) => ids.map((id, k) => (k === 0 ? id : id - ids[k - 1]));

test('a multi-word name matches whole, not through a shorter alias that then needs its last word literally', async () => {
  // Document 1 is in Kazakh: none of the Russian words are in its text, only the entity links it.
  const eng = index({
    docs: [['ru', 2024], ['kk', 2024]],
    terms: { ru: { шанхайск: [[0, 1]], организац: [[0, 1]], сотрудничеств: [[0, 1]] } },
    entities: [['organization', 'sco', ['Шанхайская организация', 'Шанхайская организация сотрудничества'], [0, 1], [0, 1]]],
  });
  const r = await eng.run('Шанхайской организации сотрудничества');
  assert.deepEqual([...r.ids].sort(), [0, 1]);
  assert.deepEqual(r.entities.map((e) => [e.id, e.from, e.to]), [['sco', 0, 2]]);
});

test('the longest match wins: a name inside a longer one is not matched on its own', async () => {
  // Document 1 is a CIS document that does not concern its heads of government.
  const eng = index({
    docs: [['kk', 2025], ['kk', 2025]],
    entities: [
      ['organization', 'cis-heads-of-government', ['Совет глав правительств СНГ'], [0], [0]],
      ['organization', 'cis', ['СНГ'], [0, 1], [0, 1]],
    ],
  });
  const r = await eng.run('Совета глав правительств СНГ');
  assert.deepEqual(r.entities.map((e) => e.id), ['cis-heads-of-government']);
  assert.deepEqual(r.ids, [0]);
});

test('an event is found by its number and a long name with words left out', async () => {
  const eng = index({
    docs: [['ru', 2024], ['ru', 2019]],
    entities: [
      ['event', 'sco-chg-23', ['23-е заседание Совета глав правительств (премьер-министров) государств-членов ШОС'], [0], [0]],
      ['event', 'sco-chg-18', ['18-е заседание Совета глав правительств (премьер-министров) государств-членов ШОС'], [1], [1]],
    ],
  });
  // The index keys a hyphenated ordinal by its number (search::entities::name_words).
  const r = await eng.run('23-е заседание Совета глав правительств ШОС');
  assert.deepEqual(r.ids, [0]);
  assert.deepEqual((await eng.run('23-го заседания Совета глав правительств ШОС')).ids, [0]);
  // Leaving out the last word is not a match: «ШОС» could be any body's.
  assert.equal((await eng.run('23-е заседание Совета глав')).entities.length, 0);
});

test('an event filed under its rarest word is matched from its first word', async () => {
  const eng = index({
    docs: [['ru', 2025], ['ru', 2025]],
    entities: [['event', 'cis-chg-minsk', ['Заседание Совета глав правительств СНГ в Минске'], [0], [0], 5]],
  });
  assert.deepEqual((await eng.run('заседание Совета глав правительств СНГ в Минске')).entities.map((e) => [e.id, e.from, e.to]), [['cis-chg-minsk', 0, 5]]);
  assert.deepEqual((await eng.run('заседание в Минске')).ids, [0]);
  // The rarest word alone is not the name.
  assert.equal((await eng.run('Минске')).entities.length, 0);
});

test('a document about an entity ranks above one naming it in passing, ties go to the newer', async () => {
  const eng = index({
    docs: [['kk', 2019], ['kk', 2024], ['kk', 2021], ['kk', 2023]],
    entities: [['person', 'askar-mamin', ['Мамин'], [0, 1, 2, 3], [0, 2]]],
  });
  // 0 and 2 are about him (2 is newer), 1 and 3 name him in passing (1 is newer).
  assert.deepEqual((await eng.run('Мамина')).ids, [2, 0, 1, 3]);
});

test('a name with a topic word drops documents where both are passing mentions; a name alone keeps them', async () => {
  // 0: the topic word in the title (weight 8 + 1); 1: the topic word twice; 2: about the
  // country, topic word once; 3: the country and the topic word each once, in passing.
  const eng = index({
    docs: [['ru', 2024], ['ru', 2024], ['ru', 2024], ['ru', 2024]],
    terms: { ru: { председательств: [[0, 9], [1, 2], [2, 1], [3, 1]] } },
    entities: [['country', 'kazakhstan', ['Казахстан'], [0, 1, 2, 3], [2]]],
  });
  assert.deepEqual([...(await eng.run('председательство Казахстана')).ids].sort(), [0, 1, 2]);
  // Only names, or only topic words: every mention counts.
  assert.deepEqual([...(await eng.run('Казахстана')).ids].sort(), [0, 1, 2, 3]);
  assert.deepEqual([...(await eng.run('председательство')).ids].sort(), [0, 1, 2, 3]);
});

test('a name scores the same in either language: a document about a place in the other language outranks a passing mention in the query\'s', async () => {
  // 60 documents; 0 is Kazakh and names Bishkek once; 1 is Russian and about Bishkek, so the
  // Kazakh query word is not in its text: only the entity links it.
  const docs = Array.from({ length: 60 }, (_, i) => [i === 1 ? 'ru' : 'kk', 2024]);
  const eng = index({
    docs,
    terms: { kk: { [search.stemFor('kk', 'бішкекте')]: [[0, 1]] } },
    entities: [['place', 'bishkek', ['Бішкек'], [0, 1], [1]]],
  });
  assert.deepEqual((await eng.run('Бішкекте')).ids, [1, 0]);
});

test('a surname finds the texts that spell it the other language\'s way even where the person is not linked', async () => {
  // 0: Russian, linked to the person; 1: Kazakh, «Тоқаев» in its text but not linked.
  const eng = index({
    docs: [['ru', 2024], ['kk', 2024]],
    terms: { ru: { токаев: [[0, 1]] }, kk: { [search.stemFor('kk', 'тоқаев')]: [[1, 1]] } },
    entities: [['person', 'tokayev', ['Касым-Жомарт Токаев', 'Токаев'], [0], [0], 0, ['Касым-Жомарт Токаев', 'Қасым-Жомарт Тоқаев']]],
  });
  assert.deepEqual([...(await eng.run('Токаева')).ids].sort(), [0, 1]);
});
