//! Front matter: `split`, then `parse` and `parse_all` into the document and every entity type,
//! `field_lines` and `split_descriptions`; every line a problem points at must be a line of the
//! block, `parse_all` must agree with `parse` and keep the block's lines, and a parsed document
//! must survive the importer's writer (`write::document`) unchanged.

#![no_main]

use archive::content::entity::split_descriptions;
use archive::content::front_matter::{
    FmError, MAX_PROBLEMS, Split, field_lines, parse, parse_all, split,
};
use archive::content::{Country, DocumentMeta, Event, Organization, Person, Place, write};
use archive::import::read;
use archive::text::is_valid_id;
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;

/// Parses `s` as `T`; a problem must name a line inside the front matter block (the closing
/// fence included, where an unexpected end is reported) and a non-empty field, if any.
fn check<T: DeserializeOwned>(s: &Split, text: &str) -> Option<T> {
    // Every problem of the block: the same verdict as `parse`, its first problem first, lines
    // kept, and a bounded list.
    let all = parse_all::<T>(s.yaml, s.yaml_line);
    let first = parse::<T>(s.yaml, s.yaml_line);
    assert_eq!(all.is_ok(), first.is_ok(), "{text:?}");
    if let (Err(all), Err(first)) = (&all, &first) {
        assert_eq!(all.errors.first().map(|e| &e.message), Some(&first.message));
        assert!(all.errors.len() <= MAX_PROBLEMS + 1);
        assert_eq!(all.rest.matches('\n').count(), s.yaml.matches('\n').count());
        for e in &all.errors {
            assert!(e.line.is_none_or(|l| (s.yaml_line..s.body_line).contains(&l)), "{e:?}");
        }
    }
    match first {
        Ok(v) => Some(v),
        Err(FmError { line, field, message }) => {
            if let Some(l) = line {
                assert!(
                    (s.yaml_line..s.body_line).contains(&l),
                    "line {l} outside the block (lines {}..{}): {message}\n{text:?}",
                    s.yaml_line,
                    s.body_line
                );
            }
            assert!(field.as_ref().is_none_or(|f| !f.is_empty()), "{field:?}: {message}");
            assert!(!message.is_empty());
            None
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let s = match split(text) {
        Ok(s) => s,
        Err(e) => {
            assert_eq!(e.line, Some(1));
            return;
        }
    };
    // The parts are the file's own text, in order, with the right line numbers.
    let bare = text.strip_prefix('\u{feff}').unwrap_or(text);
    assert!(bare.ends_with(s.body));
    let yaml_at = s.yaml.as_ptr() as usize - bare.as_ptr() as usize;
    assert_eq!(bare[..yaml_at].matches('\n').count() + 1, s.yaml_line);
    if !s.body.is_empty() {
        let body_at = bare.len() - s.body.len();
        assert_eq!(bare[..body_at].matches('\n').count() + 1, s.body_line);
    }
    for (field, line) in field_lines(s.yaml, s.yaml_line).iter() {
        assert!(!field.is_empty());
        assert!((s.yaml_line..s.body_line).contains(&line));
    }
    let _ = split_descriptions(s.body, "ru");

    let _ = check::<Country>(&s, text);
    let _ = check::<Organization>(&s, text);
    let _ = check::<Person>(&s, text);
    let _ = check::<Place>(&s, text);
    let _ = check::<Event>(&s, text);
    let Some(meta) = check::<DocumentMeta>(&s, text) else { return };

    // What the importer writes parses back to the same metadata and body. The writer puts ids,
    // the language and `imported_from` down plain, so only metadata whose plain fields are the
    // kind the importer makes (valid ids, a language code, a path) applies; and its free text
    // must be text the importer makes, which `read::normalize` has rid of control characters
    // (the writer cannot put those into YAML).
    let lists =
        [&meta.countries, &meta.organizations, &meta.people, &meta.places, &meta.translations];
    let path_ok = |p: &str| {
        !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b"._/-".contains(&b))
    };
    let source = meta.source.iter().flat_map(|s| std::iter::once(&s.name).chain(&s.url));
    let free = std::iter::once(&meta.title).chain(source).chain(&meta.credits).chain(&meta.review);
    if !lists.iter().all(|l| l.iter().all(|v| is_valid_id(v)))
        || !meta.event.as_deref().is_none_or(is_valid_id)
        || !(2..=3).contains(&meta.lang.len())
        || !meta.lang.bytes().all(|b| b.is_ascii_lowercase())
        || !meta.imported_from.as_deref().is_none_or(path_ok)
        || free.into_iter().any(|t| t.chars().any(|c| read::normalize(&c.to_string()).is_empty()))
    {
        return;
    }
    let written = write::document(&meta, s.body);
    let again = split(&written).expect("the writer's output splits");
    let back = parse::<DocumentMeta>(again.yaml, again.yaml_line)
        .unwrap_or_else(|e| panic!("the writer's output does not parse: {e:?}\n{written}"));
    assert_eq!(back, meta, "\n{written}");
    assert_eq!(again.body.trim_start_matches('\n'), s.body.trim_start_matches('\n'));
});
