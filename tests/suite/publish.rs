//! Publishing: what reaches the output folder and how it is swapped in.

use crate::common::{Fixture, broken_links, read};

/// A document of the minimal fixture made from `source`.
fn doc_from(f: &Fixture, slug: &str, source: &str) {
    f.write(
        &format!("content/documents/2019/{slug}.md"),
        &format!(
            "---\ntitle: Из {slug}\nlang: ru\ndate: 2019-11-03\nkind: news\n\
             imported_from: \"{source}\"\n---\nТекст.\n"
        ),
    );
}

/// Every file under `sources/` of the output.
fn published_sources(f: &Fixture) -> Vec<String> {
    let dir = f.out().join("sources");
    let mut names: Vec<String> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&dir).unwrap().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn raw_sources_are_never_published_executable() {
    let f = Fixture::new(&["minimal"]);
    let script = "<html><body><script>alert(document.domain)</script>\
                  <img src=x onerror=alert(1)>Текст</body></html>";
    f.write("sources/page.html", script);
    f.write("sources/Pic.SVG", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>");
    f.write("sources/x.txt.html", script);
    f.write(
        "sources/feed.xml",
        "<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)</x:script>",
    );
    f.write("sources/README", "no extension");
    f.write("sources/a b#c?.htm", script);
    f.write("sources/scan.PDF", "%PDF-1.4");
    f.write("sources/Сообщение.html", script);
    doc_from(&f, "page", "sources/page.html");
    doc_from(&f, "odd", "sources/a b#c?.htm");
    doc_from(&f, "cyr", "sources/Сообщение.html");
    doc_from(&f, "pdf", "sources/scan.PDF");
    f.build("https://example.org/").unwrap();
    assert_eq!(
        published_sources(&f),
        [
            "Pic.SVG.txt",
            "README.txt",
            "a b#c?.htm.txt",
            "feed.xml.txt",
            "page.html.txt",
            "raw-1.txt",
            "scan.PDF",
            "x.txt.html.txt",
            "Сообщение.html.txt",
        ]
    );
    // Byte for byte what the curator saved, only under a name no browser runs.
    assert_eq!(read(&f.out(), "sources/page.html.txt"), script);
    let page = read(&f.out(), "ru/documents/2019/page/index.html");
    assert!(page.contains("href=\"/sources/page.html.txt\" type=\"text/plain\""), "{page}");
    let odd = read(&f.out(), "ru/documents/2019/odd/index.html");
    assert!(odd.contains("href=\"/sources/a%20b%23c%3F.htm.txt\""), "{odd}");
    let cyr = read(&f.out(), "kk/documents/2019/cyr/index.html");
    assert!(cyr.contains("href=\"/sources/%D0%A1%D0%BE%D0%BE"), "{cyr}");
    let pdf = read(&f.out(), "ru/documents/2019/pdf/index.html");
    assert!(pdf.contains("href=\"/sources/scan.PDF\" type=\"application/pdf\""), "{pdf}");
    let broken = broken_links(&f.out(), "/");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn two_sources_published_under_one_name_are_an_error() {
    let f = Fixture::new(&["minimal"]);
    f.write("sources/page.html", "<p>one</p>");
    f.write("sources/page.html.txt", "two");
    let e = f.build("https://example.org/").unwrap_err();
    let msg = format!("{e:#}");
    assert!(msg.contains("sources/page.html") && msg.contains("sources/page.html.txt"), "{msg}");
}

#[test]
fn an_output_inside_the_inputs_is_refused() {
    let f = Fixture::new(&["minimal"]);
    f.write("static/extra.css", "p {}");
    for out in ["static/site", "sources/public", "content/public", "."] {
        let out_dir = f.root().join(out);
        let e =
            crate::common::build_into(&f.root(), &out_dir, "https://example.org/").expect_err(out);
        assert!(
            format!("{e:#}").contains("refusing") || format!("{e:#}").contains("inside"),
            "{e:#}"
        );
    }
    assert!(!f.root().join("static/site").exists(), "nothing written into static/");
    assert!(!f.root().join("sources/public").exists(), "nothing written into sources/");
    // A link beside the site that leads into static/ hides nothing.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(f.root().join("static"), f.tmp.path().join("via")).unwrap();
        let e = crate::common::build_into(
            &f.root(),
            &f.tmp.path().join("via/site"),
            "https://example.org/",
        );
        assert!(e.is_err(), "an output through a link into static/");
        assert!(!f.root().join("static/site").exists());
    }
}

#[cfg(unix)]
#[test]
fn sources_and_static_files_that_cannot_be_published_are_named() {
    use std::os::unix::ffi::OsStrExt;
    let f = Fixture::new(&["minimal"]);
    f.write("static/site.css", "p {}");
    let big = f.root().join("sources/archive-scan.pdf");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(archive::site::assets::MAX_COPIED_BYTES + 1)
        .unwrap();
    let legacy = std::ffi::OsStr::from_bytes(b"\xce\xf2\xf7\xb8\xf2.txt");
    std::fs::write(f.root().join("static").join(legacy), "x").unwrap();
    let e = f.build("https://example.org/").unwrap_err();
    let msg = format!("{e:#}");
    assert!(msg.contains("sources/archive-scan.pdf: is 101 MB, over the 100 MB limit"), "{msg}");
    assert!(msg.contains("not valid UTF-8"), "{msg}");
    assert!(!f.out().exists(), "nothing published");
    // Fixed, a symlinked folder is skipped with a warning naming it.
    std::fs::remove_file(&big).unwrap();
    std::fs::remove_file(f.root().join("static").join(legacy)).unwrap();
    std::os::unix::fs::symlink(f.root().join("content"), f.root().join("static/linked")).unwrap();
    let report = f.build("https://example.org/").unwrap();
    let warned = report.diagnostics.iter().any(|d| {
        d.path.to_string_lossy() == "static/linked" && d.message.contains("symbolic link")
    });
    assert!(warned, "{:?}", report.diagnostics);
    assert!(!f.out().join("assets/linked").exists());
}

#[test]
fn two_builds_racing_on_one_output_publish_one_whole_site() {
    use crate::common::{build_into, snapshot};
    let f = Fixture::new(&["minimal"]);
    let (a, b) = ("https://a.example/", "https://b.example/sub/");
    // What each build alone publishes (the two base URLs make every page differ).
    let alone = |url: &str| {
        let out = f.tmp.path().join(format!("alone-{}", url.len()));
        build_into(&f.root(), &out, url).unwrap();
        snapshot(&out)
    };
    let (site_a, site_b) = (alone(a), alone(b));
    for round in 0..4 {
        std::thread::scope(|s| {
            let x = s.spawn(|| build_into(&f.root(), &f.out(), a));
            let y = s.spawn(|| build_into(&f.root(), &f.out(), b));
            x.join().unwrap().unwrap_or_else(|e| panic!("round {round}: {e:#}"));
            y.join().unwrap().unwrap_or_else(|e| panic!("round {round}: {e:#}"));
        });
        let got = snapshot(&f.out());
        assert!(got == site_a || got == site_b, "round {round}: a mixed or partial site");
        let leftovers: Vec<_> = std::fs::read_dir(f.tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| n.contains(".tmp-") || n.contains(".old-"))
            .collect();
        assert!(leftovers.is_empty(), "round {round}: {leftovers:?}");
    }
}
