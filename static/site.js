// The archive's small enhancements of every page. Without JavaScript each is what the page
// already is: the language switch a plain link, the root page's meta refresh to the default
// language, the citation's access date a visible placeholder, no copy button.
//
// - The language switch carries the query string and #anchor to the other language's page, and
//   remembers the reader's explicit choice (localStorage).
// - The root page sends the reader to the stored choice, else to the first language of
//   `navigator.languages` the site has, else to the default language.
// - The citation gets today's date as its access date (ДД.ММ.ГГГГ) and a copy button that
//   says «Скопировано» / «Көшірілді» in a live region.
// - Printing opens closed disclosures, so what they hold is printed (their triangles are hidden).
(function () {
  'use strict';

  const KEY = 'archive-lang';

  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }

  function remember(lang) {
    try { localStorage.setItem(KEY, lang); } catch (e) { /* storage off: nothing to keep */ }
  }

  /** The root page's pick: `targets` maps a language to its home page. */
  function pickLanguage(targets, fallback) {
    const choice = stored();
    if (choice && targets[choice]) return targets[choice];
    const wanted = navigator.languages && navigator.languages.length
      ? navigator.languages : [navigator.language || ''];
    for (const tag of wanted) {
      const primary = String(tag).toLowerCase().split('-')[0];
      if (targets[primary]) return targets[primary];
    }
    return fallback;
  }

  const me = document.currentScript;
  if (me && me.dataset.targets) {
    // The root page loads this script in its head, before anything is shown.
    const words = me.dataset.targets.trim().split(/\s+/);
    const targets = Object.create(null);
    for (let i = 0; i + 1 < words.length; i += 2) targets[words[i]] = words[i + 1];
    location.replace(pickLanguage(targets, me.dataset.fallback) + location.search + location.hash);
    return;
  }

  /** The switch's links point at the same query and anchor in the other language. */
  function carryLocation() {
    for (const a of document.querySelectorAll('nav.lang-switch a[hreflang]')) {
      const path = a.getAttribute('href').split(/[?#]/)[0];
      a.setAttribute('href', path + location.search + location.hash);
    }
  }

  function setUpLanguageSwitch() {
    carryLocation();
    window.addEventListener('hashchange', carryLocation);
    const links = 'nav.lang-switch a[hreflang], ul.language-choice a[hreflang]';
    for (const a of document.querySelectorAll(links)) {
      a.addEventListener('click', function () {
        // A search page rewrites its address as the query changes: read it now.
        carryLocation();
        remember(a.getAttribute('hreflang'));
      });
    }
  }

  function two(n) { return (n < 10 ? '0' : '') + n; }

  function fillAccessDate() {
    const d = new Date();
    const today = two(d.getDate()) + '.' + two(d.getMonth() + 1) + '.' + d.getFullYear();
    for (const el of document.querySelectorAll('[data-today]')) el.textContent = today;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // A page served over plain http has no clipboard API: copy a selection instead.
    return new Promise(function (resolve, reject) {
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      const ok = document.execCommand('copy');
      area.remove();
      if (ok) resolve(); else reject(new Error('copy refused'));
    });
  }

  function setUpCopy() {
    for (const button of document.querySelectorAll('button[data-copy]')) {
      const source = document.getElementById(button.dataset.copy);
      const box = button.parentElement;
      const status = box && box.querySelector('[role="status"]');
      if (!source || !status) continue;
      box.hidden = false;
      button.addEventListener('click', function () {
        const text = source.textContent.replace(/\s+/g, ' ').trim();
        status.textContent = '';
        copyText(text).then(function () {
          status.textContent = button.dataset.copied;
        }, function () { /* nothing copied: nothing to announce */ });
      });
    }
  }

  // Disclosures closed at print time, opened for the printout and closed again after.
  let opened = [];
  function openForPrint() {
    opened = Array.from(document.querySelectorAll('details:not([open])'));
    for (const d of opened) d.open = true;
  }
  function closeAfterPrint() {
    for (const d of opened) d.open = false;
    opened = [];
  }

  function start() {
    setUpLanguageSwitch();
    fillAccessDate();
    setUpCopy();
    window.addEventListener('beforeprint', openForPrint);
    window.addEventListener('afterprint', closeAfterPrint);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
