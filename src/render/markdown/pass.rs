//! One pass over a text's Markdown events ([`render_pass`]): code blocks highlighted, headings
//! given anchors, raw HTML gathered into fragments (a block, or the inline content of one
//! paragraph, heading, cell or item) and each cleaned on its own, nesting depth watched.

use std::borrow::Cow;
use std::collections::BTreeSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd, html};

use super::unclosed::unclosed_openings;
use super::{Heading, MAX_DEPTH, Pass, Problem, Rendered, collapse, line_at, options, plain_part};
use crate::render::highlight::Highlighter;
use crate::text::slugify;

/// One parse and render of a text (see [`super::render_full`]). `reopen`: whether to stop at
/// raw HTML blocks that never closed and ask for another pass.
pub(super) fn render_pass(
    markdown: &str,
    highlighter: &Highlighter,
    trust: bool,
    reopen: bool,
) -> Pass {
    let mut walk = Walk {
        markdown,
        highlighter,
        trust,
        reopen,
        plain: String::with_capacity(markdown.len()),
        headings: Vec::new(),
        problems: Vec::new(),
        events: Vec::new(),
        code: None,
        heading: None,
        ids: BTreeSet::new(),
        run: Run::default(),
        block: None,
        openings: Vec::new(),
        depth: 0,
        deepest: (0, 0),
    };
    for (ev, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        if walk.deepest.0 > MAX_DEPTH || !walk.step(ev, range.start) {
            break;
        }
    }
    walk.finish()
}

