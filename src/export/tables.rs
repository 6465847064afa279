//! The export's tables, each declared once as a list of columns: name, type, description and the
//! function that makes the column's cell from a row.

use std::collections::BTreeSet;

use super::{Cell, Column, Table, Type};
use crate::config::{Config, Lang};
use crate::content::{
    Country, Document, Entity, EntityKind, Event, Kind, Membership, Names, Organization,
    PartialDate, Person, Place, Role,
};
use crate::graph::Graph;
use crate::routes::{self, Route};

/// A row of an entity table: the entity and its data.
type Row<'a, T> = (&'a Entity, &'a T);

/// Every table of the export.
pub(crate) fn tables<'a>(graph: &'a Graph, config: &'a Config) -> Vec<Table<'a>> {
    let mut all = vec![
        documents(graph, config),
        countries(graph, config),
        organizations(graph, config),
        memberships(graph, config),
        people(graph, config),
        roles(graph, config),
        places(graph, config),
        events(graph, config),
    ];
    all.extend(super::acts::tables(graph));
    all
}

pub(super) fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

pub(super) fn opt(s: Option<&String>) -> Cell {
    Cell::Text(s.cloned().unwrap_or_default())
}

pub(super) fn date(d: Option<&PartialDate>) -> Cell {
    Cell::Text(d.map(|d| d.to_string()).unwrap_or_default())
}

/// A document's date as its file gives it (EDTF text or a plain date), empty when it has none.
fn written_date(d: &Document) -> String {
    match (&d.edtf, d.meta.date) {
        (Some(e), _) => e.to_string(),
        (None, Some(p)) => p.to_string(),
        (None, None) => String::new(),
    }
}

/// First and last day a document's own date can mean.
fn date_bounds(d: &Document) -> (Option<String>, Option<String>) {
    match (&d.edtf, d.meta.date) {
        (Some(e), _) => e.bounds(),
        (None, Some(p)) => crate::content::Edtf::from(p).bounds(),
        (None, None) => (None, None),
    }
}

fn list(v: &[String]) -> Cell {
    Cell::List(v.to_vec())
}

fn url_of(config: &Config, route: &Route, lang: &Lang) -> Cell {
    text(routes::absolute(config, &route.rel(lang)))
}

/// Languages of a names column: the UI languages, then any other language the data has.
fn name_langs<'a>(config: &Config, names: impl Iterator<Item = &'a Names>) -> Vec<String> {
    let mut langs: Vec<String> = config.languages.iter().map(Lang::to_string).collect();
    let extra: BTreeSet<String> =
        names.flat_map(|n| n.0.keys().cloned()).filter(|l| !langs.contains(l)).collect();
    langs.extend(extra);
    langs
}

/// One column per language of `langs` (`name_ru`, `name_kk` …), each the row's name in it.
fn name_columns<'a, R: 'a>(
    field: &str,
    langs: &[String],
    what: &str,
    names: fn(&R) -> &Names,
) -> Vec<Column<'a, R>> {
    langs
        .iter()
        .map(|l| {
            let lang = l.clone();
            Column::new(format!("{field}_{l}"), Type::Text, format!("{what} ({l})"), move |r| {
                opt(names(r).0.get(&lang))
            })
        })
        .collect()
}

/// The `id` and `url` columns of an entity table.
fn head<'a, T>(kind: EntityKind, what: &str, config: &'a Config) -> Vec<Column<'a, Row<'a, T>>> {
    let dl = &config.default_language;
    vec![
        Column::new("id", Type::Text, format!("Id of the {what}"), |r: &Row<T>| text(&r.0.id)),
        Column::new("url", Type::Url, "Its page", move |r: &Row<T>| {
            url_of(config, &routes::entity(kind, &r.0.id), dl)
        }),
    ]
}

