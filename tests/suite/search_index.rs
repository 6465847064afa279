//! The search index's entity files on a fixture site: events are findable by name, and each
//! entity's file tells the documents about it from those that name it in passing (issue 14).

use serde_json::Value;

use crate::common::*;

/// The search id of each document, by the last part of its path: from the record files.
fn search_ids(out: &std::path::Path) -> std::collections::BTreeMap<String, u64> {
    let mut ids = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(out.join("search/r")).unwrap() {
        let path = entry.unwrap().path();
        let n: u64 = path.file_stem().unwrap().to_str().unwrap().parse().unwrap();
        let file: Vec<Value> =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for (k, r) in file.iter().enumerate() {
            let slug = r[1].as_str().unwrap().trim_end_matches('/').rsplit('/').next().unwrap();
            ids.insert(slug.to_string(), n * 8 + k as u64);
        }
    }
    ids
}

/// A set of the index: a base64 bitset (bit k of byte i is id 8i + k) or a delta list.
pub(crate) fn delta_list(v: &Value) -> Vec<u64> {
    if let Some(b64) = v.as_str() {
        const ABC: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let sextets: Vec<u32> =
            b64.trim_end_matches('=').chars().map(|c| ABC.find(c).unwrap() as u32).collect();
        let mut bytes: Vec<u8> = Vec::new();
        for chunk in sextets.chunks(4) {
            let n = chunk.iter().enumerate().fold(0u32, |n, (k, s)| n | s << (18 - 6 * k));
            bytes.extend([(n >> 16) as u8, (n >> 8) as u8, n as u8].iter().take(chunk.len() - 1));
        }
        return (0..bytes.len() * 8)
            .filter(|&i| bytes[i / 8] & (1u8 << (i % 8)) != 0)
            .map(|i| i as u64)
            .collect();
    }
    let mut id = 0;
    v.as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(k, d)| {
            id = if k == 0 { d.as_u64().unwrap() } else { id + d.as_u64().unwrap() };
            id
        })
        .collect()
}

#[test]
fn entity_files_set_apart_the_documents_about_the_entity() {
    let f = Fixture::new(&["minimal"]);
    // Two documents name Mamin: one in its title (an oblique form), one once in passing.
    f.write(
        "content/documents/2019/about-mamin.md",
        "---\ntitle: Визит Мамина в Астану\nlang: ru\ndate: 2019-05-02\nkind: news\npeople: [askar-mamin]\n---\n\nПремьер провёл переговоры.\n",
    );
    f.write(
        "content/documents/2019/passing-mamin.md",
        "---\ntitle: Обзор недели\nlang: ru\ndate: 2019-05-03\nkind: news\npeople: [askar-mamin]\n---\n\nСреди прочего, Аскар Мамин посетил выставку.\n",
    );
    f.build("https://example.org/").unwrap();
    let ids = search_ids(&f.out());
    let file: Value =
        serde_json::from_str(&read(&f.out(), "search/e/person/askar-mamin.json")).unwrap();
    let about = delta_list(&file["a"]);
    let all = delta_list(&file["d"]);
    assert!(all.contains(&ids["about-mamin"]) && all.contains(&ids["passing-mamin"]), "{file}");
    assert!(about.contains(&ids["about-mamin"]), "{file}");
    assert!(!about.contains(&ids["passing-mamin"]), "{file}");
}

#[test]
fn events_are_indexed_by_name_with_their_number() {
    let f = Fixture::new(&["minimal"]);
    f.build("https://example.org/").unwrap();
    // «23-е заседание СГП ШОС»: its words, the ordinal as its number, whichever word it is filed
    // under (the words before the key, the key, the words after).
    let mut names = Vec::new();
    for entry in std::fs::read_dir(f.out().join("search/t")).unwrap() {
        let shard: Value =
            serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        for (key, list) in shard["e"].as_object().into_iter().flatten() {
            for e in list.as_array().unwrap() {
                if e[1] == "event" && e[2] == "sco-chg-23" {
                    let words = [e[6].as_str().unwrap(), key, e[0].as_str().unwrap()];
                    names.push(
                        words
                            .iter()
                            .filter(|w| !w.is_empty())
                            .copied()
                            .collect::<Vec<_>>()
                            .join(" "),
                    );
                }
            }
        }
    }
    assert!(names.iter().any(|n| n.starts_with("23 заседан")), "{names:?}");
    let file: Value =
        serde_json::from_str(&read(&f.out(), "search/e/event/sco-chg-23.json")).unwrap();
    assert_eq!(delta_list(&file["d"]).len(), 1, "{file}");
    assert_eq!(file["a"], file["d"]);
}

#[test]
fn records_hold_what_a_result_paints_first_and_no_text() {
    let f = Fixture::new(&["minimal"]);
    f.write(
        "content/documents/2019/record-shape.md",
        "---\ntitle: Запись о встрече\nlang: ru\ndate: 2019-05-02\nkind: news\n---\n\nНеповторимыйтекст этой записи.\n",
    );
    f.build("https://example.org/").unwrap();
    let id = search_ids(&f.out())["record-shape"];
    let meta: Value = serde_json::from_str(&read(&f.out(), "search/meta.json")).unwrap();
    let per = meta["per"].as_u64().unwrap();
    let file: Vec<Value> =
        serde_json::from_str(&read(&f.out(), &format!("search/r/{}.json", id / per))).unwrap();
    // Title, path, date: language and kind come from meta.json's ranges, the snippet from the
    // document's text file, so a result's first paint fetches no text it throws away.
    let record = &file[(id % per) as usize];
    assert_eq!(
        record,
        &serde_json::json!(["Запись о встрече", "documents/2019/record-shape/", "2019-05-02"])
    );
    assert!(
        read(&f.out(), "search/p/documents/2019/record-shape.json").contains("Неповторимыйтекст")
    );
}
