//! The on-disk content model: files under `content/` ↔ typed structs.
//!
//! [`load`] walks `content/`, reads and parses every file in parallel, and returns a [`Corpus`]
//! plus the [`Diagnostics`] of everything that could not be parsed. It knows about one file at a
//! time only: whether a referenced country exists is a question for `graph`.

pub mod act;
mod broken;
pub mod date;
pub mod depth;
pub mod document;
pub mod edtf;
pub mod entities;
pub mod entity;
pub mod front_matter;
pub mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_yaml::Value;
use walkdir::WalkDir;

pub use act::{Act, Form, Participation, Relation, Signatory, Status, StatusEntry};
pub use broken::{Broken, Reference};
pub use date::PartialDate;
pub use document::{Body, Document, DocumentMeta, Kind, Source};
pub use edtf::Edtf;
pub use entities::Entities;
pub use entity::{
    Coordinates, Country, Entity, EntityData, EntityKind, Event, KindData, MemberStatus,
    Membership, Names, OrgType, Organization, Person, Place, Role,
};

use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics, Result, relative};
use crate::text::is_valid_id;

/// Largest content file we read; anything bigger is almost surely not a hand-written document.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Everything under `content/`, parsed.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Documents in path order.
    pub documents: Vec<Document>,
    /// Entities by kind, then id.
    pub entities: Entities,
    /// Files that exist but could not be loaded (their problems are diagnostics of
    /// [`load`]), in path order within documents, then each kind.
    pub broken: Vec<Broken>,
}

impl Corpus {
    /// The ids of the entities of `kind`, in id order.
    pub fn ids(&self, kind: EntityKind) -> Vec<&String> {
        self.entities.ids(kind).collect()
    }

    /// Whether an entity of `kind` has id `id`.
    pub fn contains(&self, kind: EntityKind, id: &str) -> bool {
        self.entities.contains(kind, id)
    }

    /// The names (in every language) of the entity `id` of `kind`, when there is one.
    pub fn names(&self, kind: EntityKind, id: &str) -> Option<&Names> {
        self.entities.get(kind, id).map(Entity::names)
    }

    // The accessors below take ids that come from this corpus itself: keys of its maps, the
    // graph's tables built from them, routes planned from them, or references `graph::refs`
    // checked. A missing id is a bug, not bad input, and the message says which invariant broke.

    /// The entity `id` of `kind`, which must exist (see above).
    pub fn entity(&self, kind: EntityKind, id: &str) -> &Entity {
        self.entities.get(kind, id).expect("invariant: entity ids come from the corpus")
    }

    /// The data of entity `id` of kind `T` (`corpus.data::<Event>(id).date`), which must exist
    /// (see above).
    pub fn data<T: KindData>(&self, id: &str) -> &T {
        self.entities.get_as::<T>(id).expect("invariant: entity ids come from the corpus").1
    }
}

/// Loads `root/content/`. IO failures on the folder itself are errors; problems with single files
/// are diagnostics, and every readable file is still loaded.
pub fn load(root: &Path, config: &Config) -> Result<(Corpus, Diagnostics)> {
    let content = root.join("content");
    let mut diags = Diagnostics::new();
    let mut broken = Vec::new();
    let default_lang = config.default_language.as_str();
    let docs_dir = content.join("documents");
    let doc_files = list_md(root, &docs_dir, &mut diags);
    let parsed: Vec<Result<Document, Failed>> =
        doc_files.par_iter().map(|p| load_document(root, p)).collect();
    let mut documents = Vec::with_capacity(parsed.len());
    for r in parsed {
        match r {
            Ok(d) => documents.push(d),
            Err(f) => f.report(&mut diags, &mut broken),
        }
    }
    let mut entities = Entities::default();
    // Kinds load (and report their problems) in declaration order: countries first, events last.
    let mut kinds = EntityKind::ALL;
    kinds.sort();
    for kind in kinds {
        *entities.map_mut(kind) = load_kind(root, kind, default_lang, &mut diags, &mut broken);
    }
    let corpus = Corpus { documents, entities, broken };
    Ok((corpus, diags))
}

/// A file that failed to load: every problem found in it, and what it still tells resolve.
struct Failed {
    diags: Vec<Diagnostic>,
    broken: Broken,
}

impl Failed {
    fn report(self, diags: &mut Diagnostics, broken: &mut Vec<Broken>) {
        self.diags.into_iter().for_each(|d| diags.push(d));
        broken.push(self.broken);
    }
}

