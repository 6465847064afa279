//! Splits a content file into its YAML front matter and Markdown body, and parses the front matter
//! into a typed struct while mapping YAML error positions back to lines of the file.
//!
//! Accepted: an optional byte-order mark, `\n` or `\r\n` line endings, a first line `---` and a
//! closing line `---` (or `...`). The body starts on the line after the closing marker.

use serde::de::DeserializeOwned;

/// A content file split in two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML text between the markers.
    pub yaml: &'a str,
    /// 1-based file line of the first YAML line.
    pub yaml_line: usize,
    /// Everything after the closing marker.
    pub body: &'a str,
    /// 1-based file line where the body starts.
    pub body_line: usize,
}

/// A front matter problem: a message, the file line and the field when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FmError {
    /// 1-based line in the file.
    pub line: Option<usize>,
    /// Top-level field at fault.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

/// Splits `text` into front matter and body.
///
/// ```
/// let s = archive::content::front_matter::split("---\ntitle: x\n---\nBody\n").unwrap();
/// assert_eq!((s.yaml, s.body, s.body_line), ("title: x\n", "Body\n", 4));
/// ```
pub fn split(text: &str) -> Result<Split<'_>, FmError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let err = |line, message: &str| FmError { line, field: None, message: message.to_string() };
    let first_end = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err(err(Some(1), "the file must start with a front matter block: a line `---`"));
    }
    let yaml_start = first_end;
    let mut pos = yaml_start;
    let mut line = 2;
    while pos < text.len() {
        let end = text[pos..].find('\n').map(|i| pos + i + 1).unwrap_or(text.len());
        let l = text[pos..end].trim_end();
        if l == "---" || l == "..." {
            return Ok(Split {
                yaml: &text[yaml_start..pos],
                yaml_line: 2,
                body: &text[end..],
                body_line: line + 1,
            });
        }
        pos = end;
        line += 1;
    }
    Err(err(Some(1), "the front matter block opened on line 1 is never closed by a line `---`"))
}

/// Parses front matter YAML into `T`. `yaml_line` is the file line of the first YAML line.
/// Front matter nested deeper than [`super::depth::MAX_DEPTH`] is refused before the YAML parser
/// sees it (see [`super::depth`]).
pub fn parse<T: DeserializeOwned>(yaml: &str, yaml_line: usize) -> Result<T, FmError> {
    if let Err(at) = super::depth::check(yaml) {
        // The field is the top-level key the deep line belongs to.
        let field = yaml.split('\n').take(at + 1).filter_map(top_level_key).last();
        return Err(FmError {
            line: Some(yaml_line + at),
            field: field.map(str::to_string),
            message: format!(
                "nested more than {} levels deep (lists or maps inside each other); front matter needs a few",
                super::depth::MAX_DEPTH
            ),
        });
    }
    serde_yaml::from_str::<T>(yaml).map_err(|e| {
        // libyaml also breaks lines at a lone `\r`, NEL and U+2028/9; a file line is a `\n` line,
        // so count those up to the error's byte offset.
        let line = e.location().map(|l| match yaml.get(..l.index()) {
            Some(before) => before.matches('\n').count() + yaml_line,
            None => l.line() + yaml_line - 1,
        });
        let text = e.to_string();
        // serde_yaml prefixes errors with the path of the value: `countries[0]: invalid type …`.
        let (field, message) = match text.split_once(": ") {
            Some((path, rest)) if is_field_path(path) => {
                let top = path.split(['[', '.']).next().unwrap_or(path);
                (Some(top.to_string()), rest.to_string())
            }
            _ => (None, text.clone()),
        };
        let message = strip_location(&message);
        // An anchored empty key (`&a: x`) is an unknown field with an empty name: name none.
        let field = field.or_else(|| unknown_field(&message)).filter(|f| !f.is_empty());
        FmError { line, field, message }
    })
}

/// The most problems [`parse_all`] lists for one front matter block.
pub const MAX_PROBLEMS: usize = 32;

/// Front matter that does not fit its type: every field at fault, and what is left of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// One problem per top-level field at fault (plus a syntax error or a missing field, which
    /// end the search), in the order they were found.
    pub errors: Vec<FmError>,
    /// The YAML with the lines of every field at fault blanked (line numbers unchanged): the
    /// valid fields, for later phases to learn the references a broken file makes.
    pub rest: String,
}

