//! The export's tables of acts (the `act:` block of documents): one row per act, its
//! signatories, each state's participation, and its typed relations to other documents.

use super::tables::{date, opt, text};
use super::{Cell, Column, Table, Type};
use crate::content::{Act, Document, Participation, Relation, Signatory};
use crate::graph::Graph;

/// Every document with an act block, with its index.
fn acts(graph: &Graph) -> impl Iterator<Item = (usize, &Document, &Act)> {
    let docs = &graph.corpus.documents;
    docs.iter().enumerate().filter_map(|(i, d)| Some((i, d, d.meta.act.as_ref()?)))
}

/// The four tables, in the order the data package lists them.
pub(crate) fn tables(graph: &Graph) -> Vec<Table<'_>> {
    vec![acts_table(graph), signatories(graph), participation(graph), relations(graph)]
}

fn acts_table(graph: &Graph) -> Table<'_> {
    type A<'a> = (usize, &'a Document, &'a Act);
    let forms = vec![
        "decision",
        "agreement",
        "treaty",
        "protocol",
        "statement",
        "communique",
        "declaration",
    ];
    let statuses = vec!["signed", "adopted", "in_force", "expired", "superseded"];
    let columns: Vec<Column<A>> = vec![
        Column::new("id", Type::Text, "The document (its slug)", |r: &A| text(&r.1.id))
            .refers_to("documents"),
        Column::new(
            "act_id",
            Type::Text,
            "Persistent identifier shared by the act's language versions: body/form/date/number",
            |r: &A| opt(graph.act_ids[r.0].as_ref()),
        ),
        Column::new("form", Type::Text, "Form of the act", |r: &A| {
            text(r.2.form_for(r.1.meta.kind).map(|f| f.as_str()).unwrap_or_default())
        })
        .values(forms),
        Column::new("number", Type::Text, "Number as printed, without «№»", |r: &A| {
            opt(r.2.number.as_ref())
        }),
        Column::new("body", Type::Text, "Organization or body that adopted it", |r: &A| {
            opt(r.2.body.as_ref())
        })
        .refers_to("organizations"),
        Column::new("place", Type::Text, "Place of adoption", |r: &A| opt(r.2.place.as_ref()))
            .refers_to("places"),
        Column::new("date", Type::Date, "Date of the act", |r: &A| date(r.1.meta.date.as_ref())),
        Column::new("status", Type::Text, "Last recorded status", |r: &A| {
            text(r.2.current_status().map(|s| s.as_str()).unwrap_or_default())
        })
        .values(statuses),
        Column::new("status_date", Type::Date, "Since when", |r: &A| {
            date(r.2.status.last().and_then(|s| s.date.as_ref()))
        }),
    ];
    Table::new("acts", "Acts", true, columns, move || acts(graph))
}

fn signatories(graph: &Graph) -> Table<'_> {
    type S<'a> = (&'a Document, usize, &'a Signatory);
    let columns: Vec<Column<S>> = vec![
        Column::new("act", Type::Text, "The act (document slug)", |r: &S| text(&r.0.id))
            .refers_to("acts"),
        Column::new("order", Type::Integer, "Place in the signature block, from 1", |r: &S| {
            Cell::Int(u32::try_from(r.1 + 1).ok())
        }),
        Column::new("country", Type::Text, "State signed for", |r: &S| opt(r.2.country.as_ref()))
            .refers_to("countries"),
        Column::new("person", Type::Text, "Signer, when named", |r: &S| opt(r.2.person.as_ref()))
            .refers_to("people"),
        Column::new(
            "position",
            Type::Text,
            "Position as the signature block writes it",
            |r: &S| text(&r.2.position),
        ),
    ];
    Table::new("signatories", "Signatories of acts", false, columns, move || {
        acts(graph)
            .flat_map(|(_, d, a)| a.signatories.iter().enumerate().map(move |(k, s)| (d, k, s)))
    })
}

