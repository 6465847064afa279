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

  /** Case endings written after a hyphen (as text::stem::KK_CASES and search::words::HYPHEN_MORE). */
  const HYPHEN_ENDINGS = new Set(['ның', 'нің', 'дың', 'дің', 'тың', 'тің', 'ға', 'ге', 'қа', 'ке', 'на', 'не', 'а', 'е', 'да', 'де', 'та', 'те', 'нда', 'нде', 'дан', 'ден', 'тан', 'тен', 'нан', 'нен', 'мен', 'бен', 'пен', 'ны', 'ні', 'ды', 'ді', 'ты', 'ті', 'сы', 'сі', 'ы', 'і', 'дағы', 'дегі', 'тағы', 'тегі', 'ндағы', 'ндегі']);

  /** A number or abbreviation with a hyphenated ending is its head (as search::words::hyphen_head). */
  function hyphenHead(folded) {
    const at = folded.indexOf('-');
    if (at < 0) return null;
    const head = folded.slice(0, at);
    const tail = folded.slice(at + 1);
    const letters = (s) => /^\p{L}+$/u.test(s);
    if (/^[0-9]{1,4}$/.test(head) && letters(tail) && [...tail].length <= 4) return head;
    if (letters(head) && [...head].length <= 6 && HYPHEN_ENDINGS.has(tail)) return head;
    return null;
  }

  /** The index stem of a folded word in a document of language `lang` (as search::stem_for). */
  function stemFor(lang, folded) {
    const head = hyphenHead(folded);
    if (head !== null) return stemFor(lang, head);
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

    /**
     * Postings of a stem in documents of `lang`: Map id → weight. A shard holds them as a list of
     * `delta * 16 + weight`, or, for a term in many documents, as a string: a bitset of the
     * documents, a space and a hex digit of weight for each (see src/search/format.rs).
     */
    async function postings(lang, stem) {
      const out = new Map();
      const shard = await shardFor(stem);
      const list = shard && shard.t[lang] && shard.t[lang][stem];
      if (!list) return out;
      if (typeof list === 'string') {
        const [bits, weights] = list.split(' ');
        decodeSet(bits).forEach((id, k) => out.set(id, parseInt(weights[k], 16)));
        return out;
      }
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
            const e = { kind, id, name: names[meta.uiIndex] || names[0], names, url: root + path, count, a: start, b: end };
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

    /** Whether a text posting's weight is a passing mention: once, and not in the title. */
    const passingWeight = (wt) => wt < 8 && (wt & 7) <= 1;

    /**
     * A person's surname, queried alone, also finds the texts that write it in the other
     * language's spelling without linking the person (a surname with no full name before it
     * is not linked by the importer): the surname as each UI language spells the person
     * («Токаева» → «Тоқаев» in Kazakh texts, «Сағынтаев» → «Сагинтаев»), looked up in that
     * language's texts. People only: a one-word place name can be a common noun in the other
     * language (Kazakh «астана», «capital»).
     */
    async function otherSpellings(entities, cands, perWord) {
      const m = meta;
      for (const e of entities) {
        if (e.from !== e.to || e.kind !== 'person') continue;
        const i = e.from;
        for (const [k, name] of (e.names || []).entries()) {
          const lang = m.ui[k];
          const word = tokenize(name || '').map((t) => t.folded).pop();
          if (!word || !m.langs.includes(lang) || cands[i].has(word)) continue;
          const p = await postings(lang, stemFor(lang, word));
          const idf = Math.log(1 + m.n / Math.max(1, p.size));
          for (const [id, wt] of p) if (!perWord[i].has(id)) perWord[i].set(id, textScore(wt, idf));
        }
      }
    }

    /** Runs a query: results (ids by score), the matched entities and the stems to highlight. */
    async function run(q) {
      const m = await loadMeta();
      const words = tokenize(q).map((t) => t.folded).filter((w) => [...w].length >= 2 && !m.stopSet.has(w));
      if (!words.length) return null;
      const cands = words.map((w) => new Set([w, ruKey(w), kkStem(w)]));
      // Per word position, the documents where its text is more than a passing mention.
      const textStrong = words.map(() => new Set());
      // Text matches per word position.
      const perWord = await Promise.all(
        words.map(async (w, i) => {
          const scores = new Map();
          for (const lang of m.langs) {
            const p = await postings(lang, stemFor(lang, w));
            const idf = Math.log(1 + m.n / Math.max(1, p.size));
            for (const [id, wt] of p) {
              scores.set(id, Math.max(scores.get(id) || 0, textScore(wt, idf)));
              if (!passingWeight(wt)) textStrong[i].add(id);
            }
          }
          return scores;
        }),
      );
      // Entities named by the query: their documents match the words of the name.
      const strong = new Set();
      const entities = await matchEntities(nameWords(words));
      for (const e of entities) {
        const f = (await getJson(`e/${e.kind}/${e.id}.json`)) || {};
        const about = new Set(decodeSet(f.a || []));
        const span = e.to - e.from + 1;
        const docs = decodeSet(f.d || []);
        const idf = Math.log(1 + m.n / Math.max(1, docs.length));
        for (const id of docs) {
          const bonus = (about.has(id) ? ABOUT : MENTION) / span;
          if (about.has(id)) strong.add(id);
          for (let i = e.from; i <= e.to; i++) {
            // A document the entity links but whose text the query word does not match (written
            // in the other language or script: «Бішкекте» for a Russian text's «Бишкек») scores
            // the word as if its text named it: once, or in the title when it is about it.
            const text = perWord[i].get(id) || textScore(about.has(id) ? 9 : 1, idf);
            perWord[i].set(id, text + bonus);
          }
        }
      }
      await otherSpellings(entities, cands, perWord);
      const covered = new Set(entities.flatMap((e) => Array.from({ length: e.to - e.from + 1 }, (_, k) => e.from + k)));
      // A name's words count through the entity's own «about» (its name in the title or repeated),
      // the topic words through their text.
      textStrong.forEach((ids, i) => covered.has(i) || ids.forEach((id) => strong.add(id)));
      const dropPassing = entities.length > 0 && covered.size < words.length;
      // Every word must match (in the text or through an entity).
      perWord.sort((a, b) => a.size - b.size);
      const total = new Map(perWord[0]);
      for (const s of perWord.slice(1)) {
        for (const [id, sc] of total) {
          if (s.has(id)) total.set(id, sc + s.get(id));
          else total.delete(id);
        }
      }
      // A query that mixes a name with a topic (an entity named, and a word outside every
      // entity's span: «председательство Казахстана», «председательство в ЕАЭС») asks for the
      // topic *of* that entity. A document where every part of it is a passing mention (the
      // entity named and not what the document is about, each topic word once and not in the
      // title) answers another question: seen on the dev queries in three independent texts (an
      // EAEU council chaired by Belarus with Kazakhstan's prime minister among the guests; a
      // Kyrgyz-chaired SCO meeting listing Kazakhstan; Russia's CIS chairmanship beside a list of
      // leaders). Queries of names only or of topic words only keep their passing mentions: there
      // a researcher tracing every mention wants them.
      if (dropPassing) for (const id of [...total.keys()]) if (!strong.has(id)) total.delete(id);
      const year = (id) => yearOf(id) || -1;
      const ids = [...total.keys()].sort((a, b) => total.get(b) - total.get(a) || year(b) - year(a) || a - b);
      return { ids, entities, cands, scores: total };
    }

    return { loadMeta, run, postings, shardFor, textScore };
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
  const { run, postings, shardFor, textScore } = index;
  let meta = null;
  async function loadMeta() {
    meta = await index.loadMeta();
    return meta;
  }

  /**
   * The organization and country sets, for those filters' counts. The largest file a query
   * could fetch (its sets cannot be coded much smaller, see src/search/mod.rs), so it is fetched
   * only when a filter from the URL needs it or when those filters come into view: on a phone
   * they sit behind a button, on a wide screen below the first screen's filters.
   */
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


  // ---- Query features: "phrases", −exclusion, prefix while typing, browsing, did-you-mean ----

  /**
   * The parts of a query: `text` (the words to find, phrases included), `phrases` (lists of
   * folded words that must stand together), `exclude` (folded words no result may match) and
   * `last` (the last word, when the query ends inside it: a prefix while typing). A phrase is
   * in straight, «angle» or “curly” quotes; an exclusion is a word after a minus, a hyphen or
   * a dash at the start of a word (a hyphen inside a word, as in ШЫҰ-ның, is part of it).
   */
  function parseQuery(q) {
    const phrases = [];
    const exclude = [];
    let text = q.replace(/["«“„]([^"«»“”„]*)["»”“]/g, (_, p) => {
      const words = tokenize(p).map((t) => t.folded);
      if (words.length > 1) phrases.push(words);
      return ` ${p} `;
    });
    text = text.replace(/(^|\s)[-−–—]+(\S+)/gu, (_, space, w) => {
      exclude.push(...tokenize(w).map((t) => t.folded));
      return space;
    });
    const words = tokenize(text);
    const tail = words[words.length - 1];
    const open = tail && q.trimEnd() === q && q.endsWith(tail.text) && !exclude.includes(tail.folded);
    return { text: text.trim(), phrases, exclude, last: open ? tail.folded : '' };
  }

  /** Shards whose stems may start with `prefix` (the one holding it, or the parts under it). */
  async function shardsUnder(prefix) {
    const top = prefixOf(prefix, 2);
    if (!meta.shardSet.has(top)) return [];
    const shard = await getJson(`t/${shardName(top)}.json`);
    if (!shard.s) return [shard];
    if ([...prefix].length >= shard.s) {
      const part = prefixOf(prefix, shard.s);
      return shard.c.includes(part) ? [shard, await getJson(`t/${shardName(part)}.json`)] : [shard];
    }
    // A short prefix of a split shard: its parts, at most eight (a longer prefix narrows them).
    const parts = shard.c.filter((p) => p.startsWith(prefix)).slice(0, 8);
    return [shard, ...(await Promise.all(parts.map((p) => getJson(`t/${shardName(p)}.json`))))];
  }

  /** Documents with a word starting with `prefix` (folded, at least three letters): id → score. */
  async function prefixDocs(prefix) {
    const out = new Map();
    if ([...prefix].length < 3) return out;
    for (const shard of await shardsUnder(prefix)) {
      for (const lang of meta.langs) {
        // A stem shorter than the typed word counts only when it leaves at most an ending (two
        // letters) over: «мир» is no stem of a half-typed «мирзиё».
        const stems = Object.keys((shard.t && shard.t[lang]) || {}).filter((s) => s.startsWith(prefix) || (prefix.startsWith(s) && s.length >= 3 && [...prefix].length - [...s].length <= 2));
        for (const stem of stems.slice(0, 64)) {
          const p = await postings(lang, stem);
          const idf = Math.log(1 + meta.n / Math.max(1, p.size));
          for (const [id, wt] of p) out.set(id, Math.max(out.get(id) || 0, textScore(wt, idf)));
        }
      }
    }
    return out;
  }

  /** The document ids in search-id order: what browsing without a query starts from. */
  const allIds = () => Array.from({ length: meta.n }, (_, i) => i);

  /** Each document's date as `yyyymmdd` (see src/search/passages.rs), fetched when first needed. */
  const loadDates = () => getJson('dates.json');

  /** Whether two words are at most one edit (insert, delete, substitute) apart. */
  function oneEdit(a, b) {
    const x = [...a];
    const y = [...b];
    if (Math.abs(x.length - y.length) > 1) return false;
    let i = 0;
    while (i < x.length && i < y.length && x[i] === y[i]) i++;
    const tailEq = (p, q) => x.slice(p).join('') === y.slice(q).join('');
    return tailEq(i + 1, i + 1) || tailEq(i + 1, i) || tailEq(i, i + 1);
  }

  /**
   * A query with each word that finds nothing replaced by the name of an entity one edit away
   * («Мамн» → «Аскар Мамин»), or null. Names are looked up in the shard of the word's first two
   * letters, so a slip there is not corrected.
   */
  async function suggest(text) {
    let changed = false;
    const out = [];
    for (const t of tokenize(text)) {
      const w = t.folded;
      let name = null;
      if ([...w].length >= 4 && !(await postingsAnyLang(w))) {
        for (const shard of await shardsUnder(prefixOf(w, 3))) {
          for (const [key, entries] of Object.entries(shard.e || {})) {
            const hit = entries.find(([rest]) => !rest);
            if (hit && key !== w && [w, ruStem(w), kkStem(w)].some((f) => oneEdit(key, f))) name = name || hit[3][meta.uiIndex] || hit[3][0];
          }
        }
      }
      if (name) changed = true;
      out.push(name || t.text);
    }
    return changed ? out.join(' ') : null;
  }

  /** Whether a folded word is in the index, as a stem in some language or as an entity name. */
  async function postingsAnyLang(w) {
    for (const lang of meta.langs) if ((await postings(lang, stemFor(lang, w))).size) return true;
    const shard = await shardFor(w);
    return !!(shard && shard.e && (shard.e[w] || shard.e[ruStem(w)] || shard.e[kkStem(w)]));
  }

  /** How many results a phrase is checked in (by their texts, fetched like snippets'). */
  const PHRASE_CHECKED = 200;

  /** Whether the words of `phrase` stand one after another in `text` (in language `lang`). */
  function hasPhrase(text, lang, phrase) {
    const toks = tokenize(text).map((t) => [t.folded, stemFor(lang, t.folded)]);
    const want = phrase.map((w) => [w, stemFor(lang, w)]);
    const same = (t, w) => t[0] === w[0] || t[1] === w[1];
    for (let i = 0; i + want.length <= toks.length; i++) {
      if (want.every((w, k) => same(toks[i + k], w))) return true;
    }
    return false;
  }

  /**
   * Runs a parsed query: `run` for its words, widened by the last word as a prefix while typing,
   * narrowed by exclusions and phrases. No words: every document (browsing by filters).
   */
  async function runQuery(p, typing) {
    await loadMeta();
    let r = p.text ? await run(p.text) : null;
    if (!p.text) r = { ids: allIds(), entities: [], cands: [], browse: true };
    if (typing && p.last) {
      const words = tokenize(p.text);
      const head = words.slice(0, -1).map((t) => t.text).join(' ');
      const [more, base] = await Promise.all([prefixDocs(p.last), head ? run(head) : null]);
      if (more.size && (!head || base)) {
        const seen = new Set(r ? r.ids : []);
        const rank = base ? base.ids.filter((id) => more.has(id)) : [...more.keys()].sort((a, b) => more.get(b) - more.get(a) || a - b);
        const extra = rank.filter((id) => !seen.has(id));
        r = r || { ids: [], entities: base ? base.entities : [], cands: (base ? base.cands : []).concat([new Set()]) };
        r = { ...r, ids: r.ids.concat(extra), prefix: p.last };
      }
    }
    if (!r) return null;
    for (const w of p.exclude) {
      const out = await run(w);
      if (out) {
        const drop = new Set(out.ids);
        r = { ...r, ids: r.ids.filter((id) => !drop.has(id)) };
      }
    }
    if (p.phrases.length) {
      const checked = r.ids.slice(0, PHRASE_CHECKED);
      const keep = await Promise.all(
        checked.map(async (id) => {
          const d = await record(id);
          const text = d && (await passage(d));
          return !!text && p.phrases.every((ph) => hasPhrase(`${d.t} ${text}`, d.l, ph));
        }),
      );
      r = { ...r, ids: checked.filter((_, k) => keep[k]), phraseCut: r.ids.length > PHRASE_CHECKED };
    }
    return r;
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
  const filtersToggle = document.getElementById('search-filters-toggle');
  const toolsBox = document.getElementById('search-tools');
  const sortBox = document.getElementById('search-sort');
  const suggestBox = document.getElementById('search-suggest');
  const entitiesBox = document.getElementById('search-entities');
  const hitsBox = document.getElementById('search-hits');
  const list = document.getElementById('search-results');
  const more = document.getElementById('search-more');
  const plural = new Intl.PluralRules(UI_LANG);
  const countText = (n) => (S['search_count_' + plural.select(n)] || S.search_count_other || '{n}').replace('{n}', n.toLocaleString(UI_LANG));
  /** Values a facet lists before its «show all» button. */
  const FACET_SHOWN = 8;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  /** The query, filters, year range and order from the URL. */
  function fromUrl() {
    const p = new URLSearchParams(location.search);
    const selected = {};
    for (const f of FACETS) selected[f] = new Set(p.getAll(PARAM[f]).filter(Boolean));
    const year = (k) => (/^\d{4}$/.test(p.get(k) || '') ? p.get(k) : '');
    return { q: p.get('q') || '', selected, from: year('from'), to: year('to'), sort: p.get('sort') === 'date' ? 'date' : '' };
  }

  function toUrl(s) {
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    for (const f of FACETS) for (const v of [...s.selected[f]].sort()) p.append(PARAM[f], v);
    if (s.from) p.set('from', s.from);
    if (s.to) p.set('to', s.to);
    if (s.sort) p.set('sort', s.sort);
    const q = p.toString();
    const url = location.pathname + (q ? '?' + q : '');
    if (url !== location.pathname + location.search) history.replaceState(null, '', url);
    keepInLanguageSwitch();
  }

  /** Points the language switch at the same search (query, filters, order) in the other language. */
  function keepInLanguageSwitch() {
    for (const a of document.querySelectorAll('nav.lang-switch a[href]')) {
      if (!a.dataset.path) a.dataset.path = a.getAttribute('href').split('?')[0];
      a.setAttribute('href', a.dataset.path + location.search);
    }
  }

  let state = fromUrl();
  let result = null;
  let shown = [];
  let generation = 0;
  const expanded = new Set();

  /** Whether document `id` lies in the year range chosen (a document without a year does not). */
  function inRange(id) {
    if (!state.from && !state.to) return true;
    const y = facetsOf(id).year;
    return !!y && (!state.from || y >= state.from) && (!state.to || y <= state.to);
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

  /** The record of a document (its file holds `meta.per` consecutive ids), language and kind from the ranges. */
  async function record(id) {
    const file = await getJson(`r/${Math.floor(id / meta.per)}.json`);
    const r = file && file[id % meta.per];
    const f = facetsOf(id);
    return r && { t: r[0], u: ROOT + r[1], p: r[1], l: f.lang, k: f.kind, d: formatDate(r[2]) };
  }

  /** The text a document's snippet is cut from (see src/search/passages.rs), or '' if missing. */
  function passage(d) {
    return getJson(`p/${d.p.replace(/\/$/, '')}.json`).catch(() => '');
  }

  // ---- Snippets -----------------------------------------------------------------------------

  /** Characters a snippet shows around its best match. */
  const SNIPPET = 300;

  /** The name forms of the entities a query named, each as its folded words (fetched once). */
  function entityForms(entities) {
    return Promise.all(
      entities.map((e) =>
        getJson(`n/${e.kind}/${e.id}.json`)
          .then((forms) => forms.map((f) => tokenize(f).map((t) => t.folded)).filter((w) => w.length))
          .catch(() => []),
      ),
    ).then((lists) => lists.flat().sort((a, b) => b.length - a.length)); // the longest name first
  }

  /**
   * Spans of `text` (language `lang`) to mark: words of the query (any of their forms), the
   * prefix being typed, and the name forms of the entities the query named, in any of their
   * forms in this language. Each span is [start, end, key], key telling which query word or
   * entity it stands for.
   */
  function matches(text, lang, m) {
    const toks = tokenize(text);
    const stems = toks.map((t) => stemFor(lang, t.folded));
    const names = m.names.map((f) => f.map((w) => [w, stemFor(lang, w)]));
    // Whether name form `f` (its words as [folded, stem]) starts at token i.
    const nameAt = (f, i) => f.every(([w, s], k) => i + k < toks.length && (toks[i + k].folded === w || stems[i + k] === s));
    const out = [];
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      const word = m.cands.findIndex((c) => c.has(stems[i]) || c.has(t.folded));
      if (word >= 0) {
        out.push([t.start, t.end, 'w' + word]);
        continue;
      }
      if (m.prefix && t.folded.startsWith(m.prefix)) {
        out.push([t.start, t.end, 'p']);
        continue;
      }
      const n = names.findIndex((f) => nameAt(f, i));
      if (n >= 0) {
        out.push([t.start, toks[i + names[n].length - 1].end, 'e']);
        i += names[n].length - 1;
      }
    }
    return out;
  }

  /** The window of `text` with the most different matched words (then the most matches). */
  function bestWindow(text, spans) {
    if (!spans.length) return [0, Math.min(text.length, SNIPPET)];
    let best = [0, -1, -1];
    for (let i = 0; i < spans.length; i++) {
      const inside = spans.filter((s) => s[0] >= spans[i][0] && s[1] <= spans[i][0] + SNIPPET * 0.7);
      const kinds = new Set(inside.map((s) => s[2])).size;
      if (kinds > best[1] || (kinds === best[1] && inside.length > best[2])) best = [i, kinds, inside.length];
    }
    // A little before the first match, started at a word.
    let start = Math.max(0, spans[best[0]][0] - SNIPPET * 0.25);
    if (start > 0) {
      const sentence = text.lastIndexOf('. ', spans[best[0]][0]);
      start = sentence >= start ? sentence + 2 : text.indexOf(' ', start) + 1;
    }
    let end = Math.min(text.length, start + SNIPPET);
    if (end < text.length) end = Math.max(text.lastIndexOf(' ', end), spans[best[0]][1]);
    return [start, end];
  }

  /** The snippet of `text`: the passage around its best match, matches marked. */
  function snippet(text, lang, m) {
    const spans = matches(text, lang, m);
    const [start, end] = bestWindow(text, spans);
    const p = el('p', { class: 'search-snippet', lang });
    if (start > 0) p.append('… ');
    let at = start;
    for (const [s, e] of spans) {
      if (s < start || e > end) continue;
      p.append(text.slice(at, s), el('mark', null, text.slice(s, e)));
      at = e;
    }
    p.append(text.slice(at, end).trimEnd());
    if (end < text.length) p.append(' …');
    return p;
  }

  // ---- Results ------------------------------------------------------------------------------

  async function showMore(gen) {
    const next = visible().slice(shown.length, shown.length + PAGE);
    // All record files are asked for at once, and each result paints as soon as it and those
    // before it are in: the first result need not wait for the twentieth's file.
    const docs = next.map(record);
    const { cands, prefix } = result;
    const marks = result.names.then((names) => ({ cands, prefix: prefix || '', names }));
    for (const [k, loading] of docs.entries()) {
      const d = await loading;
      if (gen !== generation) return;
      if (!d) continue;
      shown.push(next[k]);
      const info = [S['kind_' + d.k] || d.k, d.d, S['in_lang_' + d.l] || d.l].filter(Boolean).join(' · ');
      // The title and its line paint at once; the snippet's place is kept until the document's
      // text comes, fetched when the result nears the screen (a phone shows three results, not
      // twenty): a query shows the passage around its best match, browsing the opening.
      const pending = el('p', { class: 'search-snippet', lang: d.l });
      pending.dataset.from = 'pending';
      const li = el('li', null, el('a', { href: d.u, lang: d.l === UI_LANG ? null : d.l }, d.t), el('p', { class: 'search-meta' }, info), pending);
      list.append(li);
      nearScreen(li, () =>
        Promise.all([passage(d), marks]).then(([text, m]) => {
          if (gen !== generation) return;
          if (!text) return pending.remove();
          const passageSnippet = snippet(text, d.l, m);
          passageSnippet.dataset.from = 'text';
          pending.replaceWith(passageSnippet);
        }),
      );
    }
    more.hidden = shown.length >= visible().length;
  }

  /** Runs `f` once, when `node` comes within a screen's height of the viewport. */
  const near = new Map();
  const observer =
    'IntersectionObserver' in window
      ? new IntersectionObserver(
          (entries) => {
            for (const e of entries) {
              if (!e.isIntersecting || !near.has(e.target)) continue;
              observer.unobserve(e.target);
              near.get(e.target)();
              near.delete(e.target);
            }
          },
          { rootMargin: '100% 0px' },
        )
      : null;
  function nearScreen(node, f) {
    if (!observer) return f();
    near.set(node, f);
    observer.observe(node);
  }

  /** The results that pass the filters, in the order chosen. */
  function visible() {
    if (!result) return [];
    const ids = result.ids.filter((id) => inRange(id) && passes(id, state.selected, null));
    if (state.sort === 'date' && result.dates) {
      const d = result.dates;
      return ids.map((id, k) => [id, k]).sort((a, b) => d[b[0]] - d[a[0]] || a[1] - b[1]).map((x) => x[0]);
    }
    return ids;
  }

  /** Years of the archive, newest first (for the year range). */
  const archiveYears = () => [...new Set(meta.ranges.map((r) => r[3]).filter(Boolean))].sort((a, b) => b - a).map(String);

  function yearRange() {
    const fs = el('fieldset', { 'data-facet': 'range', class: 'search-range' }, el('legend', null, S.search_year_range || ''));
    for (const [key, label] of [['from', S.search_year_from], ['to', S.search_year_to]]) {
      const id = `f-range-${key}`;
      const select = el('select', { id, name: key }, el('option', { value: '' }, S.search_year_any || '—'));
      for (const y of archiveYears()) select.append(el('option', { value: y, selected: state[key] === y }, y));
      select.addEventListener('change', () => {
        state[key] = select.value;
        toUrl(state);
        render();
        document.getElementById(id)?.focus();
      });
      fs.append(el('div', { class: 'search-facet' }, el('label', { for: id }, label), select));
    }
    return fs;
  }

  function renderFilters() {
    filtersBox.querySelectorAll('fieldset').forEach((f) => f.remove());
    if (facetObserver) facetObserver.disconnect();
    const c = counts(result.ids.filter(inRange), state.selected);
    filtersBox.append(yearRange());
    for (const f of FACETS) {
      let values = [...c[f].entries()];
      if (f === 'year') values.sort((a, b) => b[0].localeCompare(a[0]));
      else if (f === 'lang') values.sort((a, b) => meta.langs.indexOf(a[0]) - meta.langs.indexOf(b[0]));
      else if (f === 'kind') values.sort((a, b) => meta.kinds.indexOf(a[0]) - meta.kinds.indexOf(b[0]));
      else values.sort((a, b) => b[1] - a[1] || label(f, a[0]).localeCompare(label(f, b[0]), UI_LANG));
      if (!values.length) {
        if (ENTITY_FACETS.includes(f) && !meta.facetSets) filtersBox.append(facetPlaceholder(f));
        continue;
      }
      const fs = el('fieldset', { 'data-facet': f }, el('legend', null, S['search_filter_' + f] || f));
      const all = expanded.has(f) || values.length <= FACET_SHOWN + 1;
      for (const [k, [v, n]] of values.entries()) {
        if (!all && k >= FACET_SHOWN && !state.selected[f].has(v)) continue;
        const id = `f-${f}-${v}`;
        const box = el('input', { type: 'checkbox', id, name: PARAM[f], value: v, checked: state.selected[f].has(v) });
        box.addEventListener('change', () => {
          if (box.checked) state.selected[f].add(v);
          else state.selected[f].delete(v);
          toUrl(state);
          render();
          document.getElementById(id)?.focus();
        });
        fs.append(el('div', { class: 'search-facet' }, box, el('label', { for: id }, label(f, v), ' ', el('span', { class: 'count', 'data-count': n }, `(${n})`))));
      }
      if (values.length > FACET_SHOWN + 1) {
        const text = expanded.has(f) ? S.search_show_less : (S.search_show_all || '{n}').replace('{n}', values.length);
        const button = el('button', { type: 'button', class: 'search-show-all', 'aria-expanded': String(expanded.has(f)) }, text);
        button.addEventListener('click', () => {
          if (expanded.has(f)) expanded.delete(f);
          else expanded.add(f);
          renderFilters();
          filtersBox.querySelector(`fieldset[data-facet="${f}"] .search-show-all`)?.focus();
        });
        fs.append(button);
      }
      filtersBox.append(fs);
    }
    filtersBox.hidden = false;
    const active = FACETS.reduce((n, f) => n + state.selected[f].size, 0) + (state.from ? 1 : 0) + (state.to ? 1 : 0);
    filtersToggle.textContent = (S.search_filters_button || '') + (active ? ` (${active})` : '');
  }

  /** The filters whose values come with facets.json. */
  const ENTITY_FACETS = ['organization', 'country'];

  /**
   * A filter's place while facets.json is not loaded: its legend and a loading line. When it
   * comes into view the sets are fetched and the filters drawn again with their counts.
   */
  const facetObserver = 'IntersectionObserver' in window ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && showFacets()) : null;
  function facetPlaceholder(f) {
    const fs = el('fieldset', { 'data-facet': f, 'aria-busy': 'true' }, el('legend', null, S['search_filter_' + f] || f), el('p', { class: 'search-meta' }, S.search_filter_loading || ''));
    if (facetObserver) facetObserver.observe(fs);
    else showFacets();
    return fs;
  }
  function showFacets() {
    if (facetObserver) facetObserver.disconnect();
    const gen = generation;
    loadFacets().then(() => {
      if (gen === generation && result) renderFilters();
    }, (err) => console.warn(err));
  }

  function render() {
    const gen = ++generation;
    list.textContent = '';
    shown = [];
    if (observer) for (const node of near.keys()) observer.unobserve(node);
    near.clear();
    const ul = entitiesBox.querySelector('ul');
    ul.textContent = '';
    suggestBox.hidden = true;
    if (!result) {
      status.textContent = S.search_none || '';
      filtersBox.hidden = entitiesBox.hidden = hitsBox.hidden = toolsBox.hidden = true;
      filtersToggle.hidden = true;
      return;
    }
    for (const e of result.entities) {
      const detail = [S['search_entity_' + e.kind], (S.search_entity_docs || '{n}').replace('{n}', e.count)].filter(Boolean).join(', ');
      ul.append(el('li', null, el('a', { href: e.url }, e.name), ' ', el('span', { class: 'search-meta' }, `(${detail})`)));
    }
    entitiesBox.hidden = !result.entities.length;
    renderFilters();
    filtersToggle.hidden = false;
    const n = visible().length;
    const note = result.phraseCut ? ' ' + (S.search_phrase_checked || '').replace('{n}', PHRASE_CHECKED) : '';
    status.textContent = (n ? countText(n) : S.search_none || '') + note;
    hitsBox.hidden = !n;
    toolsBox.hidden = !n || !!result.browse;
    sortBox.value = state.sort;
    more.hidden = true;
    if (n) showMore(gen);
    else if (result.suggest) showSuggestion(result.suggest);
  }

  function showSuggestion(q) {
    const p = new URLSearchParams(location.search);
    p.set('q', q);
    const a = el('a', { href: location.pathname + '?' + p }, q);
    a.addEventListener('click', (ev) => {
      ev.preventDefault();
      input.value = q;
      state = { ...state, q };
      toUrl(state);
      search(false);
    });
    suggestBox.textContent = '';
    suggestBox.append(S.search_did_you_mean || '', ' ', a);
    suggestBox.hidden = false;
  }

  async function search(typing) {
    const gen = ++generation;
    status.textContent = S.search_loading || '';
    // For tests and styles: whether the shown results answer the query in the box.
    root.dataset.state = 'loading';
    try {
      await loadMeta();
      const parsed = parseQuery(state.q.trim() === state.q ? state.q : state.q.trimStart());
      const r = await runQuery(parsed, typing);
      if (r) {
        r.names = entityForms(r.entities);
        // Browsing lists the newest first; sorting by date needs every result's date.
        if (r.browse || state.sort === 'date') r.dates = await loadDates();
        if (r.browse && state.sort !== 'date') r.ids = r.ids.slice().sort((a, b) => r.dates[b] - r.dates[a] || a - b);
        if (!r.ids.length && parsed.text) r.suggest = await suggest(parsed.text);
      }
      // Organization and country filters from the URL need their sets before results show.
      if (state.selected.organization.size || state.selected.country.size) await loadFacets();
      if (gen !== generation) return;
      result = r;
      render();
      root.dataset.state = 'done';
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
      state = { ...state, q: input.value };
      toUrl(state);
      search(true);
    }, 200);
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    clearTimeout(timer);
    state = { ...state, q: input.value };
    toUrl(state);
    search(false);
  });
  sortBox.addEventListener('change', async () => {
    state = { ...state, sort: sortBox.value };
    if (state.sort === 'date' && result && !result.dates) result.dates = await loadDates();
    render();
    toUrl(state);
    sortBox.focus();
  });
  filtersToggle.addEventListener('click', () => {
    const open = filtersToggle.getAttribute('aria-expanded') !== 'true';
    filtersToggle.setAttribute('aria-expanded', String(open));
    root.classList.toggle('filters-open', open);
  });
  /**
   * Downloads every result of the current query, filters and order (not only those shown) as
   * CSV in the export's dialect (docs/export.md): UTF-8 with a byte order mark, `;`-separated,
   * CRLF, quoted by RFC 4180, a formula-like cell led by `'` — what Excel in a ru or kk locale
   * opens in columns. The columns are the export's documents columns of the same name.
   */
  async function downloadCsv() {
    const ids = visible();
    const files = await Promise.all([...new Set(ids.map((id) => Math.floor(id / meta.per)))].map((n) => getJson(`r/${n}.json`).then((f) => [n, f])));
    const byFile = new Map(files);
    const cell = (v) => {
      let s = String(v ?? '');
      if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
      return /[;,"\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    };
    const rows = [['id', 'url', 'lang', 'title', 'date', 'kind']];
    for (const id of ids) {
      const r = byFile.get(Math.floor(id / meta.per))[id % meta.per];
      const f = facetsOf(id);
      const url = new URL(ROOT + r[1], location.href).href;
      rows.push([r[1].replace(/\/$/, '').split('/').pop(), url, f.lang, r[0], r[2] || '', f.kind]);
    }
    const text = '\ufeff' + rows.map((r) => r.map(cell).join(';') + '\r\n').join('');
    const a = el('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' })), download: 'search.csv' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }
  document.getElementById('search-csv').addEventListener('click', downloadCsv);
  more.addEventListener('click', () => {
    const first = shown.length;
    showMore(generation).then(() => list.children[first]?.querySelector('a')?.focus());
  });
  window.addEventListener('popstate', () => {
    state = fromUrl();
    input.value = state.q;
    search(false);
  });

  root.hidden = false;
  input.value = state.q;
  keepInLanguageSwitch();
  search(false);
})();
