//! The machine-readable export of the whole catalogue under `data/`: one JSON and one CSV file per
//! table (documents, countries, organizations, memberships, people, roles, places, events) and a
//! Frictionless `datapackage.json` describing them. The schema is documented in `docs/export.md`.
//!
//! Every table is defined once ([`Table`]: columns with their types, and rows) and written three
//! ways from that definition, so the JSON, the CSV and the package description cannot disagree.
//!
//! CSV follows RFC 4180 (comma, `"` quoting with doubled quotes, CRLF line ends, a header row),
//! UTF-8 **without** a byte order mark: RFC 4180, the Frictionless default dialect, Python's
//! `csv`, pandas, R and command-line tools all read it as is, while a BOM becomes part of the first
//! column's name for several of them; spreadsheet users import through «Data → From Text/CSV» and
//! choose UTF-8. The quoting is a dozen lines here rather than the `csv` crate: we only write, all
//! values are already strings, and the rules are the RFC's four.
//!
//! A CSV cell that a spreadsheet would run as a formula gets a leading `'` ([`csv_field`]).
//!
//! Lists (`countries`, `aliases` …) are JSON arrays in JSON and `;`-joined in CSV. Ids never hold
//! `;`; free-text list items (aliases, credits, review notes) might, and the JSON files are the
//! lossless form for them.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::config::{Config, Lang};
use crate::content::{EntityKind, Names, PartialDate};
use crate::graph::Graph;
use crate::routes::{self, Route};
use crate::site::output::Output;

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// Text.
    Text,
    /// An absolute URL.
    Url,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    Date,
    /// A whole number.
    Integer,
    /// A list of texts.
    List,
}

/// One column.
#[derive(Debug, Clone)]
pub struct Column {
    /// Name.
    pub name: String,
    /// Type.
    pub ty: Type,
    /// What it holds.
    pub description: String,
    /// `(table, column)` this column refers to.
    pub refers_to: Option<(&'static str, &'static str)>,
    /// Allowed values, when fixed.
    pub values: Vec<&'static str>,
}

/// One value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, empty for none.
    Text(String),
    /// A number, or none.
    Int(Option<u32>),
    /// A list.
    List(Vec<String>),
}

/// Makes a table's rows one at a time, handing each to the callback.
pub type RowStream<'a> = Box<dyn Fn(&mut dyn FnMut(Vec<Cell>)) + Sync + 'a>;

/// A table: name, columns, rows.
pub struct Table<'a> {
    /// Resource name and file stem (`documents`).
    pub name: &'static str,
    /// Title.
    pub title: &'static str,
    /// Columns.
    pub columns: Vec<Column>,
    /// Rows, each with one cell per column.
    pub rows: Vec<Vec<Cell>>,
    /// Rows made while the table is written instead of held (the documents table: a row per
    /// document would hold the whole catalogue in memory twice over), after `rows`.
    pub stream: Option<RowStream<'a>>,
    /// Whether `id` is the primary key.
    pub keyed: bool,
}

fn col(name: &str, ty: Type, description: &str) -> Column {
    Column {
        name: name.to_string(),
        ty,
        description: description.to_string(),
        refers_to: None,
        values: Vec::new(),
    }
}

fn fk(mut c: Column, table: &'static str) -> Column {
    c.refers_to = Some((table, "id"));
    c
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt(s: Option<&String>) -> Cell {
    Cell::Text(s.cloned().unwrap_or_default())
}

fn date(d: Option<&PartialDate>) -> Cell {
    Cell::Text(d.map(|d| d.to_string()).unwrap_or_default())
}

fn list(v: &[String]) -> Cell {
    Cell::List(v.to_vec())
}

/// A CSV field: guarded against formula injection, then quoted when RFC 4180 requires it.
///
/// A spreadsheet opening the file runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return as a formula (`=HYPERLINK(…)` in a title would become a live link). Such a
/// value gets a leading `'`, as OWASP advises: spreadsheets show the text as written, and a
/// script reading the CSV can strip it. The JSON files keep every value unguarded.
///
/// ```
/// assert_eq!(archive::export::csv_field("a,b \"c\""), "\"a,b \"\"c\"\"\"");
/// assert_eq!(archive::export::csv_field("plain"), "plain");
/// assert_eq!(archive::export::csv_field("=1+2"), "'=1+2");
/// ```
pub fn csv_field(s: &str) -> String {
    let guard = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { "'" } else { "" };
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{guard}{}\"", s.replace('"', "\"\""))
    } else {
        format!("{guard}{s}")
    }
}