/// Parses front matter YAML into `T` like [`parse`], but when it does not fit, finds the problem
/// of *every* top-level field rather than the first: the field at fault is blanked (its lines
/// emptied, so lines keep their numbers) and the rest parsed again, until the rest fits or fails
/// for a reason no field can be blamed for (a syntax error, a missing required field).
///
/// ```
/// use archive::content::front_matter::parse_all;
/// #[derive(serde::Deserialize, Debug)]
/// struct M { a: u8, b: u8, c: u8 }
/// let e = parse_all::<M>("a: x\nb: 1\nc: y\n", 2).unwrap_err();
/// let found: Vec<_> = e.errors.iter().map(|e| (e.field.as_deref(), e.line)).collect();
/// assert_eq!(found, [(Some("a"), Some(2)), (Some("c"), Some(4))]);
/// assert_eq!(e.rest, "\nb: 1\n\n");
/// ```
pub fn parse_all<T: DeserializeOwned>(yaml: &str, yaml_line: usize) -> Result<T, Rejected> {
    let first = match parse::<T>(yaml, yaml_line) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    let mut rest = yaml.to_string();
    let mut blanked: Vec<String> = Vec::new();
    let mut errors = Vec::new();
    let mut next = Some(first);
    // Each round blanks one more top-level field, so the rounds are bounded by their number;
    // and by MAX_PROBLEMS, since each round parses the block again.
    while let Some(e) = next.take() {
        if errors.len() == MAX_PROBLEMS {
            errors.push(FmError {
                line: None,
                field: None,
                message: format!("more than {MAX_PROBLEMS} fields are wrong; fix these first"),
            });
            break;
        }
        let missing = missing_field(&e.message);
        if missing.is_some_and(|m| blanked.iter().any(|b| b == m)) {
            // Only missing because its bad value was blanked: already reported.
            break;
        }
        let field = e.field.clone().or_else(|| missing.map(str::to_string));
        let blank = e.field.as_deref().filter(|f| !blanked.iter().any(|b| b == f));
        let done = match blank {
            Some(f) if blank_field(&mut rest, f) => {
                blanked.push(f.to_string());
                false
            }
            _ => true,
        };
        errors.push(FmError { field, ..e });
        if done {
            break;
        }
        next = parse::<T>(&rest, yaml_line).err();
    }
    Err(Rejected { errors, rest })
}

/// Empties the lines of top-level field `field` (its key line and everything up to the next
/// top-level key), keeping the line breaks. Returns whether the field was found.
fn blank_field(yaml: &mut String, field: &str) -> bool {
    let mut out = String::with_capacity(yaml.len());
    let mut inside = false;
    let mut found = false;
    for line in yaml.split_inclusive('\n') {
        if let Some(key) = top_level_key(line) {
            inside = key == field;
            found |= inside;
        }
        if inside {
            // Keep the line break, `\r\n` included.
            out.push_str(&line[line.trim_end_matches(['\r', '\n']).len()..]);
        } else {
            out.push_str(line);
        }
    }
    *yaml = out;
    found
}

/// The key of a line that starts a top-level field (`title: x` → `title`).
fn top_level_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let key = line.split_once(':')?.0.trim();
    let valid = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    valid.then_some(key)
}

fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}

fn is_field_path(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '-'))
}

fn unknown_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    Some(rest.split('`').next()?.to_string())
}

fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The file line of each top-level key of the front matter, so that later phases can point at
/// the line of a field (`countries` on line 7) without keeping the YAML around.
pub fn field_lines(yaml: &str, yaml_line: usize) -> FieldLines {
    let mut out: Vec<(Box<str>, u32)> = Vec::new();
    for (i, line) in yaml.lines().enumerate() {
        if let Some(key) = top_level_key(line)
            && !out.iter().any(|(k, _)| &**k == key)
        {
            out.push((key.into(), (yaml_line + i) as u32));
        }
    }
    FieldLines(out.into_boxed_slice())
}

/// The file line of each top-level field of a front matter block, kept compact: every loaded
/// file holds one for as long as the build runs (a map per document cost ~1 KB each).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldLines(Box<[(Box<str>, u32)]>);

impl FieldLines {
    /// The line of `field`, when the block has it.
    pub fn get(&self, field: &str) -> Option<usize> {
        self.0.iter().find(|(k, _)| &**k == field).map(|&(_, l)| l as usize)
    }

