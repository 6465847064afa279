//! Never lose a person's work. Each imported file carries a fingerprint of what the importer
//! wrote, as a YAML comment on the last line of its front matter. On the next import:
//! a file whose text still matches its fingerprint is the importer's own and may be updated;
//! a file that differs — or has no fingerprint (written by hand) — was edited by a person and is
//! kept as it is, reported, and replaced only with `--force`, which first copies it to
//! `.archive/import-backups/` so the old version stays recoverable.

use std::path::{Path, PathBuf};

/// Prefix of the fingerprint comment.
const MARK: &str = "# archive import fingerprint: ";

/// FNV-1a, 64 bit: stable across platforms and compiler versions (unlike std's hasher), and
/// enough to tell «unchanged since import» from «edited».
fn fnv(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The recorded fingerprint and `text` without its comment. The comment is only looked for where
/// `stamp` puts it — the last line of the front matter — so a body line that happens to look like
/// it changes nothing.
fn split_mark(text: &str) -> Option<(String, String)> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let fence = lines.iter().enumerate().filter(|(_, l)| l.trim_end() == "---").nth(1)?.0;
    let mark_at = fence.checked_sub(1)?;
    let recorded = lines[mark_at].strip_prefix(MARK)?.trim().to_string();
    let rest: String =
        lines.iter().enumerate().filter(|(i, _)| *i != mark_at).map(|(_, l)| *l).collect();
    Some((recorded, rest))
}

/// Adds the fingerprint comment as the last line of the front matter of `text`.
pub fn stamp(text: &str) -> String {
    let fp = fnv(text);
    // The closing fence is the second `---` line.
    let mut out = String::with_capacity(text.len() + 64);
    let mut fences = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "---" {
            fences += 1;
            if fences == 2 {
                out.push_str(&format!("{MARK}{fp:016x}\n"));
            }
        }
        out.push_str(line);
    }
    out
}

/// Whether a file was last written by the importer and not edited since.
pub fn untouched(text: &str) -> bool {
    split_mark(text).is_some_and(|(recorded, rest)| format!("{:016x}", fnv(&rest)) == recorded)
}

/// What to do with one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// New file.
    Created,
    /// The importer's own earlier output, now different.
    Updated,
    /// Same as what is there.
    Unchanged,
    /// A person edited the file; left as it is.
    KeptEdited,
    /// A person edited the file; replaced because of `--force`, old version backed up.
    Replaced,
}

/// Decides the action for writing `new` (already stamped) over whatever is at `path`.
pub(crate) fn decide(existing: Option<&str>, new: &str, force: bool) -> Action {
    match existing {
        None => Action::Created,
        Some(old) if old == new => Action::Unchanged,
        Some(old) if untouched(old) => Action::Updated,
        Some(_) if force => Action::Replaced,
        Some(_) => Action::KeptEdited,
    }
}

/// Where `--force` keeps the previous version of `rel` (a content path).
pub(crate) fn backup_path(root: &Path, rel: &str, old: &str) -> PathBuf {
    let flat = rel.replace('/', "__");
    root.join(".archive/import-backups").join(format!("{flat}.{:016x}", fnv(old)))
}

/// The metadata of a file already in `content/` (a person's edited version), when it reads: a
/// `kept-edited` row reports the file's own review lines, not the draft's.
pub(crate) fn file_meta(text: &str) -> Option<crate::content::DocumentMeta> {
    let s = crate::content::front_matter::split(text).ok()?;
    crate::content::front_matter::parse(s.yaml, s.yaml_line).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "---\ntitle: \"x\"\nlang: ru\n---\nТекст.\n";

    #[test]
    fn stamped_file_is_untouched_until_edited() {
        let s = stamp(DOC);
        assert!(s.contains(MARK));
        assert!(untouched(&s));
        assert!(!untouched(&s.replace("Текст", "Правка")));
        assert!(!untouched(DOC), "a hand-written file has no fingerprint");
        // A body line that looks like the fingerprint is just text.
        let with_line = stamp(&format!("{DOC}{MARK}not a fingerprint\n"));
        assert!(untouched(&with_line));
    }

    #[test]
    fn decisions() {
        let s = stamp(DOC);
        let s2 = stamp(&DOC.replace("x", "y"));
        assert_eq!(decide(None, &s, false), Action::Created);
        assert_eq!(decide(Some(&s), &s, false), Action::Unchanged);
        assert_eq!(decide(Some(&s), &s2, false), Action::Updated);
        let edited = s.replace("Текст", "Правка архивиста");
        assert_eq!(decide(Some(&edited), &s2, false), Action::KeptEdited);
        assert_eq!(decide(Some(&edited), &s2, true), Action::Replaced);
    }
}