impl Table<'_> {
    /// Calls `f` with every row: the held ones, then the streamed ones.
    fn each_row(&self, f: &mut dyn FnMut(&[Cell])) {
        for row in &self.rows {
            f(row);
        }
        if let Some(stream) = &self.stream {
            stream(&mut |row| f(&row));
        }
    }

    /// The CSV text: a header row, then one row per record.
    pub fn csv(&self) -> String {
        let mut s = String::new();
        let header: Vec<String> = self.columns.iter().map(|c| csv_field(&c.name)).collect();
        s.push_str(&header.join(","));
        s.push_str("\r\n");
        self.each_row(&mut |row| {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Cell::Text(t) => csv_field(t),
                    Cell::Int(n) => n.map(|n| n.to_string()).unwrap_or_default(),
                    Cell::List(v) => csv_field(&v.join(";")),
                })
                .collect();
            s.push_str(&cells.join(","));
            s.push_str("\r\n");
        });
        s
    }

    /// The JSON text: an array of objects, one per line, keys in column order; empty values are
    /// `null`, lists are arrays.
    pub fn json(&self) -> String {
        // Keys are encoded once; values go straight into the buffer (no Value per cell).
        let keys: Vec<String> = self
            .columns
            .iter()
            .map(|c| format!("{}: ", serde_json::to_string(&c.name).unwrap_or_default()))
            .collect();
        let mut out: Vec<u8> = b"[\n".to_vec();
        let mut first = true;
        self.each_row(&mut |row| {
            if !first {
                out.extend_from_slice(b",\n");
            }
            first = false;
            out.push(b'{');
            for (j, (key, cell)) in keys.iter().zip(row).enumerate() {
                if j > 0 {
                    out.extend_from_slice(b", ");
                }
                out.extend_from_slice(key.as_bytes());
                let _ = match cell {
                    Cell::Text(t) if t.is_empty() => serde_json::to_writer(&mut out, &()),
                    Cell::Text(t) => serde_json::to_writer(&mut out, t),
                    Cell::Int(n) => serde_json::to_writer(&mut out, n),
                    Cell::List(v) => serde_json::to_writer(&mut out, v),
                };
            }
            out.push(b'}');
        });
        if !first {
            out.push(b'\n');
        }
        out.extend_from_slice(b"]\n");
        // Only serde_json's output and our ASCII punctuation went in.
        String::from_utf8(out).unwrap_or_default()
    }

    /// Table Schema fields for the CSV (`json = false`) or the JSON form.
    fn schema(&self, json_form: bool) -> Value {
        let fields: Vec<Value> = self
            .columns
            .iter()
            .map(|c| {
                let mut f = json!({ "name": c.name, "description": c.description });
                match c.ty {
                    Type::Text => f["type"] = json!("string"),
                    Type::Url => {
                        f["type"] = json!("string");
                        f["format"] = json!("uri");
                    }
                    Type::Date => {
                        f["type"] = json!("string");
                        f["constraints"] = json!({ "pattern": "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?" });
                    }
                    Type::Integer => f["type"] = json!("integer"),
                    Type::List if json_form => f["type"] = json!("array"),
                    Type::List => {
                        f["type"] = json!("string");
                        f["description"] =
                            json!(format!("{} (a list: values joined with «;»)", c.description));
                    }
                }
                if !c.values.is_empty() {
                    f["constraints"] = json!({ "enum": c.values });
                }
                if c.name == "id" && self.keyed {
                    f["constraints"] = json!({ "required": true, "unique": true });
                }
                f
            })
            .collect();
        let mut schema = json!({ "fields": fields, "missingValues": [""] });
        if self.keyed {
            schema["primaryKey"] = json!(["id"]);
        }
        let suffix = if json_form { "-json" } else { "" };
        let fks: Vec<Value> = self
            .columns
            .iter()
            .filter(|c| c.ty != Type::List)
            .filter_map(|c| {
                let (table, field) = c.refers_to?;
                let resource =
                    if table == self.name { String::new() } else { format!("{table}{suffix}") };
                Some(json!({
                    "fields": [c.name],
                    "reference": { "resource": resource, "fields": [field] },
                }))
            })
            .collect();
        if !fks.is_empty() {
            schema["foreignKeys"] = json!(fks);
        }
        schema
    }
}