/// Applies a change to one content file (`path` under `root`) to a loaded corpus: the file is
/// read again, or dropped when it is gone. Returns whether `path` is a content Markdown file at
/// all (anything else is not the corpus's business), or every problem of the file when it cannot
/// be loaded; the corpus is then left as it was. Used by `archive serve` to apply an edit without
/// reading the whole archive again; [`load`] and a sequence of `reload_file` calls over the
/// changed files give the same corpus up to the order of documents (which `graph::resolve`
/// sets).
pub fn reload_file(
    corpus: &mut Corpus,
    root: &Path,
    config: &Config,
    path: &Path,
) -> Result<bool, Vec<Diagnostic>> {
    let rel = relative(root, path);
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy().to_string());
    if parts.next().as_deref() != Some("content")
        || rel.extension().is_none_or(|x| x != "md")
        || is_hidden(&rel)
    {
        return Ok(false);
    }
    let dir = parts.next().unwrap_or_default();
    let gone = !path.is_file();
    let default_lang = config.default_language.as_str();
    if dir == "documents" {
        let loaded =
            if gone { None } else { Some(load_document(root, path).map_err(|f| f.diags)?) };
        corpus.broken.retain(|b| b.path != rel);
        // The corpus may be in any order here (resolve puts documents in display order).
        let at = corpus.documents.iter().position(|d| d.path == rel);
        match (at, loaded) {
            (Some(i), Some(d)) => corpus.documents[i] = d,
            (Some(i), None) => {
                corpus.documents.remove(i);
            }
            (None, Some(d)) => corpus.documents.push(d),
            (None, None) => {}
        }
        return Ok(true);
    }
    fn replace(
        map: &mut BTreeMap<String, Entity>,
        root: &Path,
        path: &Path,
        rel: &Path,
        gone: bool,
        default_lang: &str,
        kind: EntityKind,
    ) -> Result<(), Vec<Diagnostic>> {
        let loaded = match gone {
            true => None,
            false => Some(load_entity(root, path, default_lang, kind).map_err(|f| f.diags)?),
        };
        if let Some(e) = &loaded
            && let Some(other) = map.get(&e.id).filter(|o| o.path != rel)
        {
            return Err(vec![Diagnostic::error(
                &e.path,
                format!(
                    "duplicate {} id «{}», also defined in {}",
                    kind.singular(),
                    e.id,
                    other.path.display()
                ),
            )]);
        }
        map.retain(|_, e| e.path != rel);
        if let Some(e) = loaded {
            map.insert(e.id.clone(), e);
        }
        Ok(())
    }
    corpus.broken.retain(|b| b.path != rel);
    let (r, p) = (root, path);
    match EntityKind::ALL.into_iter().find(|k| k.dir() == dir) {
        Some(k) => replace(corpus.entities.map_mut(k), r, p, &rel, gone, default_lang, k)?,
        None => return Ok(false),
    }
    Ok(true)
}

/// Markdown files below `dir`, sorted; other files and walk problems become diagnostics.
fn list_md(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if !dir.exists() {
        return out;
    }
    let mut walk = WalkDir::new(dir).sort_by_file_name().into_iter();
    while let Some(entry) = walk.next() {
        if let Some(e) = entry.as_ref().ok().filter(|e| e.file_name().to_str().is_none()) {
            // Such a name can be neither an id nor a URL: say so, rather than «not a valid id
            // «»», and skip what is below a folder so named.
            let is_dir = e.file_type().is_dir();
            diags
                .push(Diagnostic::error(relative(root, e.path()), not_utf8(e.file_name(), is_dir)));
            if is_dir {
                walk.skip_current_dir();
            }
            continue;
        }
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let p = e.into_path();
                if p.extension().is_some_and(|x| x == "md") {
                    out.push(p);
                } else if !is_hidden(&p) {
                    diags.push(Diagnostic::warning(
                        relative(root, &p),
                        "not a Markdown (.md) file; ignored",
                    ));
                }
            }
            Ok(e) if e.path_is_symlink() => diags.push(Diagnostic::warning(
                relative(root, e.path()),
                "symbolic link; not followed (content must be real files inside content/)",
            )),
            Ok(_) => {}
            Err(e) => {
                let path = e.path().map(|p| relative(root, p)).unwrap_or_default();
                let msg = if e.loop_ancestor().is_some() {
                    "symbolic link loop; skipped".to_string()
                } else {
                    format!("cannot be read: {e}")
                };
                diags.push(Diagnostic::error(path, msg));
            }
        }
    }
    out
}

fn is_hidden(p: &Path) -> bool {
    p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'))
}

/// Reads a file as UTF-8 text within the size limit.
fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    use std::io::Read;
    let rel = relative(root, path);
    let cannot = |e: std::io::Error| Diagnostic::error(rel.clone(), format!("cannot be read: {e}"));
    // Open once and ask the open file its size: one path lookup per file, not three.
    let file = std::fs::File::open(path).map_err(cannot)?;
    let len = file.metadata().map_err(cannot)?.len();
    if len > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            rel,
            format!(
                "is {} MB, over the {} MB limit for a content file",
                len / 1_000_000,
                MAX_FILE_BYTES / 1024 / 1024
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(len as usize + 1);
    // `take`: a file growing while read stays within the limit.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(cannot)?;
    // Copying valid text costs less than std's validation of it (`String::from_utf8`).
    crate::text::utf8(&bytes).map(str::to_owned).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
        Diagnostic::error(rel, format!("is not valid UTF-8 (byte {at})")).at_line(Some(line))
    })
}

