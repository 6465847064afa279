//! WordprocessingML (the XML inside a DOCX) → the Markdown-ish text the importer analyses.
//!
//! `word/document.xml` is walked block by block: a paragraph becomes one line of escaped text
//! ([`escape::text`]) — a `# ` heading when its style is Title (or a
//! level-1 heading opening a document that has no Title), `##`… for Heading 1…5, `**…**` when
//! all of it is bold, `- ` or `N. ` when Word numbers it; a table becomes a Markdown table, or a
//! list of its rows when a cell holds more than one paragraph; a footnote or endnote reference
//! becomes `[^N]`, numbered in reading order, with the note's text at the end. Deleted tracked
//! changes, field codes and the fallback copies of text boxes are not text. Every walk keeps its
//! own stack, so no nesting can overflow the thread's.

use std::collections::HashMap;

use roxmltree::{Document, Node, ParsingOptions};

use super::escape;

/// At most this many XML nodes are read from one part (a real decision has a few thousand; a
/// thick report some hundred thousand).
const MAX_NODES: u32 = 5_000_000;

/// The XML parts of a DOCX the text is made from; only `document` is required.
#[derive(Debug, Clone, Copy, Default)]
pub struct Parts<'a> {
    /// `word/document.xml`.
    pub document: &'a str,
    /// `word/styles.xml`.
    pub styles: Option<&'a str>,
    /// `word/numbering.xml`.
    pub numbering: Option<&'a str>,
    /// `word/footnotes.xml`.
    pub footnotes: Option<&'a str>,
    /// `word/endnotes.xml`.
    pub endnotes: Option<&'a str>,
}

/// The document's text as Markdown lines, paragraphs separated by blank lines. A part that is
/// not well-formed XML is an error naming it.
pub fn to_markdown(parts: &Parts) -> Result<String, String> {
    let document = parse("word/document.xml", parts.document)?;
    let styles = optional("word/styles.xml", parts.styles)?;
    let numbering = optional("word/numbering.xml", parts.numbering)?;
    let footnotes = optional("word/footnotes.xml", parts.footnotes)?;
    let endnotes = optional("word/endnotes.xml", parts.endnotes)?;
    let mut w = Writer {
        styles: styles.as_ref().map(|d| heading_styles(d)).unwrap_or_default(),
        numbering: numbering.as_ref().map(|d| number_formats(d)).unwrap_or_default(),
        notes: [("footnote", &footnotes), ("endnote", &endnotes)]
            .into_iter()
            .filter_map(|(kind, d)| d.as_ref().map(|d| (kind, d)))
            .flat_map(|(kind, d)| notes_of(kind, d))
            .collect(),
        cited: Vec::new(),
        counters: HashMap::new(),
        list_level: None,
        out: Vec::new(),
    };
    let body = document.root_element().children().find(|n| is(n, "body"));
    let blocks = body.map(|b| blocks(b, false)).unwrap_or_default();
    let titled = blocks.iter().any(|b| matches!(b, Block::Para(p) if w.heading(p) == Some(0)));
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Para(p) => w.paragraph(p, !titled && i == first_text(&blocks)),
            Block::Table(t) => w.table(t),
        }
    }
    w.footnotes();
    Ok(w.out.join("\n\n"))
}

fn parse<'a>(name: &str, xml: &'a str) -> Result<Document<'a>, String> {
    let opts = ParsingOptions { allow_dtd: false, nodes_limit: MAX_NODES, ..Default::default() };
    Document::parse_with_options(xml, opts)
        .map_err(|e| format!("its {name} is not readable XML ({e})"))
}

fn optional<'a>(name: &str, xml: Option<&'a str>) -> Result<Option<Document<'a>>, String> {
    xml.map(|x| parse(name, x)).transpose()
}

/// Whether `n` is the element with local name `name` (every WordprocessingML element we read is
/// in the `w:` namespace; the local name is enough).
fn is(n: &Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name
}