/// The `review` and `documents` columns that end an entity table.
fn tail<'a, T>(kind: EntityKind, graph: &'a Graph) -> Vec<Column<'a, Row<'a, T>>> {
    vec![
        Column::new("review", Type::List, "Fields still to be checked", move |r: &Row<T>| {
            list(r.0.review())
        }),
        Column::new(
            "documents",
            Type::Integer,
            "Number of documents naming it",
            move |r: &Row<T>| Cell::Int(Some(graph.documents_of(kind, &r.0.id).len() as u32)),
        ),
    ]
}

/// The `aliases` column of an entity table.
fn aliases<'a, T>() -> Column<'a, Row<'a, T>> {
    let what = "Other names and forms matched in texts";
    Column::new("aliases", Type::List, what, move |r: &Row<T>| list(r.0.aliases()))
}

/// A row of the documents table.
pub(super) type D<'a> = &'a Document;

fn documents<'a>(graph: &'a Graph, config: &'a Config) -> Table<'a> {
    let docs = &graph.corpus.documents;
    Table::new("documents", "Documents", true, document_columns(config), move || docs.iter())
}

/// The columns of the documents table (also the metadata of `texts.jsonl.gz`).
pub(super) fn document_columns<'a>(config: &'a Config) -> Vec<Column<'a, D<'a>>> {
    let kinds = Kind::ALL.iter().map(|k| k.as_str()).collect();
    vec![
        Column::new("id", Type::Text, "Slug, unique across the archive", |d: &D| text(&d.id)),
        Column::new("url", Type::Url, "The document's page (under its own language)", |d: &D| {
            let route = routes::document(d);
            url_of(config, &route, routes::canonical_lang(config, &d.meta.lang))
        }),
        Column::new("lang", Type::Text, "Language of the text (ISO 639-1)", |d: &D| {
            text(&d.meta.lang)
        }),
        Column::new("title", Type::Text, "Title, in the text's language", |d: &D| {
            text(&d.meta.title)
        }),
        Column::new(
            "date",
            Type::Date,
            "Date, as precise as known; empty when unknown",
            |d: &D| date(d.meta.date.as_ref()),
        ),
        Column::new(
            "date_edtf",
            Type::Text,
            "Date as written: plain, or EDTF level 1 (2023?, 2017-02-23~, 2023-XX, 2019/2020, ../2020)",
            |d: &D| text(written_date(d)),
        ),
        Column::new("date_earliest", Type::Date, "First day the date can mean", |d: &D| {
            text(date_bounds(d).0.unwrap_or_default())
        }),
        Column::new("date_latest", Type::Date, "Last day the date can mean", |d: &D| {
            text(date_bounds(d).1.unwrap_or_default())
        }),
        Column::new("kind", Type::Text, "What sort of text", |d: &D| text(d.meta.kind.as_str()))
            .values(kinds),
        Column::new("source_name", Type::Text, "Publisher", |d: &D| {
            text(d.meta.source.as_ref().map(|s| s.name.clone()).unwrap_or_default())
        }),
        Column::new("source_url", Type::Url, "Original address", |d: &D| {
            opt(d.meta.source.as_ref().and_then(|s| s.url.as_ref()))
        }),
        Column::new("credits", Type::List, "Credit lines kept as provenance", |d: &D| {
            list(&d.meta.credits)
        }),
        Column::new("event", Type::Text, "The event the text is about", |d: &D| {
            opt(d.meta.event.as_ref())
        })
        .refers_to("events"),
        Column::new("countries", Type::List, "Countries named", |d: &D| list(&d.meta.countries))
            .refers_to("countries"),
        Column::new("organizations", Type::List, "Organizations named", |d: &D| {
            list(&d.meta.organizations)
        })
        .refers_to("organizations"),
        Column::new("people", Type::List, "People named", |d: &D| list(&d.meta.people))
            .refers_to("people"),
        Column::new("places", Type::List, "Places named", |d: &D| list(&d.meta.places))
            .refers_to("places"),
        Column::new("translations", Type::List, "The same text in other languages", |d: &D| {
            list(&d.meta.translations)
        })
        .refers_to("documents"),
        Column::new(
            "review",
            Type::List,
            "Fields still to be checked (`field` or `field: note`)",
            |d: &D| list(&d.meta.review),
        ),
        Column::new(
            "imported_from",
            Type::Text,
            "The raw source file, under the site's sources/",
            |d: &D| opt(d.meta.imported_from.as_ref()),
        ),
    ]
}

