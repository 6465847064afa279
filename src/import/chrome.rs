//! Page chrome in text copied from a browser: the lines a news site prints around an article
//! (tickers, clocks, menus, rubrics, tag lists, skip-links, share and comment prompts, cookie
//! notices, image addresses, repeated headlines and captions, date lines under the headline).
//!
//! Each line is classified on its own first (its length, its share of letters and digits, the
//! words it consists of), then in context: lines that repeat an earlier one, runs of short
//! lower-case lines (tag lists) or bullets (menus), one-word rubrics above the headline or below
//! the article, and the short lines above a headline the page repeats. What is classified here
//! is kept out of the title, date and body choices but never lost: the raw source keeps it, and
//! the date and source finders still read the date lines and mastheads.

use super::dates;

/// Why a line is chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A currency or market ticker, a view counter: digits with hardly a word.
    Ticker,
    /// A clock time alone («16:09»).
    Time,
    /// A line that only dates the page (a date, a time, a rubric, a view count, an outlet).
    DateLine,
    /// The headline again with the date and outlet appended («Title - 29.09.2025, ОУТЛЕТ»).
    Masthead,
    /// An accessibility skip-link label.
    SkipLink,
    /// A share, comment, subscribe or «found a mistake» prompt.
    Prompt,
    /// A cookie notice and its button.
    Cookie,
    /// A raw address on a line of its own (an image or sharing link).
    Address,
    /// A markup identifier left as text («post-img»), possibly before a photo credit.
    Markup,
    /// An author line («Автор - …»).
    Byline,
    /// A line the page already showed (headline, caption or credit printed twice).
    Repeat,
    /// A tag list: a run of short lower-case lines.
    Tag,
    /// A line that recurs across unrelated pages of one import batch (a site's menu, footer).
    Recurring,
    /// A menu: bullets, section names, a one-word rubric at the edge of the article.
    Menu,
}

/// The lines of a page, sorted into chrome and the rest.
#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    /// The lines that are not chrome, in order.
    pub(crate) kept: Vec<String>,
    /// The chrome lines (kind and text), in order.
    pub(crate) removed: Vec<(Kind, String)>,
    /// For each chrome line, how many non-blank kept lines stand above it (0 or 1: the top of
    /// the page, around the headline; more: inside or under the article).
    pub(crate) depth: Vec<usize>,
    /// Index in `kept` of a headline the page repeats (a sure headline).
    pub(crate) headline: Option<usize>,
}

/// Sorts `lines` into chrome and the rest; `batch` holds the lines that recur across the batch.
#[cfg(test)]
fn split(lines: &[String], batch: &Recurring) -> Page {
    sort(lines, &classify(lines, batch))
}

fn sort(lines: &[String], kinds: &[Option<Kind>]) -> Page {
    let headline = repeated_headline(lines, kinds);
    let mut page = Page::default();
    for (i, (line, kind)) in lines.iter().zip(kinds).enumerate() {
        match kind {
            Some(k) => {
                page.removed.push((*k, line.trim().to_string()));
                page.depth.push(page.kept.iter().filter(|l| !l.trim().is_empty()).count());
            }
            None => {
                if headline == Some(i) {
                    page.headline = Some(page.kept.len());
                }
                page.kept.push(line.clone());
            }
        }
    }
    page
}

/// Takes the chrome out of a cleaned text's lines (keeping the count of lines above its first
/// photo credit right) and returns what was taken.
pub(crate) fn apply(c: &mut super::clean::Cleaned, batch: &Recurring) -> Page {
    let kinds = classify(&c.lines, batch);
    if let Some(at) = c.first_credit_at {
        let above = c
            .lines
            .iter()
            .zip(&kinds)
            .filter(|(l, _)| !l.trim().is_empty())
            .take(at)
            .filter(|(_, k)| k.is_some())
            .count();
        c.first_credit_at = Some(at - above);
    }
    let page = sort(&c.lines, &kinds);
    c.lines = page.kept.clone();
    page
}

/// The kind of chrome of each line, `None` for the article's own lines (and blank ones).
pub(crate) fn classify(lines: &[String], batch: &Recurring) -> Vec<Option<Kind>> {
    let mut kinds: Vec<Option<Kind>> = (lines.iter())
        .map(|l| {
            intrinsic(l.trim()).or_else(|| batch.contains(l.trim()).then_some(Kind::Recurring))
        })
        .collect();
    mark_repeats(lines, &mut kinds);
    mark_teasers(lines, &mut kinds);
    mark_runs(lines, &mut kinds);
    mark_header_zone(lines, &mut kinds);
    mark_edges(lines, &mut kinds);
    kinds
}