/// The attribute with local name `name` (`w:val`, `w:id`, …).
fn attr<'a>(n: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attributes().find(|a| a.name() == name).map(|a| a.value())
}

fn child<'a, 'i>(n: &Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(c, name))
}

/// `<w:b/>`, `<w:b w:val="1"/>`: on; `w:val="0"` or `"false"`: off.
fn on(n: Option<Node>) -> bool {
    n.is_some_and(|n| !matches!(attr(&n, "val"), Some("0" | "false" | "off")))
}

/// A block of the body.
enum Block<'a, 'i> {
    Para(Node<'a, 'i>),
    /// Rows of cells, each cell its paragraphs' texts (a table nested in a cell flattened).
    Table(Vec<Vec<Vec<String>>>),
}

/// The paragraphs and tables under `root`, in order; with `flat`, a table's paragraphs are
/// blocks of their own (inside a cell).
fn blocks<'a, 'i>(root: Node<'a, 'i>, flat: bool) -> Vec<Block<'a, 'i>> {
    let mut out = Vec::new();
    let mut stack: Vec<Node> = root.children().rev().collect();
    while let Some(n) = stack.pop() {
        if is(&n, "p") {
            out.push(Block::Para(n));
        } else if is(&n, "tbl") && !flat {
            out.push(Block::Table(table(n)));
        } else if !is(&n, "Fallback") && !is(&n, "del") && n.is_element() {
            stack.extend(n.children().rev());
        }
    }
    out
}

fn table(tbl: Node) -> Vec<Vec<Vec<String>>> {
    let rows = tbl.children().filter(|r| is(r, "tr"));
    rows.map(|r| {
        let cells = r.children().filter(|c| is(c, "tc"));
        cells
            .map(|c| {
                let paras = blocks(c, true).into_iter().filter_map(|b| match b {
                    Block::Para(p) => Some(text_of(p, &mut |_| String::new()).plain()),
                    Block::Table(_) => None,
                });
                paras.filter(|t| !t.trim().is_empty()).collect()
            })
            .collect()
    })
    .filter(|row: &Vec<Vec<String>>| row.iter().any(|c| !c.is_empty()))
    .collect()
}

fn first_text(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .position(|b| match b {
            Block::Para(p) => !text_of(*p, &mut |_| String::new()).plain().trim().is_empty(),
            Block::Table(_) => true,
        })
        .unwrap_or(usize::MAX)
}

/// Stands for a note reference in a line's plain text until the line is escaped (a private-use
/// character, taken out of the document's own text first).
const MARK: char = '\u{e000}';

/// A paragraph's text: its lines (a paragraph breaks at `<w:br/>`), each plain text with a
/// [`MARK`] for each note reference, whose Markdown is in `marks`; and whether every piece of
/// text is bold.
struct Text {
    lines: Vec<String>,
    marks: Vec<String>,
    bold: bool,
}

