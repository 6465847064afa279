//! The error vocabulary shared by every phase.
//!
//! Two kinds of problem exist. An IO failure (a file that cannot be read or written) is an
//! [`anyhow::Error`] with a context naming the path and the action. A problem in user data (a bad
//! date, an unknown country) is a [`Diagnostic`]: it names the file, the line and the field, it is
//! collected rather than returned, and the build reports all of them at once before failing.

use std::fmt;
use std::path::{Path, PathBuf};

pub use anyhow::{Context, Result, anyhow, bail, ensure};

/// How serious a diagnostic is. Errors fail the build; warnings are reported only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth a curator's attention, but the site can still be built.
    Warning,
    /// The input is wrong; the build must not publish.
    Error,
}

/// One problem in user data, located as precisely as we can.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// File the problem is in, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line in that file, when known.
    pub line: Option<usize>,
    /// Front matter field (or config key) at fault, when there is one.
    pub field: Option<String>,
    /// What is wrong, in a sentence a curator can act on.
    pub message: String,
    /// Whether this blocks the build.
    pub severity: Severity,
    /// What sort of problem this is («orphan entity», «under review»), for reports that group
    /// many warnings; `None` groups it by its field.
    pub kind: Option<&'static str>,
}

impl Diagnostic {
    /// An error-level diagnostic for `path`.
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line: None,
            field: None,
            message: message.into(),
            severity: Severity::Error,
            kind: None,
        }
    }

    /// A warning-level diagnostic for `path`.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, message) }
    }

    /// Sets the line.
    pub fn at_line(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }

    /// Sets the field.
    pub fn in_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Sets the kind of problem.
    pub fn of_kind(mut self, kind: &'static str) -> Self {
        self.kind = Some(kind);
        self
    }

    /// Whether this diagnostic blocks the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The label a report groups this diagnostic under: its kind, else its field, else «other».
    pub fn group(&self) -> &str {
        self.kind.unwrap_or_else(|| self.field.as_deref().unwrap_or("other"))
    }
}

impl fmt::Display for Diagnostic {
    /// `content/documents/2019/x.md:4: date: expected YYYY[-MM[-DD]], got «2 ноября»`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{level}: {}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": ")?;
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// A collection of diagnostics from one or more phases.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// No diagnostics.
    pub fn new() -> Self {
        Diagnostics(Vec::new())
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Moves all diagnostics of `other` into `self`.
    pub fn append(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Number of error-level diagnostics.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    /// All diagnostics in a stable order (by file, then line), for reporting.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.0.iter().collect();
        v.sort();
        v
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of diagnostics.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Iterates in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Keeps only the diagnostics for which `keep` is true.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.0.retain(keep);
    }

    /// The order a person reads a report in: every error (by file and line), then the warnings
    /// in groups of one kind ([`Diagnostic::group`]), the largest group first, each group by file
    /// and line.
    pub fn for_reading(&self) -> (Vec<&Diagnostic>, Vec<(&str, Vec<&Diagnostic>)>) {
        let sorted = self.sorted();
        let errors = sorted.iter().copied().filter(|d| d.is_error()).collect();
        let mut groups: Vec<(&str, Vec<&Diagnostic>)> = Vec::new();
        for d in sorted.into_iter().filter(|d| !d.is_error()) {
            match groups.iter_mut().find(|(g, _)| *g == d.group()) {
                Some((_, list)) => list.push(d),
                None => groups.push((d.group(), vec![d])),
            }
        }
        groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
        (errors, groups)
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics(iter.into_iter().collect())
    }
}

/// Error returned when user data has error-level diagnostics; its text lists all of them.
#[derive(Debug)]
pub struct InvalidInput(pub Diagnostics);

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.0.sorted() {
            writeln!(f, "{d}")?;
        }
        write!(f, "{} error(s) in the input; nothing was published", self.0.error_count())
    }
}

impl std::error::Error for InvalidInput {}

/// `path` relative to `root` when it lies below it, for messages that do not leak machine paths.
pub(crate) fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_and_field() {
        let d = Diagnostic::error("content/documents/2019/x.md", "expected YYYY[-MM[-DD]]")
            .at_line(Some(4))
            .in_field("date");
        assert_eq!(
            d.to_string(),
            "error: content/documents/2019/x.md:4: date: expected YYYY[-MM[-DD]]"
        );
    }

    #[test]
    fn reading_order_puts_errors_first_then_warnings_grouped_by_kind() {
        let ds: Diagnostics = [
            Diagnostic::warning("b.md", "orphan").of_kind("orphan entity"),
            Diagnostic::warning("a.md", "no name").in_field("name"),
            Diagnostic::error("z.md", "bad date").in_field("date"),
            Diagnostic::warning("a.md", "orphan").of_kind("orphan entity"),
            Diagnostic::error("c.md", "bad kind").in_field("kind"),
            Diagnostic::warning("c.md", "odd"),
        ]
        .into_iter()
        .collect();
        let (errors, groups) = ds.for_reading();
        let paths =
            |v: &[&Diagnostic]| v.iter().map(|d| d.path.display().to_string()).collect::<Vec<_>>();
        assert_eq!(paths(&errors), ["c.md", "z.md"]);
        let labels: Vec<(&str, usize)> = groups.iter().map(|(g, v)| (*g, v.len())).collect();
        assert_eq!(labels, [("orphan entity", 2), ("name", 1), ("other", 1)]);
        assert_eq!(paths(&groups[0].1), ["a.md", "b.md"]);
    }

    #[test]
    fn warnings_do_not_count_as_errors() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::warning("a", "w"));
        assert!(!ds.has_errors());
        ds.push(Diagnostic::error("b", "e"));
        assert_eq!(ds.error_count(), 1);
    }
}