/// «the file name «kaz\xFFstan.md» is not valid UTF-8 …»: the name with its bad bytes shown.
fn not_utf8(name: &std::ffi::OsStr, is_dir: bool) -> String {
    let mut shown = String::new();
    for chunk in name.as_encoded_bytes().utf8_chunks() {
        shown.push_str(chunk.valid());
        for b in chunk.invalid() {
            shown.push_str(&format!("\\x{b:02X}"));
        }
    }
    let what = if is_dir { "folder" } else { "file" };
    format!(
        "the {what} name «{shown}» is not valid UTF-8 (the bytes that are not are shown as \\xNN); \
         rename the {what}, or it is left out"
    )
}

/// The file stem as an id, or a diagnostic when it is not a valid id.
fn file_id(rel: &Path) -> Result<String, Diagnostic> {
    if let Some(name) = rel.file_name().filter(|n| n.to_str().is_none()) {
        return Err(Diagnostic::error(rel, not_utf8(name, false)));
    }
    let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    if is_valid_id(stem) {
        Ok(stem.to_string())
    } else {
        let why = crate::text::homoglyph::explain(stem).unwrap_or_else(|| {
            "use lowercase ASCII letters, digits and single hyphens".to_string()
        });
        Err(Diagnostic::error(rel, format!("the file name «{stem}» is not a valid id: {why}")))
    }
}

fn fm_diag(rel: &Path, e: front_matter::FmError) -> Diagnostic {
    let d = Diagnostic::error(rel, e.message).at_line(e.line);
    match e.field {
        Some(f) => d.in_field(f),
        None => d,
    }
}

fn load_document(root: &Path, path: &Path) -> Result<Document, Failed> {
    let rel = relative(root, path);
    match read_text(root, path) {
        Ok(text) => parse_loaded(rel, path, &text),
        Err(d) => {
            let id = file_id(&rel).ok();
            Err(Failed {
                diags: vec![d],
                broken: Broken { path: rel, kind: None, id, refs: Vec::new() },
            })
        }
    }
}

/// A document file's `text` checked and loaded as the build loads it from `path` (`rel` under the
/// site root), without reading it, with every problem found: `archive import` checks each draft
/// with it before writing.
pub(crate) fn parse_document(
    rel: PathBuf,
    path: &Path,
    text: &str,
) -> Result<Document, Vec<Diagnostic>> {
    parse_loaded(rel, path, text).map_err(|f| f.diags)
}

fn parse_loaded(rel: PathBuf, path: &Path, text: &str) -> Result<Document, Failed> {
    let mut diags = Vec::new();
    let id = file_id(&rel).map_err(|d| diags.push(d)).ok();
    let broken = |refs| Broken { path: rel.clone(), kind: None, id: id.clone(), refs };
    let split = match front_matter::split(text) {
        Ok(s) => s,
        Err(e) => {
            diags.push(fm_diag(&rel, e));
            return Err(Failed { diags, broken: broken(Vec::new()) });
        }
    };
    let field_lines = front_matter::field_lines(split.yaml, split.yaml_line);
    let line = |f: &str| field_lines.get(f);
    let parsed = front_matter::parse_all::<DocumentMeta>(split.yaml, split.yaml_line);
    // The checks below look at title, language and date: of the whole front matter, or of what
    // is left of it once the fields at fault are set aside. `None`: not known.
    let (title, lang, date) = match &parsed {
        Ok(m) => (Some(m.title.clone()), Some(m.lang.clone()), Some(m.date)),
        Err(rejected) => {
            diags.extend(rejected.errors.iter().map(|e| fm_diag(&rel, e.clone())));
            let rest: Value = serde_yaml::from_str(&rejected.rest).unwrap_or(Value::Null);
            let failed = |f: &str| rejected.errors.iter().any(|e| e.field.as_deref() == Some(f));
            let text = |f: &str| rest.get(f).and_then(Value::as_str).map(str::to_string);
            let date = match rest.get("date") {
                _ if failed("date") => None,
                None | Some(Value::Null) => Some(None),
                Some(v) => edtf::from_yaml(v).ok().map(|e| Some(e.anchor())),
            };
            (text("title"), text("lang"), date)
        }
    };
    if title.as_ref().is_some_and(|t| t.trim().is_empty()) {
        diags.push(
            Diagnostic::error(&rel, "must not be empty").at_line(line("title")).in_field("title"),
        );
    }
    if let Some(lang) = lang.filter(|l| crate::config::Lang::new(l).is_err()) {
        diags.push(
            Diagnostic::error(
                &rel,
                format!("«{lang}» is not a language code (2–3 lowercase letters such as ru, kk)"),
            )
            .at_line(line("lang"))
            .in_field("lang"),
        );
    }
    let folder = rel
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|f| f.to_str())
        .unwrap_or_default()
        .to_string();
    if let Some(date) = date {
        let expected = date.map(|d| d.year.to_string()).unwrap_or_else(|| "undated".into());
        if folder != expected {
            diags.push(
                Diagnostic::error(
                    &rel,
                    format!(
                        "the document lives in «{folder}/» but its date says it belongs in «{expected}/»"
                    ),
                )
                .at_line(line("date"))
                .in_field("date"),
            );
        }
    }
    match (parsed, id.clone()) {
        (Ok(meta), Some(id)) if diags.is_empty() => {
            let body = Body::File(path.to_path_buf());
            let edtf = written_edtf(split.yaml);
            let event_date = None;
            Ok(Document { id, folder, path: rel, meta, body, field_lines, edtf, event_date })
        }
        (parsed, _) => {
            let front = match &parsed {
                Ok(_) => serde_yaml::from_str(split.yaml),
                Err(rejected) => serde_yaml::from_str(&rejected.rest),
            };
            let refs = broken::references(None, &front.unwrap_or(Value::Null), &field_lines);
            Err(Failed { diags, broken: broken(refs) })
        }
    }
}

