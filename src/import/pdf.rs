//! A PDF opened for import: the text of its text layer (pdf-extract), its visual lines joined
//! back into paragraphs, page numbers left out. A PDF with no text layer (a scan) is reported
//! as such — archive import does no OCR — and an encrypted or broken PDF is named, never a
//! panic: the PDF reader's own panics are caught here, on a thread of their own whose panic
//! message stays quiet, and a reading that takes longer than [`TIME_LIMIT`] is given up with a
//! message naming the file. The reader unpacks compressed streams whole, so what they unpack to
//! is counted first ([`MAX_UNPACKED`]).

use std::cell::Cell;
use std::io::Read;
use std::sync::{Once, mpsc};
use std::time::Duration;

/// The most the compressed streams of one PDF other than its images (which the text reader never
/// unpacks) may unpack to together. A 1,000-page report's text and fonts are far less.
pub(crate) const MAX_UNPACKED: u64 = 256 << 20;

/// The text of a PDF as plain paragraphs, or why there is none (a sentence to follow the
/// file's name).
pub(crate) fn read(bytes: &[u8]) -> Result<String, String> {
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_none() {
        return Err("is not a PDF (it does not start with %PDF-)".into());
    }
    unpacked_within(bytes, MAX_UNPACKED)?;
    let owned = bytes.to_vec();
    let pages = bounded(TIME_LIMIT, move || {
        pdf_extract::extract_text_from_mem_by_pages(&owned).map_err(|e| e.to_string())
    });
    let pages = match pages {
        Ok(Ok(pages)) => pages,
        Ok(Err(e)) if encrypted(bytes) => {
            return Err(format!(
                "is an encrypted PDF that cannot be opened without its password ({e}); \
                 import a copy saved without protection"
            ));
        }
        Ok(Err(e)) => return Err(format!("is not a readable PDF ({e})")),
        Err(Stopped::Failed) => {
            return Err("is not a readable PDF (the PDF reader failed on it)".into());
        }
        Err(Stopped::TimedOut) => {
            return Err(format!(
                "took longer than {} s to read and was given up (a damaged or unusually built \
                 PDF?); save it again from its viewer, or import a text version",
                TIME_LIMIT.as_secs()
            ));
        }
    };
    let pages: Vec<String> = pages.iter().map(|p| super::read::normalize(p)).collect();
    let text = join_pages(&pages);
    if !text.chars().any(char::is_alphabetic) {
        return Err(format!(
            "has no text layer: no text was found on its {} page(s) (a scan or images only?). \
             archive import does not do OCR; import a text version or a PDF with a text layer",
            pages.len()
        ));
    }
    Ok(text)
}

/// How long the PDF reader may take on one file. A 1,000-page text PDF reads in well under a
/// minute here; a reader looping on a damaged file would otherwise hold the import forever.
pub(crate) const TIME_LIMIT: Duration = Duration::from_secs(120);

/// Why [`bounded`] has no answer.
#[derive(Debug, PartialEq, Eq)]
enum Stopped {
    /// The work panicked (its message is not printed).
    Failed,
    /// The work did not finish in time; its thread is left to end on its own.
    TimedOut,
}

thread_local! {
    /// Set on the threads [`bounded`] starts: their panics are answers, not crashes to print.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// `work` on a thread of its own, its answer if it comes within `limit`. The panic hook is
/// wrapped once so that every other thread's panics are reported exactly as before.
fn bounded<T: Send + 'static>(
    limit: Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Stopped> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        QUIET.with(|q| q.set(true));
        let _ = tx.send(work());
    });
    rx.recv_timeout(limit).map_err(|e| match e {
        mpsc::RecvTimeoutError::Timeout => Stopped::TimedOut,
        mpsc::RecvTimeoutError::Disconnected => Stopped::Failed,
    })
}

/// Checks that the Deflate streams of `bytes` (found by their `stream` … `endstream` keywords;
/// images left out) unpack to at most `limit` bytes together, counting as they inflate and
/// keeping nothing. A stream that is not Deflate data fails at once and counts what it gave.
fn unpacked_within(bytes: &[u8], limit: u64) -> Result<(), String> {
    let mut total = 0u64;
    let mut at = 0;
    let mut buf = vec![0u8; 64 << 10];
    while let Some(k) = memchr::memmem::find(&bytes[at..], b"stream") {
        let start = at + k;
        at = start + 6;
        let after = &bytes[at..];
        let eol = if after.starts_with(b"\r\n") {
            2
        } else if after.starts_with(b"\n") {
            1
        } else {
            continue;
        };
        if bytes[..start].ends_with(b"end") {
            continue;
        }
        let header = &bytes[start.saturating_sub(1024)..start];
        let header = memchr::memmem::rfind(header, b"obj").map_or(header, |o| &header[o..]);
        let data = &bytes[at + eol..];
        let end = memchr::memmem::find(data, b"endstream").unwrap_or(data.len());
        at += eol + end;
        if memchr::memmem::find(header, b"/Image").is_some() {
            continue;
        }
        let mut inflate = flate2::read::ZlibDecoder::new(&data[..end]);
        while let Ok(n @ 1..) = inflate.read(&mut buf) {
            total += n as u64;
            if total > limit {
                return Err(format!(
                    "unpacks to more than {} MB of page content and fonts; it is refused as a \
                     compression bomb, not a document",
                    limit >> 20
                ));
            }
        }
    }
    Ok(())
}

