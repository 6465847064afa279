//! The Frictionless Data Package (`data/datapackage.json`): a CSV and a JSON resource per table,
//! each with a Table Schema made from the table's fields.

use serde_json::{Value, json};

use super::{Table, Type};
use crate::config::Config;
use crate::routes::{self, Route};

/// The Frictionless Data Package describing `tables` and the full texts `texts` (paths relative
/// to `data/`).
pub(crate) fn datapackage(tables: &[Table], texts: &Table, config: &Config) -> String {
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
                    "delimiter": super::DELIMITER.to_string(),
                    "lineTerminator": "\r\n",
                    "quoteChar": "\"",
                    "doubleQuote": true,
                    "header": true,
                });
            }
            r["schema"] = schema(t, json_form);
            resources.push(r);
        }
    }
    resources.push(json!({
        "profile": "data-resource",
        "name": texts.name,
        "title": texts.title,
        "description": "One JSON object a line: a document's metadata (the documents table's \
            columns) and its full text",
        "path": super::texts::FILE,
        "format": "jsonl",
        "mediatype": "application/jsonl",
        "compression": "gz",
        "encoding": "utf-8",
        "schema": schema(texts, true),
    }));
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
    let mut s = serde_json::to_string_pretty(&pkg)
        .expect("a serde_json::Value cannot fail to serialize: its map keys are strings");
    s.push('\n');
    s
}

/// Table Schema fields for the CSV (`json = false`) or the JSON form.
pub(super) fn schema(t: &Table, json_form: bool) -> Value {
    let fields: Vec<Value> = t
        .fields
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
            if c.name == "id" && t.keyed {
                f["constraints"] = json!({ "required": true, "unique": true });
            }
            f
        })
        .collect();
    let mut schema = json!({ "fields": fields, "missingValues": [""] });
    if t.keyed {
        schema["primaryKey"] = json!(["id"]);
    }
    let suffix = if json_form { "-json" } else { "" };
    let fks: Vec<Value> = t
        .fields
        .iter()
        .filter(|c| c.ty != Type::List)
        .filter_map(|c| {
            let table = c.refers_to?;
            let resource = if table == t.name { String::new() } else { format!("{table}{suffix}") };
            Some(json!({
                "fields": [c.name],
                "reference": { "resource": resource, "fields": ["id"] },
            }))
        })
        .collect();
    if !fks.is_empty() {
        schema["foreignKeys"] = json!(fks);
    }
    schema
}