    /// Every (field, line), in file order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, usize)> {
        self.0.iter().map(|(k, l)| (&**k, *l as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Meta {
        title: String,
        #[serde(default)]
        countries: Vec<String>,
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let s = split("\u{feff}---\r\ntitle: x\r\n---\r\nBody").unwrap();
        assert_eq!(s.body, "Body");
        let m: Meta = parse(s.yaml, s.yaml_line).unwrap();
        assert_eq!(m.title, "x");
    }

    #[test]
    fn missing_and_unterminated_blocks() {
        assert!(split("title: x\n").unwrap_err().message.contains("must start"));
        assert!(split("---\ntitle: x\n").unwrap_err().message.contains("never closed"));
        assert!(split("").is_err());
    }

    #[test]
    fn type_error_names_field_and_file_line() {
        let text = "---\ntitle: x\ncountries: 5\n---\n";
        let s = split(text).unwrap();
        let e = parse::<Meta>(s.yaml, s.yaml_line).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("countries"));
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("invalid type"), "{}", e.message);
    }

    #[test]
    fn unknown_field_is_named() {
        let s = split("---\ntitle: x\ncontries: [a]\n---\n").unwrap();
        let e = parse::<Meta>(s.yaml, s.yaml_line).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("contries"));
    }

    #[test]
    fn empty_unknown_field_is_not_named() {
        // `&ind: city` is an anchor on an empty key: the problem named the field ``.
        let s = split("---\ntitle: x\n&ind: city\n---\n").unwrap();
        let e = parse::<Meta>(s.yaml, s.yaml_line).unwrap_err();
        assert_eq!(e.field, None, "{e:?}");
        assert!(e.message.contains("unknown field"), "{e:?}");
    }

    #[test]
    fn malformed_yaml_has_a_line() {
        let s = split("---\ntitle: x\ncountries: [a, b\n---\n").unwrap();
        let e = parse::<Meta>(s.yaml, s.yaml_line).unwrap_err();
        assert!(e.line.is_some_and(|l| l >= 3), "{e:?}");
    }

    #[test]
    fn error_lines_count_only_newlines() {
        // A lone `\r` (or U+2028) is a line break to YAML: this error on line 3 was put on
        // line 6, below the closing fence.
        for sep in ["\r", "\u{2028}"] {
            let text =
                format!("---\ntitle: x{sep}countries:{sep}  - a{sep}  - b\n - c\ntitle: y\n---\n");
            let s = split(&text).unwrap();
            let e = parse::<Meta>(s.yaml, s.yaml_line).unwrap_err();
            assert_eq!(e.line, Some(3), "{sep:?}: {e:?}");
        }
    }

    #[test]
    fn every_field_problem_is_found_not_only_the_first() {
        let text = "---\ntitle: [x]\ncountries:\n  - 5\n  - [a]\ncontries: [b]\n---\n";
        let s = split(text).unwrap();
        let e = parse_all::<Meta>(s.yaml, s.yaml_line).unwrap_err();
        let found: Vec<_> = e.errors.iter().map(|e| (e.field.as_deref(), e.line)).collect();
        // `title` is also missing once blanked: that is not a second problem.
        assert_eq!(
            found,
            [(Some("title"), Some(2)), (Some("countries"), Some(5)), (Some("contries"), Some(6))]
        );
        assert_eq!(e.rest.lines().count(), 5, "lines keep their numbers: {:?}", e.rest);
    }

    #[test]
    fn problems_listed_per_block_are_bounded() {
        // 2,000 unknown fields: a parse per field would be quadratic, so the list stops.
        let yaml: String = (0..2000).map(|i| format!("f{i}: x\n")).collect();
        let e = parse_all::<Meta>(&format!("title: x\n{yaml}"), 2).unwrap_err();
        assert_eq!(e.errors.len(), MAX_PROBLEMS + 1);
        assert!(e.errors[MAX_PROBLEMS].message.contains("fix these first"), "{e:?}");
    }

    #[test]
    fn a_missing_field_is_named_and_a_syntax_error_ends_the_search() {
        let e = parse_all::<Meta>("countries: [a]\n", 2).unwrap_err();
        assert_eq!(e.errors.len(), 1);
        assert_eq!(e.errors[0].field.as_deref(), Some("title"), "{e:?}");
        let e = parse_all::<Meta>("title: x\ncountries: 5\nx: [\n", 2).unwrap_err();
        assert!(!e.errors.is_empty(), "{e:?}");
    }

    #[test]
    fn field_lines_are_file_lines() {
        let lines = field_lines("title: x\nsource:\n  name: y\ncountries: [a]\n", 2);
        assert_eq!(lines.get("title"), Some(2));
        assert_eq!(lines.get("countries"), Some(5));
        assert_eq!(lines.get("name"), None);
        assert_eq!(
            lines.iter().collect::<Vec<_>>(),
            [("title", 2), ("source", 3), ("countries", 5)]
        );
    }
}
