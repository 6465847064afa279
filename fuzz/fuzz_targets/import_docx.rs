//! The importer's DOCX path on any input: the bytes as a DOCX file (`docx::read`: the ZIP
//! container, bounded unpacking) and as the XML of its `word/document.xml` (`wordxml`), each
//! with a `w:` body around it too, so that the fuzzer reaches paragraphs, tables and notes
//! quickly. Neither may panic, and the Markdown made from XML holds no raw HTML tag.

#![no_main]

use archive::import::docx;
use archive::import::wordxml::{Parts, to_markdown};
use libfuzzer_sys::fuzz_target;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fuzz_target!(|data: &[u8]| {
    let _ = docx::read(data);
    let Ok(xml) = std::str::from_utf8(data) else { return };
    let wrapped = format!(r#"<w:document xmlns:w="{W}"><w:body>{xml}</w:body></w:document>"#);
    for document in [xml, wrapped.as_str()] {
        let notes = format!(r#"<w:footnotes xmlns:w="{W}"><w:footnote w:id="1">{xml}</w:footnote></w:footnotes>"#);
        let parts = Parts { document, footnotes: Some(&notes), ..Parts::default() };
        if let Ok(md) = to_markdown(&parts) {
            let bytes = md.as_bytes();
            for (i, _) in md.match_indices('<') {
                let escaped = bytes[..i].iter().rev().take_while(|b| **b == b'\\').count() % 2 == 1;
                assert!(escaped, "a raw < in:\n{md}");
            }
        }
    }
});
