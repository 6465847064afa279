//! A DOCX file opened for import: its ZIP container read with bounded decompression, and its
//! text made Markdown by [`wordxml`].
//!
//! A DOCX is a ZIP archive; a few kilobytes of it can claim to unpack to gigabytes (a «ZIP
//! bomb»). No part is trusted for its stated size: each is inflated through a counter that stops
//! at [`MAX_PART`], and all parts together at [`MAX_TOTAL`]. A password-protected Word file (an
//! OLE container, not a ZIP) and an old binary `.doc` are named as such.

use std::io::{Cursor, Read};

use super::wordxml::{self, Parts};

/// The largest XML part read, inflated (a 300-page report's `document.xml` is some 10 MB).
pub(crate) const MAX_PART: u64 = 48 << 20;
/// The most read from one DOCX, all parts inflated.
pub(crate) const MAX_TOTAL: u64 = 96 << 20;

/// The first bytes of an OLE compound file: a `.doc`, or a `.docx` encrypted with a password.
const OLE: [u8; 8] = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/// The text of a DOCX as Markdown, or why it cannot be read (a sentence to follow the file's
/// name).
pub fn read(bytes: &[u8]) -> Result<String, String> {
    read_within(bytes, MAX_PART, MAX_TOTAL)
}

/// [`read`] with the limits given (a test makes them small).
fn read_within(bytes: &[u8], max_part: u64, max_total: u64) -> Result<String, String> {
    if bytes.starts_with(&OLE) {
        return Err("is a password-protected Word document or an old binary .doc, which archive \
                    import does not read; save it as an unprotected .docx and import that"
            .into());
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("is not a readable DOCX (its ZIP container is broken: {e})"))?;
    let mut budget = max_total;
    let mut part = |name: &str| read_part(&mut zip, name, max_part, &mut budget);
    let document = part("word/document.xml")?
        .ok_or("is not a Word document (its archive holds no word/document.xml)")?;
    let styles = part("word/styles.xml")?;
    let numbering = part("word/numbering.xml")?;
    let footnotes = part("word/footnotes.xml")?;
    let endnotes = part("word/endnotes.xml")?;
    wordxml::to_markdown(&Parts {
        document: &document,
        styles: styles.as_deref(),
        numbering: numbering.as_deref(),
        footnotes: footnotes.as_deref(),
        endnotes: endnotes.as_deref(),
    })
    .map_err(|e| format!("is not a readable DOCX: {e}"))
}

/// One part's text, if the archive has it; at most `max` bytes, and no more than is left of
/// `budget`.
fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    max: u64,
    budget: &mut u64,
) -> Result<Option<String>, String> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("is not a readable DOCX ({name}: {e})")),
    };
    let limit = max.min(*budget);
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("is not a readable DOCX ({name} cannot be unpacked: {e})"))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "unpacks to more than {} ({name}); it is refused as a ZIP bomb, not a document",
            size(limit)
        ));
    }
    *budget -= bytes.len() as u64;
    String::from_utf8(bytes)
        .map(|s| Some(super::read::normalize(&s)))
        .map_err(|_| format!("is not a readable DOCX ({name} is not UTF-8 text)"))
}

fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 { format!("{} MB", bytes >> 20) } else { format!("{bytes} bytes") }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use super::*;

    /// A DOCX (a ZIP of the given parts, Deflate-compressed) made in memory.
    pub(crate) fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in parts {
            zip.start_file(*name, opts).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    /// `body` wrapped as a `word/document.xml`.
    pub(crate) fn document(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
    }

    #[test]
    fn a_zip_bomb_is_refused() {
        // 8 MB of spaces deflate to some 8 KB; with a 1 MB limit per part it is refused, and the
        // total limit counts every part.
        let spaces = " ".repeat(8 << 20);
        let bytes = docx(&[("word/document.xml", &spaces)]);
        assert!(bytes.len() < 64 << 10, "{}", bytes.len());
        let e = read_within(&bytes, 1 << 20, 4 << 20).unwrap_err();
        assert!(e.contains("unpacks to more than 1 MB (word/document.xml)"), "{e}");
        assert!(e.contains("ZIP bomb"), "{e}");
        let small = " ".repeat(600 << 10);
        let doc = document("");
        let parts = [("word/document.xml", doc.as_str()), ("word/styles.xml", &small)];
        let e = read_within(&docx(&parts), 1 << 20, 512 << 10).unwrap_err();
        assert!(e.contains("(word/styles.xml)"), "{e}");
    }

    #[test]
    fn broken_and_foreign_files_are_named() {
        assert!(read(b"PK\x03\x04 not really").unwrap_err().contains("ZIP container is broken"));
        let e = read(&docx(&[("readme.txt", "hello")])).unwrap_err();
        assert!(e.contains("no word/document.xml"), "{e}");
        let e = read(&docx(&[("word/document.xml", "<w:document><w:body>")])).unwrap_err();
        assert!(e.contains("not readable XML"), "{e}");
        let mut ole = OLE.to_vec();
        ole.extend([0; 100]);
        assert!(read(&ole).unwrap_err().contains("password-protected"));
    }
}