fn participation(graph: &Graph) -> Table<'_> {
    type P<'a> = (&'a Document, &'a Participation);
    let columns: Vec<Column<P>> = vec![
        Column::new("act", Type::Text, "The act (document slug)", |r: &P| text(&r.0.id))
            .refers_to("acts"),
        Column::new("country", Type::Text, "The state", |r: &P| text(&r.1.country))
            .refers_to("countries"),
        Column::new("signed", Type::Date, "Signed", |r: &P| date(r.1.signed.as_ref())),
        Column::new("ratified", Type::Date, "Ratified, approved or notified", |r: &P| {
            date(r.1.ratified.as_ref())
        }),
        Column::new("in_force", Type::Date, "In force for the state", |r: &P| {
            date(r.1.in_force.as_ref())
        }),
        Column::new("withdrawn", Type::Date, "Withdrew", |r: &P| date(r.1.withdrawn.as_ref())),
        Column::new("reservations", Type::Text, "Reservations as stated", |r: &P| {
            opt(r.1.reservations.as_ref())
        }),
    ];
    Table::new("participation", "Participation of states in acts", false, columns, move || {
        acts(graph).flat_map(|(_, d, a)| a.participation.iter().map(move |p| (d, p)))
    })
}

fn relations(graph: &Graph) -> Table<'_> {
    type R<'a> = (&'a Document, Relation, &'a String);
    let kinds = Relation::ALL.iter().map(|r| r.field()).collect();
    let columns: Vec<Column<R>> = vec![
        Column::new("act", Type::Text, "The act stating the relation", |r: &R| text(&r.0.id))
            .refers_to("acts"),
        Column::new("relation", Type::Text, "What the act does to the target", |r: &R| {
            text(r.1.field())
        })
        .values(kinds),
        Column::new("target", Type::Text, "The document it relates to", |r: &R| text(r.2))
            .refers_to("documents"),
    ];
    Table::new("act_relations", "Relations between acts", false, columns, move || {
        acts(graph).flat_map(|(_, d, a)| a.relations().map(move |(rel, t)| (d, rel, t)))
    })
}

/// One act's data file, `data.json` beside its page in its own language.
#[derive(serde::Serialize)]
struct ActData<'a> {
    id: &'a str,
    act_id: Option<&'a str>,
    url: String,
    title: &'a str,
    lang: &'a str,
    date: Option<String>,
    kind: &'static str,
    form: Option<&'static str>,
    act: &'a Act,
    /// The same act in other languages: slug, language, page.
    versions: Vec<Version<'a>>,
    /// What other acts state about this one («amends» it, «approves» it …).
    related_by: Vec<Reverse<'a>>,
}

#[derive(serde::Serialize)]
struct Version<'a> {
    id: &'a str,
    lang: &'a str,
    url: String,
}

#[derive(serde::Serialize)]
struct Reverse<'a> {
    relation: &'static str,
    document: &'a str,
    url: String,
}

/// Each act's `data.json`, beside its page in its own language: what the act panel shows, as
/// data, for a script that wants one act without the whole export.
pub(crate) fn data_files(
    graph: &Graph,
    config: &crate::config::Config,
    emit: &(dyn Fn(crate::output::Output) -> crate::error::Result<()> + Sync),
) -> crate::error::Result<()> {
    use crate::routes;
    let page = |d: &Document| {
        let lang = routes::canonical_lang(config, &d.meta.lang);
        routes::document(d).rel(lang)
    };
    for (i, d, act) in acts(graph) {
        let versions = graph.translations[i]
            .iter()
            .map(|&j| {
                let t = graph.doc(j);
                Version { id: &t.id, lang: &t.meta.lang, url: routes::absolute(config, &page(t)) }
            })
            .collect();
        let back = graph.acts_reverse.get(&i).map(Vec::as_slice).unwrap_or_default();
        let related_by = back
            .iter()
            .map(|&(rel, j)| {
                let t = graph.doc(j);
                Reverse {
                    relation: rel.field(),
                    document: &t.id,
                    url: routes::absolute(config, &page(t)),
                }
            })
            .collect();
        let data = ActData {
            id: &d.id,
            act_id: graph.act_ids[i].as_deref(),
            url: routes::absolute(config, &page(d)),
            title: &d.meta.title,
            lang: &d.meta.lang,
            date: d.meta.date.map(|x| x.to_string()),
            kind: d.meta.kind.as_str(),
            form: act.form_for(d.meta.kind).map(|f| f.as_str()),
            act,
            versions,
            related_by,
        };
        let bytes = serde_json::to_vec_pretty(&data)
            .map_err(|e| crate::error::anyhow!("{}: act data: {e}", d.path.display()))?;
        emit(crate::output::Output { path: format!("{}data.json", page(d)), bytes })?;
    }
    Ok(())
}