fn words(t: &str) -> usize {
    t.split_whitespace().count()
}

/// A line that ends a sentence (or a quotation closing one).
fn sentence_end(t: &str) -> bool {
    t.ends_with(['.', '!', '?', '…', '»', '"', ')', ':', ';'])
}

const SKIP_LINKS: [&str; 8] = [
    "accessibility links",
    "skip to main content",
    "skip to content",
    "перейти к основному содержанию",
    "перейти к содержанию",
    "перейти к содержимому",
    "версия для слабовидящих",
    "негізгі мазмұнға өту",
];

/// Openings of a «read also» link on a line of its own («Читайте также: Заголовок»).
const READ_ALSO: [&str; 6] = [
    "читайте также",
    "читайте по теме",
    "смотрите также",
    "тағы оқыңыз",
    "оқи отырыңыз",
    "read also",
];

/// Whole-line prompts of the share, comment and subscribe widgets and live banners.
const PROMPTS: [&str; 13] = [
    "прямой эфир",
    "тікелей эфир",
    "онлайн-трансляция",
    "добавить комментарий",
    "оставить комментарий",
    "комментарии",
    "поделиться",
    "пікір қалдыру",
    "пікірлер",
    "бөлісу",
    "нравится",
    "share",
    "подтвердить",
];

/// Openings of subscribe prompts.
const SUBSCRIBE: [&str; 4] = ["подписывайтесь", "подпишитесь", "жазылыңыз", "біздің telegram"];

/// Currency codes of tickers.
const CURRENCIES: [&str; 9] = ["USD", "EUR", "RUB", "KZT", "CNY", "KGS", "UZS", "GBP", "BYN"];

/// Chrome recognisable from the line alone.
fn intrinsic(t: &str) -> Option<Kind> {
    if t.is_empty() {
        return None;
    }
    let low = t.to_lowercase();
    let bare = low.trim_matches(|c: char| !c.is_alphanumeric());
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    let digits = t.chars().filter(char::is_ascii_digit).count();
    if SKIP_LINKS.contains(&bare) {
        return Some(Kind::SkipLink);
    }
    // «Нашли ошибку? … Ctrl+Enter» is printed under articles by many sites.
    if (low.contains("ctrl") && low.contains("enter") && t.chars().count() < 160)
        || PROMPTS.contains(&bare)
        || SUBSCRIBE.iter().any(|s| low.starts_with(s))
    {
        return Some(Kind::Prompt);
    }
    if READ_ALSO.iter().any(|r| low.strip_prefix(r).is_some_and(|x| x.starts_with(':')))
        && t.chars().count() < 200
    {
        return Some(Kind::Prompt);
    }
    // Weather: a temperature with a city or two.
    if t.contains('°') && words(t) <= 4 {
        return Some(Kind::Ticker);
    }
    if (low.contains("cookie") || low.contains("куки")) && t.chars().count() < 200 {
        return Some(Kind::Cookie);
    }
    if (low.starts_with("http://") || low.starts_with("https://")) && !t.contains(' ') {
        return Some(Kind::Address);
    }
    if is_clock(t) {
        return Some(Kind::Time);
    }
    if let Some(k) = date_line(t) {
        return Some(k);
    }
    // A counter alone: a number on its own line (views, comments, likes: «0» under the headline
    // on fedpress.ru and hayastannews.com), or a number with a views word («8950 просмотров» on
    // atameken.kz, «576 рет» on egemen.kz).
    if (t.chars().all(|c| c.is_ascii_digit()) && t.len() <= 7) || view_count(&low) {
        return Some(Kind::Ticker);
    }
    // Tickers and counters: digits, signs and at most a currency code or symbol (a document
    // number «№ 158» is no ticker).
    let codes = t.split_whitespace().filter(|w| CURRENCIES.contains(w)).count();
    if digits >= 2 && letters <= 3 * codes + 1 && words(t) <= 8 && !t.contains('№') {
        return Some(Kind::Ticker);
    }
    if markup_identifier(t) {
        return Some(Kind::Markup);
    }
    if (low.starts_with("автор:") || low.starts_with("автор -") || low.starts_with("автор –"))
        && t.chars().count() < 80
    {
        return Some(Kind::Byline);
    }
    None
}

