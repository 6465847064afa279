//! Official files through `archive import`: a DOCX decision and a PDF with a text layer come out
//! as documents whose fields the text gives; a scanned PDF, a broken DOCX or PDF and a ZIP bomb
//! are each that file's error while the rest of the batch is imported; the original is kept
//! under sources/ and offered for download on the document's page. The files are made here,
//! in the test: a DOCX is a ZIP of a few XML parts, a PDF a few objects written by hand.

use std::io::{Cursor, Write};

use archive::content::Kind;
use archive::import::merge::Action;

use crate::common::*;
use crate::import::{documents_in, empty_site, import_files, written_body, written_meta};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, bytes) in parts {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn para(text: &str, bold: bool) -> String {
    let b = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    format!(r#"<w:p><w:r>{b}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// An SCO Council decision as a ministry would send it: header lines in bold, a subject line, a
/// table, a footnote.
fn decision_docx() -> Vec<u8> {
    let body = [
        para("ШАНХАЙСКАЯ ОРГАНИЗАЦИЯ СОТРУДНИЧЕСТВА", true),
        para("РЕШЕНИЕ", true),
        para("Совета глав государств — членов Шанхайской организации сотрудничества", false),
        para("4 июля 2024 года № 12 г. Астана", false),
        para("Об утверждении Плана действий на 2025–2027 годы", true),
        r#"<w:p><w:r><w:t xml:space="preserve">Совет глав государств — членов ШОС, рассмотрев предложения Республики Казахстан и Кыргызской Республики</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t>, решил:</w:t></w:r></w:p>"#.to_string(),
        para("1. Утвердить План действий (прилагается).", false),
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Государство</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Подпись</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>Республика Казахстан</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>К. Токаев</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#.to_string(),
    ]
    .concat();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
    );
    let footnotes = format!(
        r#"<w:footnotes xmlns:w="{W}"><w:footnote w:id="2"><w:p><w:r><w:t>Внесены на заседании Совета министров иностранных дел.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", document.as_bytes()),
        ("word/footnotes.xml", footnotes.as_bytes()),
    ])
}

/// A one-page PDF painting `content`, with Helvetica as /F1 (Windows Latin).
fn pdf(content: &str) -> Vec<u8> {
    let font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
    pdf_with(content.as_bytes(), font)
}

/// A one-page PDF of Russian lines, one `Tj` each: the text in windows-1251 bytes, the font's
/// encoding naming the Cyrillic glyph of each byte (as a PDF made by a Russian Windows program
/// without embedded fonts does).
fn russian_pdf(lines: &[&str]) -> Vec<u8> {
    let mut content = b"BT /F1 11 Tf 14 TL 60 780 Td\n".to_vec();
    for line in lines {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(line);
        content.push(b'(');
        for &b in bytes.iter() {
            if matches!(b, b'(' | b')' | b'\\') {
                content.push(b'\\');
            }
            content.push(b);
        }
        content.extend(b") Tj T*\n");
    }
    content.extend(b"ET");
    // А…Я at 192…223 and а…я at 224…255 are afii10017… and afii10065… (Ё and ё left out).
    let glyph = |base: u32, i: u32| format!("/afii{}", base + i + u32::from(i >= 6));
    let upper: Vec<String> = (0..32).map(|i| glyph(10017, i)).collect();
    let lower: Vec<String> = (0..32).map(|i| glyph(10065, i)).collect();
    // Helvetica's metrics have no Cyrillic: the widths are stated, as a real file states them.
    let font = format!(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 255 \
         /Widths [{}] /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding \
         /Differences [185 /afii61352 192 {} {}] >> >>",
        ["600"; 224].join(" "),
        upper.join(" "),
        lower.join(" ")
    );
    pdf_with(&content, &font)
}

fn pdf_with(content: &[u8], font: &str) -> Vec<u8> {
    let objects: [Vec<u8>; 5] = [
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec(),
        [format!("<< /Length {} >>\nstream\n", content.len() + 1).as_bytes(), content, b"\nendstream"].concat(),
        font.as_bytes().to_vec(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(o);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

#[test]
fn official_files_import_and_bad_ones_are_named() {
    let site = empty_site();
    let root = site.path();
    let text_pdf = pdf(
        "BT /F1 11 Tf 14 TL 60 780 Td (Joint statement of the SCO Secretariat) Tj T* \
         (Beijing, 12 March 2024) Tj T* (The SCO Secretariat and Kazakhstan agreed on a plan.) Tj ET",
    );
    let scan = pdf("0 0 1 rg 10 10 100 100 re f");
    let mut broken_pdf = text_pdf.clone();
    broken_pdf.truncate(40);
    // 60 MB of spaces: some 60 KB packed, more than the importer unpacks from one part.
    let bomb = zip(&[("word/document.xml", " ".repeat(60 << 20).as_bytes())]);
    let report = import_files(
        root,
        &[
            ("decision.docx", decision_docx()),
            ("statement.pdf", text_pdf),
            ("scan.pdf", scan),
            ("broken.docx", b"PK\x03\x04 cut short".to_vec()),
            ("broken.pdf", broken_pdf),
            ("bomb.docx", bomb),
            ("old.doc", vec![0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
        ],
    );
    let by_input = |name: &str| report.records.iter().find(|r| r.input.ends_with(name)).unwrap();
    let error = |name: &str| by_input(name).error.clone().unwrap_or_default();
    assert!(error("scan.pdf").contains("scan.pdf"), "{}", error("scan.pdf"));
    assert!(error("scan.pdf").contains("no text was found"), "{}", error("scan.pdf"));
    assert!(error("scan.pdf").contains("OCR"), "{}", error("scan.pdf"));
    assert!(error("broken.docx").contains("broken.docx: is not a readable DOCX"));
    assert!(error("broken.pdf").contains("broken.pdf"), "{}", error("broken.pdf"));
    assert!(error("bomb.docx").contains("ZIP bomb"), "{}", error("bomb.docx"));
    assert!(error("old.doc").contains("old.doc: is a .doc file"), "{}", error("old.doc"));

    let decision = by_input("decision.docx");
    assert_eq!(decision.action, Some(Action::Created), "{:?}", decision.error);
    let rel = decision.output.clone().unwrap();
    let meta = written_meta(root, &rel);
    assert_eq!(meta.kind, Kind::Decision);
    assert_eq!(meta.title, "Об утверждении Плана действий на 2025–2027 годы");
    assert_eq!(meta.date.map(|d| d.to_string()).as_deref(), Some("2024-07-04"));
    assert_eq!(meta.lang, "ru");
    // The act's header is read into a draft act block, under review.
    let act = meta.act.as_ref().expect("a draft act block");
    assert_eq!((act.number.as_deref(), act.place.as_deref()), (Some("12"), Some("astana")));
    assert!(
        meta.review.iter().any(|r| r.starts_with("act: read from the header")),
        "{:?}",
        meta.review
    );
    assert!(meta.countries.contains(&"kazakhstan".to_string()), "{:?}", meta.countries);
    assert!(meta.organizations.iter().any(|o| o.starts_with("sco")), "{:?}", meta.organizations);
    let body = written_body(root, &rel);
    assert!(body.contains("**РЕШЕНИЕ**"), "{body}");
    assert!(body.contains("Кыргызской Республики[^1], решил:"), "{body}");
    assert!(body.contains("[^1]: Внесены на заседании"), "{body}");
    assert!(
        body.contains(
            "| Государство | Подпись |\n| --- | --- |\n| Республика Казахстан | К. Токаев |"
        ),
        "{body}"
    );
    let source = meta.imported_from.clone().unwrap();
    assert!(source.ends_with(".docx") && root.join(&source).is_file(), "{source}");

    let statement = by_input("statement.pdf");
    assert_eq!(statement.action, Some(Action::Created), "{:?}", statement.error);
    let rel = statement.output.clone().unwrap();
    let meta = written_meta(root, &rel);
    assert_eq!(meta.lang, "en");
    assert!(written_body(root, &rel).contains("agreed on a plan."));
    assert_eq!(documents_in(root).len(), 2);

    assert_offered_for_download(
        root,
        &decision.output.clone().unwrap(),
        &statement.output.clone().unwrap(),
    );
}

/// Builds the site: both originals are offered for download under their own name and media type.
fn assert_offered_for_download(root: &std::path::Path, docx_rel: &str, pdf_rel: &str) {
    let out = root.join("public");
    build_into(root, &out, "https://example.org/").unwrap();
    assert!(broken_links(&out, "/").is_empty());
    let page = |rel: &str| {
        let m = written_meta(root, rel);
        let folder = m.date.map(|d| d.year.to_string()).unwrap_or_else(|| "undated".into());
        let id = std::path::Path::new(rel).file_stem().unwrap().to_string_lossy().to_string();
        std::fs::read_to_string(out.join(format!("ru/documents/{folder}/{id}/index.html"))).unwrap()
    };
    let html = page(docx_rel);
    assert!(
        html.contains(
            "type=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document\""
        ),
        "no DOCX link"
    );
    assert!(html.contains(".docx\""), "no DOCX link");
    let html = page(pdf_rel);
    assert!(html.contains("type=\"application/pdf\""), "no PDF link");
}

#[test]
fn a_russian_decision_in_pdf_reads_as_a_decision() {
    let site = empty_site();
    let root = site.path();
    let decision = russian_pdf(&[
        "ШАНХАЙСКАЯ ОРГАНИЗАЦИЯ СОТРУДНИЧЕСТВА",
        "РЕШЕНИЕ",
        "Совета министров иностранных дел",
        "12 марта 2024 года № 3 г. Алматы",
        "О Плане мероприятий на 2025 год",
        "Совет министров иностранных дел государств — членов Шанхайской организации",
        "сотрудничества, рассмотрев предложения Республики Казахстан и Республики",
        "Узбекистан, решил одобрить План мероприятий на 2025 год.",
        "- 1 -",
    ]);
    let report = import_files(root, &[("reshenie.pdf", decision)]);
    let record = &report.records[0];
    assert_eq!(record.action, Some(Action::Created), "{:?}", record.error);
    let rel = record.output.clone().unwrap();
    let meta = written_meta(root, &rel);
    assert_eq!(meta.kind, Kind::Decision);
    assert_eq!(meta.lang, "ru");
    assert_eq!(meta.title, "О Плане мероприятий на 2025 год");
    assert_eq!(meta.date.map(|d| d.to_string()).as_deref(), Some("2024-03-12"));
    assert!(meta.countries.contains(&"uzbekistan".to_string()), "{:?}", meta.countries);
    let body = written_body(root, &rel);
    assert!(
        body.contains("Шанхайской организации сотрудничества, рассмотрев предложения Республики Казахстан и Республики Узбекистан, решил"),
        "{body}"
    );
    assert!(body.contains("\n\nРЕШЕНИЕ\n\n"), "{body}");
    assert!(!body.contains("- 1 -") && !body.contains("\\- 1"), "{body}");
}

#[test]
fn a_kazakh_decision_in_docx_reads_as_a_decision() {
    let body = [
        para("ШАНХАЙ ЫНТЫМАҚТАСТЫҚ ҰЙЫМЫ", true),
        para("ШЕШІМ", true),
        para("2024 жылғы 4 шілде № 12 Астана қаласы", false),
        para("2025–2027 жылдарға арналған іс-қимыл жоспарын бекіту туралы", true),
        para("Шанхай ынтымақтастық ұйымына мүше мемлекеттер басшыларының кеңесі Қазақстан Республикасының ұсынысын қарап, шешті:", false),
        para("Іс-қимыл жоспары бекітілсін.", false),
    ]
    .concat();
    let document = format!(r#"<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#);
    let site = empty_site();
    let root = site.path();
    // A folder's .DOCX is imported whatever the case of its extension; other files are not.
    let dir = root.join("incoming");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("SHESHIM.DOCX"), zip(&[("word/document.xml", document.as_bytes())]))
        .unwrap();
    std::fs::write(dir.join("table.xlsx"), b"PK\x03\x04").unwrap();
    let report = archive::import::import(root, &[dir], &Default::default()).unwrap();
    assert_eq!(report.records.len(), 1);
    let record = &report.records[0];
    assert_eq!(record.action, Some(Action::Created), "{:?}", record.error);
    let rel = record.output.clone().unwrap();
    let meta = written_meta(root, &rel);
    assert_eq!(meta.kind, Kind::Decision);
    assert_eq!(meta.lang, "kk");
    assert_eq!(meta.title, "2025–2027 жылдарға арналған іс-қимыл жоспарын бекіту туралы");
    assert_eq!(meta.date.map(|d| d.to_string()).as_deref(), Some("2024-07-04"));
    assert!(meta.countries.contains(&"kazakhstan".to_string()), "{:?}", meta.countries);
}
