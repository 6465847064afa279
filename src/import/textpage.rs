//! A text dump read as a page: its chrome set aside ([`chrome`]), the headline
//! chosen among the lines left (a headline the page repeats is sure), the dateline of the first
//! paragraph read ([`dateline`]), and the outlet the page names for itself.
//! Official documents (a РЕШЕНИЕ/ШЕШІМ line) have no chrome and are left as they are.

use super::chrome::{self, Page};
use super::clean::Cleaned;
use super::dateline::{self, Dateline};
use super::detect::{self, Title};
use super::read::Meta;
use crate::content::PartialDate;

/// What the page gives beside its article lines.
#[derive(Debug, Clone)]
pub struct TextPage {
    /// The chrome taken out.
    pub page: Page,
    /// The title chosen.
    pub title: Title,
    /// The article lines after the title line (all lines but it, in an official document).
    pub after_title: Vec<String>,
    /// Whether the text is an official document (its header dates it).
    pub official: bool,
    /// The first paragraph's dateline.
    pub dateline: Option<Dateline>,
    /// The outlet a dateline, date line or masthead names.
    pub outlet: Option<String>,
}

impl TextPage {
    /// Takes the chrome out of `c.lines` and reads the title, dateline and outlet; a title that
    /// is unsure goes to `review`.
    pub fn read(
        c: &mut Cleaned,
        meta: &Meta,
        kind_line: Option<usize>,
        saved_date: Option<PartialDate>,
        review: &mut Vec<String>,
    ) -> TextPage {
        let header_rest = saved_date
            .and_then(|_| c.lines.iter().find(|l| !l.trim().is_empty()))
            .map(|l| l.trim().to_string());
        let page = if kind_line.is_some() { Page::default() } else { chrome::apply(c) };
        let mut title = detect::title(&c.lines, meta, kind_line, c.first_credit_at);
        if meta.title.is_none()
            && let Some(h) = page.headline
            && title.line != Some(h)
        {
            title = Title { text: c.lines[h].trim().to_string(), line: Some(h), stated: true };
        }
        if !title.stated {
            review.push("title: made from the first sentence; the text has none".to_string());
        } else if title.line.is_some()
            && page.headline.is_none()
            && header_rest.as_deref().is_some_and(|r| r == title.text)
        {
            // The store glued its date to this line: a headline or a subtitle, the text cannot say.
            review.push(format!(
                "title: «{}» shares its line with the saved record's date; check that it is the headline",
                title.text
            ));
        }
        // The article starts after its headline (a teaser above it is no lead); an official
        // document's date stands in its header, above the subject line taken as its title.
        let start = match (kind_line, title.line) {
            (None, Some(i)) => i + 1,
            _ => 0,
        };
        let after_title: Vec<String> = c
            .lines
            .iter()
            .enumerate()
            .skip(start)
            .filter(|(i, _)| Some(*i) != title.line)
            .map(|(_, l)| l.clone())
            .collect();
        let lead = after_title.iter().find(|l| !l.trim().is_empty());
        let dateline = lead.and_then(|l| dateline::parse(l));
        if !title.stated
            && let (Some(l), Some(d)) = (lead, &dateline)
        {
            // A title made from the first sentence starts after the dateline.
            let made = detect::made_title(&l.trim()[d.end..]);
            if made.chars().any(char::is_alphanumeric) {
                title.text = made;
            }
        }
        let outlet = dateline.as_ref().and_then(|d| d.agency.clone()).or_else(|| {
            page.removed
                .iter()
                .find_map(|(k, l)| chrome::outlet(*k, l))
                .map(|n| dateline::publisher_name(&n))
        });
        TextPage { page, title, after_title, official: kind_line.is_some(), dateline, outlet }
    }
}