fn countries<'a>(graph: &'a Graph, config: &'a Config) -> Table<'a> {
    let all = &graph.corpus.entities;
    let rows = move || all.of::<Country>();
    let names = name_langs(config, rows().map(|(e, _)| e.names()));
    let official = name_langs(config, rows().map(|(_, x)| &x.official_name));
    let mut columns = head(EntityKind::Country, "country", config);
    columns.extend(name_columns("name", &names, "Name", |r: &Row<Country>| r.0.names()));
    columns.extend(name_columns(
        "official_name",
        &official,
        "Official name",
        |r: &Row<Country>| &r.1.official_name,
    ));
    columns.push(aliases());
    columns.push(Column::new("iso", Type::Text, "ISO 3166-1 alpha-2 code", |r: &Row<Country>| {
        opt(r.1.iso.as_ref())
    }));
    columns.push(
        Column::new("capital", Type::Text, "Capital", |r: &Row<Country>| opt(r.1.capital.as_ref()))
            .refers_to("places"),
    );
    columns.extend(tail(EntityKind::Country, graph));
    Table::new("countries", "Countries", true, columns, rows)
}

fn org_type(t: crate::content::OrgType) -> &'static str {
    use crate::content::OrgType::*;
    match t {
        International => "international",
        Body => "body",
        Commission => "commission",
        National => "national",
    }
}

fn organizations<'a>(graph: &'a Graph, config: &'a Config) -> Table<'a> {
    type O<'a> = Row<'a, Organization>;
    let all = &graph.corpus.entities;
    let rows = move || all.of::<Organization>();
    let names = name_langs(config, rows().map(|(e, _)| e.names()));
    let shorts = name_langs(config, rows().map(|(_, x)| &x.short));
    let types = vec!["international", "body", "commission", "national"];
    let mut columns = head(EntityKind::Organization, "organization", config);
    columns.extend(name_columns("name", &names, "Name", |r: &O| r.0.names()));
    columns.extend(name_columns("short", &shorts, "Short name", |r: &O| &r.1.short));
    columns.push(aliases());
    columns.extend([
        Column::new("type", Type::Text, "What sort of organization", |r: &O| {
            text(r.1.org_type.map(org_type).unwrap_or_default())
        })
        .values(types),
        Column::new("parent", Type::Text, "The organization it belongs to", |r: &O| {
            opt(r.1.parent.as_ref())
        })
        .refers_to("organizations"),
        Column::new("founded", Type::Date, "Founding date", |r: &O| date(r.1.founded.as_ref())),
        Column::new("headquarters", Type::Text, "Seat", |r: &O| opt(r.1.headquarters.as_ref()))
            .refers_to("places"),
        Column::new("website", Type::Url, "Official website", |r: &O| opt(r.1.website.as_ref())),
    ]);
    columns.extend(tail(EntityKind::Organization, graph));
    Table::new("organizations", "Organizations", true, columns, rows)
}

fn memberships<'a>(graph: &'a Graph, _config: &'a Config) -> Table<'a> {
    type M<'a> = (&'a String, &'a Membership);
    let statuses = vec!["member", "associate", "observer", "dialogue-partner"];
    let status = "Status of the country in the organization";
    let columns: Vec<Column<M>> = vec![
        Column::new("organization", Type::Text, "The organization", |r: &M| text(r.0))
            .refers_to("organizations"),
        Column::new("country", Type::Text, "The country", |r: &M| text(&r.1.country))
            .refers_to("countries"),
        Column::new("status", Type::Text, status, |r: &M| text(r.1.status.as_str()))
            .values(statuses),
        Column::new("from", Type::Date, "Since", |r: &M| date(r.1.from.as_ref())),
        Column::new("to", Type::Date, "Until; empty while it lasts", |r: &M| date(r.1.to.as_ref())),
    ];
    let all = &graph.corpus.entities;
    let rows = move || all.of::<Organization>();
    Table::new("memberships", "Memberships", false, columns, move || {
        rows().flat_map(|(e, o)| o.members.iter().map(move |m| (&e.id, m)))
    })
}

