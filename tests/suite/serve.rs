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
        // Dot segments are refused outright (400); other paths are simply not in the site.
        assert!(status == 404 || status == 400, "{path}: {status}");
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

/// What came back for one raw request: the status, the header block and the body.
struct Answer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Answer {
    /// The value of header `name` (case-insensitive), if sent.
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim().eq_ignore_ascii_case(name).then_some(v.trim())
        })
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).to_string()
    }
}

/// Sends `raw` as it is and reads the answer until the server closes. A reset after the
/// answer (the server closed with our bytes unread) keeps what arrived.
fn exchange(addr: &str, raw: &[u8]) -> Answer {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let _ = s.write_all(raw);
    read_answer(&mut s)
}

fn read_answer(s: &mut TcpStream) -> Answer {
    let mut bytes = Vec::new();
    let _ = s.read_to_end(&mut bytes);
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n");
    let (head, body) = match split {
        Some(i) => (String::from_utf8_lossy(&bytes[..i]).to_string(), bytes[i + 4..].to_vec()),
        None => (String::from_utf8_lossy(&bytes).to_string(), Vec::new()),
    };
    let status = head.split_whitespace().nth(1).unwrap_or("0").parse().unwrap_or(0);
    Answer { status, head, body }
}

fn request(addr: &str, method: &str, path: &str, host: &str) -> Answer {
    let raw = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    exchange(addr, raw.as_bytes())
}

#[test]
fn serve_refuses_oversized_request_line() {
    let f = Fixture::new(&["minimal"]);
    let server = start(&f.root());
    let long = format!("/ru/{}", "a".repeat(9 * 1024));
    let a = request(&server.addr, "GET", &long, &server.addr);
    assert_eq!(a.status, 414, "{}", a.head);
    // A request line that never ends is cut off at the limit too, not read forever.
    let endless = format!("GET /{}", "b".repeat(64 * 1024));
    let a = exchange(&server.addr, endless.as_bytes());
    assert_eq!(a.status, 414, "{}", a.head);
}

#[test]
fn serve_refuses_oversized_or_too_many_headers() {
    let f = Fixture::new(&["minimal"]);
    let server = start(&f.root());
    let big = format!(
        "GET /ru/ HTTP/1.1\r\nHost: {}\r\nX-Big: {}\r\n\r\n",
        server.addr,
        "c".repeat(70 * 1024)
    );
    let a = exchange(&server.addr, big.as_bytes());
    assert_eq!(a.status, 431, "{}", a.head);
    let mut many = format!("GET /ru/ HTTP/1.1\r\nHost: {}\r\n", server.addr);
    for i in 0..150 {
        many.push_str(&format!("X-H{i}: v\r\n"));
    }
    many.push_str("\r\n");
    let a = exchange(&server.addr, many.as_bytes());
    assert_eq!(a.status, 431, "{}", a.head);
    // Within the limits the same request is answered.
    let a = request(&server.addr, "GET", "/ru/", &server.addr);
    assert_eq!(a.status, 200);
}

