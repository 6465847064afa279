//! The on-disk content model: files under `content/` ↔ typed structs.
//!
//! [`load`] walks `content/`, reads and parses every file in parallel, and returns a [`Corpus`]
//! plus the [`Diagnostics`] of everything that could not be parsed. It knows about one file at a
//! time only: whether a referenced country exists is a question for `graph`.

pub mod date;
pub mod document;
pub mod entity;
pub mod front_matter;
pub mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

pub use date::PartialDate;
pub use document::{Body, Document, DocumentMeta, Kind, Source};
pub use entity::{
    Country, Entity, EntityKind, Event, MemberStatus, Membership, Names, OrgType, Organization,
    Person, Place, Role,
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
    /// Countries by id.
    pub countries: BTreeMap<String, Entity<Country>>,
    /// Organizations by id.
    pub organizations: BTreeMap<String, Entity<Organization>>,
    /// People by id.
    pub people: BTreeMap<String, Entity<Person>>,
    /// Places by id.
    pub places: BTreeMap<String, Entity<Place>>,
    /// Events by id.
    pub events: BTreeMap<String, Entity<Event>>,
}

impl Corpus {
    /// The ids of the entities of `kind`, in id order.
    pub fn ids(&self, kind: EntityKind) -> Vec<&String> {
        match kind {
            EntityKind::Country => self.countries.keys().collect(),
            EntityKind::Organization => self.organizations.keys().collect(),
            EntityKind::Person => self.people.keys().collect(),
            EntityKind::Place => self.places.keys().collect(),
            EntityKind::Event => self.events.keys().collect(),
        }
    }
}

/// Loads `root/content/`. IO failures on the folder itself are errors; problems with single files
/// are diagnostics, and every readable file is still loaded.
pub fn load(root: &Path, config: &Config) -> Result<(Corpus, Diagnostics)> {
    let content = root.join("content");
    let mut diags = Diagnostics::new();
    let default_lang = config.default_language.as_str();
    let docs_dir = content.join("documents");
    let doc_files = list_md(root, &docs_dir, &mut diags);
    let parsed: Vec<Result<Document, Vec<Diagnostic>>> =
        doc_files.par_iter().map(|p| load_document(root, p).map_err(|d| vec![d])).collect();
    let mut documents = Vec::with_capacity(parsed.len());
    for r in parsed {
        match r {
            Ok(d) => documents.push(d),
            Err(ds) => ds.into_iter().for_each(|d| diags.push(d)),
        }
    }
    let corpus = Corpus {
        documents,
        countries: load_kind(root, EntityKind::Country, default_lang, &mut diags),
        organizations: load_kind(root, EntityKind::Organization, default_lang, &mut diags),
        people: load_kind(root, EntityKind::Person, default_lang, &mut diags),
        places: load_kind(root, EntityKind::Place, default_lang, &mut diags),
        events: load_kind(root, EntityKind::Event, default_lang, &mut diags),
    };
    Ok((corpus, diags))
}