fn people<'a>(graph: &'a Graph, config: &'a Config) -> Table<'a> {
    type P<'a> = Row<'a, Person>;
    let all = &graph.corpus.entities;
    let rows = move || all.of::<Person>();
    let names = name_langs(config, rows().map(|(e, _)| e.names()));
    let full = name_langs(config, rows().map(|(_, x)| &x.full_name));
    let mut columns = head(EntityKind::Person, "person", config);
    columns.extend(name_columns("name", &names, "Name", |r: &P| r.0.names()));
    columns.extend(name_columns("full_name", &full, "Full name", |r: &P| &r.1.full_name));
    columns.push(aliases());
    columns.extend(tail(EntityKind::Person, graph));
    Table::new("people", "People", true, columns, rows)
}

fn roles<'a>(graph: &'a Graph, config: &'a Config) -> Table<'a> {
    type R<'a> = (&'a String, &'a Role);
    let all = &graph.corpus.entities;
    let rows = move || all.of::<Person>();
    let titles = name_langs(config, rows().flat_map(|(_, p)| p.roles.iter().map(|r| &r.title)));
    let mut columns: Vec<Column<R>> = vec![
        Column::new("person", Type::Text, "The person", |r: &R| text(r.0)).refers_to("people"),
    ];
    columns.extend(name_columns("title", &titles, "Role", |r: &R| &r.1.title));
    columns.extend([
        Column::new("country", Type::Text, "Country of the role", |r: &R| {
            opt(r.1.country.as_ref())
        })
        .refers_to("countries"),
        Column::new("organization", Type::Text, "Organization of the role", |r: &R| {
            opt(r.1.organization.as_ref())
        })
        .refers_to("organizations"),
        Column::new("from", Type::Date, "Since", |r: &R| date(r.1.from.as_ref())),
        Column::new("to", Type::Date, "Until; empty while it lasts", |r: &R| date(r.1.to.as_ref())),
    ]);
    Table::new("roles", "Roles of people", false, columns, move || {
        rows().flat_map(|(e, p)| p.roles.iter().map(move |r| (&e.id, r)))
    })
}

fn places<'a>(graph: &'a Graph, config: &'a Config) -> Table<'a> {
    type P<'a> = Row<'a, Place>;
    let all = &graph.corpus.entities;
    let rows = move || all.of::<Place>();
    let names = name_langs(config, rows().map(|(e, _)| e.names()));
    let mut columns = head(EntityKind::Place, "place", config);
    columns.extend(name_columns("name", &names, "Name", |r: &P| r.0.names()));
    columns.push(aliases());
    columns.extend([
        Column::new("country", Type::Text, "Country it is in", |r: &P| opt(r.1.country.as_ref()))
            .refers_to("countries"),
        Column::new("kind", Type::Text, "Sort of place (city …)", |r: &P| opt(r.1.kind.as_ref())),
    ]);
    columns.extend(tail(EntityKind::Place, graph));
    Table::new("places", "Places", true, columns, rows)
}

