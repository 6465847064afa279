//! Escaping text for markup, fast on text that has nothing to escape: it is scanned sixteen
//! bytes at a time, and only a block holding a byte that may start a special character is looked
//! at closer. Every page's text goes through the HTML escaper, every feed's through the XML one.
//!
//! Characters no HTML or XML page may hold ([`is_forbidden`]: control characters other than tab
//! and line ends, DEL, the C1 controls and the noncharacters) are debris of a wrong encoding or a
//! bad copy, never writing: the HTML and XML escapers drop them, [`without_controls`] drops them
//! from Markdown before it is rendered, and the JSON escaper writes them as `\uXXXX` escapes.

/// `s` with the characters `replace` maps replaced by its answer (an empty answer drops the
/// character). `may_start(b)` says which bytes can begin such a character (its ASCII byte, or
/// the lead byte of a longer one); it must be cheap and answer true for every such byte.
fn replace_chars(
    s: &str,
    may_start: impl Fn(u8) -> bool + Copy,
    replace: impl Fn(char) -> Option<&'static str>,
) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    push_replaced(&mut out, s, may_start, replace);
    out
}

/// [`replace_chars`], appending to `out`.
fn push_replaced(
    out: &mut String,
    s: &str,
    may_start: impl Fn(u8) -> bool + Copy,
    replace: impl Fn(char) -> Option<&'static str>,
) {
    const BLOCK: usize = 16;
    let bytes = s.as_bytes();
    // Bytes before `copied` are in `out` already (or dropped).
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let end = (i + BLOCK).min(bytes.len());
        let block = &bytes[i..end];
        let hit = match <&[u8; BLOCK]>::try_from(block) {
            // A whole block: no early exit, so the compiler checks it in a few vector steps.
            Ok(full) => full.iter().fold(false, |any, &b| any | may_start(b)),
            Err(_) => block.iter().any(|&b| may_start(b)),
        };
        if hit {
            for j in i..end {
                if j < copied || !may_start(bytes[j]) || !s.is_char_boundary(j) {
                    continue;
                }
                let Some(c) = s[j..].chars().next() else { continue };
                if let Some(rep) = replace(c) {
                    out.push_str(&s[copied..j]);
                    out.push_str(rep);
                    copied = j + c.len_utf8();
                }
            }
        }
        i = end;
    }
    out.push_str(&s[copied..]);
}

/// Whether `c` may not appear in an HTML or XML page: a C0 control other than tab, line feed and
/// carriage return, DEL, a C1 control (U+0080–U+009F), or a noncharacter (U+FDD0–U+FDEF and the
/// last two code points of every plane).
pub fn is_forbidden(c: char) -> bool {
    let n = c as u32;
    (n < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7f..=0x9f).contains(&n)
        || (0xfdd0..=0xfdef).contains(&n)
        || n & 0xfffe == 0xfffe
}

/// Whether byte `b` may start a character [`is_forbidden`] holds: an ASCII control, or the lead
/// byte of C1 controls (0xC2), of U+F000–U+FFFF (0xEF) or of the other planes (0xF0–0xF4).
fn may_start_forbidden(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
        || matches!(b, 0x7f | 0xc2 | 0xef | 0xf0..=0xf4)
}

/// `s` without the characters [`is_forbidden`] names (borrowed when it has none).
///
/// ```
/// use archive::text::escape::without_controls;
/// assert_eq!(without_controls("a\u{0}b\u{7f}\u{85}c\t«d»\n"), "abc\t«d»\n");
/// ```
pub fn without_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.bytes().any(may_start_forbidden) || !s.chars().any(is_forbidden) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.chars().filter(|&c| !is_forbidden(c)).collect())
}

/// HTML-escapes text for element content and attribute values (quoted either way): `&`, `<`,
/// `>`, `"` and `'`; characters [`is_forbidden`] names are dropped. Everything else, Cyrillic
/// included, is kept as it is.
///
/// ```
/// use archive::text::escape::html;
/// assert_eq!(html("«ШОС» & <b> \"x\" 'y'"), "«ШОС» &amp; &lt;b&gt; &quot;x&quot; &#39;y&#39;");
/// assert_eq!(html("a\u{0}\u{1b}b\u{9f}"), "ab");
/// ```
pub fn html(s: &str) -> String {
    replace_chars(
        s,
        |b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'') || may_start_forbidden(b),
        |c| match c {
            '&' => Some("&amp;"),
            '<' => Some("&lt;"),
            '>' => Some("&gt;"),
            '"' => Some("&quot;"),
            '\'' => Some("&#39;"),
            c if is_forbidden(c) => Some(""),
            _ => None,
        },
    )
}

/// Text safe inside XML 1.0 content and attribute values: markup characters escaped, characters
/// [`is_forbidden`] names (among them all XML 1.0 does not allow) dropped.
///
/// ```
/// use archive::text::escape::xml;
/// assert_eq!(xml("a<b>&\"'\u{1}\u{b}c\n\u{ffff}\u{85}"), "a&lt;b&gt;&amp;&quot;&apos;c\n");
/// ```
pub fn xml(s: &str) -> String {
    replace_chars(
        s,
        |b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'') || may_start_forbidden(b),
        |c| match c {
            '&' => Some("&amp;"),
            '<' => Some("&lt;"),
            '>' => Some("&gt;"),
            '"' => Some("&quot;"),
            '\'' => Some("&apos;"),
            c if is_forbidden(c) => Some(""),
            _ => None,
        },
    )
}

