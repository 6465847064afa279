//! The data behind the filters and sort of every long document list (all documents, each year,
//! each entity's documents), read in the browser by `static/lists.js`: plain JSON files under
//! `lists/`, no server. Without JavaScript the pages are the paginated lists as before; these
//! files are fetched only when a reader filters or sorts.
//!
//! **One small file per list, items shared.** A list's file (`lists/<list>.json`, one for every
//! UI language) names its documents by *number*: their place in the archive's display order
//! (newest first, [`crate::graph::Graph::all`]). A list is a subsequence of that order, so its
//! numbers ascend and are written the way the search index writes its sets (a delta list or a
//! bitset, whichever is shorter). Beside them, per document of the list in list order: its kind
//! and language as one character each, its year as runs (the list is sorted by date, so years
//! come in runs), its organizations and countries as sets of list positions (with every UI
//! language's name, for the filters' labels), and the list's positions in title order. A
//! document's rendered list item — the very `<li>` the paginated pages show — is stored once
//! per UI language in `lists/items/<lang>/<n>.json`, [`ITEMS_PER_FILE`] consecutive numbers a
//! file, so a filtered page fetches the few files holding its items and any list reuses them.
//! `lists/strings/<lang>.json` holds the few UI strings the script shows.
//!
//! Everything here is pure: [`collect`] returns the files through `emit` and writes nothing.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::{Value, json};

use crate::config::{Config, Lang};
use crate::content::{EntityKind, Kind};
use crate::error::Result;
use crate::graph::{DocListKey, Graph};
use crate::i18n::Strings;
use crate::output::Output;
use crate::packed::Packed;
use crate::routes;

/// Documents per item file `lists/items/<lang>/<n>.json`. Sixteen: a page of fifty items of a
/// dense list (all documents, a big country) takes four files; a scattered one at most fifty
/// files of ~7 KB (~2 KB gzipped), while 10,000 documents make 625 files per UI language.
pub(crate) const ITEMS_PER_FILE: usize = 16;

/// The entity kinds whose lists get filters by organization and country.
const FACETS: [(EntityKind, &str); 2] =
    [(EntityKind::Organization, "o"), (EntityKind::Country, "c")];

/// The UI strings `lists.js` shows (labels of kinds and languages are added from the site).
const STRINGS: [&str; 25] = [
    "search_filters_button",
    "search_filter_lang",
    "search_filter_kind",
    "search_filter_organization",
    "search_filter_country",
    "search_year_from",
    "search_year_to",
    "search_year_any",
    "search_sort",
    "search_count_one",
    "search_count_few",
    "search_count_many",
    "search_count_other",
    "search_loading",
    "list_sort_new",
    "list_sort_old",
    "list_sort_title",
    "list_csv",
    "list_reset",
    "list_covers",
    "list_covers_one",
    "list_csv_header",
    "prev_page",
    "next_page",
    "pagination_label",
];

/// The file name of a list's data, relative to `lists/`: `all`, `years/2019`, `years/undated`,
/// `countries/kazakhstan` (with `.json`).
pub(crate) fn name(key: &DocListKey) -> String {
    match key {
        DocListKey::All => "all.json".to_string(),
        DocListKey::Year(Some(y)) => format!("years/{y}.json"),
        DocListKey::Year(None) => "years/undated.json".to_string(),
        DocListKey::Entity(kind, id) => format!("{}/{id}.json", kind.dir()),
    }
}

/// Writes every list's data file, the item files of every UI language (`items`: each UI
/// language's rendered list items by document number) and the strings files.
pub(crate) fn collect(
    graph: &Graph,
    config: &Config,
    strings: &Strings,
    items: &[(&Lang, &Packed)],
    emit: &(dyn Fn(Output) -> Result<()> + Sync),
) -> Result<()> {
    let titles = title_ranks(graph);
    let mut lists: Vec<(DocListKey, &[usize])> = vec![(DocListKey::All, &graph.all)];
    for (year, docs) in &graph.years {
        lists.push((DocListKey::Year(*year), docs));
    }
    // An entity's list is the one its page shows: an organization's takes in its bodies'.
    for (kind, per) in &graph.mentions {
        for id in per.keys() {
            lists.push((DocListKey::Entity(*kind, id.clone()), graph.page_documents(*kind, id)));
        }
    }
    let named = graph.mentions.get(&crate::content::EntityKind::Organization);
    for (id, docs) in &graph.tree_docs {
        if !named.is_some_and(|m| m.contains_key(id)) {
            lists.push((
                DocListKey::Entity(crate::content::EntityKind::Organization, id.clone()),
                docs,
            ));
        }
    }
    lists.par_iter().try_for_each(|(key, docs)| {
        let data = list_json(graph, config, &titles, docs);
        emit(Output { path: routes::list_file(&name(key)), bytes: data.into_bytes() })
    })?;
    for &(lang, docs) in items {
        let n = docs.len().div_ceil(ITEMS_PER_FILE);
        (0..n).into_par_iter().try_for_each(|k| {
            let end = ((k + 1) * ITEMS_PER_FILE).min(docs.len());
            let chunk: Vec<&str> = (k * ITEMS_PER_FILE..end).map(|i| docs.get(i)).collect();
            let bytes = serde_json::to_vec(&chunk).expect("a list of strings serializes to JSON");
            emit(Output { path: routes::list_file(&format!("items/{lang}/{k}.json")), bytes })
        })?;
        emit(strings_file(strings, config, lang))?;
    }
    Ok(())
}

