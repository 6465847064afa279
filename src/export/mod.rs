//! The machine-readable export of the whole catalogue under `data/`: one JSON and one CSV file per
//! table (documents, countries, organizations, memberships, people, roles, places, events) and a
//! Frictionless `datapackage.json` describing them. The schema is documented in `docs/export.md`.
//!
//! Every table is declared once, in `tables.rs`, as a list of [`Column`]s, each carrying its name,
//! type, description and the function that makes its cell from a row; the CSV header, every CSV
//! and JSON row and the package description (`package.rs`) are all made from that list, so a cell
//! cannot be out of line with its header or its description.
//!
//! CSV follows RFC 4180's quoting (`"` with doubled quotes, CRLF line ends, a header row) with the
//! **semicolon** as delimiter and a UTF-8 byte order mark: this archive's readers open CSV in Excel
//! set to a Russian or Kazakh locale, whose list separator is `;` (the decimal separator is the
//! comma there) and which reads a file without a BOM as the ANSI code page — a comma-separated file
//! opens as one mojibake column. The delimiter and encoding are declared in `datapackage.json`'s
//! dialect, so Frictionless tools, pandas (`sep=";", encoding="utf-8-sig"`) and R read it as well.
//! The quoting is a dozen lines here rather than the `csv` crate: we only write, all values are
//! already strings, and the rules are the RFC's four.
//!
//! A CSV cell that a spreadsheet would run as a formula gets a leading `'` ([`csv_field`]).
//!
//! Lists (`countries`, `aliases` …) are JSON arrays in JSON and `;`-joined in CSV. Ids never hold
//! `;`; free-text list items (aliases, credits, review notes) might, and the JSON files are the
//! lossless form for them.

mod acts;
mod package;
mod tables;
mod texts;

pub(crate) use package::datapackage;
pub(crate) use tables::tables;

use crate::config::Config;
use crate::graph::Graph;
use crate::output::Output;
use crate::routes;

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Type {
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

/// What a column is: the part of a [`Column`] the header and the schema are made from.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    /// Name.
    pub(crate) name: String,
    /// Type.
    pub(crate) ty: Type,
    /// What it holds.
    pub(crate) description: String,
    /// The table whose `id` this column refers to.
    pub(crate) refers_to: Option<&'static str>,
    /// Allowed values, when fixed.
    pub(crate) values: Vec<&'static str>,
}

/// One column of a table whose rows are `R`: what it is, and how its cell is made from a row.
pub(crate) struct Column<'a, R> {
    /// Name, type, description.
    pub(crate) field: Field,
    cell: Box<dyn Fn(&R) -> Cell + 'a>,
}

impl<'a, R> Column<'a, R> {
    /// A column called `name` whose cell of a row is `cell(row)`.
    pub(crate) fn new(
        name: impl Into<String>,
        ty: Type,
        description: impl Into<String>,
        cell: impl Fn(&R) -> Cell + 'a,
    ) -> Self {
        let field = Field {
            name: name.into(),
            ty,
            description: description.into(),
            refers_to: None,
            values: Vec::new(),
        };
        Column { field, cell: Box::new(cell) }
    }

    /// The column refers to the `id` of `table`.
    pub(crate) fn refers_to(mut self, table: &'static str) -> Self {
        self.field.refers_to = Some(table);
        self
    }

    /// The column's values are one of `values`.
    pub(crate) fn values(mut self, values: Vec<&'static str>) -> Self {
        self.field.values = values;
        self
    }
}

/// One value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Text, empty for none.
    Text(String),
    /// A number, or none.
    Int(Option<u32>),
    /// A list.
    List(Vec<String>),
}

/// Makes a table's rows one at a time, each with one cell per field, handing each to the callback.
type RowStream<'a> = Box<dyn Fn(&mut dyn FnMut(&[Cell])) + 'a>;

/// A table: name, fields, and its rows, made from the catalogue while the table is written
/// rather than held (the documents table would hold the whole catalogue in memory twice over).
pub(crate) struct Table<'a> {
    /// Resource name and file stem (`documents`).
    pub(crate) name: &'static str,
    /// Title.
    pub(crate) title: &'static str,
    /// The columns' fields, in order.
    pub(crate) fields: Vec<Field>,
    /// Whether `id` is the primary key.
    pub(crate) keyed: bool,
    rows: RowStream<'a>,
}