/// The state of one pass over a text's events: what is rendered so far, and the code block,
/// heading, inline run or HTML block being gathered.
struct Walk<'a, 'h> {
    markdown: &'a str,
    highlighter: &'h Highlighter,
    trust: bool,
    reopen: bool,
    plain: String,
    headings: Vec<Heading>,
    problems: Vec<Problem>,
    events: Vec<Event<'a>>,
    /// A code block being gathered: (language, text).
    code: Option<(String, String)>,
    heading: Option<(HeadingLevel, Run<'a>)>,
    /// The heading ids given so far (each unique).
    ids: BTreeSet<String>,
    /// The inline content of the leaf block being gathered (outside headings).
    run: Run<'a>,
    block: Option<Block>,
    /// Offsets of raw HTML blocks that never closed (see [`unclosed_openings`]).
    openings: Vec<usize>,
    /// How deeply the current event nests.
    depth: usize,
    /// The deepest nesting so far and where it is: (depth, offset).
    deepest: (usize, usize),
}

/// Records `depth` at byte `at` if it is the deepest so far.
fn note(deepest: &mut (usize, usize), depth: usize, at: usize) {
    if depth > deepest.0 {
        *deepest = (depth, at);
    }
}

impl<'a> Walk<'a, '_> {
    /// Takes one event starting at byte `at`; false when the text nests too deeply to go on.
    fn step(&mut self, ev: Event<'a>, at: usize) -> bool {
        if let Some(p) = plain_part(&ev) {
            self.plain.push_str(p);
        }
        if self.code.is_some() {
            self.code_event(ev);
            return true;
        }
        if self.block.is_some() {
            return self.block_event(ev, at);
        }
        // Nesting: every start one level in, every end one out.
        match &ev {
            Event::Start(_) => {
                self.depth += 1;
                note(&mut self.deepest, self.depth, at);
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        if is_inline(&ev) {
            self.inline_event(ev, at);
        } else if let Event::End(TagEnd::Heading(_)) = ev {
            self.end_heading();
        } else {
            self.flush();
            self.start_block(ev, at);
        }
        true
    }

    /// An event inside a code block: its text, or its end (highlighted then).
    fn code_event(&mut self, ev: Event<'a>) {
        match ev {
            Event::Text(t) => {
                if let Some((_, text)) = self.code.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                self.depth = self.depth.saturating_sub(1);
                let (lang, text) = self.code.take().unwrap_or_default();
                let inner = self.highlighter.highlight(&text, &lang);
                let class = if lang.is_empty() {
                    String::new()
                } else {
                    format!(" class=\"language-{}\"", crate::render::highlight::escape(&lang))
                };
                self.events.push(Event::Html(CowStr::from(format!(
                    "<pre class=\"code\"><code{class}>{inner}</code></pre>\n"
                ))));
            }
            _ => {}
        }
    }

    /// An event inside a raw HTML block: one of its lines, or its end (the block cleaned as one
    /// fragment then). False when the block nests too deeply.
    fn block_event(&mut self, ev: Event<'a>, at: usize) -> bool {
        if let Event::Html(t) = ev {
            if let Some(b) = self.block.as_mut() {
                b.lines.push((at, b.text.len()));
                b.text.push_str(&t);
            }
            return true;
        }
        // The block's end.
        self.depth = self.depth.saturating_sub(1);
        let Block { text, at, lines } = self.block.take().unwrap_or_default();
        let html_depth = crate::render::sanitize::depth(&text);
        note(&mut self.deepest, self.depth + 1 + html_depth, at);
        if self.deepest.0 > MAX_DEPTH {
            return false;
        }
        if self.reopen {
            self.openings.extend(unclosed_openings(self.markdown, &text, &lines));
        }
        let cleaned = crate::render::sanitize::clean(&text, false, self.trust);
        if let Some(gone) = cleaned.dropped {
            self.problems.push(dropped_problem(self.markdown, at, &gone));
        }
        self.events.push(Event::Html(CowStr::from(cleaned.html)));
        true
    }

    /// An inline event: gathered into the heading or leaf block it belongs to, which is marked
    /// for cleaning when it holds raw HTML (or, untrusted, a link of another scheme).
    fn inline_event(&mut self, ev: Event<'a>, at: usize) {
        let target = match self.heading.as_mut() {
            Some((_, inner)) => inner,
            None => &mut self.run,
        };
        match &ev {
            Event::InlineHtml(t) => {
                target.dirty.get_or_insert(at);
                let (now, max) = crate::render::sanitize::depth_from(target.html_depth, t);
                target.html_depth = now;
                note(&mut self.deepest, self.depth + max, at);
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !self.trust && needs_sanitizer(dest_url) =>
            {
                target.dirty.get_or_insert(at);
            }
            _ => {}
        }
        target.events.push(ev);
    }

    /// A heading's end: its content written out with its anchor id.
    fn end_heading(&mut self) {
        if let Some((level, inner)) = self.heading.take() {
            let (markdown, trust, problems) = (self.markdown, self.trust, &mut self.problems);
            let h = push_heading(&mut self.events, level, inner, &mut self.ids, |inner, events| {
                flush_run(inner, events, problems, markdown, trust)
            });
            self.headings.push(h);
        }
    }

    /// Any other event: a code block, heading or HTML block starts being gathered; the rest
    /// passes through.
    fn start_block(&mut self, ev: Event<'a>, at: usize) {
        match ev {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or_default().to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some((level, Run::default()))
            }
            Event::Start(Tag::HtmlBlock) => self.block = Some(Block { at, ..Block::default() }),
            other => self.events.push(other),
        }
    }

    /// Hands the leaf block's inline run on to the events.
    fn flush(&mut self) {
        flush_run(&mut self.run, &mut self.events, &mut self.problems, self.markdown, self.trust);
    }

    /// The pass's result: the text refused, another pass asked for, or the HTML.
    fn finish(mut self) -> Pass {
        if self.deepest.0 > MAX_DEPTH {
            return Pass::Done(refused(self.markdown, self.deepest.1));
        }
        if !self.openings.is_empty() {
            self.openings.sort_unstable();
            self.openings.dedup();
            return Pass::Reopen(self.openings);
        }
        self.flush();
        let mut out = String::with_capacity(self.markdown.len() * 3 / 2);
        html::push_html(&mut out, self.events.into_iter());
        // Character references (`&#1;`, `&#x85;`) can still make a control character.
        if let Cow::Owned(clean) = crate::text::escape::without_controls(&out) {
            out = clean;
        }
        let (headings, problems) = (self.headings, self.problems);
        Pass::Done(Rendered { html: out, headings, plain: collapse(&self.plain), problems })
    }
}

/// Whether an event belongs to inline content (text and what marks it up).
fn is_inline(ev: &Event) -> bool {
    match ev {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineMath(_)
        | Event::DisplayMath(_)
        | Event::InlineHtml(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::TaskListMarker(_) => true,
        Event::Start(t) => matches!(
            t,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::End(t) => matches!(
            t,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        _ => false,
    }
}

/// Whether a link or image address needs the sanitizer: one with a scheme other than http,
/// https or mailto (`javascript:`, `data:` …). Browsers ignore tabs and line breaks in a
/// scheme and spaces before it, and so does this.
fn needs_sanitizer(url: &str) -> bool {
    let url: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(64)
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (None, _) => false,
        (Some(c), Some(p)) if p < c => false,
        _ => !["http:", "https:", "mailto:"].iter().any(|s| url.starts_with(s)),
    }
}

/// The inline content of one leaf block, gathered to be cleaned as one fragment when it holds
/// raw HTML (or, on a site that does not trust its authors, a link of another scheme).
#[derive(Default)]
struct Run<'a> {
    events: Vec<Event<'a>>,
    /// The offset of its first raw HTML (for the line of a warning), when it must be cleaned.
    dirty: Option<usize>,
    /// How deeply its raw HTML so far nests elements.
    html_depth: usize,
}

/// An HTML block being gathered.
#[derive(Default)]
struct Block {
    /// Its text (its lines joined).
    text: String,
    /// Where it starts in the source.
    at: usize,
    /// Where each of its lines starts: in the source, and in `text`.
    lines: Vec<(usize, usize)>,
}

/// Hands `run` on to `events`: as it is, or as one fragment of cleaned raw HTML (see
/// [`crate::render::sanitize::clean`]), with a warning if the cleaning removed text.
fn flush_run<'a>(
    run: &mut Run<'a>,
    events: &mut Vec<Event<'a>>,
    problems: &mut Vec<Problem>,
    markdown: &str,
    trust: bool,
) {
    let run = std::mem::take(run);
    match run.dirty {
        None => events.extend(run.events),
        Some(at) => {
            let mut html = String::new();
            html::push_html(&mut html, run.events.into_iter());
            let cleaned = crate::render::sanitize::clean(&html, true, trust);
            if let Some(gone) = cleaned.dropped {
                problems.push(dropped_problem(markdown, at, &gone));
            }
            events.push(Event::InlineHtml(CowStr::from(cleaned.html)));
        }
    }
}

/// The warning for text the sanitizer removed from raw HTML at byte `at`.
fn dropped_problem(markdown: &str, at: usize, gone: &str) -> Problem {
    Problem {
        line: line_at(markdown, at),
        message: format!(
            "raw HTML: the sanitizer removed text a reader would see («{gone}»); write it as \
             Markdown, or set trust_html = true in site.toml if the site trusts its authors"
        ),
        error: false,
    }
}

/// A text nested deeper than [`MAX_DEPTH`], first at byte `at`: shown as escaped text, with an
/// error, so one document cannot stall or crash a build.
fn refused(markdown: &str, at: usize) -> Rendered {
    Rendered {
        html: format!("<pre>{}</pre>\n", crate::text::escape::html(markdown)),
        headings: Vec::new(),
        plain: collapse(markdown),
        problems: vec![Problem {
            line: line_at(markdown, at),
            message: format!(
                "the text nests deeper than {MAX_DEPTH} levels (block quotes, lists, emphasis, \
                 links and raw HTML elements together) here; no document needs that many"
            ),
            error: true,
        }],
    }
}

/// Writes a heading with a unique anchor id (h1 becomes h2: the page title is the only h1).
fn push_heading<'a>(
    events: &mut Vec<Event<'a>>,
    level: HeadingLevel,
    mut inner: Run<'a>,
    ids: &mut BTreeSet<String>,
    mut flush: impl FnMut(&mut Run<'a>, &mut Vec<Event<'a>>),
) -> Heading {
    let text: String = inner
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let base = match slugify(&text) {
        s if s.is_empty() => "section".to_string(),
        s => s,
    };
    let mut id = base.clone();
    let mut n = 1;
    while !ids.insert(id.clone()) {
        n += 1;
        id = format!("{base}-{n}");
    }
    let level = match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        l => l,
    };
    events.push(Event::Start(Tag::Heading {
        level,
        id: Some(CowStr::from(id.clone())),
        classes: Vec::new(),
        attrs: Vec::new(),
    }));
    flush(&mut inner, events);
    events.push(Event::End(TagEnd::Heading(level)));
    Heading { level: level as u8, id, text }
}