/// Words of a view counter, as prefixes: Russian «просмотров», «прочтений», Kazakh «рет
/// (көрсетілді)», «қаралым», English «views».
const VIEWS: [&str; 5] = ["просмотр", "прочтени", "рет", "қаралым", "views"];

/// «8950 просмотров», «576 рет»: a number and a views word, and nothing else.
fn view_count(low: &str) -> bool {
    let ws: Vec<&str> = low.split_whitespace().collect();
    ws.len() == 2
        && ws[0].chars().all(|c| c.is_ascii_digit() || c == ' ')
        && VIEWS.iter().any(|v| ws[1].starts_with(v))
}

fn is_clock(t: &str) -> bool {
    let b = t.as_bytes();
    let (h, m) = match t.split_once(':') {
        Some(x) => x,
        None => return false,
    };
    (1..=2).contains(&h.len()) && m.len() == 2 && b.iter().all(|c| c.is_ascii_digit() || *c == b':')
}

/// «post-img», «share_icon», or such a word before a photo credit («cover Фото: …»): class
/// names and alt texts that a copy from the browser carries into Cyrillic text.
fn markup_identifier(t: &str) -> bool {
    let ident = |w: &str| {
        !w.is_empty()
            && w.chars().all(|c| c.is_ascii_lowercase() || c == '-' || c == '_')
            && w.chars().next().is_some_and(|c| c.is_ascii_lowercase())
    };
    let mut ws = t.split_whitespace();
    let first = ws.next().unwrap_or_default();
    let rest: Vec<&str> = ws.collect();
    if rest.is_empty() {
        return ident(first) && first.contains(['-', '_']);
    }
    let tail = rest.join(" ").to_lowercase();
    ident(first) && (tail.starts_with("фото") || tail.starts_with("сурет"))
}

/// A line that only dates the page: a date near which stand at most a few words (a rubric, an
/// outlet) and a time or view count, with the date first, or with a time or count beside it.
/// A headline that contains a date has more words and no time or count.
fn date_line(t: &str) -> Option<Kind> {
    if t.chars().count() > 200 {
        return None;
    }
    let found = dates::find(t);
    let m = found.first()?;
    if let Some(k) = masthead(t, found.last()?) {
        return Some(k);
    }
    if t.chars().count() > 90 {
        return None;
    }
    let rest: String = format!("{} {}", &t[..m.start], &t[m.start + m.text.len()..]);
    let others: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '|' | '[' | ']' | '—' | '–'))
        .filter(|w| !w.trim_matches(|c: char| !c.is_alphanumeric()).is_empty())
        .collect();
    let timed =
        others.iter().any(|w| is_clock(w.trim_matches(|c: char| !c.is_ascii_digit() && c != ':')));
    let counted = others.iter().any(|w| w.chars().all(|c| c.is_ascii_digit()));
    let wordy = others.iter().filter(|w| w.chars().any(char::is_alphabetic)).count();
    let at_start = t[..m.start].trim().is_empty();
    (wordy <= 4 && !t.ends_with('.') && (at_start || timed || counted || rubric_dated(t, m)))
        .then_some(Kind::DateLine)
}

/// «Президент • 28 Қыркүйек, 2018», «Политика | 3 мая 2021»: a rubric of a word or two, a
/// separator sign, and the date closing the line (the stamp egemen.kz prints above its
/// headlines). A headline with a date has no separator sign before it.
fn rubric_dated(t: &str, m: &dates::Mention) -> bool {
    let before = t[..m.start].trim_end();
    let after = t[m.start + m.text.len()..].trim();
    let Some(rubric) = before.strip_suffix(['•', '|', '·', '/']) else { return false };
    after.is_empty() && (1..=2).contains(&words(rubric)) && !rubric.contains(char::is_numeric)
}

/// «Headline - 29.09.2025, ОУТЛЕТ» or «Description. | 29.09.2025, ОУТЛЕТ»: a date after a
/// separator, then only a short name: the page title or description as the site stamps it.
fn masthead(t: &str, m: &dates::Mention) -> Option<Kind> {
    let before = t[..m.start].trim_end();
    let after = t[m.start + m.text.len()..].trim();
    let name = after.strip_prefix(',')?.trim();
    let short = (1..=3).contains(&words(name)) && !name.ends_with('.');
    (short && before.ends_with(['-', '|', '–', '—']) && words(before) >= 2)
        .then_some(Kind::Masthead)
}

