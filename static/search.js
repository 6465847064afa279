// Full-text search of the archive, in the browser, over the static index that `archive build`
// writes under search/<ui-lang>/ (see src/search.rs for the format and the reasons behind it).
// No dependencies, no build step. Every word it shows comes from the page's data-strings.
// In node (tests), it exports its stemmers and tokenizer instead of touching a page.
'use strict';

(function () {
  // ---- Words ------------------------------------------------------------------------------

  /** Lowercase, ё → е (as text::fold). */
  function fold(w) {
    return w.toLowerCase().replace(/ё/g, 'е');
  }

  const WORD = /[\p{L}\p{N}\u0301]+(?:-[\p{L}\p{N}\u0301]+)*/gu;

  /** Words of a text with their offsets (as text::tokenize: ШЫҰ-ның → ШЫҰ). */
  function tokenize(text) {
    const out = [];
    for (const m of text.matchAll(WORD)) {
      let word = m[0];
      const dash = word.indexOf('-');
      if (dash > 0) {
        const head = word.slice(0, dash);
        const letters = [...head].filter((c) => /\p{L}/u.test(c)).length;
        if (letters >= 2 && [...head].every((c) => c !== c.toLowerCase() && c === c.toUpperCase())) word = head;
      }
      out.push({ text: word, start: m.index, end: m.index + word.length, folded: fold(word) });
    }
    return out;
  }

  // ---- Russian: the Snowball stemmer (snowballstem.org/algorithms/russian) -----------------

  const RU_V = 'аеиоуыэюя';
  const byLength = (list) => list.slice().sort((a, b) => b.length - a.length);
  const RU = {
    gerund1: ['в', 'вши', 'вшись'],
    gerund2: ['ив', 'ивши', 'ившись', 'ыв', 'ывши', 'ывшись'],
    adjective: byLength(['ее', 'ие', 'ые', 'ое', 'ими', 'ыми', 'ей', 'ий', 'ый', 'ой', 'ем', 'им', 'ым', 'ом', 'его', 'ого', 'ему', 'ому', 'их', 'ых', 'ую', 'юю', 'ая', 'яя', 'ою', 'ею']),
    part1: ['ем', 'нн', 'вш', 'ющ', 'щ'],
    part2: ['ивш', 'ывш', 'ующ'],
    reflexive: ['ся', 'сь'],
    verb1: ['ла', 'на', 'ете', 'йте', 'ли', 'й', 'л', 'ем', 'н', 'ло', 'но', 'ет', 'ют', 'ны', 'ть', 'ешь', 'нно'],
    verb2: ['ила', 'ыла', 'ена', 'ейте', 'уйте', 'ите', 'или', 'ыли', 'ей', 'уй', 'ил', 'ыл', 'им', 'ым', 'ен', 'ило', 'ыло', 'ено', 'ят', 'ует', 'уют', 'ит', 'ыт', 'ены', 'ить', 'ыть', 'ишь', 'ую', 'ю'],
    noun: byLength(['а', 'ев', 'ов', 'ие', 'ье', 'е', 'иями', 'ями', 'ами', 'еи', 'ии', 'и', 'ией', 'ей', 'ой', 'ий', 'й', 'иям', 'ям', 'ием', 'ем', 'ам', 'ом', 'о', 'у', 'ах', 'иях', 'ях', 'ы', 'ь', 'ию', 'ью', 'ю', 'ия', 'ья', 'я']),
    derivational: ['ость', 'ост'],
    tidy: ['ейше', 'ейш', 'н', 'ь'],
  };

  function ruStem(word) {
    let w = fold(word);
    const n = w.length;
    const isV = (c) => RU_V.includes(c);
    let pV = n;
    let p2 = n;
    let i = 0;
    while (i < n && !isV(w[i])) i++;
    if (i < n) {
      pV = i + 1;
      let j = pV;
      while (j < n && isV(w[j])) j++;
      if (j < n) {
        j++;
        while (j < n && !isV(w[j])) j++;
        if (j < n) {
          j++;
          while (j < n && isV(w[j])) j++;
          if (j < n) p2 = j + 1;
        }
      }
    }
    // The longest ending of `lists` (each a group) that lies inside RV: [group, ending] or null.
    const among = (...lists) => {
      let best = null;
      lists.forEach((list, g) => {
        for (const e of list) {
          if (w.length - e.length >= pV && w.endsWith(e) && (!best || e.length > best[1].length)) best = [g, e];
        }
      });
      return best;
    };
    const cut = (e) => {
      w = w.slice(0, w.length - e.length);
    };
    // Whether the letter before ending e is а or я, inside RV.
    const afterAYa = (e) => {
      const k = w.length - e.length - 1;
      return k >= pV && (w[k] === 'а' || w[k] === 'я');
    };
    const groupWithAYa = (first, second) => {
      const m = among(first, second);
      if (!m) return false;
      if (m[0] === 0 && !afterAYa(m[1])) return false;
      cut(m[1]);
      return true;
    };
    if (!groupWithAYa(RU.gerund1, RU.gerund2)) {
      const r = among(RU.reflexive);
      if (r) cut(r[1]);
      const adj = among(RU.adjective);
      if (adj) {
        cut(adj[1]);
        groupWithAYa(RU.part1, RU.part2);
      } else if (!groupWithAYa(RU.verb1, RU.verb2)) {
        const nn = among(RU.noun);
        if (nn) cut(nn[1]);
      }
    }
    if (w.length - 1 >= pV && w.endsWith('и')) cut('и');
    const d = among(RU.derivational);
    if (d && w.length - d[1].length >= p2) cut(d[1]);
    const t = among(RU.tidy);
    const nn = () => {
      if (w.length - 2 >= pV && w.endsWith('нн')) cut('н');
    };
    if (t) {
      if (t[1] === 'ь') cut('ь');
      else if (t[1] === 'н') nn();
      else {
        cut(t[1]);
        nn();
      }
    }
    return w;
  }

  /** The index key of a Russian word: Snowball plus the corrections of text::stem::ru_key. */
  function ruKey(word) {
    const w = fold(word);
    let stem = ruStem(w);
    const n = (s) => [...s].length;
    const consonant = (c) => c !== undefined && !'аеиоуыэюяйь'.includes(c);
    // -ит nouns (саммит, саммите) that Snowball reads as verbs.
    const rest = w.startsWith(stem) ? w.slice(stem.length) : null;
    if ((rest === 'ит' || rest === 'ите') && n(stem) >= 3 && consonant(stem.slice(-1))) return stem + 'ит';
    // -ан/-ян: the н that Snowball takes off some forms only (Казахстан, Астана).
    if ((stem.endsWith('ан') || stem.endsWith('ян')) && n(stem) >= 4) return stem.slice(0, -1);
    // vowel + в: -ов/-ев and the gerund -в/-ив/-ыв (Мирзиёев, инициатив, состав).
    if (stem.endsWith('в')) {
      const before = stem.slice(-2, -1);
      const cut = 'ая'.includes(before) && before ? 1 : before && 'оеиы'.includes(before) ? 2 : 0;
      let kept = stem.slice(0, stem.length - cut);
      const vowel = (s) => /[аеиоуыэюя]/.test(s);
      if (cut > 0 && vowel(kept)) {
        if (kept.endsWith('и') && vowel(kept.slice(0, -1))) kept = kept.slice(0, -1);
        return kept;
      }
    }
    return stem;
  }

  // ---- Kazakh: ending chains with vowel harmony (as text::stem::kk_stem) -------------------

  const BACK = 'аоұы';
  const FRONT = 'әеөүі';
  const VOWELS = 'аоұыәеөүіуиэ';
  const KK_MIN_STEM = 3;
  const isBackC = (c) => BACK.includes(c) || c === 'я' || c === 'ю';
  const isFrontC = (c) => FRONT.includes(c) || c === 'и' || c === 'э';

  function isFront(b) {
    for (const c of [...b].reverse()) {
      if (isBackC(c)) return false;
      if (isFrontC(c)) return true;
    }
    return false;
  }
  const isMixed = (b) => [...b].some(isBackC) && [...b].some(isFrontC);

  function endOf(b) {
    const c = [...b].pop();
    if (c === undefined) return 'U';
    if (c === 'у') return 'D'; // a final у is the semivowel [w]: Мәскеудің (as text::stem::end_of)
    if (VOWELS.includes(c) || c === 'я' || c === 'ю') return 'V';
    if ('мнң'.includes(c)) return 'N';
    if ('лрйзжгдб'.includes(c)) return 'D';
    return 'U';
  }

  function caseEndings(front, end) {
    const h = (back, fr) => (front ? fr : back);
    const a = h('а', 'е');
    const y = h('ы', 'і');
    const g = h('ға', 'ге');
    const k = h('қа', 'ке');
    let v;
    if (end === 'V') v = ['н' + y + 'ң', 'н' + y, g, 'д' + a, 'д' + a + 'н', 'мен'];
    else if (end === 'N') v = ['н' + y + 'ң', 'д' + y, g, 'д' + a, 'н' + a + 'н', 'бен', 'мен'];
    else if (end === 'D') v = ['д' + y + 'ң', 'д' + y, g, 'д' + a, 'д' + a + 'н', 'мен', 'бен'];
    else v = ['т' + y + 'ң', 'т' + y, k, 'т' + a, 'т' + a + 'н', 'пен'];
    const loc = end === 'U' ? 'т' + a : 'д' + a;
    v.push(loc + h('ғы', 'гі'));
    return v;
  }

  const ENDINGS = new Map();
  function endings(front, end) {
    const key = (front ? 'f' : 'b') + end;
    if (ENDINGS.has(key)) return ENDINGS.get(key);
    const h = (back, fr) => (front ? fr : back);
    const a = h('а', 'е');
    const y = h('ы', 'і');
    const out = caseEndings(front, end);
    const adj = end === 'V' ? h('лық', 'лік') : end === 'U' ? h('тық', 'тік') : h('дық', 'дік');
    out.push(adj);
    for (const c of caseEndings(front, 'U')) out.push(adj + c);
    const poss = end === 'V' ? 'с' + y : y;
    out.push(poss);
    for (const c of ['н' + y + 'ң', 'н' + a, 'н' + y, 'нд' + a, 'н' + a + 'н', 'мен', 'нд' + a + h('ғы', 'гі'), 'н']) out.push(poss + c);
    const plurals = end === 'V' ? [h('лар', 'лер')] : end === 'U' ? [h('тар', 'тер')] : [h('дар', 'дер'), h('лар', 'лер')];
    for (const p of plurals) {
      out.push(p, p + y, p + y + 'н');
      for (const c of caseEndings(front, 'D')) out.push(p + c);
    }
    const set = new Set(out);
    ENDINGS.set(key, set);
    return set;
  }

  function kkInflects(w, b) {
    if (w === b) return true;
    if (!w.startsWith(b) || [...b].length < 2) return false;
    const rest = w.slice(b.length);
    const end = endOf(b);
    const harmonies = isMixed(b) ? [false, true] : isFront(b) ? [true] : [false];
    // A loanword's final voiced stop takes voiceless endings too (Ашхабадта).
    const ends = /[бдг]$/.test(b) ? ['D', 'U'] : [end];
    return harmonies.some((front) => {
      if (ends.some((e) => endings(front, e).has(rest))) return true;
      const link = front ? 'і' : 'ы';
      return end !== 'V' && rest.startsWith(link) && endings(front, 'V').has(rest.slice(1));
    });
  }

  function devoice(w) {
    const map = { 'ғ': 'қ', 'г': 'к', 'б': 'п' };
    const last = w.slice(-1);
    return map[last] ? w.slice(0, -1) + map[last] : w;
  }

  /** A final с or н after a vowel off, but not the reciprocal -тас (as text::stem::drop_possessive_s). */
  function dropPossessiveS(w) {
    const c = [...w];
    const [last, before, third, fourth] = [c[c.length - 1], c[c.length - 2], c[c.length - 3], c[c.length - 4]];
    if (before === undefined) return null;
    const vowel = VOWELS.includes(before) || before === 'я' || before === 'ю';
    const reciprocal = last === 'с' && 'ае'.includes(before) && third !== undefined && 'тдл'.includes(third)
      && fourth !== undefined && !VOWELS.includes(fourth);
    return 'сн'.includes(last) && vowel && !reciprocal && c.length > KK_MIN_STEM ? c.slice(0, -1).join('') : null;
  }

  function kkStem(word) {
    let w = devoice(fold(word));
    for (;;) {
      const chars = [...w];
      const bases = [];
      for (let n = chars.length - 1; n >= KK_MIN_STEM; n--) {
        const b = chars.slice(0, n).join('');
        if (kkInflects(w, b)) bases.push(b);
      }
      const barePoss = (b) => ['ы', 'і', 'сы', 'сі'].includes(w.slice(b.length));
      const next = bases.find((b) => !barePoss(b)) ?? bases[0];
      if (next === undefined) {
        const shorter = dropPossessiveS(w);
        if (shorter === null) return w;
        w = shorter;
      } else w = devoice(next);
    }
  }

  /** The index stem of a folded word in a document of language `lang` (as search::stem_for). */
  function stemFor(lang, folded) {
    if (lang === 'ru') return ruKey(folded);
    if (lang === 'kk') return kkStem(folded);
    return folded;
  }

  const shardName = (prefix) => [...prefix].map((c) => c.codePointAt(0).toString(16)).join('-');
  const prefixOf = (s, n) => [...s].slice(0, n).join('');

  // ---- Querying the index ---------------------------------------------------------------------
  // No page needed: node tests run it over the built files (tests/browser/search-eval.mjs).

  /** A set of ids from the index: a delta list or a base64 bitset. */
  function decodeSet(enc) {
    const ids = [];
    if (typeof enc === 'string') {
      const bin = atob(enc);
      for (let i = 0; i < bin.length; i++) {
        const b = bin.charCodeAt(i);
        for (let k = 0; k < 8; k++) if (b & (1 << k)) ids.push(i * 8 + k);
      }
    } else {
      let id = 0;
      enc.forEach((d, k) => ids.push((id = k === 0 ? d : id + d)));
    }
    return ids;
  }

  /**
   * The query side of the index: `getJson(path)` resolves a file under search/ to its parsed
   * JSON, `uiLang` picks entity names, `root` is put in front of entity page paths.
   */
  function engine(getJson, uiLang, root) {
    let meta = null;
    async function loadMeta() {
      if (!meta) {
        const m = await getJson('meta.json');
        m.stopSet = new Set(m.stop);
        m.shardSet = new Set(m.shards.split(' '));
        m.facetSets = null;
        m.uiIndex = Math.max(0, m.ui.indexOf(uiLang));
        meta = m;
      }
      return meta;
    }

    /** The shard holding `term` (following split markers), or null. */
    async function shardFor(term) {
      const top = prefixOf(term, 2);
      if (!meta.shardSet.has(top)) return null;
      const shard = await getJson(`t/${shardName(top)}.json`);
      if (!shard.s || [...term].length <= 2) return shard;
      const part = prefixOf(term, shard.s);
      return shard.c.includes(part) ? getJson(`t/${shardName(part)}.json`) : null;
    }

    /** Postings of a stem in documents of `lang`: Map id → weight. */
    async function postings(lang, stem) {
      const out = new Map();
      const shard = await shardFor(stem);
      const list = shard && shard.t[lang] && shard.t[lang][stem];
      if (!list) return out;
      let id = 0;
      list.forEach((v, k) => {
        const d = Math.floor(v / 16);
        id = k === 0 ? d : id + d;
        out.set(id, v % 16);
      });
      return out;
    }

    // Ranking, BM25-style: a word's score in a document is its IDF times a saturating function of
    // its count (capped at 7 by the index) plus a boost when it is in the title; a document that a
    // query's entity names adds a bonus, larger when the document is about the entity (its name in
    // the title or repeated, `a` of the entity's file) than when it names it in passing. There are
    // no document lengths in the index (they would cost bytes per document on every visit), so no
    // length normalisation. Ties go to the newer year.
    const K1 = 1.2;
    const TITLE = 1.5;
    const ABOUT = 4;
    const MENTION = 1;
    const textScore = (wt, idf) => idf * (((wt & 7) * (K1 + 1)) / ((wt & 7) + K1) + (wt >= 8 ? TITLE : 0));

    /**
     * Query words as names are matched (as search::entities::name_words): a number joined to a
     * word by a hyphen is the number («23-е» → 23, «18-отырысы» → 18 and отырысы). Each has the
     * query word it came from and its candidate keys.
     */
    function nameWords(words) {
      const out = [];
      const forms = (w) => new Set([w, ruKey(w), kkStem(w)]);
      words.forEach((w, i) => {
        const m = /^(\d+)-(\p{L}+)$/u.exec(w);
        if (!m) return out.push({ i, cands: forms(w) });
        out.push({ i, cands: new Set([m[1]]) });
        if ([...m[2]].length > 4) out.push({ i, cands: forms(m[2]) });
      });
      return out;
    }

    /**
     * Where a name whose first word matched name word `j` ends in the query, or -1: its other
     * words (`tail`) follow at once, or the query leaves some of them out but keeps the order and
     * ends on the name's last word («23-е заседание Совета глав правительств ШОС» for «… Совета
     * глав правительств (премьер-министров) государств-членов ШОС»: readers drop the bracketed
     * and filler words of long official names).
     */
    function spanEnd(tail, nw, j) {
      if (tail.every((r, k) => nw[j + 1 + k] && nw[j + 1 + k].cands.has(r))) return j + tail.length;
      let p = 0;
      for (let k = j + 1; k < nw.length; k++) {
        while (p < tail.length && !nw[k].cands.has(tail[p])) p++;
        if (p === tail.length) return -1;
        if (++p === tail.length) return k;
      }
      return -1;
    }

    /**
     * Where a name whose key word matched name word `j` starts in the query, or -1: the words
     * before the key (`head`, empty when the key is the name's first word) precede it at once,
     * or in order with some left out, starting on the name's first word (as `spanEnd`).
     */
    function spanStart(head, nw, j) {
      if (head.every((h, k) => nw[j - head.length + k] && nw[j - head.length + k].cands.has(h))) return j - head.length;
      let p = head.length - 1;
      for (let k = j - 1; k >= 0; k--) {
        while (p >= 0 && !nw[k].cands.has(head[p])) p--;
        if (p < 0) return -1;
        if (p-- === 0) return k;
      }
      return -1;
    }

    /**
     * The entities the query names, longest match first: each entity by its longest span, and an
     * entity whose span lies inside a longer one of another is dropped («Совета глав правительств
     * СНГ» is the council, not also the CIS that its last word names).
     */
    async function matchEntities(nw) {
      const best = new Map();
      for (let j = 0; j < nw.length; j++) {
        for (const c of nw[j].cands) {
          if ([...c].length < 2) continue;
          const shard = await shardFor(c);
          for (const [rest, kind, id, names, path, count, head] of (shard && shard.e[c]) || []) {
            const start = spanStart(head ? head.split(' ') : [], nw, j);
            const end = start < 0 ? -1 : spanEnd(rest ? rest.split(' ') : [], nw, j);
            if (end < 0) continue;
            const key = kind + ':' + id;
            const e = { kind, id, name: names[meta.uiIndex] || names[0], url: root + path, count, a: start, b: end };
            const old = best.get(key);
            if (!old || end - start > old.b - old.a) best.set(key, e);
          }
        }
      }
      const all = [...best.values()];
      const inside = (e, o) => o.a <= e.a && e.b <= o.b && o.b - o.a > e.b - e.a;
      return all
        .filter((e) => !all.some((o) => inside(e, o)))
        .map((e) => Object.assign(e, { from: nw[e.a].i, to: nw[e.b].i }));
    }

    /** The year of a document (0 when undated), from meta's ranges. */
    function yearOf(id) {
      const r = meta.ranges;
      let lo = 0;
      for (let hi = r.length - 1; lo < hi; ) {
        const mid = (lo + hi + 1) >> 1;
        if (r[mid][0] <= id) lo = mid;
        else hi = mid - 1;
      }
      return r[lo][3];
    }

    /** Runs a query: results (ids by score), the matched entities and the stems to highlight. */
    async function run(q) {
      const m = await loadMeta();
      const words = tokenize(q).map((t) => t.folded).filter((w) => [...w].length >= 2 && !m.stopSet.has(w));
      if (!words.length) return null;
      const cands = words.map((w) => new Set([w, ruKey(w), kkStem(w)]));
      // Text matches per word position.
      const perWord = await Promise.all(
        words.map(async (w) => {
          const scores = new Map();
          for (const lang of m.langs) {
            const p = await postings(lang, stemFor(lang, w));
            const idf = Math.log(1 + m.n / Math.max(1, p.size));
            for (const [id, wt] of p) scores.set(id, Math.max(scores.get(id) || 0, textScore(wt, idf)));
          }
          return scores;
        }),
      );
      // Entities named by the query: their documents match the words of the name.
      const entities = await matchEntities(nameWords(words));
      for (const e of entities) {
        const f = (await getJson(`e/${e.kind}/${e.id}.json`)) || {};
        const about = new Set(decodeSet(f.a || []));
        const span = e.to - e.from + 1;
        for (const id of decodeSet(f.d || [])) {
          const bonus = (about.has(id) ? ABOUT : MENTION) / span;
          for (let i = e.from; i <= e.to; i++) perWord[i].set(id, (perWord[i].get(id) || 0) + bonus);
        }
      }
      // Every word must match (in the text or through an entity).
      perWord.sort((a, b) => a.size - b.size);
      const total = new Map(perWord[0]);
      for (const s of perWord.slice(1)) {
        for (const [id, sc] of total) {
          if (s.has(id)) total.set(id, sc + s.get(id));
          else total.delete(id);
        }
      }
      const year = (id) => yearOf(id) || -1;
      const ids = [...total.keys()].sort((a, b) => total.get(b) - total.get(a) || year(b) - year(a) || a - b);
      return { ids, entities, cands, scores: total };
    }

    return { loadMeta, run };
  }

  if (typeof document === 'undefined') {
    if (typeof module !== 'undefined') module.exports = { fold, tokenize, ruStem, ruKey, kkStem, stemFor, shardName, decodeSet, engine };
    return;
  }

  // ---- The index ----------------------------------------------------------------------------

  const root = document.getElementById('search');
  const form = document.querySelector('form.search-form');
  const input = document.getElementById('q');
  if (!root || !form || !input) return;
  const INDEX = root.dataset.index;
  // The index is shared by every UI language: its page paths are under this language's root.
  const ROOT = root.dataset.root;
  const UI_LANG = root.dataset.lang;
  const S = JSON.parse(root.dataset.strings || '{}');
  const PAGE = 20;
  const FACETS = ['lang', 'kind', 'year', 'organization', 'country'];
  // URL parameter of each facet.
  const PARAM = { lang: 'lang', kind: 'kind', year: 'year', organization: 'org', country: 'country' };

  const cache = new Map();
  function getJson(path) {
    if (!cache.has(path)) {
      cache.set(
        path,
        fetch(INDEX + path).then((r) => {
          if (!r.ok) throw new Error(`${r.status} ${path}`);
          return r.json();
        }),
      );
    }
    return cache.get(path);
  }

  const index = engine(getJson, UI_LANG, ROOT);
  const run = index.run;
  let meta = null;
  async function loadMeta() {
    meta = await index.loadMeta();
    return meta;
  }

  /** The organization and country sets, for those filters; fetched beside the query. */
  let facetsLoading = null;
  function loadFacets() {
    if (!facetsLoading) {
      facetsLoading = getJson('facets.json').then((f) => {
        const sets = {};
        for (const kind of ['organization', 'country']) {
          sets[kind] = new Map((f[kind] || []).map(([id, names, enc]) => [id, { name: names[meta.uiIndex] || names[0], ids: new Set(decodeSet(enc)) }]));
        }
        meta.facetSets = sets;
      });
    }
    return facetsLoading;
  }


  // ---- Facets -------------------------------------------------------------------------------

  /** [lang, kind, year] of a document id, from the ranges. */
  function facetsOf(id) {
    const r = meta.ranges;
    let lo = 0;
    let hi = r.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (r[mid][0] <= id) lo = mid;
      else hi = mid - 1;
    }
    const [, l, k, y] = r[lo];
    return { lang: meta.langs[l], kind: meta.kinds[k], year: y ? String(y) : '' };
  }

  function docHas(id, facet, value) {
    if (facet === 'organization' || facet === 'country') {
      const f = meta.facetSets && meta.facetSets[facet].get(value);
      return !!f && f.ids.has(id);
    }
    return facetsOf(id)[facet] === value;
  }

  /** Whether `id` passes every selected filter except `skip`'s. */
  function passes(id, selected, skip) {
    return FACETS.every((f) => f === skip || !selected[f].size || [...selected[f]].some((v) => docHas(id, f, v)));
  }

  /** Counts per facet value, each over the results filtered by the *other* facets. */
  function counts(ids, selected) {
    const out = {};
    for (const f of FACETS) {
      const c = new Map();
      const pool = ids.filter((id) => passes(id, selected, f));
      if (f === 'organization' || f === 'country') {
        for (const [value, { ids: set }] of meta.facetSets ? meta.facetSets[f] : []) {
          const n = pool.reduce((s, id) => s + (set.has(id) ? 1 : 0), 0);
          if (n) c.set(value, n);
        }
      } else {
        for (const id of pool) {
          const v = facetsOf(id)[f];
          if (v) c.set(v, (c.get(v) || 0) + 1);
        }
      }
      for (const v of selected[f]) if (!c.has(v)) c.set(v, 0);
      out[f] = c;
    }
    return out;
  }

  function label(facet, value) {
    if (facet === 'lang') return S['in_lang_' + value] || value;
    if (facet === 'kind') return S['kind_' + value] || value;
    if (facet === 'year') return value;
    const f = meta.facetSets && meta.facetSets[facet].get(value);
    return f ? f.name : value;
  }

  // ---- The page -----------------------------------------------------------------------------

  const status = document.getElementById('search-status');
  const filtersBox = document.getElementById('search-filters');
  const entitiesBox = document.getElementById('search-entities');
  const hitsBox = document.getElementById('search-hits');
  const list = document.getElementById('search-results');
  const more = document.getElementById('search-more');
  const plural = new Intl.PluralRules(UI_LANG);
  const countText = (n) => (S['search_count_' + plural.select(n)] || S.search_count_other || '{n}').replace('{n}', n.toLocaleString(UI_LANG));

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  /** The query and filters from the URL. */
  function fromUrl() {
    const p = new URLSearchParams(location.search);
    const selected = {};
    for (const f of FACETS) selected[f] = new Set(p.getAll(PARAM[f]).filter(Boolean));
    return { q: p.get('q') || '', selected };
  }

  function toUrl(q, selected) {
    const p = new URLSearchParams();
    if (q) p.set('q', q);
    for (const f of FACETS) for (const v of [...selected[f]].sort()) p.append(PARAM[f], v);
    const s = p.toString();
    const url = location.pathname + (s ? '?' + s : '');
    if (url !== location.pathname + location.search) history.replaceState(null, '', url);
  }

  let state = fromUrl();
  let result = null;
  let shown = [];
  let generation = 0;

  /** A snippet with the query's words marked. */
  function snippet(text, lang, cands) {
    const p = el('p', { class: 'search-snippet', lang });
    let at = 0;
    for (const t of tokenize(text)) {
      const stem = stemFor(lang, t.folded);
      if (!cands.some((c) => c.has(stem) || c.has(t.folded))) continue;
      p.append(text.slice(at, t.start), el('mark', null, text.slice(t.start, t.end)));
      at = t.end;
    }
    p.append(text.slice(at));
    return p;
  }

  /** A date of the index (`2019-11-02`, `2019-11`, `2019` or empty) in the UI language's words. */
  function formatDate(iso) {
    const [y, m, d] = (iso || '').split('-').map(Number);
    if (!y) return '';
    const fill = (key, month) => (S[key] || '').replace('{d}', d || '').replace('{month}', month || '').replace('{y}', y);
    if (m && d) return fill('date_full', S['month_gen_' + m]);
    if (m) return fill('date_month', S['month_nom_' + m]);
    return fill('date_year');
  }

  /** The record of a document: its file holds `meta.per` consecutive ids. */
  async function record(id) {
    const file = await getJson(`r/${Math.floor(id / meta.per)}.json`);
    const r = file && file[id % meta.per];
    return r && { t: r[0], u: ROOT + r[1], l: r[2], k: r[3], d: formatDate(r[4]), x: r[5] };
  }

  async function showMore(gen) {
    const next = visible().slice(shown.length, shown.length + PAGE);
    const docs = await Promise.all(next.map(record));
    if (gen !== generation) return;
    docs.forEach((d, k) => {
      if (!d) return;
      shown.push(next[k]);
      const meta = [S['kind_' + d.k] || d.k, d.d, S['in_lang_' + d.l] || d.l].filter(Boolean).join(' · ');
      list.append(
        el(
          'li',
          null,
          el('a', { href: d.u, lang: d.l === UI_LANG ? null : d.l }, d.t),
          el('p', { class: 'search-meta' }, meta),
          snippet(d.x, d.l, result.cands),
        ),
      );
    });
    more.hidden = shown.length >= visible().length;
  }

  const visible = () => (result ? result.ids.filter((id) => passes(id, state.selected, null)) : []);

  function renderFilters() {
    filtersBox.querySelectorAll('fieldset').forEach((f) => f.remove());
    const c = counts(result.ids, state.selected);
    for (const f of FACETS) {
      let values = [...c[f].entries()];
      if (f === 'year') values.sort((a, b) => b[0].localeCompare(a[0]));
      else if (f === 'lang') values.sort((a, b) => meta.langs.indexOf(a[0]) - meta.langs.indexOf(b[0]));
      else if (f === 'kind') values.sort((a, b) => meta.kinds.indexOf(a[0]) - meta.kinds.indexOf(b[0]));
      else values.sort((a, b) => b[1] - a[1] || label(f, a[0]).localeCompare(label(f, b[0]), UI_LANG));
      if (!values.length) continue;
      const fs = el('fieldset', { 'data-facet': f }, el('legend', null, S['search_filter_' + f] || f));
      for (const [v, n] of values) {
        const id = `f-${f}-${v}`;
        const box = el('input', { type: 'checkbox', id, name: PARAM[f], value: v, checked: state.selected[f].has(v) });
        box.addEventListener('change', () => {
          if (box.checked) state.selected[f].add(v);
          else state.selected[f].delete(v);
          toUrl(state.q, state.selected);
          render();
          document.getElementById(id)?.focus();
        });
        fs.append(el('div', { class: 'search-facet' }, box, el('label', { for: id }, label(f, v), ' ', el('span', { class: 'count', 'data-count': n }, `(${n})`))));
      }
      filtersBox.append(fs);
    }
    filtersBox.hidden = false;
  }

  function render() {
    const gen = ++generation;
    list.textContent = '';
    shown = [];
    const ul = entitiesBox.querySelector('ul');
    ul.textContent = '';
    if (!result) {
      status.textContent = '';
      filtersBox.hidden = entitiesBox.hidden = hitsBox.hidden = true;
      return;
    }
    for (const e of result.entities) {
      const detail = [S['search_entity_' + e.kind], (S.search_entity_docs || '{n}').replace('{n}', e.count)].filter(Boolean).join(', ');
      ul.append(el('li', null, el('a', { href: e.url }, e.name), ' ', el('span', { class: 'search-meta' }, `(${detail})`)));
    }
    entitiesBox.hidden = !result.entities.length;
    renderFilters();
    const n = visible().length;
    status.textContent = n ? countText(n) : S.search_none || '';
    hitsBox.hidden = !n;
    more.hidden = true;
    if (n) showMore(gen);
  }

  async function search() {
    const q = state.q.trim();
    const gen = ++generation;
    if (!q) {
      result = null;
      render();
      return;
    }
    status.textContent = S.search_loading || '';
    try {
      await loadMeta();
      const facets = loadFacets();
      const r = await run(q);
      // Organization and country filters from the URL need their sets before results show.
      if (state.selected.organization.size || state.selected.country.size) await facets;
      if (gen !== generation) return;
      result = r;
      render();
      const shownGen = generation;
      await facets;
      if (shownGen === generation && result) renderFilters();
    } catch (err) {
      if (gen !== generation) return;
      status.textContent = S.search_error || String(err);
      console.warn(err);
    }
  }

  let timer = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      state = { q: input.value, selected: state.selected };
      toUrl(state.q, state.selected);
      search();
    }, 200);
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    clearTimeout(timer);
    state = { q: input.value, selected: state.selected };
    toUrl(state.q, state.selected);
    search();
  });
  more.addEventListener('click', () => {
    const first = shown.length;
    showMore(generation).then(() => list.children[first]?.querySelector('a')?.focus());
  });
  window.addEventListener('popstate', () => {
    state = fromUrl();
    input.value = state.q;
    search();
  });

  root.hidden = false;
  input.value = state.q;
  if (state.q) search();
})();