impl<'a> Table<'a> {
    /// A table of `columns` over the rows `rows()` yields (called once per file written). Every
    /// row's cells are made by the columns' own cell functions, in column order, so a cell cannot
    /// be out of line with its header or its description.
    pub(crate) fn new<R, I>(
        name: &'static str,
        title: &'static str,
        keyed: bool,
        columns: Vec<Column<'a, R>>,
        rows: impl Fn() -> I + 'a,
    ) -> Self
    where
        I: Iterator<Item = R>,
        R: 'a,
    {
        let (fields, cells): (Vec<Field>, Vec<_>) =
            columns.into_iter().map(|c| (c.field, c.cell)).unzip();
        let rows: RowStream<'a> = Box::new(move |f| {
            for row in rows() {
                let row: Vec<Cell> = cells.iter().map(|cell| cell(&row)).collect();
                f(&row);
            }
        });
        Table { name, title, fields, keyed, rows }
    }
}

/// The CSV delimiter: the list separator of Excel in the ru and kk locales (see the module doc).
pub(crate) const DELIMITER: char = ';';

/// The byte order mark that starts every CSV file: Excel reads UTF-8 only with it.
pub(crate) const BOM: &str = "\u{feff}";

/// A CSV field: guarded against formula injection, then quoted when RFC 4180 requires it.
///
/// A spreadsheet opening the file runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return as a formula (`=HYPERLINK(…)` in a title would become a live link). Such a
/// value gets a leading `'`, as OWASP advises: spreadsheets show the text as written, and a
/// script reading the CSV can strip it. The JSON files keep every value unguarded.
pub(crate) fn csv_field(s: &str) -> String {
    let guard = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { "'" } else { "" };
    // A comma is quoted too: a reader told the wrong delimiter still keeps the cell whole.
    if s.contains([DELIMITER, ',', '"', '\r', '\n']) {
        format!("\"{guard}{}\"", s.replace('"', "\"\""))
    } else {
        format!("{guard}{s}")
    }
}

