//! The search index's files for snippets and sorting (src/search/passages.rs): a text file per
//! document at its page's path, the name forms of every entity, the dates in search-id order.

use crate::common::{Fixture, read};

#[test]
fn each_document_has_its_text_for_snippets_at_its_page_path() {
    let f = Fixture::new(&["minimal"]);
    f.build("https://example.org/").unwrap();
    let text: String =
        serde_json::from_str(&read(&f.out(), "search/p/documents/2019/mamin-v-tashkente.json"))
            .unwrap();
    // The plain text of the body, Markdown marks gone, past its opening line.
    assert!(text.starts_with("Премьер-министр Казахстана выступил."), "{text}");
    assert!(text.contains("Принято 14 документов"), "{text}");
    assert!(!text.contains("**"), "{text}");
    // A long text is cut to PASSAGE_CHARS characters.
    let long = format!("{}\n", "Казахстан и Китай подписали соглашение. ".repeat(400));
    f.write(
        "content/documents/2019/dlinnyi.md",
        &format!("---\ntitle: Длинный\nlang: ru\ndate: 2019\nkind: news\n---\n{long}"),
    );
    f.build("https://example.org/").unwrap();
    let text: String =
        serde_json::from_str(&read(&f.out(), "search/p/documents/2019/dlinnyi.json")).unwrap();
    assert_eq!(text.chars().count(), 6000);
}

#[test]
fn entities_list_their_name_forms_in_every_language_and_dates_follow_search_ids() {
    let f = Fixture::new(&["minimal"]);
    f.build("https://example.org/").unwrap();
    let forms: Vec<String> =
        serde_json::from_str(&read(&f.out(), "search/n/country/kazakhstan.json")).unwrap();
    for name in ["Казахстан", "Қазақстан", "Республика Казахстан", "Қазақстан Республикасы", "РК"]
    {
        assert!(forms.iter().any(|x| x == name), "{name} not among {forms:?}");
    }
    let dates: Vec<u32> = serde_json::from_str(&read(&f.out(), "search/dates.json")).unwrap();
    let meta: serde_json::Value =
        serde_json::from_str(&read(&f.out(), "search/meta.json")).unwrap();
    assert_eq!(dates.len() as u64, meta["n"].as_u64().unwrap());
    assert!(dates.contains(&20191102), "{dates:?}");
    // Search ids are ordered by language, kind and year (newest first) within them: the
    // year of each date agrees with the year of its range in meta.json.
    let ranges = meta["ranges"].as_array().unwrap();
    for (id, d) in dates.iter().enumerate() {
        let range = ranges.iter().rev().find(|r| r[0].as_u64().unwrap() <= id as u64).unwrap();
        assert_eq!(u64::from(d / 10_000), range[3].as_u64().unwrap(), "search id {id}");
    }
}
