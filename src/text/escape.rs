//! Escaping text for markup, fast on text that has nothing to escape: it is scanned sixteen
//! bytes at a time, and only a block holding a byte that may start a special character is looked
//! at closer. Every page's text goes through the HTML escaper, every feed's through the XML one.

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

/// HTML-escapes text for element content and attribute values (quoted either way): `&`, `<`,
/// `>`, `"` and `'`. Everything else, Cyrillic included, is kept as it is.
///
/// ```
/// use archive::text::escape::html;
/// assert_eq!(html("«ШОС» & <b> \"x\" 'y'"), "«ШОС» &amp; &lt;b&gt; &quot;x&quot; &#39;y&#39;");
/// ```
pub fn html(s: &str) -> String {
    replace_chars(
        s,
        |b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''),
        |c| match c {
            '&' => Some("&amp;"),
            '<' => Some("&lt;"),
            '>' => Some("&gt;"),
            '"' => Some("&quot;"),
            '\'' => Some("&#39;"),
            _ => None,
        },
    )
}

/// Text safe inside XML 1.0 content and attribute values: markup characters escaped, characters
/// XML 1.0 does not allow (C0 controls other than tab and line ends, U+FFFE, U+FFFF) dropped.
///
/// ```
/// use archive::text::escape::xml;
/// assert_eq!(xml("a<b>&\"'\u{1}\u{b}c\n\u{ffff}"), "a&lt;b&gt;&amp;&quot;&apos;c\n");
/// ```
pub fn xml(s: &str) -> String {
    replace_chars(
        s,
        // 0xEF leads U+F000..U+FFFF, among them the two non-characters.
        |b| {
            (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
                || matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0xef)
        },
        |c| match c {
            '&' => Some("&amp;"),
            '<' => Some("&lt;"),
            '>' => Some("&gt;"),
            '"' => Some("&quot;"),
            '\'' => Some("&apos;"),
            '\t' | '\n' | '\r' => None,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => Some(""),
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
pub fn push_json_in_script(out: &mut String, s: &str) {
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
        |b| b < 0x20 || matches!(b, b'"' | b'\\' | b'<' | b'>' | b'&' | 0xe2),
        |c| match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '<' => Some("\\u003c"),
            '>' => Some("\\u003e"),
            '&' => Some("\\u0026"),
            '\u{2028}' => Some("\\u2028"),
            '\u{2029}' => Some("\\u2029"),
            c if (c as u32) < 0x20 => Some(CONTROL[c as usize]),
            _ => None,
        },
    )
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
                '\t' | '\n' | '\r' => out.push(c),
                c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
                c => out.push(c),
            }
        }
        out
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
    }

    #[test]
    fn json_escapes_every_control_character() {
        let all: String = (0u8..0x20).map(char::from).collect();
        assert_eq!(json_in_script(&all), json_slow(&all));
    }

    proptest::proptest! {
        #[test]
        fn json_same_as_serde_json(s in "[a-zәқ&<>\"'\\\\/ \\t\\n\\r\\x00-\\x1f\\x7f\u{2026}-\u{202a}]{0,70}") {
            proptest::prop_assert_eq!(json_in_script(&s), json_slow(&s));
        }
    }

    proptest::proptest! {
        #[test]
        fn same_as_character_at_a_time(s in "[a-zәқ&<>\"' \\t\\n\\r\\x00-\\x1f\u{fffd}-\u{ffff}\u{f000}]{0,70}") {
            proptest::prop_assert_eq!(html(&s), html_slow(&s));
            proptest::prop_assert_eq!(xml(&s), xml_slow(&s));
        }
    }
}
