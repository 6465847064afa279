//! A text dump read as a page: its chrome set aside ([`chrome`]), the headline
//! chosen among the lines left (a headline the page repeats is sure), the dateline of the first
//! paragraph read ([`dateline`]), and the outlet the page names for itself.
//! Official documents (a РЕШЕНИЕ/ШЕШІМ line) and official files (DOCX, PDF) have no chrome and
//! are left as they are.

use super::chrome::{self, Page};
use super::clean::Cleaned;
use super::dateline::{self, Dateline};
use super::detect::{self, Title};
use super::read::Meta;
use crate::content::PartialDate;

/// What the page gives beside its article lines.
#[derive(Debug, Clone)]
pub(crate) struct TextPage {
    /// The chrome taken out.
    pub(crate) page: Page,
    /// The title chosen.
    pub(crate) title: Title,
    /// The article lines after the title line (all lines but it, in an official document).
    pub(crate) after_title: Vec<String>,
    /// Whether the text is an official document (its header dates it).
    pub(crate) official: bool,
    /// The first paragraph's dateline.
    pub(crate) dateline: Option<Dateline>,
    /// The outlet a dateline, date line or masthead names.
    pub(crate) outlet: Option<String>,
    /// Date lines and mastheads at the top of the page.
    pub(crate) date_lines: Vec<String>,
}

impl TextPage {
    /// Takes the chrome out of `c.lines` and reads the title, dateline and outlet; a title that
    /// is unsure goes to `review`.
    pub(crate) fn read(
        c: &mut Cleaned,
        meta: &Meta,
        kind_line: Option<usize>,
        saved_date: Option<PartialDate>,
        batch: &chrome::Recurring,
        review: &mut Vec<String>,
    ) -> TextPage {
        let header_rest = saved_date
            .and_then(|_| c.lines.iter().find(|l| !l.trim().is_empty()))
            .map(|l| l.trim().to_string());
        let page = if kind_line.is_some() || meta.office_file {
            Page::default()
        } else {
            chrome::apply(c, batch)
        };
        let mut title = choose_title(&c.lines, meta, kind_line, c.first_credit_at, &page, review);
        if title.stated
            && title.line.is_some()
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
        let (date_lines, top_outlet) = top_of_page(&c.lines, &page, title.line);
        let outlet = dateline.as_ref().and_then(|d| d.agency.clone()).or(top_outlet);
        TextPage {
            page,
            title,
            after_title,
            official: kind_line.is_some(),
            dateline,
            outlet,
            date_lines,
        }
    }
}

/// The headline (a headline the page repeats beats the first headline-like line), or a title
/// made from the first sentence, flagged.
fn choose_title(
    lines: &[String],
    meta: &Meta,
    kind_line: Option<usize>,
    first_credit_at: Option<usize>,
    page: &Page,
    review: &mut Vec<String>,
) -> Title {
    let mut title = detect::title(lines, meta, kind_line, first_credit_at);
    if meta.title.is_none()
        && let Some(h) = page.headline
        && title.line != Some(h)
    {
        title = Title { text: lines[h].trim().to_string(), line: Some(h), stated: true };
    }
    if !title.stated {
        review.push("title: made from the first sentence; the text has none".to_string());
    }
    title
}

/// The date lines and mastheads at the top of the page (down to the line under the headline),
/// and the outlet the first of them names: a dated line further down belongs to a related story
/// or a comment.
fn top_of_page(
    lines: &[String],
    page: &Page,
    title: Option<usize>,
) -> (Vec<String>, Option<String>) {
    let above = title.map_or(0, |i| lines[..i].iter().filter(|l| !l.trim().is_empty()).count());
    let top: Vec<&(chrome::Kind, String)> = (page.removed.iter().zip(&page.depth))
        .filter(|(_, depth)| **depth <= above + 1)
        .map(|(r, _)| r)
        .collect();
    let date_lines = (top.iter())
        .filter(|(k, _)| matches!(k, chrome::Kind::DateLine | chrome::Kind::Masthead))
        .map(|(_, l)| l.clone())
        .collect();
    let outlet =
        (top.iter()).find_map(|(k, l)| chrome::outlet(*k, l)).map(|n| dateline::publisher_name(&n));
    (date_lines, outlet)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (TextPage, Vec<String>) {
        let mut c = super::super::clean::clean(text);
        let mut review = Vec::new();
        let page = TextPage::read(
            &mut c,
            &Meta::default(),
            None,
            None,
            &chrome::Recurring::default(),
            &mut review,
        );
        (page, review)
    }

    #[test]
    fn only_the_top_of_the_page_dates_it() {
        let (p, _) =
            read("Министры встретились в Бишкеке\n12.03.2021, 10:05\nВстреча прошла в среду.");
        assert_eq!(p.date_lines, ["12.03.2021, 10:05"]);
        let (p, _) = read(
            "Министры встретились в Бишкеке\nВстреча прошла в среду.\nСтороны обсудили транзит.\n06.06.2019, 11:00",
        );
        assert!(p.date_lines.is_empty(), "{:?}", p.date_lines);
    }

    #[test]
    fn a_repeated_headline_under_a_menu_is_the_title() {
        let (p, review) = read(
            "USD 470.10\nЭкономика Спорт Мир Регионы\nМинистры встретились в Бишкеке\nМинистры встретились в Бишкеке\nОМСК, 3 мар — Вестник. Встреча прошла в среду.",
        );
        assert_eq!(p.title.text, "Министры встретились в Бишкеке");
        assert!(review.is_empty(), "{review:?}");
        assert_eq!(p.outlet.as_deref(), Some("Вестник"));
    }
}