/// The outlet a date line or masthead names after its date («…, 09:34 [ «Outlet» ]», «…,
/// ОУТЛЕТ»), for the source finder.
pub(crate) fn outlet(kind: Kind, t: &str) -> Option<String> {
    if !matches!(kind, Kind::DateLine | Kind::Masthead) {
        return None;
    }
    let m = dates::find(t).into_iter().last()?;
    let after = &t[m.start + m.text.len()..];
    let name: Vec<&str> = after
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '«' | '»' | '"' | '|'))
        .filter(|w| !w.is_empty() && !is_clock(w) && w.chars().any(char::is_alphabetic))
        .collect();
    (!name.is_empty() && name.len() <= 4).then(|| name.join(" "))
}

/// A line printed a second time (a caption under its photo and in the alt text, the headline in
/// the page title and the heading): the second one is chrome.
fn mark_repeats(lines: &[String], kinds: &mut [Option<Kind>]) {
    let mut seen = std::collections::HashSet::new();
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim();
        if t.is_empty() {
            continue;
        }
        if !seen.insert(t) && kinds[i].is_none() {
            kinds[i] = Some(Kind::Repeat);
        }
    }
    mark_glued_headlines(lines, kinds);
}

/// A top line that is a later line with a short prefix glued on is the headline with chrome in
/// front: a breadcrumb («Домой Армения Headline», hayastannews.com) or a widget label («Топ-100
/// Headline», total.kz). The later line is the headline; the glued one is chrome.
fn mark_glued_headlines(lines: &[String], kinds: &mut [Option<Kind>]) {
    let idx = filled(lines);
    for (n, &i) in idx.iter().enumerate().take(12) {
        let t = lines[i].trim();
        if kinds[i].is_some() {
            continue;
        }
        let glued = idx[n + 1..].iter().any(|&j| {
            let l = lines[j].trim();
            words(l) >= 3
                && !sentence_end(l)
                && t.len() > l.len()
                && t.ends_with(l)
                && t[..t.len() - l.len()].ends_with(' ')
                && (1..=3).contains(&words(&t[..t.len() - l.len()]))
        });
        if glued {
            kinds[i] = Some(Kind::Repeat);
        }
    }
}

/// A teaser block: a paragraph whose text, after at most a short prefix (a byline, a photo
/// credit), the next lines print again and continue (the summary above an article that starts
/// with the same sentences). The later, longer copy is the article's.
fn mark_teasers(lines: &[String], kinds: &mut [Option<Kind>]) {
    for i in 0..lines.len() {
        let t = lines[i].trim();
        if kinds[i].is_some() || t.chars().count() < 100 || !sentence_end(t) {
            continue;
        }
        let later = (i + 1..lines.len().min(i + 5)).filter(|&j| kinds[j].is_none());
        let teaser = later.into_iter().any(|j| {
            let m = lines[j].trim();
            let key_end = m.char_indices().nth(40).map(|(k, _)| k);
            let Some(key_end) = key_end else { return false };
            t.find(&m[..key_end]).is_some_and(|pos| {
                t[..pos].chars().count() <= 80
                    && m.starts_with(&t[pos..])
                    && m.len() > t.len() - pos
            })
        });
        if teaser {
            kinds[i] = Some(Kind::Repeat);
        }
    }
}

/// The non-blank lines' indices.
fn filled(lines: &[String]) -> Vec<usize> {
    (0..lines.len()).filter(|&i| !lines[i].trim().is_empty()).collect()
}

/// Runs of at least three short lower-case lines are a tag list; runs of two or more bullets a
/// menu, with the short heading right above them; runs of four or more very short lines (a word
/// or three each, none a sentence) a menu or a widget, whatever their case: an article has no
/// four such lines in a row, a site's section menu and footer (news.mail.ru: 26 lines) or its
/// counter and reading-time widget («576 рет / көрсетілді / 2 мин / оқу үшін», egemen.kz) do.
fn mark_runs(lines: &[String], kinds: &mut [Option<Kind>]) {
    let idx = filled(lines);
    let tag = |t: &str| {
        words(t) <= 4 && !sentence_end(t) && t.chars().next().is_some_and(|c| c.is_lowercase())
    };
    let bullet = |t: &str| t.starts_with(['•', '·', '▪']) && words(t) <= 6;
    // Menu items start with a letter or digit; a line opening with a sign («- …», «# …», «***»)
    // is the text's own list item, heading or rule.
    let short = |t: &str| {
        words(t) <= 3
            && t.chars().count() <= 32
            && !sentence_end(t)
            && t.starts_with(char::is_alphanumeric)
    };
    for (test, kind, min) in [
        (&tag as &dyn Fn(&str) -> bool, Kind::Tag, 3),
        (&bullet, Kind::Menu, 2),
        (&short, Kind::Menu, 4),
    ] {
        let mut k = 0;
        while k < idx.len() {
            let mut e = k;
            while e < idx.len() && test(lines[idx[e]].trim()) {
                e += 1;
            }
            if e - k >= min {
                for &i in &idx[k..e] {
                    kinds[i].get_or_insert(kind);
                }
                if kind == Kind::Menu && k > 0 {
                    let head = lines[idx[k - 1]].trim();
                    if words(head) <= 4 && !sentence_end(head) {
                        kinds[idx[k - 1]].get_or_insert(Kind::Menu);
                    }
                }
            }
            k = e.max(k + 1);
        }
    }
}