/// The strings file of UI language `lang`: the script's labels, every kind's and language's.
fn strings_file(strings: &Strings, config: &Config, lang: &Lang) -> Output {
    let mut m: BTreeMap<String, &str> = BTreeMap::new();
    for key in STRINGS {
        m.insert(key.to_string(), strings.get(lang, key));
    }
    for k in Kind::ALL {
        let key = format!("kind_{}", k.as_str());
        m.insert(key.clone(), strings.get(lang, &key));
    }
    for l in ["ru", "kk", "en"].iter().copied().chain(config.languages.iter().map(|l| l.as_str())) {
        let key = format!("in_lang_{l}");
        m.insert(key.clone(), strings.get(lang, &key));
    }
    // The UI languages in the order of the names in the lists' data.
    let ui: Vec<&str> = config.languages.iter().map(|l| l.as_str()).collect();
    let ui = ui.join(" ");
    m.insert("ui".to_string(), &ui);
    let bytes = serde_json::to_vec(&m).expect("a map of strings serializes to JSON");
    Output { path: routes::list_file(&format!("strings/{lang}.json")), bytes }
}

/// Each document's place in title order (case folded, then the title as written, then its
/// number), by document number: a list sorts by title by sorting these.
fn title_ranks(graph: &Graph) -> Vec<u32> {
    let docs = &graph.corpus.documents;
    let mut order: Vec<(String, usize)> =
        docs.iter().enumerate().map(|(i, d)| (d.meta.title.to_lowercase(), i)).collect();
    order.par_sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| docs[a.1].meta.title.cmp(&docs[b.1].meta.title))
            .then(a.1.cmp(&b.1))
    });
    let mut rank = vec![0u32; docs.len()];
    for (r, (_, i)) in order.into_iter().enumerate() {
        rank[i] = r as u32;
    }
    rank
}

/// One list's data file (see the module's documentation) for the documents `docs`, in list
/// order (ascending document numbers).
fn list_json(graph: &Graph, config: &Config, titles: &[u32], docs: &[usize]) -> String {
    let n = graph.corpus.documents.len();
    let numbers: Vec<u32> = docs.iter().map(|&i| i as u32).collect();
    let mut langs: Vec<&str> = config.languages.iter().map(|l| l.as_str()).collect();
    let (mut kinds, mut lang_chars) = (String::new(), String::new());
    let mut years: Vec<[u32; 2]> = Vec::new();
    for &i in docs {
        let d = graph.doc(i);
        let l = match langs.iter().position(|x| *x == d.meta.lang) {
            Some(p) => p,
            None => {
                langs.push(d.meta.lang.as_str());
                langs.len() - 1
            }
        };
        lang_chars.push(digit(l));
        kinds.push(digit(Kind::ALL.iter().position(|k| *k == d.meta.kind).unwrap_or(0)));
        let y = d.filed_date().map_or(0, |x| u32::from(x.year));
        match years.last_mut() {
            Some(run) if run[0] == y => run[1] += 1,
            _ => years.push([y, 1]),
        }
    }
    let mut by_title: Vec<u32> = (0..docs.len() as u32).collect();
    by_title.sort_by_key(|&p| titles[docs[p as usize]]);
    let mut data = json!({
        "v": 1,
        "n": docs.len(),
        "d": crate::search::encode_set(&numbers, n),
        "langs": langs,
        "kinds": Kind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        "l": lang_chars,
        "k": kinds,
        "y": years,
        "t": by_title,
        "per": ITEMS_PER_FILE,
    });
    for (kind, field) in FACETS {
        data[field] = facet(graph, config, kind, docs);
    }
    serde_json::to_string(&data).expect("list data holds only strings, numbers and lists")
}

/// The entities of `kind` the list's documents name, most documents first: `[id, [name in each
/// UI language], set of list positions]`.
fn facet(graph: &Graph, config: &Config, kind: EntityKind, docs: &[usize]) -> Value {
    let mut at: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (p, &i) in docs.iter().enumerate() {
        for id in graph.doc(i).meta.ids(kind) {
            let v = at.entry(id.as_str()).or_default();
            if v.last() != Some(&(p as u32)) {
                v.push(p as u32);
            }
        }
    }
    let mut v: Vec<(&str, Vec<u32>)> = at.into_iter().collect();
    v.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    let names = |id: &str| -> Vec<String> {
        config.languages.iter().map(|l| graph.name(kind, id, l.as_str()).to_string()).collect()
    };
    Value::Array(
        v.into_iter()
            .map(|(id, set)| json!([id, names(id), crate::search::encode_set(&set, docs.len())]))
            .collect(),
    )
}

/// Index `i` as one character: `0`–`9`, then `a`–`z` (kinds and languages are few).
fn digit(i: usize) -> char {
    char::from_digit(i as u32 % 36, 36).unwrap_or('0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_files_are_named_by_list() {
        assert_eq!(name(&DocListKey::All), "all.json");
        assert_eq!(name(&DocListKey::Year(Some(2019))), "years/2019.json");
        assert_eq!(name(&DocListKey::Year(None)), "years/undated.json");
        let key = DocListKey::Entity(EntityKind::Country, "kazakhstan".into());
        assert_eq!(name(&key), "countries/kazakhstan.json");
    }

    #[test]
    fn indexes_are_one_character() {
        assert_eq!(digit(0), '0');
        assert_eq!(digit(9), '9');
        assert_eq!(digit(10), 'a');
    }
}
