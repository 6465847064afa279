//! Boilerplate out, structure kept. Lines of a raw text are sorted into: header metadata
//! («Published at:», «Original: `[name](url)`»), credit lines («ФОТО PRIMEMINISTER.KZ»,
//! «Сурет: primeminister.kz»), trailing site furniture («Еще по теме:», «Свежее из этой
//! рубрики»), copyright and hyperlink notices — all removed from the body, and the ones that
//! name a source kept as provenance — and the body itself, whose Markdown (headings, bold,
//! footnotes) is kept. Plain texts with one paragraph per line get blank lines between
//! paragraphs, and HTML footnote marks (`<sup>1</sup>`) become Markdown footnotes.

/// A raw text sorted into its parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// Body lines, in order (still one paragraph per line for plain texts).
    pub lines: Vec<String>,
    /// «Published at:» value.
    pub published: Option<String>,
    /// «Original: `[name](url)`» or «Source:» values.
    pub original: Option<(String, Option<String>)>,
    /// Credit lines as written.
    pub credits: Vec<String>,
    /// Copyright and hyperlink notices as written.
    pub notices: Vec<String>,
    /// How many body lines came before the first credit line (a headline sits right above the
    /// photo credit in copies of news pages).
    pub first_credit_at: Option<usize>,
}

const CREDIT_PREFIXES: [&str; 6] = ["фото:", "фото ", "сурет:", "сурет ", "photo:", "фото/"];
/// Labels of a line that names the source: «Источник: [Zakon.kz](…)», «Дереккөз: Bnews.kz».
const SOURCE_LABELS: [&str; 8] = [
    "Original:",
    "Источник:",
    "Источник информации:",
    "Дереккөз:",
    "Дереккөзі:",
    "Source:",
    "Оригинал:",
    "Первоисточник:",
];
const FURNITURE: [&str; 8] = [
    "еще по теме",
    "ещё по теме",
    "свежее из этой рубрики",
    "читайте также",
    "читайте нас",
    "подписывайтесь",
    "тақырыпқа қатысты",
    "тағы оқыңыз",
];
const NOTICE_MARKS: [&str; 7] = [
    "©",
    "гиперссылка обязательна",
    "ссылка обязательна",
    "все права защищены",
    "гиперсілтеме",
    "авторлық құқық",
    "при использовании материалов",
];

/// Sorts the lines of `text`.
pub fn clean(text: &str) -> Cleaned {
    let mut c = Cleaned::default();
    let mut in_furniture = false;
    for line in text.lines() {
        let t = line.trim();
        let low = t.to_lowercase();
        let bare = low.trim_matches(|ch: char| ch == '*' || ch == '_' || ch.is_whitespace());
        if in_furniture {
            // Link lists after «Еще по теме»: short lines that are not sentences.
            let link_like = t.is_empty()
                || (t.chars().count() < 160 && !t.ends_with(['.', '!', '?', '»', '"']));
            if link_like {
                continue;
            }
            in_furniture = false;
        }
        if let Some(v) = SOURCE_LABELS.iter().find_map(|k| header_value(t, k)) {
            c.original = Some(parse_link(&v));
        } else if let Some(v) = header_value(t, "Published at:") {
            c.published = Some(v);
        } else if let Some(v) = header_value(t, "Author:") {
            let _ = v; // an empty or bold-only author line carries nothing
        } else if CREDIT_PREFIXES.iter().any(|p| bare.starts_with(p)) && t.chars().count() < 80 {
            c.credits.push(t.to_string());
            if c.first_credit_at.is_none() {
                c.first_credit_at = Some(c.lines.iter().filter(|l| !l.trim().is_empty()).count());
            }
        } else if FURNITURE.iter().any(|f| bare.trim_end_matches(':') == *f) {
            in_furniture = true;
        } else if NOTICE_MARKS.iter().any(|m| low.contains(m)) && t.chars().count() < 300 {
            c.notices.push(t.to_string());
        } else {
            c.lines.push(line.trim_end().to_string());
        }
    }
    while c.lines.first().is_some_and(|l| l.trim().is_empty()) {
        c.lines.remove(0);
    }
    while c.lines.last().is_some_and(|l| l.trim().is_empty()) {
        c.lines.pop();
    }
    c
}

fn header_value(line: &str, key: &str) -> Option<String> {
    let rest = line.strip_prefix(key)?;
    Some(rest.trim().trim_matches('*').trim().to_string())
}

/// `[Name](url)` → (Name, Some(url)); anything else → (text, None).
fn parse_link(v: &str) -> (String, Option<String>) {
    if let (Some(a), Some(b)) = (v.find("]("), v.rfind(')'))
        && v.starts_with('[')
        && b > a
    {
        return (v[1..a].to_string(), Some(v[a + 2..b].to_string()));
    }
    (v.to_string(), None)
}

/// The body of a text as Markdown: every line but the one the title was taken from (`skip`),
/// joined by [`to_markdown`].
pub fn body_markdown(lines: &[String], skip: Option<usize>) -> String {
    let kept: Vec<String> = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != skip)
        .map(|(_, l)| l.clone())
        .collect();
    to_markdown(&kept)
}