/// A headline the page prints twice (as the page title and as the heading, or stamped into a
/// masthead) is surely the headline; the short non-sentence lines above it are the site's header
/// (menus, rubrics, a «today» date).
fn mark_header_zone(lines: &[String], kinds: &mut [Option<Kind>]) {
    let Some(h) = repeated_headline(lines, kinds) else { return };
    for i in 0..h {
        let t = lines[i].trim();
        if !t.is_empty() && kinds[i].is_none() && !sentence_end(t) {
            kinds[i] = Some(Kind::Menu);
        }
    }
}

/// The first of the top lines that the page repeats whole or at the start of a masthead, or
/// that an earlier line printed with a prefix glued on ([`mark_glued_headlines`]).
fn repeated_headline(lines: &[String], kinds: &[Option<Kind>]) -> Option<usize> {
    let idx = filled(lines);
    idx.iter().take(12).copied().find(|&i| {
        let t = lines[i].trim();
        let glued_above = lines[..i].iter().zip(kinds).any(|(l, k)| {
            let l = l.trim();
            matches!(k, Some(Kind::Repeat)) && l.len() > t.len() && l.ends_with(t)
        });
        kinds[i].is_none()
            && words(t) >= 3
            && !sentence_end(t)
            && (glued_above
                || lines.iter().zip(kinds).skip(i + 1).any(|(l, k)| {
                    let l = l.trim();
                    matches!(k, Some(Kind::Repeat)) && l == t
                        || matches!(k, Some(Kind::Masthead)) && l.starts_with(t)
                }))
    })
}

/// One-word lines (a rubric, a signature) above the first line of text or below the last
/// sentence; and below the last sentence, short lines when the tail already holds a widget
/// (prompts, menus, cookie notices), since the article has ended there.
fn mark_edges(lines: &[String], kinds: &mut [Option<Kind>]) {
    let idx: Vec<usize> = filled(lines).into_iter().filter(|&i| kinds[i].is_none()).collect();
    let one_word = |t: &str| {
        words(t) == 1
            && !sentence_end(t)
            && t.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && t.chars().next().is_some_and(char::is_uppercase)
    };
    for &i in &idx {
        if !one_word(lines[i].trim()) {
            break;
        }
        kinds[i] = Some(Kind::Menu);
    }
    let last = idx.iter().rev().copied().find(|&i| sentence_end(lines[i].trim()));
    let Some(last) = last else { return };
    let tail: Vec<usize> =
        (last + 1..lines.len()).filter(|&i| !lines[i].trim().is_empty()).collect();
    if !lines[last].trim().ends_with(':') {
        // A line ending in a colon announces a list: what follows is the article's.
        mark_story_list(lines, kinds, &tail);
    }
    // Short lines go only from the first widget on: above it, lines without a stop may still
    // be the article's (a list of names, a cut-off last line).
    let mut widget = false;
    for &i in &tail {
        let t = lines[i].trim();
        widget |= kinds[i].is_some();
        if kinds[i].is_none()
            && (one_word(t) || (widget && words(t) <= 5 && t.chars().count() < 60))
        {
            kinds[i] = Some(Kind::Menu);
        }
    }
}

