// The browser's stemmers (static/search.js) against the Rust ones: tests/browser/fixtures/stems.json
// holds (language, word, stem) triples written by the Rust test
// search::words::tests::stem_pairs_for_the_browser_port from the shipped texts. Needs no built site.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const search = require('../../static/search.js');
const pairs = JSON.parse(fs.readFileSync(new URL('./fixtures/stems.json', import.meta.url), 'utf8'));

test('the JS stemmers give the Rust stems for every word of the fixture', () => {
  assert.ok(pairs.length > 300, `only ${pairs.length} pairs in fixtures/stems.json`);
  const wrong = pairs
    .filter(([lang, word, stem]) => search.stemFor(lang, word) !== stem)
    .map(([lang, word, stem]) => `${lang} ${word}: Rust «${stem}», JS «${search.stemFor(lang, word)}»`);
  assert.deepEqual(wrong, [], `${wrong.length} of ${pairs.length} stems differ`);
});

test('query words are found under the stems of their other forms', () => {
  const same = (lang, a, b) => assert.equal(search.stemFor(lang, search.fold(a)), search.stemFor(lang, search.fold(b)), `${a} / ${b}`);
  same('ru', 'Казахстана', 'Казахстан');
  same('ru', 'сотрудничества', 'сотрудничество');
  same('kk', 'Қазақстанның', 'Қазақстан');
  same('kk', 'Минскіде', 'Минск');
  same('kk', 'Тоқаевтың', 'Тоқаев');
  // The corrections of issue 14: nouns Snowball splits, Kazakh possessive + accusative, loanword stops.
  same('ru', 'саммит', 'саммите');
  same('ru', 'Астана', 'Астаной');
  same('ru', 'Мирзиёев', 'Мирзиёевым');
  same('kk', 'жұмыс', 'жұмысын');
  same('kk', 'Ашхабад', 'Ашхабадта');
});

test('tokenizer keeps hyphenated words and splits endings off abbreviations', () => {
  assert.deepEqual(
    search.tokenize('ШЫҰ-ның премьер-министр, Ёлка').map((t) => t.folded),
    ['шыұ', 'премьер-министр', 'елка'],
  );
  assert.equal(search.shardName('ка'), '43a-430');
});