fn events<'a>(graph: &'a Graph, config: &'a Config) -> Table<'a> {
    type E<'a> = Row<'a, Event>;
    let all = &graph.corpus.entities;
    let rows = move || all.of::<Event>();
    let names = name_langs(config, rows().map(|(e, _)| e.names()));
    let mut columns = head(EntityKind::Event, "event", config);
    columns.extend(name_columns("name", &names, "Name", |r: &E| r.0.names()));
    columns.push(aliases());
    columns.extend([
        Column::new("date", Type::Date, "Date (first day)", |r: &E| date(r.1.date.as_ref())),
        Column::new("end", Type::Date, "Last day, for events of several days", |r: &E| {
            date(r.1.end.as_ref())
        }),
        Column::new("body", Type::Text, "The organization or body that met", |r: &E| {
            opt(r.1.body.as_ref())
        })
        .refers_to("organizations"),
        Column::new("number", Type::Integer, "Session number of the body", |r: &E| {
            Cell::Int(r.1.number)
        }),
        Column::new("place", Type::Text, "Where it took place", |r: &E| opt(r.1.place.as_ref()))
            .refers_to("places"),
        Column::new("countries", Type::List, "Participating countries", |r: &E| {
            list(&r.1.countries)
        })
        .refers_to("countries"),
    ]);
    columns.extend(tail(EntityKind::Event, graph));
    Table::new("events", "Events", true, columns, rows)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::{Value, json};

    use super::*;

    /// For every table of the project's own catalogue: the CSV header, both schemas in
    /// `datapackage.json`, the keys of the first JSON row and the cells of the first CSV row
    /// name the same columns in the same order.
    #[test]
    fn header_schema_and_cells_agree_for_every_table() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = Config::load(&root.join("site.toml")).unwrap();
        let (corpus, _) = crate::content::load(root, &config).unwrap();
        let (graph, _) = crate::graph::resolve(corpus, &BTreeSet::new());
        let tables = tables(&graph, &config);
        let failed = std::cell::RefCell::new(None);
        let texts = super::super::texts::table(&graph, &config, &failed);
        let package: Value =
            serde_json::from_str(&super::super::datapackage(&tables, &texts, &config)).unwrap();
        let resources = package["resources"].as_array().unwrap();
        assert_eq!(resources.len(), 2 * tables.len() + 1);
        let last = resources.last().unwrap();
        assert_eq!((&last["path"], &last["format"]), (&json!("texts.jsonl.gz"), &json!("jsonl")));
        let text_fields = last["schema"]["fields"].as_array().unwrap();
        assert_eq!(text_fields.last().unwrap()["name"], "text");
        let first_text: Value = serde_json::from_str(texts.json_lines().lines().next().unwrap())
            .expect("a line of texts.jsonl is one JSON object");
        assert_eq!(first_text.as_object().unwrap().len(), text_fields.len());
        assert!(first_text["text"].as_str().unwrap().len() > 100, "{first_text}");
        for (t, pair) in tables.iter().zip(resources.chunks(2)) {
            let csv = t.csv();
            let mut lines = csv.strip_prefix('\u{feff}').expect("a BOM").split("\r\n");
            let header: Vec<&str> = lines.next().unwrap().split(';').collect();
            for r in pair {
                let fields: Vec<&str> = r["schema"]["fields"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f["name"].as_str().unwrap())
                    .collect();
                assert_eq!(fields, header, "{} schema of {}", t.name, r["name"]);
            }
            let row = lines.next().filter(|l| !l.is_empty());
            // The shipped texts state no state's ratification and no act relating to another
            // (the seed decision's report is annexed in the same file); the fixture-site test
            // `acts` checks those two tables' rows cell by cell.
            if row.is_none() && ["participation", "act_relations"].contains(&t.name) {
                continue;
            }
            let row = row.unwrap_or_else(|| panic!("{}: no row to check", t.name));
            // Semicolons outside quotes (a doubled quote toggles twice) separate the cells.
            let mut quoted = false;
            let commas = row.chars().filter(|&c| {
                quoted ^= c == '"';
                c == ';' && !quoted
            });
            assert_eq!(commas.count() + 1, header.len(), "{}: {row}", t.name);
            // The first JSON row holds every column once, keys in header order.
            let json = t.json();
            let first = json.lines().nth(1).unwrap();
            let row: Value = serde_json::from_str(first.trim_end_matches(',')).unwrap();
            assert_eq!(row.as_object().unwrap().len(), header.len(), "{} JSON keys", t.name);
            let at: Vec<usize> =
                header.iter().map(|h| first.find(&format!("\"{h}\": ")).unwrap()).collect();
            assert!(at.is_sorted(), "{} JSON keys out of order: {first}", t.name);
        }
    }
}