/// Applies a change to one content file (`path` under `root`) to a loaded corpus: the file is
/// read again, or dropped when it is gone. Returns whether `path` is a content Markdown file at
/// all (anything else is not the corpus's business), or the file's diagnostic when it cannot be
/// loaded; the corpus is then left as it was. Used by `archive serve` to apply an edit without
/// reading the whole archive again; [`load`] and a sequence of `reload_file` calls over the
/// changed files give the same corpus up to the order of documents (which `graph::resolve`
/// sets).
pub fn reload_file(
    corpus: &mut Corpus,
    root: &Path,
    config: &Config,
    path: &Path,
) -> Result<bool, Diagnostic> {
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
        let loaded = if gone { None } else { Some(load_document(root, path)?) };
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
    fn replace<T: DeserializeOwned>(
        map: &mut BTreeMap<String, Entity<T>>,
        root: &Path,
        path: &Path,
        rel: &Path,
        gone: bool,
        default_lang: &str,
        kind: EntityKind,
    ) -> Result<(), Diagnostic> {
        let loaded = if gone { None } else { Some(load_entity::<T>(root, path, default_lang)?) };
        if let Some(e) = &loaded
            && let Some(other) = map.get(&e.id).filter(|o| o.path != rel)
        {
            return Err(Diagnostic::error(
                &e.path,
                format!(
                    "duplicate {} id «{}», also defined in {}",
                    kind.singular(),
                    e.id,
                    other.path.display()
                ),
            ));
        }
        map.retain(|_, e| e.path != rel);
        if let Some(e) = loaded {
            map.insert(e.id.clone(), e);
        }
        Ok(())
    }
    let (r, p) = (root, path);
    match EntityKind::ALL.into_iter().find(|k| k.dir() == dir) {
        Some(k @ EntityKind::Country) => {
            replace(&mut corpus.countries, r, p, &rel, gone, default_lang, k)?
        }
        Some(k @ EntityKind::Organization) => {
            replace(&mut corpus.organizations, r, p, &rel, gone, default_lang, k)?
        }
        Some(k @ EntityKind::Person) => {
            replace(&mut corpus.people, r, p, &rel, gone, default_lang, k)?
        }
        Some(k @ EntityKind::Place) => {
            replace(&mut corpus.places, r, p, &rel, gone, default_lang, k)?
        }
        Some(k @ EntityKind::Event) => {
            replace(&mut corpus.events, r, p, &rel, gone, default_lang, k)?
        }
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
    for entry in WalkDir::new(dir).sort_by_file_name() {
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

/// The file stem as an id, or a diagnostic when it is not a valid id.
fn file_id(rel: &Path) -> Result<String, Diagnostic> {
    let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    if is_valid_id(stem) {
        Ok(stem.to_string())
    } else {
        Err(Diagnostic::error(
            rel,
            format!(
                "the file name «{stem}» is not a valid id: use lowercase ASCII letters, digits and single hyphens"
            ),
        ))
    }
}

fn fm_diag(rel: &Path, e: front_matter::FmError) -> Diagnostic {
    let d = Diagnostic::error(rel, e.message).at_line(e.line);
    match e.field {
        Some(f) => d.in_field(f),
        None => d,
    }
}

fn load_document(root: &Path, path: &Path) -> Result<Document, Diagnostic> {
    let text = read_text(root, path)?;
    parse_document(relative(root, path), path, &text)
}

/// A document file's `text` checked and loaded as the build loads it from `path` (`rel` under the
/// site root), without reading it: `archive import` checks each draft with it before writing.
pub(crate) fn parse_document(
    rel: PathBuf,
    path: &Path,
    text: &str,
) -> Result<Document, Diagnostic> {
    let id = file_id(&rel)?;
    let split = front_matter::split(text).map_err(|e| fm_diag(&rel, e))?;
    let meta: DocumentMeta =
        front_matter::parse(split.yaml, split.yaml_line).map_err(|e| fm_diag(&rel, e))?;
    let field_lines = front_matter::field_lines(split.yaml, split.yaml_line);
    let line = |f: &str| field_lines.get(f);
    if meta.title.trim().is_empty() {
        return Err(Diagnostic::error(&rel, "must not be empty")
            .at_line(line("title"))
            .in_field("title"));
    }
    if crate::config::Lang::new(&meta.lang).is_err() {
        return Err(Diagnostic::error(
            &rel,
            format!(
                "«{}» is not a language code (2–3 lowercase letters such as ru, kk)",
                meta.lang
            ),
        )
        .at_line(line("lang"))
        .in_field("lang"));
    }
    let folder = rel
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|f| f.to_str())
        .unwrap_or_default()
        .to_string();
    let expected = meta.date.map(|d| d.year.to_string()).unwrap_or_else(|| "undated".into());
    if folder != expected {
        return Err(Diagnostic::error(
            &rel,
            format!(
                "the document lives in «{folder}/» but its date says it belongs in «{expected}/»"
            ),
        )
        .at_line(line("date"))
        .in_field("date"));
    }
    let body = Body::File(path.to_path_buf());
    Ok(Document { id, folder, path: rel, meta, body, field_lines })
}

fn load_kind<T: DeserializeOwned + Send>(
    root: &Path,
    kind: EntityKind,
    default_lang: &str,
    diags: &mut Diagnostics,
) -> BTreeMap<String, Entity<T>> {
    let dir = root.join("content").join(kind.dir());
    let files = list_md(root, &dir, diags);
    let parsed: Vec<Result<Entity<T>, Diagnostic>> =
        files.par_iter().map(|p| load_entity(root, p, default_lang)).collect();
    let mut out = BTreeMap::new();
    for r in parsed {
        match r {
            Ok(e) => {
                if let Some(prev) = out.get(&e.id).map(|p: &Entity<T>| p.path.clone()) {
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
            Err(d) => diags.push(d),
        }
    }
    out
}

fn load_entity<T: DeserializeOwned>(
    root: &Path,
    path: &Path,
    default_lang: &str,
) -> Result<Entity<T>, Diagnostic> {
    let rel = relative(root, path);
    let text = read_text(root, path)?;
    let id = file_id(&rel)?;
    let split = front_matter::split(&text).map_err(|e| fm_diag(&rel, e))?;
    let data: T = front_matter::parse(split.yaml, split.yaml_line).map_err(|e| fm_diag(&rel, e))?;
    Ok(Entity {
        id,
        path: rel,
        data,
        descriptions: entity::split_descriptions(split.body, default_lang),
        field_lines: front_matter::field_lines(split.yaml, split.yaml_line),
    })
}