/// Languages of a names column: the UI languages, then any other language the data has.
fn name_langs<'a>(config: &Config, names: impl Iterator<Item = &'a Names>) -> Vec<String> {
    let mut langs: Vec<String> = config.languages.iter().map(Lang::to_string).collect();
    let extra: BTreeSet<String> =
        names.flat_map(|n| n.0.keys().cloned()).filter(|l| !langs.contains(l)).collect();
    langs.extend(extra);
    langs
}

fn name_cols(field: &str, langs: &[String], what: &str) -> Vec<Column> {
    langs
        .iter()
        .map(|l| col(&format!("{field}_{l}"), Type::Text, &format!("{what} ({l})")))
        .collect()
}

fn name_cells(names: &Names, langs: &[String]) -> Vec<Cell> {
    langs.iter().map(|l| opt(names.0.get(l))).collect()
}

fn url_of(config: &Config, route: &Route, lang: &Lang) -> Cell {
    text(routes::absolute(config, &route.rel(lang)))
}

/// Every table of the export.
pub fn tables<'a>(graph: &'a Graph, config: &'a Config) -> Vec<Table<'a>> {
    let c = &graph.corpus;
    let dl = &config.default_language;
    let entity_url = |kind, id: &str| url_of(config, &routes::entity(kind, id), dl);
    let count = |kind, id: &str| Cell::Int(Some(graph.documents_of(kind, id).len() as u32));
    let mut t = Vec::new();

    // Documents.
    let kinds: Vec<&'static str> = crate::content::Kind::ALL.iter().map(|k| k.as_str()).collect();
    let mut kind_col = col("kind", Type::Text, "What sort of text");
    kind_col.values = kinds;
    let columns = vec![
        col("id", Type::Text, "Slug, unique across the archive"),
        col("url", Type::Url, "The document's page (under its own language)"),
        col("lang", Type::Text, "Language of the text (ISO 639-1)"),
        col("title", Type::Text, "Title, in the text's language"),
        col("date", Type::Date, "Date, as precise as known; empty when unknown"),
        kind_col,
        col("source_name", Type::Text, "Publisher"),
        col("source_url", Type::Url, "Original address"),
        col("credits", Type::List, "Credit lines kept as provenance"),
        fk(col("event", Type::Text, "The event the text is about"), "events"),
        fk(col("countries", Type::List, "Countries named"), "countries"),
        fk(col("organizations", Type::List, "Organizations named"), "organizations"),
        fk(col("people", Type::List, "People named"), "people"),
        fk(col("places", Type::List, "Places named"), "places"),
        fk(col("translations", Type::List, "The same text in other languages"), "documents"),
        col("review", Type::List, "Fields still to be checked (`field` or `field: note`)"),
        col("imported_from", Type::Text, "The raw source file, under the site's sources/"),
    ];
    let docs = &c.documents;
    let stream: RowStream = Box::new(move |f| {
        for d in docs {
            let m = &d.meta;
            let route = Route::Document { folder: d.folder.clone(), id: d.id.clone() };
            f(vec![
                text(&d.id),
                url_of(config, &route, routes::canonical_lang(config, &m.lang)),
                text(&m.lang),
                text(&m.title),
                date(m.date.as_ref()),
                text(m.kind.as_str()),
                text(m.source.as_ref().map(|s| s.name.clone()).unwrap_or_default()),
                opt(m.source.as_ref().and_then(|s| s.url.as_ref())),
                list(&m.credits),
                opt(m.event.as_ref()),
                list(&m.countries),
                list(&m.organizations),
                list(&m.people),
                list(&m.places),
                list(&m.translations),
                list(&m.review),
                opt(m.imported_from.as_ref()),
            ]);
        }
    });
    t.push(Table {
        name: "documents",
        title: "Documents",
        columns,
        rows: Vec::new(),
        stream: Some(stream),
        keyed: true,
    });

    let id_url = |what: &str| {
        vec![col("id", Type::Text, &format!("Id of the {what}")), col("url", Type::Url, "Its page")]
    };
    let tail = || {
        vec![
            col("review", Type::List, "Fields still to be checked"),
            col("documents", Type::Integer, "Number of documents naming it"),
        ]
    };

    // Countries.
    let names = name_langs(config, c.countries.values().map(|e| &e.data.name));
    let official = name_langs(config, c.countries.values().map(|e| &e.data.official_name));
    let mut columns = id_url("country");
    columns.extend(name_cols("name", &names, "Name"));
    columns.extend(name_cols("official_name", &official, "Official name"));
    columns.push(col("aliases", Type::List, "Other names and forms matched in texts"));
    columns.push(col("iso", Type::Text, "ISO 3166-1 alpha-2 code"));
    columns.push(fk(col("capital", Type::Text, "Capital"), "places"));
    columns.extend(tail());
    let rows = c
        .countries
        .iter()
        .map(|(id, e)| {
            let k = &e.data;
            let mut r = vec![text(id), entity_url(EntityKind::Country, id)];
            r.extend(name_cells(&k.name, &names));
            r.extend(name_cells(&k.official_name, &official));
            r.extend([list(&k.aliases), opt(k.iso.as_ref()), opt(k.capital.as_ref())]);
            r.extend([list(&k.review), count(EntityKind::Country, id)]);
            r
        })
        .collect();
    t.push(Table {
        name: "countries",
        title: "Countries",
        columns,
        rows,
        stream: None,
        keyed: true,
    });

    // Organizations and their memberships.
    let names = name_langs(config, c.organizations.values().map(|e| &e.data.name));
    let shorts = name_langs(config, c.organizations.values().map(|e| &e.data.short));
    let mut columns = id_url("organization");
    columns.extend(name_cols("name", &names, "Name"));
    columns.extend(name_cols("short", &shorts, "Short name"));
    columns.push(col("aliases", Type::List, "Other names and forms matched in texts"));
    let mut ty = col("type", Type::Text, "What sort of organization");
    ty.values = vec!["international", "body", "commission", "national"];
    columns.push(ty);
    columns.push(fk(col("parent", Type::Text, "The organization it belongs to"), "organizations"));
    columns.push(col("founded", Type::Date, "Founding date"));
    columns.push(fk(col("headquarters", Type::Text, "Seat"), "places"));
    columns.push(col("website", Type::Url, "Official website"));
    columns.extend(tail());
    let rows = c
        .organizations
        .iter()
        .map(|(id, e)| {
            let o = &e.data;
            let mut r = vec![text(id), entity_url(EntityKind::Organization, id)];
            r.extend(name_cells(&o.name, &names));
            r.extend(name_cells(&o.short, &shorts));
            r.push(list(&o.aliases));
            r.push(text(o.org_type.map(org_type).unwrap_or_default()));
            r.extend([opt(o.parent.as_ref()), date(o.founded.as_ref())]);
            r.extend([opt(o.headquarters.as_ref()), opt(o.website.as_ref())]);
            r.extend([list(&o.review), count(EntityKind::Organization, id)]);
            r
        })
        .collect();
    t.push(Table {
        name: "organizations",
        title: "Organizations",
        columns,
        rows,
        stream: None,
        keyed: true,
    });
    let mut status = col("status", Type::Text, "Status of the country in the organization");
    status.values = vec!["member", "associate", "observer", "dialogue-partner"];
    let columns = vec![
        fk(col("organization", Type::Text, "The organization"), "organizations"),
        fk(col("country", Type::Text, "The country"), "countries"),
        status,
        col("from", Type::Date, "Since"),
        col("to", Type::Date, "Until; empty while it lasts"),
    ];
    let rows = c
        .organizations
        .iter()
        .flat_map(|(id, e)| {
            e.data.members.iter().map(move |m| {
                vec![
                    text(id),
                    text(&m.country),
                    text(m.status.as_str()),
                    date(m.from.as_ref()),
                    date(m.to.as_ref()),
                ]
            })
        })
        .collect();
    t.push(Table {
        name: "memberships",
        title: "Memberships",
        columns,
        rows,
        stream: None,
        keyed: false,
    });

    // People and their roles.
    let names = name_langs(config, c.people.values().map(|e| &e.data.name));
    let full = name_langs(config, c.people.values().map(|e| &e.data.full_name));
    let mut columns = id_url("person");
    columns.extend(name_cols("name", &names, "Name"));
    columns.extend(name_cols("full_name", &full, "Full name"));
    columns.push(col("aliases", Type::List, "Other names and forms matched in texts"));
    columns.extend(tail());
    let rows = c
        .people
        .iter()
        .map(|(id, e)| {
            let p = &e.data;
            let mut r = vec![text(id), entity_url(EntityKind::Person, id)];
            r.extend(name_cells(&p.name, &names));
            r.extend(name_cells(&p.full_name, &full));
            r.extend([list(&p.aliases), list(&p.review), count(EntityKind::Person, id)]);
            r
        })
        .collect();
    t.push(Table { name: "people", title: "People", columns, rows, stream: None, keyed: true });
    let titles =
        name_langs(config, c.people.values().flat_map(|e| e.data.roles.iter().map(|r| &r.title)));
    let mut columns = vec![fk(col("person", Type::Text, "The person"), "people")];
    columns.extend(name_cols("title", &titles, "Role"));
    columns.extend([
        fk(col("country", Type::Text, "Country of the role"), "countries"),
        fk(col("organization", Type::Text, "Organization of the role"), "organizations"),
        col("from", Type::Date, "Since"),
        col("to", Type::Date, "Until; empty while it lasts"),
    ]);
    let rows = c
        .people
        .iter()
        .flat_map(|(id, e)| {
            let titles = &titles;
            e.data.roles.iter().map(move |role| {
                let mut r = vec![text(id)];
                r.extend(name_cells(&role.title, titles));
                r.extend([opt(role.country.as_ref()), opt(role.organization.as_ref())]);
                r.extend([date(role.from.as_ref()), date(role.to.as_ref())]);
                r
            })
        })
        .collect();
    t.push(Table {
        name: "roles",
        title: "Roles of people",
        columns,
        rows,
        stream: None,
        keyed: false,
    });

    // Places.
    let names = name_langs(config, c.places.values().map(|e| &e.data.name));
    let mut columns = id_url("place");
    columns.extend(name_cols("name", &names, "Name"));
    columns.push(col("aliases", Type::List, "Other names and forms matched in texts"));
    columns.push(fk(col("country", Type::Text, "Country it is in"), "countries"));
    columns.push(col("kind", Type::Text, "Sort of place (city …)"));
    columns.extend(tail());
    let rows = c
        .places
        .iter()
        .map(|(id, e)| {
            let p = &e.data;
            let mut r = vec![text(id), entity_url(EntityKind::Place, id)];
            r.extend(name_cells(&p.name, &names));
            r.extend([list(&p.aliases), opt(p.country.as_ref()), opt(p.kind.as_ref())]);
            r.extend([list(&p.review), count(EntityKind::Place, id)]);
            r
        })
        .collect();
    t.push(Table { name: "places", title: "Places", columns, rows, stream: None, keyed: true });

    // Events.
    let names = name_langs(config, c.events.values().map(|e| &e.data.name));
    let mut columns = id_url("event");
    columns.extend(name_cols("name", &names, "Name"));
    columns.extend([
        col("aliases", Type::List, "Other names and forms matched in texts"),
        col("date", Type::Date, "Date (first day)"),
        col("end", Type::Date, "Last day, for events of several days"),
        fk(col("body", Type::Text, "The organization or body that met"), "organizations"),
        col("number", Type::Integer, "Session number of the body"),
        fk(col("place", Type::Text, "Where it took place"), "places"),
        fk(col("countries", Type::List, "Participating countries"), "countries"),
    ]);
    columns.extend(tail());
    let rows = c
        .events
        .iter()
        .map(|(id, e)| {
            let v = &e.data;
            let mut r = vec![text(id), entity_url(EntityKind::Event, id)];
            r.extend(name_cells(&v.name, &names));
            r.extend([list(&v.aliases), date(v.date.as_ref()), date(v.end.as_ref())]);
            r.extend([opt(v.body.as_ref()), Cell::Int(v.number), opt(v.place.as_ref())]);
            r.extend([list(&v.countries), list(&v.review), count(EntityKind::Event, id)]);
            r
        })
        .collect();
    t.push(Table { name: "events", title: "Events", columns, rows, stream: None, keyed: true });
    t
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

/// The Frictionless Data Package describing `tables` (paths relative to `data/`).
pub fn datapackage(tables: &[Table], config: &Config) -> String {
    let dl = &config.default_language;
    let mut resources = Vec::new();
    for t in tables {
        for json_form in [false, true] {
            let (name, path, format, mediatype) = if json_form {
                (format!("{}-json", t.name), format!("{}.json", t.name), "json", "application/json")
            } else {
                (t.name.to_string(), format!("{}.csv", t.name), "csv", "text/csv")
            };
            let mut r = json!({
                "profile": "tabular-data-resource",
                "name": name,
                "title": t.title,
                "path": path,
                "format": format,
                "mediatype": mediatype,
                "encoding": "utf-8",
            });
            if !json_form {
                r["dialect"] = json!({
                    "delimiter": ",",
                    "lineTerminator": "\r\n",
                    "quoteChar": "\"",
                    "doubleQuote": true,
                    "header": true,
                });
            }
            r["schema"] = t.schema(json_form);
            resources.push(r);
        }
    }
    let mut pkg = json!({
        "profile": "tabular-data-package",
        "name": "archive-catalogue",
        "title": config.title(dl),
        "homepage": routes::absolute(config, &Route::Home.rel(dl)),
        "resources": resources,
    });
    if let Some(d) = config.description.get(dl).filter(|d| !d.is_empty()) {
        pkg["description"] = json!(d);
    }
    let mut s = serde_json::to_string_pretty(&pkg).unwrap_or_default();
    s.push('\n');
    s
}

/// Every file of the export.
pub fn collect(
    graph: &Graph,
    config: &Config,
    emit: &(dyn Fn(Output) -> crate::error::Result<()> + Sync),
) -> crate::error::Result<()> {
    let mut tables = tables(graph, config);
    // One file's text at a time, and a table's rows go once both its files are out: on a large
    // archive the documents table, its JSON and its CSV are each a hundred megabytes.
    for t in &mut tables {
        emit(Output {
            path: routes::export(&format!("{}.json", t.name)),
            bytes: t.json().into_bytes(),
        })?;
        emit(Output {
            path: routes::export(&format!("{}.csv", t.name)),
            bytes: t.csv().into_bytes(),
        })?;
        t.rows = Vec::new();
    }
    emit(Output {
        path: routes::export("datapackage.json"),
        bytes: datapackage(&tables, config).into_bytes(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table<'static> {
        Table {
            name: "t",
            title: "T",
            columns: vec![
                col("id", Type::Text, "id"),
                col("n", Type::Integer, "n"),
                fk(col("xs", Type::List, "xs"), "t"),
                fk(col("parent", Type::Text, "p"), "t"),
            ],
            rows: vec![
                vec![text("a"), Cell::Int(Some(2)), list(&["b".into(), "c".into()]), text("")],
                vec![text("x,\"y\"\nz"), Cell::Int(None), list(&[]), text("a")],
            ],
            stream: None,
            keyed: true,
        }
    }

    #[test]
    fn csv_quotes_by_rfc_4180() {
        assert_eq!(table().csv(), "id,n,xs,parent\r\na,2,b;c,\r\n\"x,\"\"y\"\"\nz\",,,a\r\n");
    }

    #[test]
    fn csv_formula_injection_is_guarded() {
        // A spreadsheet runs a cell starting with one of these as a formula (OWASP's list).
        for (value, written) in [
            ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
            ("+7 700", "'+7 700"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("\rcmd", "\"'\rcmd\""),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(csv_field(value), written, "{value:?}");
        }
        // Lists are guarded as the one cell they become; the JSON keeps the values as written.
        let t = Table {
            rows: vec![vec![text("=1"), Cell::Int(None), list(&["@x".into()]), text("")]],
            ..table()
        };
        assert!(t.csv().ends_with("\r\n'=1,,'@x,\r\n"), "{}", t.csv());
        assert!(t.json().contains("\"id\": \"=1\""), "{}", t.json());
    }

    #[test]
    fn json_rows_in_column_order_with_nulls() {
        let j = table().json();
        assert!(j.starts_with(
            "[\n{\"id\": \"a\", \"n\": 2, \"xs\": [\"b\",\"c\"], \"parent\": null},\n"
        ));
        let v: Value = serde_json::from_str(&j).unwrap();
        assert_eq!(v[1]["id"], "x,\"y\"\nz");
    }

    #[test]
    fn schema_types_keys_and_self_references() {
        let t = table();
        let csv = t.schema(false);
        assert_eq!(csv["primaryKey"], json!(["id"]));
        assert_eq!(csv["fields"][2]["type"], "string");
        assert_eq!(t.schema(true)["fields"][2]["type"], "array");
        assert_eq!(
            csv["foreignKeys"],
            json!([{"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}}])
        );
    }
}
