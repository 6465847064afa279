//! Text → Markdown that renders back to the same text. A saved page's visible text is text, not
//! markup: «&lt;script&gt;», `*`, `_`, `[`, a line that starts with `#`, `>`, `-` or `1.` must
//! reach the reader as written, never as a live tag, emphasis, a link, a heading, a quote or a
//! list. [`text`] escapes one line of such text with backslashes (every ASCII punctuation
//! character may be escaped in CommonMark, so an escape never shows). [`neutralize_html`] is for
//! Markdown-ish text files, whose Markdown is kept but whose `<` never opens a tag.
//! [`unescape`] gives back the text of an escaped line (a title taken from the body).

/// Characters that mean something anywhere in a line: emphasis, code, links and images, raw
/// HTML and autolinks, entity references, table cells, strikethrough and the escape itself.
const INLINE: [char; 10] = ['\\', '`', '*', '_', '[', ']', '<', '&', '|', '~'];

/// One line of plain text as Markdown: every character that could be markup escaped, and the
/// line's start escaped where a block could begin (heading, quote, list item, rule, setext
/// underline). The text must hold no line break (callers pass one paragraph as one line); its
/// leading spaces are dropped, since four of them would make a code block.
pub(crate) fn text(line: &str) -> String {
    let line = line.trim_start();
    let mut out = String::with_capacity(line.len() + 8);
    // Block starts: `#` heading, `>` quote, `-` `+` list item, rule or setext underline, `=`
    // setext underline (`*` is escaped everywhere below).
    if line.starts_with(['#', '>', '-', '+', '=']) {
        out.push('\\');
    }
    // An ordered list item: up to nine digits and `.` or `)`, then a space or the end.
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let ordered = (1..=9).contains(&digits)
        && line[digits..].starts_with(['.', ')'])
        && line[digits + 1..].chars().next().is_none_or(char::is_whitespace);
    for (i, c) in line.char_indices() {
        if INLINE.contains(&c) || (ordered && i == digits) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A line of Markdown with every `<` that is not already escaped escaped: no raw HTML tag,
/// comment or autolink can begin, and the rest of the Markdown stays as written.
pub(crate) fn neutralize_html(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut backslashes = 0;
    for c in line.chars() {
        if c == '<' && backslashes % 2 == 0 {
            out.push('\\');
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
    }
    out
}

/// `line` without the backslash of each escaped ASCII punctuation character.
pub fn unescape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            out.extend(chars.next());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text pulldown-cmark shows for `md`, as the site renders it.
    fn shown(md: &str) -> String {
        crate::render::markdown::plain_text(md)
    }

    #[test]
    fn markdown_characters_in_plain_text_render_as_written() {
        let lines = [
            "&lt;script&gt;alert(1)&lt;/script&gt; <b>не тег</b> & &amp; &#65;",
            "*звёздочки* и _подчёркивания_, `код`, [ссылка](http://x) ![к](y) [^1]",
            "# не заголовок #",
            "## и это",
            "> не цитата",
            "- не список",
            "+ и не этот",
            "* и не этот",
            "1. не нумерованный",
            "2024) тоже",
            "---",
            "===",
            "***",
            "a | b | c",
            "~~не зачёркнуто~~",
            "обратная косая \\ и \\* и в конце \\",
            "    четыре пробела",
            "<!-- не комментарий -->",
            "<https://не.ссылка>",
        ];
        for l in lines {
            let md = text(l);
            assert_eq!(shown(&md), l.trim_start(), "{l:?} → {md:?}");
            let html = crate::render::markdown::render(
                &md,
                &crate::render::highlight::Highlighter::new(),
                true,
            );
            assert!(!html.contains("<script") && !html.contains("<b>"), "{html}");
            assert_eq!(unescape(&md), l.trim_start());
        }
    }

    #[test]
    fn raw_html_in_markdown_text_is_neutralized() {
        assert_eq!(neutralize_html("a <script> \\<b> \\\\<i>"), "a \\<script> \\<b> \\\\\\<i>");
        let md = neutralize_html("**жирный** <img src=x onerror=alert(1)> текст");
        assert_eq!(shown(&md), "жирный <img src=x onerror=alert(1)> текст");
    }
}
