// Filters, sort and CSV download of a long document list (all documents, a year, an entity's
// documents), from the list's data file written at build time (src/lists.rs). No dependencies, no
// build step. Without JavaScript, or until a reader filters or sorts, the page is the paginated
// list as built. The filters and the order live in the address (?kind=news&lang=kk&from=2019&
// to=2021&org=sco&country=kazakhstan&sort=old&page=2), so a filtered list can be shared.
(function () {
  'use strict';

  const box = document.getElementById('list');
  if (!box || !box.dataset.list || !window.fetch) return;
  const ROOT = box.dataset.lists;
  const LANG = box.dataset.lang;
  const SIZE = Number(box.dataset.size) || 50;
  const KEYS = ['kind', 'lang', 'from', 'to', 'org', 'country', 'sort', 'page'];
  const toggle = box.querySelector('.list-tools-toggle');
  const form = box.querySelector('.list-tools');
  const list = box.querySelector('ol.doc-list');
  const built = { items: list.innerHTML, pagers: [...box.querySelectorAll('nav.pager')].map((n) => n.outerHTML) };

  const cache = new Map();
  /** A JSON file under `lists/`, fetched once. */
  function get(path) {
    if (!cache.has(path)) {
      cache.set(path, fetch(ROOT + path).then((r) => {
        if (!r.ok) throw new Error(path + ': ' + r.status);
        return r.json();
      }));
    }
    return cache.get(path);
  }

  /** The filters and order in the address. */
  function fromUrl() {
    const q = new URLSearchParams(location.search);
    const s = {};
    for (const k of KEYS) s[k] = q.get(k) || '';
    return s;
  }
  const active = (s) => KEYS.some((k) => k !== 'page' && s[k]);

  /** A set of list positions as written by the build: a delta list or a base64 bitset. */
  function decodeSet(v) {
    const out = [];
    if (typeof v === 'string') {
      const bytes = atob(v);
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes.charCodeAt(i);
        for (let bit = 0; bit < 8; bit++) if (b & (1 << bit)) out.push(i * 8 + bit);
      }
    } else {
      let last = 0;
      v.forEach((d, k) => { last = k ? last + d : d; out.push(last); });
    }
    return out;
  }

  /** The list's data as per-position columns. */
  function columns(data) {
    const n = data.n;
    const numbers = decodeSet(data.d);
    const year = new Array(n);
    let p = 0;
    for (const [y, count] of data.y) for (let k = 0; k < count; k++) year[p++] = y;
    const facet = (rows) => rows.map(([id, names, set]) => ({ id, names, at: new Set(decodeSet(set)) }));
    return {
      n, numbers, year, per: data.per,
      kind: [...data.k].map((c) => data.kinds[parseInt(c, 36)]),
      lang: [...data.l].map((c) => data.langs[parseInt(c, 36)]),
      title: data.t,
      org: facet(data.o || []),
      country: facet(data.c || []),
    };
  }

  /** Whether position `p` passes every filter of `s` but `skip`. */
  function passes(c, s, p, skip) {
    if (skip !== 'kind' && s.kind && c.kind[p] !== s.kind) return false;
    if (skip !== 'lang' && s.lang && c.lang[p] !== s.lang) return false;
    if (skip !== 'year' && (s.from || s.to)) {
      const y = c.year[p];
      if (!y || (s.from && y < Number(s.from)) || (s.to && y > Number(s.to))) return false;
    }
    for (const f of ['org', 'country']) {
      if (skip !== f && s[f]) {
        const e = c[f].find((x) => x.id === s[f]);
        if (!e || !e.at.has(p)) return false;
      }
    }
    return true;
  }

  /** The positions passing `s`, in its order: newest first (as built), oldest first or by title. */
  function select(c, s) {
    let order;
    if (s.sort === 'title') order = c.title;
    else {
      order = [...Array(c.n).keys()];
      if (s.sort === 'old') {
        // Oldest first, the undated still last.
        const dated = order.filter((p) => c.year[p]).reverse();
        order = dated.concat(order.filter((p) => !c.year[p]));
      }
    }
    return order.filter((p) => passes(c, s, p, null));
  }

  /** Counts of each value of a facet over the positions passing the other filters. */
  function counts(c, s, facet) {
    const m = new Map();
    for (let p = 0; p < c.n; p++) {
      if (!passes(c, s, p, facet)) continue;
      if (facet === 'org' || facet === 'country') {
        for (const e of c[facet]) if (e.at.has(p)) m.set(e.id, (m.get(e.id) || 0) + 1);
      } else {
        const v = facet === 'year' ? c.year[p] : c[facet][p];
        if (v) m.set(v, (m.get(v) || 0) + 1);
      }
    }
    return m;
  }

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const k of kids) e.append(k);
    return e;
  }
  const fmt = (n) => n.toLocaleString(LANG);

  /** A labelled select of the form. */
  function select_(S, name, label, options, value) {
    const id = 'list-' + name;
    const sel = el('select', { id, name });
    for (const [v, text] of options) {
      const o = el('option', { value: v }, text);
      if (v === value) o.selected = true;
      sel.append(o);
    }
    return el('p', { class: 'list-field' }, el('label', { for: id }, label), sel);
  }

  /** The form's fields, with counts under the current filters. */
  function drawForm(S, c, s) {
    const any = S.search_year_any || '—';
    const opts = (facet, label) => {
      const m = counts(c, s, facet);
      const values = facet === 'org' || facet === 'country'
        ? c[facet].filter((e) => m.has(e.id) || e.id === s[facet]).map((e) => [e.id, e.names[UI] || e.id])
        : [...m.keys()].sort().map((v) => [v, label(v)]);
      return [['', any]].concat(values.map(([v, t]) => [v, `${t} (${fmt(m.get(v) || 0)})`]));
    };
    const years = [...counts(c, Object.assign({}, s, { from: '', to: '' }), 'year').keys()].sort((a, b) => a - b);
    const yearOpts = [['', any]].concat(years.map((y) => [String(y), String(y)]));
    form.replaceChildren(
      select_(S, 'kind', S.search_filter_kind, opts('kind', (v) => S['kind_' + v] || v), s.kind),
      select_(S, 'lang', S.search_filter_lang, opts('lang', (v) => S['in_lang_' + v] || v), s.lang),
      select_(S, 'from', S.search_year_from, yearOpts, s.from),
      select_(S, 'to', S.search_year_to, yearOpts, s.to),
      select_(S, 'org', S.search_filter_organization, opts('org'), s.org),
      select_(S, 'country', S.search_filter_country, opts('country'), s.country),
      select_(S, 'sort', S.search_sort, [['', S.list_sort_new], ['old', S.list_sort_old], ['title', S.list_sort_title]], s.sort),
      el('p', { class: 'list-actions' },
        el('button', { type: 'button', class: 'list-csv' }, S.list_csv),
        el('button', { type: 'reset', class: 'list-reset' }, S.list_reset)),
    );
  }
  let UI = 0; // index of the UI language among the names of the data (set from the strings file)

  /** The rendered items of document numbers `nums`, in that order. */
  async function items(c, nums) {
    const files = [...new Set(nums.map((n) => Math.floor(n / c.per)))];
    const got = new Map(await Promise.all(files.map(async (f) => [f, await get(`items/${LANG}/${f}.json`)])));
    return nums.map((n) => got.get(Math.floor(n / c.per))[n % c.per]);
  }

  /** The pager's markup (as the build writes it) for `page` of `pages`. */
  function pagerHtml(S, s, page, pages, label) {
    const url = (n) => {
      const q = query(Object.assign({}, s, { page: n > 1 ? String(n) : '' }));
      return location.pathname + q + '#list';
    };
    const shown = [...new Set([1, pages].concat([...Array(5).keys()].map((k) => page - 2 + k)))]
      .filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
    const ul = el('ul');
    if (page > 1) ul.append(el('li', null, el('a', { href: url(page - 1), rel: 'prev' }, '← ' + S.prev_page)));
    let last = 0;
    for (const n of shown) {
      if (n > last + 1) ul.append(el('li', { class: 'gap', 'aria-hidden': 'true' }, '…'));
      ul.append(el('li', null, n === page ? el('span', { 'aria-current': 'page' }, String(n)) : el('a', { href: url(n) }, String(n))));
      last = n;
    }
    if (page < pages) ul.append(el('li', null, el('a', { href: url(page + 1), rel: 'next' }, S.next_page + ' →')));
    return el('nav', { class: 'pager', 'aria-label': label }, ul);
  }

  function query(s) {
    const q = new URLSearchParams();
    for (const k of KEYS) if (s[k]) q.set(k, s[k]);
    const t = q.toString();
    return t ? '?' + t : '';
  }

  let state = fromUrl();
  let generation = 0;

  /** Shows the list as `state` asks: the built page when nothing is chosen. */
  async function show(push) {
    const mine = ++generation;
    const url = location.pathname + query(state) + location.hash;
    if (push) history.pushState(null, '', url);
    else if (url !== location.pathname + location.search + location.hash) history.replaceState(null, '', url);
    const [S, data] = await Promise.all([get(`strings/${LANG}.json`), get(box.dataset.list)]);
    if (mine !== generation) return;
    UI = Math.max(0, (S.ui || '').split(' ').indexOf(LANG));
    const c = columns(data);
    drawForm(S, c, state);
    const pos = select(c, state);
    const pages = Math.max(1, Math.ceil(pos.length / SIZE));
    const page = Math.min(pages, Math.max(1, Number(state.page) || 1));
    const shown = pos.slice((page - 1) * SIZE, page * SIZE);
    const html = await items(c, shown.map((p) => c.numbers[p]));
    if (mine !== generation) return;
    list.innerHTML = html.join('\n');
    const label = S.pagination_label;
    for (const n of box.querySelectorAll('nav.pager')) n.remove();
    if (pages > 1) {
      list.before(pagerHtml(S, state, page, pages, label));
      list.after(pagerHtml(S, state, page, pages, label));
    }
    const plural = new Intl.PluralRules(LANG).select(pos.length);
    status.textContent = (S['search_count_' + plural] || S.search_count_other || '{n}').replace('{n}', fmt(pos.length));
    const covers = box.querySelector('p.covers');
    if (covers) covers.textContent = coversText(S);
  }

  /** «с … по …» of the items shown, from the dates they show. */
  function coversText(S) {
    const dates = [...list.querySelectorAll('.doc-meta')]
      .map((m) => (m.querySelector('time') || {}).textContent).filter(Boolean);
    if (!dates.length) return '';
    const sorted = [...list.querySelectorAll('.doc-meta time')].map((t) => [t.getAttribute('datetime'), t.textContent])
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const [from, to] = [sorted[0][1], sorted[sorted.length - 1][1]];
    return from === to ? S.list_covers_one.replace('{date}', from) : S.list_covers.replace('{from}', from).replace('{to}', to);
  }

  const status = el('p', { class: 'list-status', role: 'status', 'aria-live': 'polite' });

  /** Back to the list as built. */
  function restore() {
    generation++;
    list.innerHTML = built.items;
    for (const n of box.querySelectorAll('nav.pager')) n.remove();
    if (built.pagers.length === 2) {
      list.insertAdjacentHTML('beforebegin', built.pagers[0]);
      list.insertAdjacentHTML('afterend', built.pagers[1]);
    }
    status.textContent = '';
    history.replaceState(null, '', location.pathname + location.hash);
  }

  /** CSV (UTF-8 with a byte order mark, `;` between fields, CRLF) of the whole filtered list. */
  async function csv() {
    const [S, data] = await Promise.all([get(`strings/${LANG}.json`), get(box.dataset.list)]);
    const c = columns(data);
    const html = await items(c, select(c, state).map((p) => c.numbers[p]));
    const cell = (v) => {
      let t = String(v == null ? '' : v);
      if (/^[=+\-@\t\r]/.test(t)) t = "'" + t; // a spreadsheet would run it as a formula
      return /[";\r\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
    };
    const rows = [S.list_csv_header.split('|')];
    const tpl = document.createElement('template');
    for (const h of html) {
      tpl.innerHTML = h;
      const a = tpl.content.querySelector('a.doc-title');
      const meta = tpl.content.querySelector('.doc-meta');
      const time = meta.querySelector('time');
      const spans = [...meta.querySelectorAll(':scope > span')];
      const date = time ? time.textContent : spans.shift().textContent;
      const mark = meta.querySelector('abbr');
      rows.push([a.textContent, time ? time.getAttribute('datetime') : '', date + (mark ? ' ' + mark.textContent : ''),
        (spans[0] || {}).textContent, (spans[1] || {}).textContent, (spans[2] || {}).textContent, new URL(a.getAttribute('href'), location.href).href]);
    }
    const text = '\ufeff' + rows.map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
    const link = el('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' })), download: box.dataset.list.replace(/\.json$/, '').replace(/\//g, '-') + '.csv' });
    document.body.append(link);
    link.click();
    link.remove();
  }

  function open(yes) {
    toggle.setAttribute('aria-expanded', String(yes));
    form.hidden = !yes;
  }

  toggle.hidden = false;
  form.before(status);
  toggle.addEventListener('click', () => {
    const yes = toggle.getAttribute('aria-expanded') !== 'true';
    open(yes);
    if (yes && !form.firstChild) show(false).catch(() => {});
  });
  form.addEventListener('change', (e) => {
    state[e.target.name] = e.target.value;
    state.page = '';
    show(false).catch(() => {});
  });
  form.addEventListener('reset', (e) => {
    e.preventDefault();
    state = fromUrl();
    for (const k of KEYS) state[k] = '';
    restore();
    show(false).catch(() => {});
  });
  form.addEventListener('click', (e) => {
    if (e.target.closest('.list-csv')) csv().catch(() => {});
  });
  box.addEventListener('click', (e) => {
    const a = e.target.closest('nav.pager a');
    if (!a || !active(state)) return;
    e.preventDefault();
    const q = new URL(a.href).searchParams;
    for (const k of KEYS) state[k] = q.get(k) || '';
    show(true).then(() => box.scrollIntoView()).catch(() => {});
  });
  window.addEventListener('popstate', () => {
    state = fromUrl();
    if (active(state)) show(false).catch(() => {});
    else restore();
  });
  if (active(state)) {
    open(true);
    show(false).catch(() => {});
  }
})();
