//! Pure text utilities shared by the importer, slugs and search. A leaf module: it uses no other
//! module of the crate, does no IO and keeps no state.

pub mod stem;
pub mod translit;
pub mod words;

pub use translit::{slugify, translit};
pub use words::{Token, fold, for_each_folded, tokenize};

/// Whether `id` is a valid content id: lowercase ASCII letters, digits and single hyphens, not
/// starting or ending with a hyphen. Such an id is safe as a path segment and a URL segment.
///
/// ```
/// use archive::text::is_valid_id;
/// assert!(is_valid_id("askar-mamin"));
/// assert!(is_valid_id("2019-11-02-sco-heads-of-government-tashkent"));
/// assert!(!is_valid_id("../etc"));
/// assert!(!is_valid_id("Kazakhstan"));
/// assert!(!is_valid_id("a--b"));
/// ```
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 200
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}
