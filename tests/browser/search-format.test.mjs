// The browser's reading of the index's file formats (static/search.js's `engine`) on files
// written by hand the way src/search/format.rs writes them. Needs no built site.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const search = require('../../static/search.js');

test('postings are read from a delta list and from the dense form (bitset, space, hex weights)', async () => {
  // Twelve documents. «саммит» in 0, 3 and 11 as a list; «сотрудничеств» in every document but
  // 5 as a bitset (bytes 0xdf 0x0f) with one hex weight each, in id order.
  const shard = {
    e: {},
    t: {
      ru: {
        саммит: [0 * 16 + 2, 3 * 16 + 9, 8 * 16 + 15],
        сотрудничеств: "3w8= 0123468ac1f",
      },
    },
  };
  const files = new Map([
    ['meta.json', { n: 12, stop: [], shards: 'са со', langs: ['ru'], ui: ['ru'], per: 8, ranges: [[0, 0, 0, 2024]], kinds: ['news'] }],
    [`t/${search.shardName('са')}.json`, shard],
    [`t/${search.shardName('со')}.json`, shard],
  ]);
  const eng = search.engine(async (p) => (files.has(p) ? structuredClone(files.get(p)) : null), 'ru', '/ru/');
  await eng.loadMeta();
  assert.deepEqual([...(await eng.postings('ru', 'саммит'))], [[0, 2], [3, 9], [11, 15]]);
  const dense = await eng.postings('ru', 'сотрудничеств');
  assert.deepEqual([...dense.keys()], [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11]);
  assert.deepEqual([...dense.values()], [0, 1, 2, 3, 4, 6, 8, 10, 12, 1, 15]);
});