/// JSON string contents (without the quotes) that are also safe inside a `<script>` element:
/// JSON's escapes (`\"`, `\\`, control characters as serde_json writes them), and `<`, `>`,
/// `&`, U+2028 and U+2029 as `\uXXXX`, which JSON parsers read back as the same characters, so
/// no title can end the element or open a comment in it.
///
/// ```
/// use archive::text::escape::json_in_script;
/// assert_eq!(json_in_script("</script>\"«ШОС»\"\n"), r#"\u003c/script\u003e\"«ШОС»\"\n"#);
/// ```
pub fn json_in_script(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_json_in_script(&mut out, s);
    out
}

/// [`json_in_script`], appending to `out`.
pub(crate) fn push_json_in_script(out: &mut String, s: &str) {
    const CONTROL: [&str; 32] = [
        "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
        "\\b", "\\t", "\\n", "\\u000b", "\\f", "\\r", "\\u000e", "\\u000f", "\\u0010", "\\u0011",
        "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017", "\\u0018", "\\u0019",
        "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
    ];
    push_replaced(
        out,
        s,
        // 0xE2 leads U+2028 and U+2029.
        |b| {
            may_start_forbidden(b)
                || matches!(b, b'\t' | b'\n' | b'\r' | b'"' | b'\\' | b'<' | b'>' | b'&' | 0xe2)
        },
        |c| match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '<' => Some("\\u003c"),
            '>' => Some("\\u003e"),
            '&' => Some("\\u0026"),
            '\u{2028}' => Some("\\u2028"),
            '\u{2029}' => Some("\\u2029"),
            c if (c as u32) < 0x20 => Some(CONTROL[c as usize]),
            c if is_forbidden(c) => Some(escaped_forbidden(c)),
            _ => None,
        },
    )
}

/// `\uXXXX` for a forbidden character of the Basic Multilingual Plane (DEL, C1 controls,
/// U+FDD0–U+FDEF, U+FFFE, U+FFFF); nothing for those of the other planes.
fn escaped_forbidden(c: char) -> &'static str {
    static ESCAPES: std::sync::LazyLock<Vec<(char, String)>> = std::sync::LazyLock::new(|| {
        (0x7f..=0x9f)
            .chain(0xfdd0..=0xfdef)
            .chain([0xfffe, 0xffff])
            .filter_map(char::from_u32)
            .map(|c| (c, format!("\\u{:04x}", c as u32)))
            .collect()
    });
    ESCAPES.iter().find(|(k, _)| *k == c).map_or("", |(_, e)| e.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain character-at-a-time escapers these replace, as the reference.
    fn html_slow(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                c if is_forbidden(c) => {}
                c => out.push(c),
            }
        }
        out
    }

    fn xml_slow(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&apos;"),
                c if is_forbidden(c) => {}
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn control_characters_never_reach_markup() {
        let debris: String = (0u32..0x20)
            .chain(0x7f..0xa0)
            .chain([0xfdd0, 0xfdef, 0xfffe, 0xffff, 0x1fffe, 0x10ffff])
            .filter_map(char::from_u32)
            .collect();
        let text = format!("а{debris}б «в»");
        for out in [html(&text), xml(&text), json_in_script(&text), without_controls(&text).into()]
        {
            let raw: Vec<char> = out
                .chars()
                .filter(|&c| {
                    is_forbidden(c) || (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')
                })
                .collect();
            assert!(raw.is_empty(), "{raw:?} in {out:?}");
            assert!(out.starts_with('а') && out.ends_with("б «в»"), "{out:?}");
        }
    }

    #[test]
    fn nothing_to_escape_comes_back_whole() {
        let long = "Қазақстан Республикасы — ШЫҰ мүшесі. ".repeat(20);
        assert_eq!(html(&long), long);
        assert_eq!(xml(&long), long);
        assert_eq!(html(""), "");
        assert_eq!(xml(""), "");
    }

    #[test]
    fn specials_at_block_edges() {
        for n in 0..40 {
            let s = format!("{}&{}<", "ж".repeat(n), "a".repeat(n));
            assert_eq!(html(&s), html_slow(&s), "{n}");
            let s = format!("{}\u{ffff}{}\u{1}", "a".repeat(n), "ә".repeat(n));
            assert_eq!(xml(&s), xml_slow(&s), "{n}");
        }
    }

    /// What serde_json writes for a string, with the script-safe escapes after it.
    fn json_slow(s: &str) -> String {
        let quoted = serde_json::to_string(s).unwrap();
        quoted[1..quoted.len() - 1]
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029")
            .chars()
            .map(|c| match c as u32 {
                0x7f..=0x9f | 0xfdd0..=0xfdef | 0xfffe | 0xffff => format!("\\u{:04x}", c as u32),
                _ => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn json_escapes_every_control_character() {
        let all: String = (0u8..0x20).map(char::from).collect();
        assert_eq!(json_in_script(&all), json_slow(&all));
    }

    proptest::proptest! {
        #[test]
        fn json_same_as_serde_json(s in "[a-zәқ&<>\"'\\\\/ \\t\\n\\r\\x00-\\x1f\\x7f-\u{a0}\u{2026}-\u{202a}\u{fdd0}\u{fffe}]{0,70}") {
            proptest::prop_assert_eq!(json_in_script(&s), json_slow(&s));
        }
    }

    proptest::proptest! {
        #[test]
        fn same_as_character_at_a_time(s in "[a-zәқ«»&<>\"' \\t\\n\\r\\x00-\\x1f\\x7f-\u{a0}\u{fdcf}-\u{fdf0}\u{fffd}-\u{ffff}\u{f000}\u{1fffe}\u{1ffff}\u{1f600}]{0,70}") {
            proptest::prop_assert_eq!(html(&s), html_slow(&s));
            proptest::prop_assert_eq!(xml(&s), xml_slow(&s));
        }
    }
}