impl Text {
    /// The text without note references, on one line.
    fn plain(&self) -> String {
        let all = self.lines.join(" ").replace(MARK, "");
        all.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Each non-empty line as Markdown: the text escaped, note references put back.
    fn markdown(&self) -> Vec<String> {
        let mut marks = self.marks.iter();
        let mut out = Vec::new();
        for line in &self.lines {
            let words = line.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut md = String::with_capacity(words.len() + 8);
            for c in escape::text(&words).chars() {
                match c {
                    MARK => md.push_str(marks.next().map_or("", String::as_str)),
                    c => md.push(c),
                }
            }
            if !md.trim().is_empty() {
                out.push(md);
            }
        }
        out
    }
}

/// Text in the middle of a line (a table cell): only what is markup anywhere in a line is
/// escaped.
fn escape_inner(t: &str) -> String {
    // `escape::text` of a line starting with a letter escapes exactly the inline characters.
    escape::text(&format!("x{t}"))[1..].to_string()
}

/// The text of paragraph `p`; `note` gives the Markdown of a note reference (`[^N]`).
fn text_of(p: Node, note: &mut dyn FnMut(Node) -> String) -> Text {
    let mut out = Text { lines: vec![String::new()], marks: Vec::new(), bold: true };
    let mut any = false;
    let mut stack: Vec<Node> = p.children().rev().collect();
    while let Some(n) = stack.pop() {
        let line = out.lines.last_mut().expect("one line at least");
        match n.tag_name().name() {
            _ if !n.is_element() => {}
            "t" => {
                let t = n.text().unwrap_or_default();
                if !t.trim().is_empty() {
                    any = true;
                    let pr = n.parent().and_then(|r| child(&r, "rPr"));
                    out.bold &= pr.is_some_and(|pr| on(child(&pr, "b")));
                }
                line.extend(t.chars().filter(|&c| c != MARK));
            }
            "tab" => line.push(' '),
            "noBreakHyphen" => line.push('-'),
            "br" | "cr" => out.lines.push(String::new()),
            "p" => {
                // A text box's paragraph inside this one.
                out.lines.push(String::new());
                stack.extend(n.children().rev());
            }
            "footnoteReference" | "endnoteReference" => {
                let md = note(n);
                if !md.is_empty() {
                    line.push(MARK);
                    out.marks.push(md);
                }
            }
            "Fallback" | "del" | "instrText" | "delText" | "pPr" | "rPr" => {}
            _ => stack.extend(n.children().rev()),
        }
    }
    out.bold &= any;
    out
}

/// Heading level by paragraph style id: 0 for Title, N for Heading N.
fn heading_styles(styles: &Document) -> HashMap<String, usize> {
    let mut name_of = HashMap::new();
    let mut based_on = HashMap::new();
    for s in styles.root_element().children().filter(|s| is(s, "style")) {
        let Some(id) = attr(&s, "styleId") else { continue };
        if let Some(name) = child(&s, "name").and_then(|n| attr(&n, "val")) {
            name_of.insert(id.to_string(), name.to_lowercase());
        }
        if let Some(base) = child(&s, "basedOn").and_then(|n| attr(&n, "val")) {
            based_on.insert(id.to_string(), base.to_string());
        }
    }
    let level = |name: &str| -> Option<usize> {
        if name == "title" || name == "заголовок" || name == "название" {
            return Some(0);
        }
        let n = ["heading ", "заголовок "].iter().find_map(|p| name.strip_prefix(p))?;
        n.trim().parse::<usize>().ok().filter(|n| (1..=9).contains(n))
    };
    let mut out = HashMap::new();
    for id in name_of.keys() {
        let mut at = id.as_str();
        // A custom style based on a heading is that heading; the chain is short in real files.
        for _ in 0..8 {
            if let Some(l) = name_of.get(at).and_then(|n| level(n)) {
                out.insert(id.clone(), l);
                break;
            }
            match based_on.get(at) {
                Some(b) => at = b,
                None => break,
            }
        }
    }
    out
}

/// Whether a numbered paragraph's level is ordered, by (numId, level).
fn number_formats(numbering: &Document) -> HashMap<(String, String), bool> {
    let root = numbering.root_element();
    let mut abstract_levels: HashMap<&str, Vec<(&str, bool)>> = HashMap::new();
    for a in root.children().filter(|a| is(a, "abstractNum")) {
        let Some(id) = attr(&a, "abstractNumId") else { continue };
        let levels = a.children().filter(|l| is(l, "lvl")).filter_map(|l| {
            let fmt = child(&l, "numFmt").and_then(|f| attr(&f, "val")).unwrap_or("decimal");
            Some((attr(&l, "ilvl")?, fmt != "bullet" && fmt != "none"))
        });
        abstract_levels.insert(id, levels.collect());
    }
    let mut out = HashMap::new();
    for n in root.children().filter(|n| is(n, "num")) {
        let (Some(num), Some(abs)) =
            (attr(&n, "numId"), child(&n, "abstractNumId").and_then(|a| attr(&a, "val")))
        else {
            continue;
        };
        for (lvl, ordered) in abstract_levels.get(abs).into_iter().flatten() {
            out.insert((num.to_string(), lvl.to_string()), *ordered);
        }
    }
    out
}

/// Notes by (kind, id); the separator notes Word keeps there (ids -1, 0) are never cited.
fn notes_of<'a, 'i>(
    kind: &'static str,
    d: &'a Document<'i>,
) -> Vec<((&'static str, String), Node<'a, 'i>)> {
    let notes = d.root_element().children().filter(move |n| is(n, kind));
    notes.filter_map(move |n| Some(((kind, attr(&n, "id")?.to_string()), n))).collect()
}

/// Writes blocks as Markdown.
struct Writer<'a, 'i> {
    styles: HashMap<String, usize>,
    numbering: HashMap<(String, String), bool>,
    notes: HashMap<(&'static str, String), Node<'a, 'i>>,
    /// Notes cited so far, in order: their number is their place here plus one.
    cited: Vec<(&'static str, String)>,
    /// The current number of each ordered list level, by (numId, level).
    counters: HashMap<(String, usize), usize>,
    /// The level of the list item just written, if the last block was one.
    list_level: Option<usize>,
    out: Vec<String>,
}

impl<'a, 'i> Writer<'a, 'i> {
    /// The heading level of a paragraph's style (0: the title).
    fn heading(&self, p: &Node) -> Option<usize> {
        let style =
            child(p, "pPr").and_then(|pr| child(&pr, "pStyle")).and_then(|s| attr(&s, "val"))?;
        self.styles.get(style).copied()
    }

    fn paragraph(&mut self, p: &Node<'a, 'i>, opens: bool) {
        let notes = &mut self.cited;
        let known = &self.notes;
        let text = text_of(*p, &mut |r| {
            let kind = if is(&r, "footnoteReference") { "footnote" } else { "endnote" };
            let id = attr(&r, "id").unwrap_or_default().to_string();
            if !known.contains_key(&(kind, id.clone())) {
                return String::new();
            }
            let key = (kind, id);
            let n = notes.iter().position(|k| *k == key).unwrap_or_else(|| {
                notes.push(key);
                notes.len() - 1
            });
            format!("[^{}]", n + 1)
        });
        let lines = text.markdown();
        if lines.is_empty() {
            return;
        }
        let level = match self.heading(p) {
            Some(1) if opens => Some(0),
            l => l,
        };
        let list = self.list_marker(p);
        self.list_level = list.as_ref().map(|(l, _)| *l);
        for (i, line) in lines.into_iter().enumerate() {
            let md = match (&level, &list) {
                (Some(l), _) => heading(&"#".repeat((l + 1).min(6)), &line),
                (None, Some((depth, marker))) if i == 0 => {
                    format!("{}{marker}{line}", "    ".repeat(*depth))
                }
                _ if text.bold && !line.ends_with('\\') => format!("**{line}**"),
                _ => line,
            };
            self.out.push(md);
        }
    }

    /// The list marker of a numbered paragraph (`- `, `3. `) and its nesting depth.
    fn list_marker(&mut self, p: &Node) -> Option<(usize, String)> {
        let num = child(p, "pPr").and_then(|pr| child(&pr, "numPr"))?;
        let id = child(&num, "numId").and_then(|n| attr(&n, "val"))?.to_string();
        if id == "0" {
            return None;
        }
        let lvl = child(&num, "ilvl").and_then(|n| attr(&n, "val")).unwrap_or("0").to_string();
        let ordered = self.numbering.get(&(id.clone(), lvl.clone())).copied().unwrap_or(false);
        let level: usize = lvl.parse().unwrap_or(0);
        // Deeper only under an item one level up: a lone indented line would read as code.
        let depth = level.min(self.list_level.map_or(0, |l| l + 1));
        self.counters.retain(|(i, l), _| *i != id || *l <= level);
        let n = self.counters.entry((id, level)).or_insert(0);
        *n += 1;
        Some((depth, if ordered { format!("{n}. ") } else { "- ".to_string() }))
    }

    fn table(&mut self, rows: &[Vec<Vec<String>>]) {
        self.list_level = None;
        if rows.is_empty() {
            return;
        }
        let simple = rows.iter().flatten().all(|cell| cell.len() <= 1);
        let cell = |c: &Vec<String>| escape_inner(&c.join("; "));
        if simple {
            let width = rows.iter().map(Vec::len).max().unwrap_or(0);
            let mut lines = Vec::new();
            for (i, row) in rows.iter().enumerate() {
                let mut cells: Vec<String> = row.iter().map(cell).collect();
                cells.resize(width, String::new());
                lines.push(format!("| {} |", cells.join(" | ")));
                if i == 0 {
                    lines.push(format!("|{}", " --- |".repeat(width)));
                }
            }
            self.out.push(lines.join("\n"));
        } else {
            for row in rows {
                let cells: Vec<String> = row.iter().filter(|c| !c.is_empty()).map(cell).collect();
                self.out.push(format!("- {}", cells.join(" — ")));
            }
        }
    }

    /// The cited notes' texts, in the order they were cited.
    fn footnotes(&mut self) {
        let mut i = 0;
        while i < self.cited.len() {
            let Some(note) = self.notes.get(&self.cited[i]).copied() else { break };
            let mut lines = Vec::new();
            for block in blocks(note, true) {
                if let Block::Para(p) = block {
                    lines.extend(text_of(p, &mut |_| String::new()).markdown());
                }
            }
            self.out.push(format!("[^{}]: {}", i + 1, lines.join(" ")));
            i += 1;
        }
    }
}

/// A heading line: `marks`, a space and the escaped text, a last `#` escaped so that it is no
/// closing sequence.
fn heading(marks: &str, text: &str) -> String {
    match text.strip_suffix('#') {
        Some(head) if !head.ends_with('\\') => format!("{marks} {head}\\#"),
        _ => format!("{marks} {text}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::docx::tests::document;

    const STYLES: &str = r#"<w:styles xmlns:w="w"><w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style><w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="Мой раздел"/><w:basedOn w:val="2"/></w:style></w:styles>"#;

    fn p(style: &str, runs: &str) -> String {
        let style = if style.is_empty() {
            String::new()
        } else {
            format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#)
        };
        format!("<w:p>{style}{runs}</w:p>")
    }

    fn r(text: &str) -> String {
        format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
    }

    fn md(body: &str, styles: Option<&str>, notes: Option<&str>) -> String {
        let doc = document(body).replace(
            "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"",
            "xmlns:w=\"w\"",
        );
        to_markdown(&Parts { document: &doc, styles, footnotes: notes, ..Parts::default() })
            .unwrap()
    }

    #[test]
    fn headings_paragraphs_and_escapes() {
        let body = [
            p("a3", &r("Отчёт о работе")),
            p("", &format!("{}{}", r("Первый "), r("абзац *с* [скобками]."))),
            p("1", &r("Итоги #")),
            p("Mine", &r("Подраздел")),
            p("", &r("  ")),
            p("", &format!("{}<w:r><w:br/></w:r>{}", r("Строка"), r("- не список"))),
        ]
        .concat();
        assert_eq!(
            md(&body, Some(STYLES), None),
            "# Отчёт о работе\n\nПервый абзац \\*с\\* \\[скобками\\].\n\n## Итоги \\#\n\n### Подраздел\n\nСтрока\n\n\\- не список"
        );
        // With no Title, a level-1 heading that opens the document is its title.
        let body = [p("1", &r("Решение")), p("1", &r("Раздел"))].concat();
        assert_eq!(md(&body, Some(STYLES), None), "# Решение\n\n## Раздел");
    }

    #[test]
    fn bold_paragraphs_deleted_text_and_field_codes() {
        let bold = r#"<w:r><w:rPr><w:b/></w:rPr><w:t>РЕШЕНИЕ</w:t></w:r>"#;
        let half = r#"<w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>не </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>жирный</w:t></w:r>"#;
        let tracked = r#"<w:r><w:t>Было </w:t></w:r><w:del><w:r><w:delText>удалено</w:delText></w:r></w:del><w:ins><w:r><w:t>вставлено</w:t></w:r></w:ins><w:r><w:instrText>PAGE</w:instrText></w:r>"#;
        let body = [p("", bold), p("", half), p("", tracked)].concat();
        assert_eq!(md(&body, None, None), "**РЕШЕНИЕ**\n\nне жирный\n\nБыло вставлено");
    }

    #[test]
    fn tables_become_tables_or_lists() {
        let cell = |t: &str| format!("<w:tc>{}</w:tc>", p("", &r(t)));
        let row = |a: &str, b: &str| format!("<w:tr>{}{}</w:tr>", cell(a), cell(b));
        let simple =
            format!("<w:tbl>{}{}</w:tbl>", row("Страна", "Число | доля"), row("Казахстан", "12"));
        assert_eq!(
            md(&simple, None, None),
            "| Страна | Число \\| доля |\n| --- | --- |\n| Казахстан | 12 |"
        );
        let two = format!("<w:tc>{}{}</w:tc>", p("", &r("первый")), p("", &r("второй")));
        let busy = format!("<w:tbl><w:tr>{}{two}</w:tr></w:tbl>", cell("Пункт 1"));
        assert_eq!(md(&busy, None, None), "- Пункт 1 — первый; второй");
    }

    #[test]
    fn footnotes_are_numbered_in_reading_order() {
        let notes = r#"<w:footnotes xmlns:w="w"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Вторая *сноска*.</w:t></w:r></w:p></w:footnote><w:footnote w:id="3"><w:p><w:r><w:t>Первая сноска.</w:t></w:r></w:p></w:footnote></w:footnotes>"#;
        let reference = |id: &str| format!(r#"<w:r><w:footnoteReference w:id="{id}"/></w:r>"#);
        let body = [
            p("", &format!("{}{}{}", r("Текст"), reference("3"), r(" и ещё."))),
            p("", &format!("{}{}{}", r("Потом"), reference("7"), reference("99"))),
        ]
        .concat();
        assert_eq!(
            md(&body, None, Some(notes)),
            "Текст[^1] и ещё.\n\nПотом[^2]\n\n[^1]: Первая сноска.\n\n[^2]: Вторая \\*сноска\\*."
        );
    }

    #[test]
    fn numbered_paragraphs_are_lists() {
        let numbering = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
        let item = |lvl: u8, t: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="5"/></w:numPr></w:pPr>{}</w:p>"#,
                r(t)
            )
        };
        let body = [
            item(1, "сразу вложенный"),
            item(0, "Первое"),
            item(1, "вложенное"),
            item(0, "Второе"),
        ]
        .concat();
        let doc = document(&body);
        let got =
            to_markdown(&Parts { document: &doc, numbering: Some(numbering), ..Parts::default() });
        assert_eq!(got.unwrap(), "- сразу вложенный\n\n1. Первое\n\n    - вложенное\n\n2. Второе");
    }

    #[test]
    fn broken_xml_is_named() {
        let e = to_markdown(&Parts { document: "<w:document>", ..Parts::default() }).unwrap_err();
        assert!(e.contains("word/document.xml"), "{e}");
        let deep = format!("{}{}", "<a>".repeat(200_000), "</a>".repeat(200_000));
        assert!(to_markdown(&Parts { document: &deep, ..Parts::default() }).is_ok());
    }
}