/// The document date of front matter `yaml` when it is more than a plain date.
fn written_edtf(yaml: &str) -> Option<Edtf> {
    // Most dates are plain: their line is looked at, not the front matter parsed again.
    let value = yaml.lines().find_map(|l| l.strip_prefix("date:"))?.trim();
    if !value.is_empty() && !value.contains(['?', '~', '%', '/', 'X', 'x']) {
        return None;
    }
    let v: Value = serde_yaml::from_str(yaml).ok()?;
    edtf::from_yaml(v.get("date")?).ok().filter(|e| e.plain().is_none())
}

fn load_kind(
    root: &Path,
    kind: EntityKind,
    default_lang: &str,
    diags: &mut Diagnostics,
    broken: &mut Vec<Broken>,
) -> BTreeMap<String, Entity> {
    let dir = root.join("content").join(kind.dir());
    let files = list_md(root, &dir, diags);
    let parsed: Vec<Result<Entity, Failed>> =
        files.par_iter().map(|p| load_entity(root, p, default_lang, kind)).collect();
    let mut out = BTreeMap::new();
    for r in parsed {
        match r {
            Ok(e) => {
                if let Some(prev) = out.get(&e.id).map(|p: &Entity| p.path.clone()) {
                    diags.push(Diagnostic::error(
                        &e.path,
                        format!(
                            "duplicate {} id «{}», also defined in {}",
                            kind.singular(),
                            e.id,
                            prev.display()
                        ),
                    ));
                } else {
                    out.insert(e.id.clone(), e);
                }
            }
            Err(f) => f.report(diags, broken),
        }
    }
    out
}

fn load_entity(
    root: &Path,
    path: &Path,
    default_lang: &str,
    kind: EntityKind,
) -> Result<Entity, Failed> {
    let rel = relative(root, path);
    let mut diags = Vec::new();
    let id = file_id(&rel).map_err(|d| diags.push(d)).ok();
    let broken = |refs| Broken { path: rel.clone(), kind: Some(kind), id: id.clone(), refs };
    let text = match read_text(root, path) {
        Ok(t) => t,
        Err(d) => return Err(Failed { diags: vec![d], broken: broken(Vec::new()) }),
    };
    let split = match front_matter::split(&text) {
        Ok(s) => s,
        Err(e) => {
            diags.push(fm_diag(&rel, e));
            return Err(Failed { diags, broken: broken(Vec::new()) });
        }
    };
    let field_lines = front_matter::field_lines(split.yaml, split.yaml_line);
    match (EntityData::parse(kind, split.yaml, split.yaml_line), id.clone()) {
        (Ok(data), Some(id)) => Ok(Entity {
            id,
            path: rel,
            data,
            descriptions: entity::split_descriptions(split.body, default_lang),
            field_lines,
        }),
        (parsed, _) => {
            let front = match &parsed {
                Ok(_) => serde_yaml::from_str(split.yaml),
                Err(rejected) => {
                    diags.extend(rejected.errors.iter().map(|e| fm_diag(&rel, e.clone())));
                    serde_yaml::from_str(&rejected.rest)
                }
            };
            let refs = broken::references(Some(kind), &front.unwrap_or(Value::Null), &field_lines);
            Err(Failed { diags, broken: broken(refs) })
        }
    }
}