/// Three or more lines under the article's last sentence, none a sentence, are the headlines of
/// other stories (a «latest news» list: five on eadaily.com, a «Recent Posts» block on
/// globalnews.kz). A long last line is kept: it may be the article itself, cut off by the copy.
fn mark_story_list(lines: &[String], kinds: &mut [Option<Kind>], tail: &[usize]) {
    let open: Vec<usize> = tail.iter().copied().filter(|&i| kinds[i].is_none()).collect();
    // Headlines start with a capital letter; a line opening with a digit or a sign is the
    // text's own (a formula, a numbered item, a heading in markup).
    let headline = |t: &str| !sentence_end(t) && t.starts_with(char::is_uppercase);
    if open.len() < 3 || !open.iter().all(|&i| headline(lines[i].trim())) {
        return;
    }
    for (n, &i) in open.iter().enumerate() {
        let cut_article = n + 1 == open.len() && lines[i].trim().chars().count() > 80;
        if !cut_article {
            kinds[i] = Some(Kind::Menu);
        }
    }
}

/// The lines that recur across the pages of one import batch: a line that is not a sentence
/// and that at least three unrelated pages print is the sites' chrome (menus, rubrics, footers,
/// widget labels). Pages that share a long sentence are copies of one article (the same story
/// saved from several sites) and count once, so a headline they share is not taken for chrome.
#[derive(Debug, Clone, Default)]
pub(crate) struct Recurring(std::collections::BTreeSet<String>);

impl Recurring {
    /// How many unrelated pages must print a line.
    const PAGES: usize = 3;

