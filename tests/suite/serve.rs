//! `archive serve`: serves the site from memory on loopback, never a file outside it, and
//! rebuilds when content changes (a changed entity name reaches every page that shows it).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_archive"))
        .args(["serve", "--bind", "127.0.0.1:0", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("the server prints its address").unwrap();
        if let Some(rest) = line.strip_prefix("serving the archive at http://") {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, addr }
}

fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let status = text.split_whitespace().nth(1).unwrap_or("0").parse().unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

#[test]
fn serves_from_memory_and_never_outside_the_site() {
    let f = Fixture::new(&["minimal"]);
    let server = start(&f.root());
    assert!(server.addr.starts_with("127.0.0.1:"), "loopback by default");
    let (status, home) = get(&server.addr, "/ru/");
    assert_eq!(status, 200);
    assert!(home.contains("/__archive/wait?since="), "live reload script");
    for path in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/ru/..%2f..%2f..%2fetc/passwd",
        "/site.toml",
        "/content/countries/china.md",
    ] {
        let (status, body) = get(&server.addr, path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("root:") && !body.contains("base_url"), "{path}");
    }
}

#[test]
fn a_changed_entity_name_reaches_every_page_that_shows_it() {
    let f = Fixture::new(&["minimal"]);
    let server = start(&f.root());
    let (_, before) = get(&server.addr, "/ru/documents/2019/mamin-v-tashkente/");
    assert!(before.contains(">Китай<"));
    let (_, v) = get(&server.addr, "/__archive/wait?since=0");
    let version: u64 = v.trim().parse().unwrap();
    let path = f.root().join("content/countries/china.md");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("ru: Китай", "ru: Китайская Народная Республика");
    let started = Instant::now();
    std::fs::write(&path, text).unwrap();
    let (_, next) = get(&server.addr, &format!("/__archive/wait?since={version}"));
    assert!(next.trim().parse::<u64>().unwrap() > version, "a rebuild happened");
    println!("save to rebuilt: {} ms", started.elapsed().as_millis());
    for page in [
        "/ru/documents/2019/mamin-v-tashkente/",
        "/ru/countries/",
        "/ru/countries/china/",
        "/ru/organizations/sco/",
    ] {
        let (_, html) = get(&server.addr, page);
        assert!(html.contains("Китайская Народная Республика"), "{page}");
    }
}

/// Every file of the preview after a sequence of edits equals what a full build of the same
/// input makes: the file-by-file path leaves nothing stale (names in chips and lists, list
/// pages, counts, pagination, related documents, the search index, feeds, export).
#[test]
fn applying_edits_one_by_one_equals_a_full_build() {
    use archive::site::live::Live;
    let f = Fixture::new(&["minimal"]);
    let root = f.root();
    let base = "http://127.0.0.1:8000/";
    let mut live = Live::load(&root, Some(base)).unwrap();
    let kz = "content/countries/kazakhstan.md";
    let doc = "content/documents/2019/mamin-v-tashkente.md";
    let moved = "content/documents/2020/mamin-v-tashkente.md";
    type Edit<'a> = (Vec<&'a str>, Box<dyn Fn() + 'a>);
    let edits: Vec<Edit> = vec![
        // An entity's name: every chip, list and title that shows it.
        (
            vec![kz],
            Box::new(|| f.write(kz, &read(&root, kz).replace("Казахстан", "Республика Казахстан"))),
        ),
        // A document's title: its page and every list item of it.
        (
            vec![doc],
            Box::new(|| {
                f.write(
                    doc,
                    &read(&root, doc)
                        .replace("title: Мамин в Ташкенте", "title: Мамин выступил в Ташкенте"),
                )
            }),
        ),
        // A new person, named by a new document.
        (
            vec!["content/people/li-qiang.md", "content/documents/2024/li-qiang.md"],
            Box::new(|| {
                f.write(
                    "content/people/li-qiang.md",
                    "---\nname: { ru: Ли Цян, kk: Ли Цян, en: Li Qiang }\n---\n",
                );
                f.write(
                    "content/documents/2024/li-qiang.md",
                    "---\ntitle: Ли Цян в Астане\nlang: ru\ndate: 2024-05-01\nkind: news\ncountries: [kazakhstan]\npeople: [li-qiang]\n---\nТекст о визите.\n",
                );
            }),
        ),
        // A document moves to another year (its file moves with it).
        (
            vec![doc, moved],
            Box::new(|| {
                let text = read(&root, doc).replace("date: 2019-11-02", "date: 2020-01-15");
                std::fs::remove_file(root.join(doc)).unwrap();
                f.write(moved, &text);
            }),
        ),
        // A document is deleted.
        (
            vec!["content/documents/2024/li-qiang.md"],
            Box::new(|| {
                std::fs::remove_file(root.join("content/documents/2024/li-qiang.md")).unwrap()
            }),
        ),
    ];
    for (paths, edit) in edits {
        edit();
        let paths: Vec<std::path::PathBuf> = paths.iter().map(|p| root.join(p)).collect();
        live = live.apply(&paths).unwrap_or_else(|e| panic!("{paths:?}: {e:#}"));
        let full = archive::site::generate(&root, Some(base)).unwrap();
        assert_eq!(live.page_count(), full.pages, "{paths:?}");
        for file in &full.files {
            let got =
                live.get(&file.path).unwrap().unwrap_or_else(|| panic!("{} missing", file.path));
            assert!(
                got.as_slice() == file.bytes.as_slice(),
                "{} differs after {paths:?}",
                file.path
            );
        }
    }
    let page = live.get("ru/documents/2020/mamin-v-tashkente/index.html").unwrap().unwrap();
    let page = String::from_utf8_lossy(&page);
    assert!(page.contains("Республика Казахстан") && page.contains("Мамин выступил в Ташкенте"));
    assert!(live.get("ru/documents/2024/li-qiang/index.html").unwrap().is_none());
}

/// A broken edit is reported, and the next good one brings the site back.
#[test]
fn a_broken_edit_is_an_error_until_fixed() {
    use archive::site::live::Live;
    let f = Fixture::new(&["minimal"]);
    let root = f.root();
    let doc = "content/documents/2019/mamin-v-tashkente.md";
    let live = Live::load(&root, None).unwrap();
    let good = read(&root, doc);
    f.write(doc, &good.replace("people: [askar-mamin]", "people: [nobody-known]"));
    let err = live.apply(&[root.join(doc)]).err().expect("an unknown person is an error");
    assert!(format!("{err:#}").contains("nobody-known"), "{err:#}");
    f.write(doc, &good);
    let live = Live::load(&root, None).unwrap();
    assert!(live.get("ru/index.html").unwrap().is_some());
}
