//! An act's header and signature block, read into a draft `act:` block (issue 16): the number
//! («№158», «№ 1/2019»), the place («город Исламабад», «г. Минск», «Минск қаласы»), the
//! adopting body (the last organization the header names: official headers go from the
//! organization down to its body, «ОРГАНИЗАЦИЯ … / СОВЕТ …»), and the signatories (short
//! paragraphs after the operative text that open with a position and name a state).
//!
//! What is read is a draft: a review line says so and names what was found, and what could not
//! be placed (a signatory with no state the archive knows, an annex «прилагается») goes under
//! review too. Only decisions, agreements and statements get a block.

use crate::content::{Act, EntityKind, Kind, PartialDate, Signatory, Status, StatusEntry};

use super::mentions::{self, EntityIndex};

/// How many paragraphs from the top the header may take.
const HEADER_PARAGRAPHS: usize = 12;

/// Words a position in a signature block opens with, Russian and Kazakh. Kazakh positions put
/// the office after the state («Қазақстан Республикасының Премьер-Министрі»), so for them the
/// office word is looked for anywhere in a short paragraph.
const POSITION_RU: &[&str] = &[
    "премьер-министр",
    "премьер",
    "председатель",
    "президент",
    "министр",
    "вице-премьер",
    "заместитель",
    "первый",
    "глава",
    "генеральный",
    "руководитель",
];
const POSITION_KK: &[&str] = &["премьер-министрі", "президенті", "төрағасы", "министрі", "басшысы"];

/// The draft act of a text of `kind` with Markdown `body`, and the review lines it needs.
/// `date` is the document's date (the signing date a signature block implies).
pub(crate) fn read(
    kind: Kind,
    body: &str,
    index: &EntityIndex,
    date: Option<PartialDate>,
) -> (Option<Act>, Vec<String>) {
    if crate::content::Form::of_kind(kind).is_none() {
        return (None, Vec::new());
    }
    let paras = paragraphs(body);
    let header = &paras[..paras.len().min(HEADER_PARAGRAPHS)];
    let mut act = Act {
        number: header.iter().find_map(|p| number(p)),
        place: header.iter().find_map(|p| place(p, index)),
        body: adopting_body(header, index),
        ..Act::default()
    };
    let mut review = Vec::new();
    let mut unplaced = 0;
    for p in &paras {
        if let Some(position) = position(p) {
            let country = mentions::find(index, &position).of(EntityKind::Country).first().cloned();
            if country.is_none() {
                unplaced += 1;
            }
            act.signatories.push(Signatory { person: None, country, position });
        }
    }
    if !act.signatories.is_empty() {
        act.status.push(StatusEntry { status: Status::Signed, date, basis: None });
    }
    if act == Act::default() {
        return (None, Vec::new());
    }
    let mut found = Vec::new();
    if let Some(n) = &act.number {
        found.push(format!("number {n}"));
    }
    if let Some(p) = &act.place {
        found.push(format!("place {p}"));
    }
    if let Some(b) = &act.body {
        found.push(format!("body {b}"));
    }
    if !act.signatories.is_empty() {
        found.push(format!("{} signatories", act.signatories.len()));
    }
    review.push(format!(
        "act: read from the header and the signature block ({}); check it against the original",
        found.join(", ")
    ));
    if unplaced > 0 {
        review.push(format!(
            "act: {unplaced} signatory position(s) name no state the archive knows; add the country"
        ));
    }
    let lower = body.to_lowercase();
    if ["(прилагается)", "(прилагаются)", "қоса беріліп отыр", "(қоса беріледі)"]
        .iter()
        .any(|w| lower.contains(w))
    {
        review.push(
            "act: the text has an annex («прилагается»): if it is a document of its own, link it \
             with approves or annex_of"
                .to_string(),
        );
    }
    (Some(act), review)
}

