//! A document's date as pages show it: a plain date as before; an uncertain one (EDTF, see
//! [`crate::content::Edtf`]) the way archival description writes it — a date the archivist
//! supplied in square brackets, a probable one with «?», an approximate one with «около» /
//! «шамамен», bounds with «не ранее» / «не позднее»; a date taken from the document's event
//! marked as such. Every word comes from the UI strings.

use super::views::Ctx;
use crate::content::Document;
use crate::content::date::PartialDate;
use crate::content::edtf::{Edtf, EdtfDate, End, Qualifier};

/// What a page shows of a document's date.
pub(crate) struct Shown {
    /// The date in words.
    pub(crate) text: String,
    /// ISO date for `<time datetime>`: only for a plain date (own or the event's).
    pub(crate) iso: String,
    /// A one-character marker for lists (`?`, `≈`, `…`), empty for a plain date.
    pub(crate) mark: &'static str,
    /// What the marker means, for its tooltip.
    pub(crate) mark_title: String,
}

impl Ctx<'_> {
    /// The date of document `d` as shown on its page and in lists.
    pub(crate) fn doc_date(&self, d: &Document) -> Shown {
        let plain = |text: String, date: PartialDate| Shown {
            text,
            iso: date.to_string(),
            mark: "",
            mark_title: String::new(),
        };
        if let Some(e) = &d.edtf {
            let (mark, key) = marker(e);
            return Shown {
                text: self.edtf(e),
                iso: String::new(),
                mark,
                mark_title: self.t(key).to_string(),
            };
        }
        match (d.meta.date, d.event_date) {
            (Some(own), _) => plain(self.date(&own), own),
            (None, Some(ev)) => {
                let text = self.t("edtf_derived").replace("{date}", &self.date(&ev));
                plain(text, ev)
            }
            (None, None) => Shown {
                text: self.t("date_unknown").to_string(),
                iso: String::new(),
                mark: "",
                mark_title: String::new(),
            },
        }
    }

    /// An EDTF value in words.
    pub(crate) fn edtf(&self, e: &Edtf) -> String {
        match e {
            Edtf::Date(d) => self.edtf_date(d),
            Edtf::Interval(End::Date(a), End::Date(b))
                if a.is_plain()
                    && b.is_plain()
                    && a.known.month.is_none()
                    && b.known.month.is_none() =>
            {
                self.t("edtf_years")
                    .replace("{a}", &a.known.year.to_string())
                    .replace("{b}", &b.known.year.to_string())
            }
            Edtf::Interval(End::Open, End::Date(b)) => {
                self.t("edtf_not_after").replace("{date}", &self.bound(b))
            }
            Edtf::Interval(End::Date(a), End::Open) => {
                self.t("edtf_not_before").replace("{date}", &self.bound(a))
            }
            Edtf::Interval(a, b) => {
                let end = |x: &End| match x {
                    End::Date(d) => self.edtf_date(d),
                    _ => self.t("edtf_unknown_end").to_string(),
                };
                self.t("edtf_interval").replace("{a}", &end(a)).replace("{b}", &end(b))
            }
        }
    }

    /// A bound after «не ранее» / «не позднее» (a month alone in the genitive in Russian).
    fn bound(&self, d: &EdtfDate) -> String {
        if d.is_plain() { self.date_in_period(&d.known) } else { self.edtf_date(d) }
    }

    fn edtf_date(&self, d: &EdtfDate) -> String {
        let approximate = matches!(d.qualifier, Some(Qualifier::Approximate | Qualifier::Both));
        // «около» governs the genitive: «около мая 2019 г.», as «с мая» does.
        let mut text =
            if approximate { self.date_in_period(&d.known) } else { self.date(&d.known) };
        let missing = match (d.unspecified, d.known.month.is_some()) {
            (0, _) => None,
            (1, true) => Some("edtf_no_day"),
            (1, false) => Some("edtf_no_month"),
            _ => Some("edtf_no_month_day"),
        };
        if let Some(key) = missing {
            text = self.t(key).replace("{date}", &text);
        }
        let key = match d.qualifier {
            None => return text,
            Some(Qualifier::Uncertain) => "edtf_uncertain",
            Some(Qualifier::Approximate) => "edtf_approximate",
            Some(Qualifier::Both) => "edtf_uncertain_approximate",
        };
        self.t(key).replace("{date}", &text)
    }
}

/// The list marker of a value that is not a plain date, and the key of its tooltip.
fn marker(e: &Edtf) -> (&'static str, &'static str) {
    match e {
        Edtf::Date(d) => match d.qualifier {
            Some(Qualifier::Uncertain | Qualifier::Both) => ("?", "mark_uncertain"),
            Some(Qualifier::Approximate) => ("≈", "mark_approximate"),
            None => ("…", "mark_range"),
        },
        Edtf::Interval(..) => ("…", "mark_range"),
    }
}
