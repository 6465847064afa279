//! Document → Markdown with YAML front matter, fields in a fixed order (the importer's writer).
//! Every value is written as a double-quoted scalar (JSON string syntax, which YAML accepts) —
//! free text, ids, the language, the kind, the date and the source path alike, since a plain
//! scalar breaks or changes meaning on `: `, ` #`, a leading `[`, `&` or `*`, or reads as a
//! number (`2019`) or null — and lists in flow style, so the output parses back to the same
//! metadata whatever the values hold.

use std::fmt::Write;

use super::document::DocumentMeta;
use super::entity::EntityKind;

/// A YAML double-quoted scalar. JSON string syntax is valid YAML, but JSON leaves DEL, the C1
/// controls, NEL, the line and paragraph separators and U+FFFE/U+FFFF unescaped, which YAML
/// rejects or rewrites; those are written as `\uXXXX` escapes.
fn q(s: &str) -> String {
    let json = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let needs = |c: char| {
        matches!(c, '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}')
    };
    if !json.chars().any(needs) {
        return json;
    }
    json.chars()
        .map(|c| if needs(c) { format!("\\u{:04X}", c as u32) } else { c.to_string() })
        .collect()
}

fn ids(list: &[String]) -> String {
    let quoted: Vec<String> = list.iter().map(|i| q(i)).collect();
    format!("[{}]", quoted.join(", "))
}

/// The front matter block (with its `---` fences) of `m`.
pub fn front_matter(m: &DocumentMeta) -> String {
    let mut s = String::from("---\n");
    let _ = writeln!(s, "title: {}", q(&m.title));
    let _ = writeln!(s, "lang: {}", q(&m.lang));
    if let Some(d) = m.date {
        let _ = writeln!(s, "date: {}", q(&d.to_string()));
    }
    let _ = writeln!(s, "kind: {}", q(m.kind.as_str()));
    if let Some(src) = &m.source {
        match &src.url {
            Some(u) => {
                let _ = writeln!(s, "source: {{name: {}, url: {}}}", q(&src.name), q(u));
            }
            None => {
                let _ = writeln!(s, "source: {{name: {}}}", q(&src.name));
            }
        }
    }
    if !m.credits.is_empty() {
        let c: Vec<String> = m.credits.iter().map(|c| q(c)).collect();
        let _ = writeln!(s, "credits: [{}]", c.join(", "));
    }
    if let Some(e) = &m.event {
        let _ = writeln!(s, "event: {}", q(e));
    }
    // JSON is YAML's flow syntax, and its strings are the double-quoted scalars used above.
    if let Some(a) = &m.act
        && let Ok(json) = serde_json::to_string(a)
    {
        let _ = writeln!(s, "act: {json}");
    }
    for kind in EntityKind::ALL.into_iter().filter(|k| *k != EntityKind::Event) {
        let _ = writeln!(s, "{}: {}", kind.field(), ids(m.ids(kind)));
    }
    let _ = writeln!(s, "translations: {}", ids(&m.translations));
    if m.review.is_empty() {
        s.push_str("review: []\n");
    } else {
        s.push_str("review:\n");
        for r in &m.review {
            let _ = writeln!(s, "  - {}", q(r));
        }
    }
    if let Some(f) = &m.imported_from {
        let _ = writeln!(s, "imported_from: {}", q(f));
    }
    if let Some(o) = &m.origin {
        let _ = writeln!(s, "origin: {}", q(o));
    }
    s.push_str("---\n");
    s
}

/// A whole document file: front matter, a blank line, the body.
pub fn document(m: &DocumentMeta, body: &str) -> String {
    format!("{}\n{}", front_matter(m), body.trim_start_matches('\n'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Kind, PartialDate, Source, front_matter};

    #[test]
    fn control_characters_are_escaped_and_parse_back() {
        let title = "a\u{7f}b\u{85}c\u{2028}d\u{ffff}";
        let quoted = q(title);
        assert!(quoted.contains("\\u007F") && quoted.contains("\\u0085"), "{quoted}");
        let back: String = serde_yaml::from_str(&quoted).unwrap();
        assert_eq!(back, title);
    }

    #[test]
    fn colon_and_hash_in_source_name_are_quoted() {
        // A source file named «a: b #1.txt» gave `imported_from: sources/a: b #1.txt`, which YAML
        // reads as a mapping (or cuts at the comment): the imported document did not load. Ids
        // that read as numbers or null, a date that is only a year, a language «no» all load.
        let m = DocumentMeta {
            title: "t".into(),
            lang: "no".into(),
            date: Some(PartialDate::parse("2019").unwrap()),
            kind: Kind::News,
            source: None,
            credits: vec![],
            event: Some("2019".into()),
            act: None,
            countries: vec!["null".into(), "1e3".into()],
            organizations: vec!["true".into()],
            people: vec![],
            places: vec![],
            translations: vec!["0x10".into()],
            review: vec![],
            imported_from: Some("sources/a: b #1 [x] &y *z.txt".into()),
            origin: Some("a: b #1 [x] &y *z.txt".into()),
        };
        let text = document(&m, "Текст.\n");
        let split = front_matter::split(&text).unwrap();
        let back: DocumentMeta = front_matter::parse(split.yaml, split.yaml_line).unwrap();
        assert_eq!(back, m, "{text}");
    }

    #[test]
    fn round_trips_through_the_parser() {
        let m = DocumentMeta {
            title: "«Кавычки»: и \"двоеточие\"".into(),
            lang: "ru".into(),
            date: Some(PartialDate::parse("2019-11-02").unwrap()),
            kind: Kind::News,
            source: Some(Source {
                name: "Tengrinews.kz".into(),
                url: Some("https://t.kz/a?b=1#c".into()),
            }),
            credits: vec!["ФОТО: X".into()],
            event: None,
            act: None,
            countries: vec!["kazakhstan".into()],
            organizations: vec![],
            people: vec![],
            places: vec![],
            translations: vec![],
            review: vec!["date: no year".into()],
            imported_from: Some("sources/a.txt".into()),
            origin: None,
        };
        let text = document(&m, "Текст.\n");
        let split = front_matter::split(&text).unwrap();
        let back: DocumentMeta = front_matter::parse(split.yaml, split.yaml_line).unwrap();
        assert_eq!(back, m);
        assert_eq!(split.body.trim_start(), "Текст.\n");
    }
}