/// A client that trickles its request a byte at a time, never finishing it, is cut off once
/// the request's time is up (10 s), however often bytes arrive.
#[test]
fn serve_slowloris_does_not_hold_a_worker() {
    let f = Fixture::new(&["minimal"]);
    let server = start(&f.root());
    let started = Instant::now();
    let mut slow = TcpStream::connect(&server.addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    let mut closed = false;
    let mut got = Vec::new();
    while started.elapsed() < Duration::from_secs(25) {
        if slow.write_all(b"X").is_err() {
            closed = true;
            break;
        }
        let mut buf = [0u8; 1024];
        match slow.read(&mut buf) {
            Ok(0) => {
                closed = true;
                break;
            }
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(_) => {
                closed = true;
                break;
            }
        }
    }
    assert!(closed, "a trickling client held its connection for {:?}", started.elapsed());
    assert!(started.elapsed() < Duration::from_secs(15), "cut off after {:?}", started.elapsed());
    let got = String::from_utf8_lossy(&got);
    assert!(got.starts_with("HTTP/1.1 408"), "{got}");
    // The server still answers.
    assert_eq!(request(&server.addr, "GET", "/ru/", &server.addr).status, 200);
}

#[test]
fn serve_rejects_foreign_host_header() {
    let f = Fixture::new(&["minimal"]);
    let server = start(&f.root());
    let port = server.addr.rsplit(':').next().unwrap();
    // A page of another site whose name now points at 127.0.0.1 (DNS rebinding) sends its own
    // name as Host.
    for host in ["evil.example", &format!("evil.example:{port}"), "127.0.0.1.evil.example"] {
        let a = request(&server.addr, "GET", "/ru/", host);
        assert_eq!(a.status, 421, "{host}: {}", a.head);
        assert!(a.text().contains("Host"), "the answer explains itself: {}", a.text());
        assert!(!a.text().contains("Тестовый архив"), "{host}");
    }
    for host in [
        server.addr.clone(),
        format!("localhost:{port}"),
        "LOCALHOST".to_string(),
        "127.0.0.1".to_string(),
        format!("[::1]:{port}"),
        "localhost:9999".to_string(),
    ] {
        assert_eq!(request(&server.addr, "GET", "/ru/", &host).status, 200, "{host}");
    }
    // HTTP/1.1 requires Host.
    let a = exchange(&server.addr, b"GET /ru/ HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(a.status, 400, "{}", a.head);
    // Two Hosts are one too many.
    let two = format!("GET /ru/ HTTP/1.1\r\nHost: {0}\r\nHost: evil.example\r\n\r\n", server.addr);
    assert_eq!(exchange(&server.addr, two.as_bytes()).status, 400);
}

/// Connections beyond the workers and the queue get an immediate 503 with Retry-After rather
/// than one more thread each; once the crowd leaves the server answers again.
#[test]
fn serve_answers_503_when_pool_is_full() {
    let f = Fixture::new(&["minimal"]);
    let server = start(&f.root());
    let idle: Vec<TcpStream> =
        (0..200).map(|_| TcpStream::connect(&server.addr).unwrap()).collect();
    let a = request(&server.addr, "GET", "/ru/", &server.addr);
    assert_eq!(a.status, 503, "{}", a.head);
    assert!(a.header("Retry-After").is_some(), "{}", a.head);
    drop(idle);
    let started = Instant::now();
    loop {
        let a = request(&server.addr, "GET", "/ru/", &server.addr);
        if a.status == 200 {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "still {}", a.status);
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A page whose render fails gets a 500 page naming the error, not a closed connection.
#[test]
fn serve_answers_500_page_when_render_fails() {
    let f = Fixture::new(&["minimal"]);
    f.write(
        "templates/document.html",
        "{% extends \"base.html\" %}{% block main %}{{ body.no_such_field.deeper }}{% endblock %}",
    );
    let server = start(&f.root());
    assert_eq!(request(&server.addr, "GET", "/ru/", &server.addr).status, 200);
    let a = request(&server.addr, "GET", "/ru/documents/2019/mamin-v-tashkente/", &server.addr);
    assert_eq!(a.status, 500, "{}", a.head);
    assert!(a.header("Content-Type").unwrap_or("").starts_with("text/html"), "{}", a.head);
    assert!(a.text().contains("no_such_field"), "names the error: {}", a.text());
    assert!(a.text().contains("/__archive/wait"), "reloads when fixed");
}

/// Raw sources are whatever a page saved from the web was: served as text, never as HTML or
/// SVG that would run its scripts on the preview's origin.
#[test]
fn serve_never_sends_raw_sources_as_html_or_svg() {
    let f = Fixture::new(&["minimal"]);
    let evil = "<html><body><script>alert(document.domain)</script><img src=x onerror=alert(1)>";
    f.write("sources/page.html", evil);
    f.write("sources/page.htm", evil);
    f.write(
        "sources/feed.xml",
        "<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)</x:script>",
    );
    f.write("sources/pic.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>");
    f.write("sources/page.xhtml", evil);
    f.write("sources/unknown.weird", evil);
    let server = start(&f.root());
    let mut seen = 0;
    for name in ["page.html", "page.htm", "feed.xml", "pic.svg", "page.xhtml", "unknown.weird"] {
        // The build may publish such a source under `<name>.txt`; either way it is not markup.
        for path in [format!("/sources/{name}"), format!("/sources/{name}.txt")] {
            let a = request(&server.addr, "GET", &path, &server.addr);
            if a.status != 200 {
                continue;
            }
            seen += 1;
            let ctype = a.header("Content-Type").unwrap_or("");
            assert!(
                ctype.starts_with("text/plain") || ctype == "application/octet-stream",
                "{path}: {ctype}"
            );
            assert_eq!(a.header("X-Content-Type-Options"), Some("nosniff"), "{path}");
            assert!(!a.text().contains("/__archive/wait"), "{path}: no script added");
        }
    }
    assert!(seen >= 6, "every source is served");
    let a = request(&server.addr, "GET", "/sources/raw-1.txt", &server.addr);
    assert_eq!(a.status, 200);
    assert!(a.header("Content-Type").unwrap_or("").starts_with("text/plain"));
}

#[test]
fn serve_sends_nosniff_on_every_answer() {
    let f = Fixture::new(&["minimal"]);
    let server = start(&f.root());
    for (path, status) in
        [("/ru/", 200), ("/assets/style.css", 200), ("/nothing-here", 404), ("/ru", 301)]
    {
        let a = request(&server.addr, "GET", path, &server.addr);
        assert_eq!(a.status, status, "{path}");
        assert_eq!(a.header("X-Content-Type-Options"), Some("nosniff"), "{path}: {}", a.head);
    }
}

#[test]
fn serve_answers_head_and_refuses_other_methods() {
    let f = Fixture::new(&["minimal"]);
    let server = start(&f.root());
    let get = request(&server.addr, "GET", "/ru/", &server.addr);
    let head = request(&server.addr, "HEAD", "/ru/", &server.addr);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "HEAD has no body");
    assert_eq!(head.header("Content-Length"), get.header("Content-Length"));
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PATCH"] {
        let a = request(&server.addr, method, "/ru/", &server.addr);
        assert_eq!(a.status, 405, "{method}");
        assert_eq!(a.header("Allow"), Some("GET, HEAD"), "{method}");
    }
    // A refused request with a body still sees its answer (the body is taken, not reset away).
    let post = format!(
        "POST /ru/ HTTP/1.1\r\nHost: {}\r\nContent-Length: 300000\r\n\r\n{}",
        server.addr,
        "d".repeat(300_000)
    );
    assert_eq!(exchange(&server.addr, post.as_bytes()).status, 405);
    // Not HTTP at all.
    let a = exchange(&server.addr, b"HELLO\r\n\r\n");
    assert_eq!(a.status, 400, "{}", a.head);
}

/// Paths that try to leave the site (dot segments, encoded or not, NUL, backslashes, absolute
/// forms) are refused or not found; nothing outside the site is ever read.
#[test]
fn serve_paths_cannot_escape_the_site() {
    let f = Fixture::new(&["minimal"]);
    let server = start(&f.root());
    for path in [
        "/ru/../../site.toml",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/..%5c..%5csite.toml",
        "/..\\..\\site.toml",
        "/ru/%00/../../etc/passwd",
        "/sources/raw-1.txt%00.html",
        "//etc/passwd",
        "http://evil.example/etc/passwd",
        "/%2Fetc%2Fpasswd",
        "*",
        "etc/passwd",
    ] {
        let a = request(&server.addr, "GET", path, &server.addr);
        assert!(a.status == 400 || a.status == 404, "{path}: {}", a.head);
        let body = a.text();
        assert!(!body.contains("root:") && !body.contains("base_url"), "{path}");
    }
    // A folder asked for without its slash is redirected on this host, never to `//name/`.
    let a = request(&server.addr, "GET", "//ru", &server.addr);
    assert_eq!((a.status, a.header("Location")), (301, Some("/ru/")), "{}", a.head);
}