    /// The recurring lines of `texts`, the raw texts of one batch.
    pub(crate) fn of(texts: &[&str]) -> Recurring {
        use std::collections::{BTreeMap, BTreeSet};
        // Group copies of one article: pages sharing a long sentence line.
        let mut parent: Vec<usize> = (0..texts.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        let mut by_sentence: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, text) in texts.iter().enumerate() {
            for l in text.lines().map(str::trim) {
                if l.chars().count() >= 60 && sentence_end(l) {
                    let first = *by_sentence.entry(l).or_insert(i);
                    let (a, b) = (root(&mut parent, first), root(&mut parent, i));
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
        let group: Vec<usize> = (0..texts.len()).map(|i| root(&mut parent, i)).collect();
        let mut pages: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
        for (i, text) in texts.iter().enumerate() {
            for l in text.lines().map(str::trim) {
                if !l.is_empty() && l.chars().count() <= 150 && !sentence_end(l) {
                    pages.entry(l).or_default().insert(group[i]);
                }
            }
        }
        Recurring(
            pages
                .into_iter()
                .filter(|(_, g)| g.len() >= Self::PAGES)
                .map(|(l, _)| l.to_string())
                .collect(),
        )
    }

    fn contains(&self, line: &str) -> bool {
        !line.is_empty() && self.0.contains(line)
    }
}

/// A saved record's own header: some tools that store pages put ` date YYYY-MM-DD` before the
/// page's first line. It is the store's date of the page, not a line of the page: it is taken
/// off the first line and returned, so that the date finder can weigh it.
pub(crate) fn take_saved_date(lines: &mut [String]) -> Option<crate::content::PartialDate> {
    let first = lines.iter_mut().find(|l| !l.trim().is_empty())?;
    let rest = first.trim_start().strip_prefix("date ")?;
    let (stamp, after) = rest.split_at_checked(10)?;
    if !after.is_empty() && !after.starts_with(' ') {
        return None;
    }
    let d = crate::content::PartialDate::parse(stamp).ok()?;
    *first = after.trim().to_string();
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Option<Kind>> {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        classify(&lines, &Recurring::default())
    }

    #[test]
    fn tickers_clocks_addresses_and_prompts() {
        assert_eq!(intrinsic("KZT 5.41"), Some(Kind::Ticker));
        assert_eq!(intrinsic("€ 512.10  530.02"), Some(Kind::Ticker));
        assert_eq!(intrinsic("11:42"), Some(Kind::Time));
        assert_eq!(intrinsic("https://img.example.kz/a/b.jpg?2"), Some(Kind::Address));
        assert_eq!(intrinsic("Заметили опечатку? Нажмите Ctrl+Enter"), Some(Kind::Prompt));
        assert_eq!(intrinsic("Мы используем cookie для удобства"), Some(Kind::Cookie));
        assert_eq!(intrinsic("Skip to main content"), Some(Kind::SkipLink));
        assert_eq!(intrinsic("main-photo"), Some(Kind::Markup));
        assert_eq!(intrinsic("thumb Фото: пресс-служба"), Some(Kind::Markup));
        assert_eq!(intrinsic("Автор - Иван Петров"), Some(Kind::Byline));
        assert_eq!(intrinsic("Тағы оқыңыз: Үкімет отырысы өтті"), Some(Kind::Prompt));
        assert_eq!(intrinsic("Тікелей эфир"), Some(Kind::Prompt));
        assert_eq!(intrinsic("Алматы +12°C"), Some(Kind::Ticker));
        // Article lines stay.
        assert_eq!(intrinsic("В 2024 году товарооборот вырос на 12 процентов."), None);
        assert_eq!(intrinsic("Саммит ШОС пройдет 4 июля 2025"), None);
    }

    #[test]
    fn date_lines_and_mastheads() {
        assert_eq!(intrinsic("12 марта 2021 / 10:05"), Some(Kind::DateLine));
        assert_eq!(intrinsic("Экономика 3 Mart 2022 1520"), Some(Kind::DateLine));
        assert_eq!(intrinsic("05.05.2020"), Some(Kind::DateLine));
        assert_eq!(intrinsic("Экономика • 3 Мамыр, 2021"), Some(Kind::DateLine));
        assert_eq!(intrinsic("Экономика | 3 мая 2021"), Some(Kind::DateLine));
        assert_eq!(intrinsic("Экономика 3 мая 2021"), None);
        let m = "Встреча министров в Бишкеке - 05.05.2020, ВЕСТНИК";
        assert_eq!(intrinsic(m), Some(Kind::Masthead));
        assert_eq!(outlet(Kind::Masthead, m).as_deref(), Some("ВЕСТНИК"));
        let d = "5 мая 2020, 10:05 [ «Новый вестник» ]";
        assert_eq!(outlet(Kind::DateLine, d).as_deref(), Some("Новый вестник"));
    }

    #[test]
    fn repeats_tags_menus_and_edges() {
        let k = kinds(
            "Новости\nПремьеры обсудили транзит\n12 марта 2021 / 10:05\nПремьеры обсудили транзит\nТекст статьи.\nфото дня\nэкономика\nминск\nВторой абзац.\nЭкономика\n",
        );
        assert_eq!(
            k,
            [
                Some(Kind::Menu),
                None,
                Some(Kind::DateLine),
                Some(Kind::Repeat),
                None,
                Some(Kind::Tag),
                Some(Kind::Tag),
                Some(Kind::Tag),
                None,
                Some(Kind::Menu),
            ]
        );
        let k =
            kinds("Текст статьи.\nНашли ошибку? Ctrl+Enter\nВ регионах\n • Лента\n • Главное\n");
        assert_eq!(
            k[1..],
            [Some(Kind::Prompt), Some(Kind::Menu), Some(Kind::Menu), Some(Kind::Menu)]
        );
    }

    #[test]
    fn a_cut_off_last_line_is_article_text() {
        let k = kinds("Первый абзац.\n\nПо его");
        assert_eq!(k, [None, None, None]);
        // List items above a widget stay; short lines below it go.
        let k = kinds(
            "В списке:\nКазахстан – Иван Петров\nКитай – Ли Мин\nПоделиться\nГлавное за день",
        );
        assert_eq!(k, [None, None, None, Some(Kind::Prompt), Some(Kind::Menu)]);
    }

    #[test]
    fn a_teaser_the_article_repeats_is_chrome() {
        let lead = "Министры иностранных дел встретились в Бишкеке и обсудили транзит. Итоги встречи — в нашем материале.";
        let k = kinds(&format!(
            "Заголовок статьи о встрече\nИван Петров Корреспондент {lead}\n{lead} Стороны подписали протокол."
        ));
        assert_eq!(k, [None, Some(Kind::Repeat), None]);
        // A headline that the first sentence repeats is no teaser.
        let k = kinds(
            "Министры встретились в Бишкеке\nМинистры встретились в Бишкеке. Они обсудили транзит.",
        );
        assert_eq!(k, [None, None]);
    }

    #[test]
    fn header_zone_above_a_repeated_headline() {
        let k = kinds(
            "Кризис Выборы Спорт Культура Мир\nГлава МИД посетил Ташкент\nГлава МИД посетил Ташкент\nТекст.",
        );
        assert_eq!(k, [Some(Kind::Menu), None, Some(Kind::Repeat), None]);
    }

    #[test]
    fn counters_alone_and_view_counts() {
        assert_eq!(intrinsic("0"), Some(Kind::Ticker));
        assert_eq!(intrinsic("1203 просмотра"), Some(Kind::Ticker));
        assert_eq!(intrinsic("45 рет"), Some(Kind::Ticker));
        assert_eq!(intrinsic("45 делегаций"), None);
        assert_eq!(intrinsic("Прибыло 45 делегаций."), None);
    }

    #[test]
    fn runs_of_very_short_lines_are_a_menu() {
        let k =
            kinds("Москва\nНовости\nСпорт Регионы\nВидео\nМинистры встретились в Бишкеке\nТекст.");
        assert_eq!(k[..4], [Some(Kind::Menu); 4]);
        assert_eq!(k[4..], [None, None]);
        // Lines opening with a sign are the text's own list items and headings.
        let k = kinds("Итоги\n- первое\n- второе\n- третье\n# Раздел\nТекст.");
        assert_eq!(k[1..5], [None; 4]);
        // Three such lines are not enough.
        let k = kinds("Заголовок новости о встрече\nИтоги:\nВ Бишкеке\nВ среду\nТекст.");
        assert_eq!(k, [None, None, None, None, None]);
    }

    #[test]
    fn other_stories_under_the_last_sentence_are_chrome() {
        let k = kinds(
            "Текст статьи.\nВ Омске открылся новый мост\nПогода на выходные\nМинистр посетил завод",
        );
        assert_eq!(k[1..], [Some(Kind::Menu); 3]);
        // Two such lines stay (a caption, a signature), and a long cut-off last line stays.
        let k = kinds("Текст статьи.\nИван Петров\nФотограф Пётр Иванов");
        assert_eq!(k, [None, None, None]);
        let cut = "Другой абзац статьи, который копия оборвала на самой середине, когда текст статьи был ещё дли";
        let k = kinds(&format!("Текст статьи.\nЛента новостей\nГлавное за день\n{cut}"));
        assert_eq!(k[1..], [Some(Kind::Menu), Some(Kind::Menu), None]);
        // Lines opening with a digit or a sign are the text's own.
        let k = kinds(
            "Текст статьи.\n1. Первый пункт программы\n2. Второй пункт программы\n3. Третий пункт",
        );
        assert_eq!(k[1..], [None; 3]);
        // After a colon, a list of names is the article's.
        let k = kinds("Участники:\nИван Петров\nПётр Иванов\nЛи Мин");
        assert_eq!(k, [None, None, None, None]);
    }

    #[test]
    fn a_headline_with_a_prefix_glued_on_is_chrome_above_the_headline() {
        let lines: Vec<String> =
            ["Главная Мир Глава МИД посетил Ташкент", "Глава МИД посетил Ташкент", "Текст."]
                .iter()
                .map(|s| s.to_string())
                .collect();
        let page = split(&lines, &Recurring::default());
        assert_eq!(page.removed, [(Kind::Repeat, lines[0].clone())]);
        assert_eq!(page.headline, Some(0));
        // A longer line that merely ends like a later one, four words in front, stays.
        let k = kinds(
            "Сегодня в столице прошла встреча Глава МИД посетил Ташкент\nГлава МИД посетил Ташкент\nТекст.",
        );
        assert_eq!(k[0], None);
    }

    #[test]
    fn lines_recurring_across_unrelated_pages_are_chrome() {
        let menu = "Главная Новости Экономика Спорт";
        let story = "Премьер-министр провел встречу с послом и обсудил торговлю и транзит грузов.";
        let pages = [
            format!(
                "{menu}\nМинистры встретились\nПервая статья о встрече министров в столице, и больше ничего."
            ),
            format!(
                "{menu}\nОткрылась выставка\nВторая статья о выставке в городе, где было много гостей."
            ),
            format!("{menu}\nПремьер принял посла\n{story}"),
            format!("Премьер принял посла\n{story}"),
            format!("Премьер принял посла\n{story}"),
        ];
        let texts: Vec<&str> = pages.iter().map(String::as_str).collect();
        let rec = Recurring::of(&texts);
        assert!(rec.contains(menu));
        // One article saved from three sites: its headline is no chrome.
        assert!(!rec.contains("Премьер принял посла"));
    }

    #[test]
    fn saved_record_date_is_taken_off() {
        let mut l = vec![" date 2024-05-06 Заголовок".to_string(), "Текст.".to_string()];
        assert_eq!(take_saved_date(&mut l), crate::content::PartialDate::parse("2024-05-06").ok());
        let page = split(
            &[
                "Заголовок новости".into(),
                "05.05.2020".into(),
                "Текст.".into(),
                "06.06.2021, 10:00".into(),
            ],
            &Recurring::default(),
        );
        assert_eq!(page.depth, [1, 2]);
        assert_eq!(l[0], "Заголовок");
    }
}