/// The pages' paragraphs in order, without the running heads and feet every page prints; a
/// paragraph that a page break cuts (the page ends mid-sentence, the next starts in lower case)
/// is joined again.
fn join_pages(pages: &[String]) -> String {
    let running = running_lines(pages);
    let mut out = String::new();
    for page in pages {
        let kept: Vec<&str> = page.lines().filter(|l| !running.contains(l.trim())).collect();
        let text = paragraphs(&kept.join("\n"));
        if text.is_empty() {
            continue;
        }
        let cut = !out.is_empty()
            && !out.ends_with(['.', '!', '?', ':', ';', '»'])
            && text.starts_with(char::is_lowercase);
        match (out.is_empty(), cut) {
            (true, _) => {}
            (false, true) if out.ends_with('-') && !out.ends_with(" -") => {
                out.pop();
            }
            (false, true) => out.push(' '),
            (false, false) => out.push_str("\n\n"),
        }
        out.push_str(&text);
    }
    out
}

/// Lines that stand first or last (page numbers aside) on at least three pages and on half of
/// them or more: a document's running head or foot («Проект», its title, «Официальный перевод»).
fn running_lines(pages: &[String]) -> std::collections::HashSet<String> {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for page in pages {
        let lines: Vec<&str> =
            page.lines().map(str::trim).filter(|l| !l.is_empty() && !page_number(l)).collect();
        let ends: std::collections::HashSet<&str> =
            lines.first().into_iter().chain(lines.last()).copied().collect();
        for l in ends {
            *counts.entry(l).or_default() += 1;
        }
    }
    let needed = (pages.len().div_ceil(2)).max(3);
    counts.into_iter().filter(|(_, n)| *n >= needed).map(|(l, _)| l.to_string()).collect()
}

/// Whether the PDF names an encryption dictionary.
fn encrypted(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, b"/Encrypt").is_some()
}

/// A page's visual lines as paragraphs, one a line, separated by blank lines. Lines are joined
/// where the text runs on: a line that fills most of the widest line of its block and does not
/// end a sentence continues on the next (a word hyphenated at the end is joined whole). A short
/// line — a header, a number, a date, a signature — stays a line of its own.
fn paragraphs(page: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for block in page.split("\n\n") {
        let lines: Vec<&str> =
            block.lines().map(str::trim).filter(|l| !l.is_empty() && !page_number(l)).collect();
        let widest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        let mut para = String::new();
        for (i, line) in lines.iter().enumerate() {
            let words = line.split_whitespace().collect::<Vec<_>>().join(" ");
            if para.is_empty() {
                para = words;
            } else if para.ends_with('-')
                && !para.ends_with(" -")
                && words.starts_with(char::is_lowercase)
            {
                para.pop();
                para.push_str(&words);
            } else {
                para.push(' ');
                para.push_str(&words);
            }
            let full = line.chars().count() * 4 >= widest * 3 && widest >= 40;
            let ends = line.ends_with(['.', '!', '?', ':', ';', '»']);
            if !full || ends || i + 1 == lines.len() {
                out.push(std::mem::take(&mut para));
            }
        }
    }
    out.join("\n\n")
}