impl Table<'_> {
    /// Calls `f` with every row.
    fn each_row(&self, f: &mut dyn FnMut(&[Cell])) {
        (self.rows)(f);
    }

    /// The CSV text: a byte order mark and a header row, then one row per record.
    pub(crate) fn csv(&self) -> String {
        let mut s = String::from(BOM);
        let sep = DELIMITER.to_string();
        let header: Vec<String> = self.fields.iter().map(|c| csv_field(&c.name)).collect();
        s.push_str(&header.join(&sep));
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
            s.push_str(&cells.join(&sep));
            s.push_str("\r\n");
        });
        s
    }

    /// The JSON text: an array of objects, one per line, keys in column order; empty values are
    /// `null`, lists are arrays.
    pub(crate) fn json(&self) -> String {
        let (body, any) = self.objects(b",\n");
        let mut out = b"[\n".to_vec();
        out.extend_from_slice(&body);
        if any {
            out.push(b'\n');
        }
        out.extend_from_slice(b"]\n");
        // Only serde_json's output and our ASCII punctuation went in.
        String::from_utf8(out).expect("only serde_json's UTF-8 and ASCII punctuation went in")
    }

    /// JSON Lines: one object per row, each on its own line (the same objects as [`Table::json`]).
    pub(crate) fn json_lines(&self) -> String {
        let (mut out, any) = self.objects(b"\n");
        if any {
            out.push(b'\n');
        }
        String::from_utf8(out).expect("only serde_json's UTF-8 and ASCII punctuation went in")
    }

    /// Every row as a JSON object, `between` separating them, and whether there was a row.
    fn objects(&self, between: &[u8]) -> (Vec<u8>, bool) {
        // Keys are encoded once; values go straight into the buffer (no Value per cell).
        let keys: Vec<String> = self
            .fields
            .iter()
            .map(|c| {
                format!(
                    "{}: ",
                    serde_json::to_string(&c.name).expect("a string cannot fail to serialize")
                )
            })
            .collect();
        let mut out: Vec<u8> = Vec::new();
        let mut first = true;
        self.each_row(&mut |row| {
            if !first {
                out.extend_from_slice(between);
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
        (out, !first)
    }
}

/// Every file of the export.
pub(crate) fn collect(
    graph: &Graph,
    config: &Config,
    emit: &(dyn Fn(Output) -> crate::error::Result<()> + Sync),
) -> crate::error::Result<()> {
    let tables = tables(graph, config);
    // One file's text at a time: on a large archive the documents table's JSON and CSV are each
    // a hundred megabytes.
    for t in &tables {
        emit(Output {
            path: routes::export(&format!("{}.json", t.name)),
            bytes: t.json().into_bytes(),
        })?;
        emit(Output {
            path: routes::export(&format!("{}.csv", t.name)),
            bytes: t.csv().into_bytes(),
        })?;
    }
    emit(Output {
        path: routes::export(texts::FILE),
        bytes: texts::json_lines_gz(graph, config)?,
    })?;
    let unread = std::cell::RefCell::new(None);
    emit(Output {
        path: routes::export("datapackage.json"),
        bytes: datapackage(&tables, &texts::table(graph, config, &unread), config).into_bytes(),
    })?;
    acts::data_files(graph, config, emit)
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_guarded() {
        assert_eq!(csv_field("a,b \"c\""), "\"a,b \"\"c\"\"\"");
        assert_eq!(csv_field("a;b"), "\"a;b\"");
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("=1+2"), "'=1+2");
    }

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn list(v: &[&str]) -> Cell {
        Cell::List(v.iter().map(|s| s.to_string()).collect())
    }

    /// A table over rows given as cells: column `i` takes the row's `i`-th cell.
    fn table(rows: Vec<Vec<Cell>>) -> Table<'static> {
        let at = |i: usize| move |r: &Vec<Cell>| r[i].clone();
        let columns = vec![
            Column::new("id", Type::Text, "id", at(0)),
            Column::new("n", Type::Integer, "n", at(1)),
            Column::new("xs", Type::List, "xs", at(2)).refers_to("t"),
            Column::new("parent", Type::Text, "p", at(3)).refers_to("t"),
        ];
        Table::new("t", "T", true, columns, move || rows.clone().into_iter())
    }

    fn rows() -> Vec<Vec<Cell>> {
        vec![
            vec![text("a"), Cell::Int(Some(2)), list(&["b", "c"]), text("")],
            vec![text("x,\"y\"\nz"), Cell::Int(None), list(&[]), text("a")],
        ]
    }

    #[test]
    fn csv_quotes_by_rfc_4180() {
        assert_eq!(
            table(rows()).csv(),
            "\u{feff}id;n;xs;parent\r\na;2;\"b;c\";\r\n\"x,\"\"y\"\"\nz\";;;a\r\n"
        );
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
        let t = table(vec![vec![text("=1"), Cell::Int(None), list(&["@x"]), text("")]]);
        assert!(t.csv().ends_with("\r\n'=1;;'@x;\r\n"), "{}", t.csv());
        assert!(t.json().contains("\"id\": \"=1\""), "{}", t.json());
    }

    #[test]
    fn json_rows_in_column_order_with_nulls() {
        let j = table(rows()).json();
        assert!(j.starts_with(
            "[\n{\"id\": \"a\", \"n\": 2, \"xs\": [\"b\",\"c\"], \"parent\": null},\n"
        ));
        let v: Value = serde_json::from_str(&j).unwrap();
        assert_eq!(v[1]["id"], "x,\"y\"\nz");
    }

    #[test]
    fn json_lines_one_object_a_line() {
        let j = table(rows()).json_lines();
        let lines: Vec<&str> = j.lines().collect();
        assert_eq!(lines.len(), 2, "{j}");
        assert!(j.ends_with("}\n"));
        for l in lines {
            let v: Value = serde_json::from_str(l).unwrap();
            assert!(v.is_object());
        }
        assert_eq!(table(vec![]).json_lines(), "");
    }

    #[test]
    fn schema_types_keys_and_self_references() {
        let t = table(rows());
        let csv = package::schema(&t, false);
        assert_eq!(csv["primaryKey"], json!(["id"]));
        assert_eq!(csv["fields"][2]["type"], "string");
        assert_eq!(package::schema(&t, true)["fields"][2]["type"], "array");
        assert_eq!(
            csv["foreignKeys"],
            json!([{"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}}])
        );
    }
}