/// Joins body lines into Markdown: a blank line between paragraphs of a one-paragraph-per-line
/// text (but not between the rows of a table), `---` rules made `***` (so no line of the body can read as a front matter fence),
/// `<sup>N</sup>` footnotes turned into `[^N]` with their definitions moved to the end, and every
/// other `<` escaped ([`escape::neutralize_html`](super::escape::neutralize_html)): a source's
/// text never becomes live HTML in the archive, whatever the site's `trust_html`.
pub fn to_markdown(lines: &[String]) -> String {
    let non_empty = lines.iter().filter(|l| !l.trim().is_empty()).count();
    let blank = lines.len() - non_empty;
    let one_per_line = blank * 4 < non_empty;
    let mut body = Vec::new();
    let mut notes = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t == "---" {
            body.push("***".to_string());
            continue;
        }
        if let Some((n, rest)) = leading_sup(t) {
            notes.push(format!("[^{n}]: {}", rest.trim()));
            continue;
        }
        body.push(super::escape::neutralize_html(&replace_sups(unindent(line))));
        // The rows of a table stay together.
        let row_follows = t.starts_with('|')
            && lines.get(i + 1).is_some_and(|next| next.trim_start().starts_with('|'));
        if one_per_line && !t.is_empty() && !row_follows {
            body.push(String::new());
        }
    }
    // A page break often leaves a rule right before a footnote: drop rules left dangling.
    let mut text = body.join("\n");
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    let mut text = text.trim().to_string();
    if !notes.is_empty() {
        text.push_str("\n\n");
        text.push_str(&notes.join("\n"));
    }
    text.push('\n');
    text
}

/// A paragraph indented by four spaces or a tab, as pages copied from a browser often are, would
/// read as a Markdown code block: its indentation goes. A nested list item keeps its own.
fn unindent(line: &str) -> &str {
    let t = line.trim_start();
    let indented = line.starts_with("    ") || line.starts_with('\t');
    let list_item = t.starts_with(['-', '*', '+', '•'])
        || t.split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if indented && !list_item { t } else { line }
}

fn leading_sup(line: &str) -> Option<(String, &str)> {
    let rest = line.strip_prefix("<sup>")?;
    let (n, after) = rest.split_once("</sup>")?;
    (n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty()).then(|| (n.to_string(), after))
}

fn replace_sups(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find("<sup>") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 5..];
        match after.split_once("</sup>") {
            Some((n, tail)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => {
                out.push_str(&format!("[^{n}]"));
                rest = tail;
            }
            _ => {
                out.push_str("<sup>");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_credits_furniture_and_notices() {
        let c = clean(
            "\n# Заголовок\n\nPublished at: **2019-11-02T07:32:00+00:00**\n\nAuthor: ****\n\nOriginal: [Tengrinews.kz](https://t.kz/a)\n\nТекст.\nФОТО PRIMEMINISTER.KZ\nЕще по теме:\nСвежее из этой рубрики\nKazakhstan Today Ақпараттық агенттігінің материалдарына авторлық құқық.",
        );
        assert_eq!(c.published.as_deref(), Some("2019-11-02T07:32:00+00:00"));
        assert_eq!(c.original, Some(("Tengrinews.kz".into(), Some("https://t.kz/a".into()))));
        assert_eq!(c.credits, ["ФОТО PRIMEMINISTER.KZ"]);
        assert_eq!(c.notices.len(), 1);
        assert_eq!(c.lines.first().map(String::as_str), Some("# Заголовок"));
        assert_eq!(c.lines.last().map(String::as_str), Some("Текст."));
    }

    #[test]
    fn link_lists_after_furniture_are_dropped() {
        let c = clean(
            "Текст статьи.\nЕще по теме:\nТокаев провел разговор с Мирзиёевым\nДругая новость\n\nДлинный абзац, который уже относится к тексту и кончается точкой.",
        );
        assert_eq!(
            c.lines,
            ["Текст статьи.", "Длинный абзац, который уже относится к тексту и кончается точкой."]
        );
    }

    #[test]
    fn footnotes_become_markdown() {
        let md = to_markdown(&[
            "Текст<sup>1</sup>.".into(),
            "".into(),
            "<sup>1</sup> Примечание".into(),
        ]);
        assert_eq!(md, "Текст[^1].\n\n[^1]: Примечание\n");
    }

    #[test]
    fn indented_paragraphs_are_no_code_block() {
        let md = to_markdown(&[
            "    Первый абзац.".into(),
            "".into(),
            "\tВторой абзац.".into(),
            "".into(),
            "    - вложенный пункт".into(),
        ]);
        assert_eq!(md, "Первый абзац.\n\nВторой абзац.\n\n    - вложенный пункт\n");
    }

    #[test]
    fn one_paragraph_per_line_gets_blank_lines() {
        let md = to_markdown(&["Первый.".into(), "Второй.".into(), "Третий.".into()]);
        assert_eq!(md, "Первый.\n\nВторой.\n\nТретий.\n");
    }

    #[test]
    fn a_table_is_no_paragraphs() {
        let lines: Vec<String> =
            ["Текст.", "| a | b |", "| --- | --- |", "| 1 | 2 |", "Ещё."].map(String::from).into();
        assert_eq!(to_markdown(&lines), "Текст.\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\nЕщё.\n");
    }
}
