//! Raw HTML blocks that never close: CommonMark lets an HTML block that opens with `<script`,
//! `<!--`, `<?` and the like run to the end of its container when its end marker never comes,
//! swallowing the Markdown after it. [`unclosed_openings`] finds where such blocks open, so the
//! renderer can show those openings as text and parse again.

/// The offsets of the `<` opening an HTML block (its `text`; where each line starts in the
/// source and in `text`) that never met its end condition and so ran to the end of its
/// container: the block's own opening, and that of every line in it that would open such a
/// block with no end after it. CommonMark's block kinds 1–5: `<script`, `<pre`, `<style`,
/// `<textarea` (ended by any of their end tags), `<!--` (by `-->`), `<?` (by `?>`), `<!` and a
/// letter (by `>`), `<![CDATA[` (by `]]>`).
pub(super) fn unclosed_openings(
    markdown: &str,
    text: &str,
    lines: &[(usize, usize)],
) -> Vec<usize> {
    let ends = |kind: Kind, rest: &str| -> bool {
        match kind {
            Kind::RawText => {
                let lower = rest.to_ascii_lowercase();
                kind.ends().iter().any(|e| lower.contains(e))
            }
            _ => kind.ends().iter().any(|e| rest.contains(e)),
        }
    };
    let Some(first) = Kind::of(text) else { return Vec::new() };
    if ends(first, text) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, &(at, from)) in lines.iter().enumerate() {
        let to = lines.get(i + 1).map_or(text.len(), |l| l.1);
        let Some(kind) = Kind::of(&text[from..to]) else { continue };
        if (i == 0 || !ends(kind, &text[from..]))
            && let Some(lt) = markdown[at..].find('<')
        {
            out.push(at + lt);
        }
    }
    out
}

/// The kinds of HTML block that end only at a marker (CommonMark's 1–5).
#[derive(Clone, Copy)]
enum Kind {
    RawText,
    Comment,
    Instruction,
    Declaration,
    Cdata,
}

impl Kind {
    /// The kind a line starting (after up to three spaces) an HTML block opens, if one of these.
    fn of(line: &str) -> Option<Kind> {
        let l = line.trim_start_matches(' ');
        let b = l.as_bytes();
        let tag = |name: &[u8]| {
            b.len() > name.len()
                && b[1..=name.len()].eq_ignore_ascii_case(name)
                && matches!(b.get(name.len() + 1), None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'>'))
        };
        if !l.starts_with('<') {
            None
        } else if [&b"script"[..], b"pre", b"style", b"textarea"].into_iter().any(tag) {
            Some(Kind::RawText)
        } else if l.starts_with("<!--") {
            Some(Kind::Comment)
        } else if l.starts_with("<?") {
            Some(Kind::Instruction)
        } else if l.starts_with("<![CDATA[") {
            Some(Kind::Cdata)
        } else if b.get(2).is_some_and(u8::is_ascii_alphabetic) && l.starts_with("<!") {
            Some(Kind::Declaration)
        } else {
            None
        }
    }

    /// What ends a block of this kind (lowercase).
    fn ends(self) -> &'static [&'static str] {
        match self {
            Kind::RawText => &["</script>", "</pre>", "</style>", "</textarea>"],
            Kind::Comment => &["-->"],
            Kind::Instruction => &["?>"],
            Kind::Declaration => &[">"],
            Kind::Cdata => &["]]>"],
        }
    }
}
