//! Pure text utilities shared by the importer, slugs and search. A leaf module: it uses no other
//! module of the crate, does no IO and keeps no state.

pub(crate) mod collate;
#[doc(hidden)]
pub mod escape;
pub mod homoglyph;
pub(crate) mod json;
#[doc(hidden)]
pub mod stem;
pub(crate) mod translit;
pub(crate) mod words;

pub use translit::{slugify, translit};
pub use words::fold;
pub(crate) use words::{Token, for_each_folded, tokenize};

/// `bytes` as text when they are valid UTF-8, as [`std::str::from_utf8`] answers, but
/// validated with SIMD: every content file passes through here twice per build, and std's
/// check goes a character at a time through Cyrillic.
///
/// ```
/// assert_eq!(archive::text::utf8(b"\xd2\x9a").unwrap(), "Қ");
/// assert_eq!(archive::text::utf8(b"a\xff").unwrap_err().valid_up_to(), 1);
/// ```
pub fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    // The slow path runs only for invalid input, and gives the error its position.
    simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes))
}

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

/// Standard base64 (RFC 4648, with padding): bitsets in the search index, citation files in
/// `data:` links.
///
/// ```
/// assert_eq!(archive::text::base64(b"Man"), "TWFu");
/// assert_eq!(archive::text::base64(b"Ma"), "TWE=");
/// assert_eq!(archive::text::base64(b"M"), "TQ==");
/// assert_eq!(archive::text::base64(b""), "");
/// assert_eq!(archive::text::base64("Қ".as_bytes()), "0po=");
/// ```
pub fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sextet = |n: u32, shift: u32| A[(n >> shift) as usize & 63];
    let mut out = Vec::with_capacity(bytes.len().div_ceil(3) * 4);
    let mut chunks = bytes.chunks_exact(3);
    for c in &mut chunks {
        let n = (u32::from(c[0]) << 16) | (u32::from(c[1]) << 8) | u32::from(c[2]);
        out.extend_from_slice(&[sextet(n, 18), sextet(n, 12), sextet(n, 6), sextet(n, 0)]);
    }
    match *chunks.remainder() {
        [a] => {
            let n = u32::from(a) << 16;
            out.extend_from_slice(&[sextet(n, 18), sextet(n, 12), b'=', b'=']);
        }
        [a, b] => {
            let n = (u32::from(a) << 16) | (u32::from(b) << 8);
            out.extend_from_slice(&[sextet(n, 18), sextet(n, 12), sextet(n, 6), b'=']);
        }
        _ => {}
    }
    // Only the ASCII of the alphabet and `=` went in.
    String::from_utf8(out).expect("only ASCII went in")
}