/// The body's paragraphs (blank-line separated) as plain one-line text: emphasis marks and
/// line breaks gone.
fn paragraphs(body: &str) -> Vec<String> {
    body.split("\n\n")
        .map(|p| {
            let plain = p.replace("**", " ").replace("__", " ");
            plain.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// «№158», «№ 1/2019», «No. 5» in a short header paragraph: a number line of its own, or the
/// date-number-place line official acts open with («4 июля 2024 года № 12 г. Астана»,
/// «от 16 октября 2024 года №158») — not a reference inside a sentence.
fn number(p: &str) -> Option<String> {
    if p.chars().count() > 60 || p.ends_with('.') {
        return None;
    }
    let at =
        p.find('№').map(|i| i + '№'.len_utf8()).or_else(|| p.starts_with("No.").then_some(3))?;
    let rest = &p[at..];
    let n = rest.split_whitespace().next()?.trim_end_matches([',', '.', ';']);
    n.chars().any(|c| c.is_ascii_digit()).then(|| n.to_string())
}

/// The place of a short header paragraph marked as a city — «город Исламабад», «г. Минск»,
/// «Минск қаласы», also at the end of a date-number line («… № 12 г. Астана») — when the archive
/// knows it. The place named right after the mark wins.
fn place(p: &str, index: &EntityIndex) -> Option<String> {
    if p.chars().count() > 60 {
        return None;
    }
    let lower = format!(" {}", p.to_lowercase());
    let after = [" город ", " г. ", " г."].iter().find_map(|m| lower.find(m).map(|i| i + m.len()));
    let named = match after {
        // `lower` has one more leading byte than `p`, and lower-casing keeps Cyrillic lengths.
        Some(i) => p.get(i.saturating_sub(1)..)?,
        None if lower.ends_with(" қаласы") || lower.ends_with(" қ.") => p,
        None => return None,
    };
    mentions::find(index, named).of(EntityKind::Place).first().cloned()
}

/// The last organization the header names: its paragraphs before the first sentence (the
/// operative text, «Совет … решил:») or the first long paragraph.
fn adopting_body(header: &[String], index: &EntityIndex) -> Option<String> {
    let top: Vec<&str> = header
        .iter()
        .take_while(|p| p.chars().count() <= 160 && !p.ends_with(['.', ':']))
        .map(String::as_str)
        .collect();
    let found = mentions::find(index, &top.join("\n"));
    found
        .hits
        .iter()
        .filter(|h| h.kind == EntityKind::Organization)
        .max_by_key(|h| h.start)
        .map(|h| h.id.clone())
}

/// A signature block's paragraph: short, opening with a position (Russian) or naming an office
/// (Kazakh), and no sentence (no full stop inside, no colon).
fn position(p: &str) -> Option<String> {
    let len = p.chars().count();
    if !(8..=140).contains(&len) || p.contains(['.', ':', ';', '«']) {
        return None;
    }
    let lower = p.to_lowercase();
    let first = lower.split([' ', ',']).next().unwrap_or_default();
    let ru = POSITION_RU.contains(&first);
    let kk = lower.split([' ', ',']).any(|w| POSITION_KK.contains(&w));
    (ru || kk).then(|| p.trim_end_matches(',').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn index() -> EntityIndex {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = crate::config::Config::load(&root.join("site.toml")).unwrap();
        let (corpus, _) = crate::content::load(root, &config).unwrap();
        EntityIndex::new(&corpus)
    }

    const DECISION: &str = "**ШАНХАЙСКАЯ ОРГАНИЗАЦИЯ СОТРУДНИЧЕСТВА  \nСОВЕТ ГЛАВ ПРАВИТЕЛЬСТВ (ПРЕМЬЕР-МИНИСТРОВ)**\n\n\
        **РЕШЕНИЕ**\n\n3 марта 2023 года\n\n№ 12/3\n\nгород Астана\n\n**О плане мероприятий**\n\n\
        Совет решил утвердить план мероприятий (прилагается).\n\n\
        **Премьер-министр  \nРеспублики Казахстан**\n\n**Председатель Правительства  \nРоссийской Федерации**\n\n\
        **Премьер-министр  \nСодружества Островов**\n";

    #[test]
    fn header_and_signature_block_make_a_draft_act() {
        let date = PartialDate::parse("2023-03-03").ok();
        let (act, review) = read(Kind::Decision, DECISION, &index(), date);
        let act = act.expect("an act");
        assert_eq!(act.number.as_deref(), Some("12/3"));
        assert_eq!(act.place.as_deref(), Some("astana"));
        assert_eq!(act.body.as_deref(), Some("sco-heads-of-government"));
        let got: Vec<(Option<&str>, &str)> =
            act.signatories.iter().map(|s| (s.country.as_deref(), s.position.as_str())).collect();
        assert_eq!(
            got,
            [
                (Some("kazakhstan"), "Премьер-министр Республики Казахстан"),
                (Some("russia"), "Председатель Правительства Российской Федерации"),
                (None, "Премьер-министр Содружества Островов"),
            ]
        );
        assert_eq!(act.status, [StatusEntry { status: Status::Signed, date, basis: None }]);
        assert!(review[0].starts_with("act: read from the header"), "{review:?}");
        assert!(review.iter().any(|r| r.contains("1 signatory position(s)")), "{review:?}");
        assert!(review.iter().any(|r| r.contains("прилагается")), "{review:?}");
    }

    #[test]
    fn a_date_number_place_line_gives_number_and_place() {
        let text = "**РЕШЕНИЕ**\n\n4 июля 2024 года № 12 г. Астана\n\nСовет решил:\n";
        let act = read(Kind::Decision, text, &index(), None).0.unwrap();
        assert_eq!((act.number.as_deref(), act.place.as_deref()), (Some("12"), Some("astana")));
        let text = "**РЕШЕНИЕ**\n\nот 2 ноября 2019 года №5\n\nгород Ташкент\n\nСовет решил:\n";
        let act = read(Kind::Decision, text, &index(), None).0.unwrap();
        assert_eq!((act.number.as_deref(), act.place.as_deref()), (Some("5"), Some("tashkent")));
    }

    #[test]
    fn kazakh_positions_name_the_office_after_the_state() {
        let text = "**ШЕШІМ**\n\n№ 7\n\nМинск қаласы\n\nКеңес шешті.\n\n\
            **Қазақстан Республикасының  \nПремьер-Министрі**\n";
        let (act, _) = read(Kind::Decision, text, &index(), None);
        let act = act.unwrap();
        assert_eq!(act.number.as_deref(), Some("7"));
        assert_eq!(act.place.as_deref(), Some("minsk"));
        assert_eq!(act.signatories[0].country.as_deref(), Some("kazakhstan"));
    }

    #[test]
    fn news_gets_no_act_and_a_sentence_is_no_position() {
        assert_eq!(read(Kind::News, DECISION, &index(), None), (None, Vec::new()));
        let text = "Председатель Правительства России выступил. Он сказал многое.\n\n\
            Президент: слово.\n\nЗаседание прошло в № 5 зале.\n";
        assert_eq!(read(Kind::Decision, text, &index(), None).0, None);
    }
}