/// «3», «- 3 -», «— 12 —», «Страница 2 из 5», «Page 2 of 5»: a page number, not text.
fn page_number(line: &str) -> bool {
    let bare = line.trim_matches(|c: char| c == '-' || c == '—' || c == '–' || c.is_whitespace());
    if !bare.is_empty() && bare.len() <= 3 && bare.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let low = bare.to_lowercase();
    let words: Vec<&str> = low.split_whitespace().collect();
    matches!(words.as_slice(), [label, n, of, m]
        if ["страница", "стр.", "бет", "page"].contains(label)
            && ["из", "of", "/"].contains(of)
            && n.chars().all(|c| c.is_ascii_digit())
            && m.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn a_reader_that_hangs_or_panics_is_given_up_quietly() {
        // A damaged PDF could hold the whole import; a reader panic printed its message.
        let slow = bounded(Duration::from_millis(50), || {
            std::thread::sleep(Duration::from_secs(5));
            1
        });
        assert_eq!(slow, Err(Stopped::TimedOut));
        let failed: Result<(), Stopped> = bounded(Duration::from_secs(5), || panic!("reader bug"));
        assert_eq!(failed, Err(Stopped::Failed));
        assert_eq!(bounded(Duration::from_secs(5), || 7), Ok(7));
    }

    /// A one-page PDF whose content stream is `content` (Helvetica as /F1), cross-reference
    /// table and all, written by hand.
    pub(crate) fn pdf(content: &str) -> Vec<u8> {
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
             /Resources << /Font << /F1 5 0 R >> >> >>"
                .to_string(),
            format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len() + 1),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
                .to_string(),
        ];
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for o in offsets {
            out.extend(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    /// Lines of text, one `Tj` each, 20 points apart from the top of the page.
    pub(crate) fn text_pdf(lines: &[&str]) -> Vec<u8> {
        let mut content = String::from("BT /F1 11 Tf 14 TL 60 780 Td\n");
        for l in lines {
            content.push_str(&format!("({}) Tj T*\n", l.replace('(', "\\(").replace(')', "\\)")));
        }
        content.push_str("ET");
        pdf(&content)
    }

    #[test]
    fn the_text_layer_is_read() {
        let bytes = text_pdf(&[
            "DECISION No 12",
            "Astana, 12 March 2024",
            "On the plan of cooperation between the member states of the Organisation for",
            "the years 2025 to 2027 and the reports of its working groups on trans-",
            "port and energy.",
            "3",
        ]);
        let text = read(&bytes).unwrap();
        assert!(text.starts_with("DECISION No 12\n\nAstana, 12 March 2024\n\n"), "{text:?}");
        assert!(
            text.contains("Organisation for the years 2025 to 2027 and the reports of its working groups on transport and energy."),
            "{text:?}"
        );
        assert!(!text.trim_end().ends_with('3'), "{text:?}");
    }

    #[test]
    fn a_pdf_without_text_is_named_and_no_ocr_is_promised() {
        // A page that only paints a rectangle, as a scanned page only paints its image.
        let e = read(&pdf("0 0 1 rg 10 10 100 100 re f")).unwrap_err();
        assert!(e.contains("no text was found") && e.contains("does not do OCR"), "{e}");
    }

    #[test]
    fn broken_and_foreign_files_are_errors_not_panics() {
        assert!(read(b"hello").unwrap_err().contains("not a PDF"));
        let mut cut = text_pdf(&["Some text"]);
        cut.truncate(cut.len() / 2);
        assert!(read(&cut).is_err());
        let mut garbage = b"%PDF-1.7\n".to_vec();
        garbage.extend((0..4000u32).map(|i| (i * 7919 % 251) as u8));
        assert!(read(&garbage).is_err());
    }

    #[test]
    fn a_deflate_bomb_is_refused_before_the_reader_unpacks_it() {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![b' '; 4 << 20]).unwrap();
        let packed = z.finish().unwrap();
        let mut bytes =
            b"%PDF-1.4\n4 0 obj\n<< /Length 1 /Filter /FlateDecode >>\nstream\n".to_vec();
        bytes.extend(&packed);
        bytes.extend(b"\nendstream\nendobj\n");
        let e = unpacked_within(&bytes, 1 << 20).unwrap_err();
        assert!(e.contains("more than 1 MB") && e.contains("bomb"), "{e}");
        assert!(unpacked_within(&bytes, 8 << 20).is_ok());
        let mut img =
            b"%PDF-1.4\n5 0 obj\n<< /Subtype /Image /Filter /FlateDecode >>\nstream\n".to_vec();
        img.extend(&packed);
        img.extend(b"\nendstream\nendobj\n");
        assert!(unpacked_within(&img, 1 << 20).is_ok());
    }

    #[test]
    fn running_heads_go_and_cut_paragraphs_join() {
        let wrap = "and so the text of this long paragraph runs on across the page break to";
        let pages = [
            format!(
                "Draft\nDECISION No 4\n{wrap}\nthe end of the first page, where it is cut off in the"
            ),
            "Draft\nmiddle of a sentence.\nA new paragraph.".to_string(),
            "Draft\nLast page.".to_string(),
        ];
        let text = join_pages(&pages);
        assert_eq!(
            text,
            format!(
                "DECISION No 4\n\n{wrap} the end of the first page, where it is cut off in the middle of a sentence.\n\nA new paragraph.\n\nLast page."
            )
        );
        // On two pages a repeated first line is the text's own.
        assert!(running_lines(&pages[..2]).is_empty());
    }

    #[test]
    fn page_numbers_are_no_text() {
        for l in ["3", "- 3 -", "— 12 —", "Страница 2 из 5", "Page 2 of 5"] {
            assert!(page_number(l), "{l}");
        }
        for l in ["2024", "№ 5", "Статья 3", "12.03.2024"] {
            assert!(!page_number(l), "{l}");
        }
    }
}
