//! Raw bytes → text. Sources come as they were saved: UTF-8, UTF-16 from Windows tools, and the
//! legacy Cyrillic code pages (windows-1251, KOI8-R) of older sites and archives. In order:
//!
//! 1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) decides;
//! 2. UTF-16 without a mark is recognised by its pattern: in Russian, Kazakh or Latin text every
//!    other byte is `0x00` or `0x04` (the high byte of ASCII and Cyrillic code points);
//! 3. valid UTF-8 is UTF-8 (a page saved as UTF-8 often keeps its old `charset` meta);
//! 4. a page's `<meta charset>` or `http-equiv` Content-Type names the encoding;
//! 5. otherwise the encoding is guessed by `chardetng` (Firefox's detector), which tells
//!    windows-1251 from KOI8-R by which reading gives likely Cyrillic text. The guess is noted for
//!    review.
//!
//! Decoding is by `encoding_rs` (the WHATWG Encoding Standard): bytes that do not fit the
//! encoding become U+FFFD, so every file gives a text.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// A decoded file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text (a byte-order mark removed).
    pub text: String,
    /// The encoding it was read in.
    pub encoding: &'static Encoding,
    /// A review note when the encoding was guessed rather than stated or certain.
    pub note: Option<String>,
}

/// Decodes `bytes`; `html` lets a `<meta charset>` name the encoding.
pub fn decode(bytes: &[u8], html: bool) -> Decoded {
    let (encoding, skip, guessed) = if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        (enc, bom, false)
    } else if let Some(enc) = utf16_without_bom(bytes) {
        (enc, 0, false)
    } else if std::str::from_utf8(bytes).is_ok() {
        (UTF_8, 0, false)
    } else if let Some(enc) = html.then(|| meta_charset(bytes)).flatten() {
        (enc, 0, false)
    } else {
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        (detector.guess(None, false), 0, true)
    };
    let (text, _) = encoding.decode_without_bom_handling(&bytes[skip..]);
    let note = guessed.then(|| {
        format!(
            "text: the file states no encoding and is not UTF-8; it was read as {} (a guess): check that its letters read right",
            encoding.name()
        )
    });
    Decoded { text: text.into_owned(), encoding, note }
}

/// Whether `bytes` start like an HTML page (after whitespace): `<!doctype html` or `<html`.
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    let head = &bytes[start..bytes.len().min(start + 14)];
    let starts = |p: &[u8]| head.len() >= p.len() && head[..p.len()].eq_ignore_ascii_case(p);
    starts(b"<!doctype html") || starts(b"<html")
}

/// UTF-16 without a byte-order mark: an even number of bytes, at least 8, and nearly every byte
/// at odd (little-endian) or even (big-endian) offsets `0x00` or `0x04` — the high bytes of
/// ASCII and Cyrillic — while the other half is not (UTF-8 text has neither byte).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let high = |b: &u8| *b == 0 || *b == 4;
    let share = |offset: usize| {
        let n = bytes.iter().skip(offset).step_by(2).filter(|b| high(b)).count();
        n * 100 / (bytes.len() / 2)
    };
    let (even, odd) = (share(0), share(1));
    if odd >= 90 && even < 50 {
        Some(UTF_16LE)
    } else if even >= 90 && odd < 50 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The encoding a page's `<meta charset=…>` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` names, looked for in its first 1024 bytes as browsers do. UTF-16
/// named there is taken as UTF-8 (the standard's rule: a page that could be read to its meta
/// is not UTF-16).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(k) = memchr::memmem::find(&lower[from..], b"charset") {
        let mut i = from + k + "charset".len();
        from = i;
        while lower.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while lower.get(i).is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'') {
            i += 1;
        }
        let label: Vec<u8> = lower[i..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
            .copied()
            .collect();
        if let Some(enc) = Encoding::for_label(&label) {
            return Some(if enc == UTF_16LE || enc == UTF_16BE { UTF_8 } else { enc });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{KOI8_R, WINDOWS_1251};

    const RU: &str = "Премьер-министр Казахстана принял участие в заседании Совета глав правительств государств - членов Шанхайской организации сотрудничества в Ташкенте.";
    const KK: &str = "Қазақстан Республикасының Премьер-Министрі Тәуелсіз Мемлекеттер Достастығы үкімет басшылары кеңесінің отырысына қатысты.";

    fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if little { [0xff, 0xfe] } else { [0xfe, 0xff] });
        }
        for u in text.encode_utf16() {
            out.extend(if little { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    #[test]
    fn legacy_cyrillic_encodings_are_guessed_and_noted() {
        for enc in [WINDOWS_1251, KOI8_R] {
            let (bytes, _, unmappable) = enc.encode(RU);
            assert!(!unmappable);
            let d = decode(&bytes, false);
            assert_eq!(d.text, RU, "{}", enc.name());
            // chardetng names KOI8-U, KOI8-R's superset, for KOI8 text: the same Russian letters.
            assert!(d.encoding.name().starts_with(&enc.name()[..4]), "{}", d.encoding.name());
            assert!(d.note.as_deref().is_some_and(|n| n.contains(d.encoding.name())));
        }
    }

    #[test]
    fn utf16_with_and_without_byte_order_mark() {
        for text in [KK, RU, "Plain ASCII text of a report, 2024."] {
            for (little, bom) in [(true, true), (false, true), (true, false), (false, false)] {
                let d = decode(&utf16(text, little, bom), false);
                assert_eq!(d.text, text, "little {little}, bom {bom}");
                assert_eq!(d.note, None);
            }
        }
    }

    #[test]
    fn utf8_stays_utf8_with_or_without_a_mark() {
        let d = decode(KK.as_bytes(), true);
        assert_eq!((d.text.as_str(), d.encoding, d.note), (KK, UTF_8, None));
        let with_bom = [&[0xef, 0xbb, 0xbf][..], KK.as_bytes()].concat();
        assert_eq!(decode(&with_bom, false).text, KK);
        // A page saved as UTF-8 that kept its old charset meta is still UTF-8.
        let page = format!("<meta charset=windows-1251><p>{RU}</p>");
        assert!(decode(page.as_bytes(), true).text.contains(RU));
    }

    #[test]
    fn charset_meta_of_a_page_is_followed() {
        for meta in [
            "<meta charset=windows-1251>",
            "<meta charset=\"koi8-r\">",
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">",
        ] {
            let page = format!("<!DOCTYPE html><html><head>{meta}</head><body><p>{RU}</p>");
            let enc = if meta.contains("koi8") { KOI8_R } else { WINDOWS_1251 };
            let (bytes, _, _) = enc.encode(&page);
            let d = decode(&bytes, true);
            assert_eq!(d.text, page);
            assert_eq!((d.encoding, d.note), (enc, None));
        }
    }
}
