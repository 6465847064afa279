//! `archive serve`: a local preview with live reload.
//!
//! The site lives in memory ([`crate::site::live::Live`]: loaded and resolved as `build` does, pages
//! rendered when asked for) and is served from there, so no request can reach a file outside the
//! site: a path either names a file of the site or gets the 404 page. The server binds to
//! 127.0.0.1 unless told otherwise. A watcher (notify) applies every change under content/ file
//! by file, and loads the site again when templates/, static/, sources/ or site.toml change;
//! pages long-poll `/__archive/wait` and reload when the change is applied (`reload`). All
//! state is passed explicitly (an `Arc` to one `Shared`), never held in globals.
//!
//! What a client can make the preview do is bounded ([`Limits`]): a request head is read within
//! size limits and a deadline (`http`), a fixed pool of workers answers and a bounded queue
//! waits for them (`pool`; beyond it, 503 at once), and only requests addressed to the
//! preview by name are answered (`host`, against DNS rebinding). Every answer says what it is
//! (`X-Content-Type-Options: nosniff`), raw sources are never sent as a type a browser would
//! run, and a request that comes while the site is being rebuilt, or whose page fails to
//! render, gets a page saying so (503, 500) rather than a closed connection.

mod host;
mod http;
mod pool;
mod reload;

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::error::{Context, InvalidInput, Result};
use crate::site::live::Live;
use host::HostPolicy;
pub use http::HeadLimits;
use http::{Head, Refusal, Response};
use reload::Reload;

/// Options of `archive serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to bind; 127.0.0.1:8000 by default.
    pub addr: SocketAddr,
    /// Host names answered besides `localhost` and IP literals (`--allow-host`).
    pub allowed_hosts: Vec<String>,
    /// What one client can make the server do.
    pub limits: Limits,
}

impl ServeOptions {
    /// Options for `addr`, with no further host names and the default limits.
    pub fn new(addr: SocketAddr) -> ServeOptions {
        ServeOptions { addr, allowed_hosts: Vec::new(), limits: Limits::default() }
    }
}

/// The bounds of the preview server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Threads answering requests (8).
    pub workers: usize,
    /// Connections waiting for a worker (32); more get 503 with `Retry-After`.
    pub queue: usize,
    /// Pages waiting for a reload at once (64); more are told to ask again.
    pub waiters: usize,
    /// Time a client has to send its request head, however it trickles in (10 s).
    pub request_time: Duration,
    /// Time a client has to take its answer (30 s).
    pub response_time: Duration,
    /// Request line 8 KiB (414 beyond), header lines 64 KiB and 100 (431 beyond).
    pub head: HeadLimits,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            workers: 8,
            queue: 32,
            waiters: 64,
            request_time: Duration::from_secs(10),
            response_time: Duration::from_secs(30),
            head: HeadLimits { line: 8 * 1024, bytes: 64 * 1024, count: 100 },
        }
    }
}

/// What the server shares between the watcher and the request threads.
struct Shared {
    state: Mutex<State>,
    reload: Arc<Reload>,
    hosts: HostPolicy,
    limits: Limits,
}

struct State {
    /// The site, or None while the input has errors or a change is being applied.
    live: Option<Arc<Live>>,
    /// The errors of the last failed build, shown instead of the site until fixed.
    error: Option<String>,
}

/// Builds the site in memory, serves it, and rebuilds on changes until the process ends.
pub fn serve(root: &Path, opts: &ServeOptions) -> Result<()> {
    let listener =
        TcpListener::bind(opts.addr).with_context(|| format!("binding {}", opts.addr))?;
    let local = listener.local_addr()?;
    let base_url = format!("http://{local}/");
    let limits = opts.limits;
    let shared = Arc::new(Shared {
        state: Mutex::new(State { live: None, error: None }),
        reload: Reload::start(limits.waiters).context("starting the reload thread")?,
        hosts: HostPolicy::new(local.ip(), &opts.allowed_hosts),
        limits,
    });
    rebuild(root, &base_url, &shared, &[]);
    println!("serving the archive at {base_url} (Ctrl-C to stop)");
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
        // A failed event carries no paths: an empty list, which loads everything again.
        match ev {
            Ok(e) if e.kind.is_access() => {}
            Ok(e) => {
                let _ = tx.send(e.paths);
            }
            Err(_) => {
                let _ = tx.send(Vec::new());
            }
        }
    })
    .context("starting the file watcher")?;
    use notify::Watcher;
    for dir in ["content", "templates", "static", "sources"] {
        let p = root.join(dir);
        if p.is_dir() {
            watcher
                .watch(&p, notify::RecursiveMode::Recursive)
                .with_context(|| format!("watching {}", p.display()))?;
        }
    }
    watcher
        .watch(&root.join("site.toml"), notify::RecursiveMode::NonRecursive)
        .context("watching site.toml")?;
    let root_owned: PathBuf = root.to_path_buf();
    let for_watch = Arc::clone(&shared);
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            // Let a burst of events (an editor's save: write, rename, chmod) settle into one.
            std::thread::sleep(Duration::from_millis(10));
            let mut all = vec![first];
            while let Ok(more) = rx.try_recv() {
                all.push(more);
            }
            let paths: BTreeSet<PathBuf> = all.iter().flatten().cloned().collect();
            let whole = all.iter().any(Vec::is_empty);
            let paths: Vec<PathBuf> = if whole { Vec::new() } else { paths.into_iter().collect() };
            rebuild(&root_owned, &base_url, &for_watch, &paths);
        }
    });
    let for_pool = Arc::clone(&shared);
    let pool =
        pool::Pool::new(limits.workers, limits.queue, Arc::new(move |s| handle(s, &for_pool)))
            .context("starting the worker threads")?;
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                if let Err(stream) = pool.offer(stream) {
                    overloaded(stream);
                }
            }
            // Out of file descriptors, say: wait a moment rather than spin.
            Err(_) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
    Ok(())
}

/// Tells a connection that finds every worker busy and the queue full to come back, without
/// ever blocking the accepting thread.
fn overloaded(stream: TcpStream) {
    let busy =
        Response::text(503, "the preview is busy; try again in a moment").with("Retry-After", "1");
    if stream.set_nonblocking(true).is_err() {
        return;
    }
    let mut stream = stream;
    let _ = stream.write_all(&busy.to_bytes(false));
    let _ = stream.shutdown(Shutdown::Write);
    // Take what the request has sent so far, so closing does not reset the answer away.
    let _ = stream.read(&mut [0u8; 16 * 1024]);
}

/// Applies the changed `paths` (none: load everything) and tells waiting pages.
fn rebuild(root: &Path, base_url: &str, shared: &Shared, paths: &[PathBuf]) {
    let start = Instant::now();
    let current = shared.state.lock().unwrap_or_else(|e| e.into_inner()).live.take();
    // A request may still hold the site for a moment; the change waits for it.
    let mut current = current;
    let mut owned = None;
    for _ in 0..1000 {
        match current.map(Arc::try_unwrap) {
            Some(Ok(live)) => {
                owned = Some(live);
                break;
            }
            Some(Err(shared_live)) => {
                current = Some(shared_live);
                std::thread::sleep(Duration::from_millis(1));
            }
            None => break,
        }
    }
    let result = match owned {
        Some(live) if !paths.is_empty() => live.apply(paths),
        _ => Live::load(root, Some(base_url)),
    };
    let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    let mut trash = Vec::new();
    match result {
        Ok(live) => {
            trash = live.take_trash();
            let what = match paths {
                [] => "loaded the site".to_string(),
                [one] => format!("applied {}", crate::error::relative(root, one).display()),
                many => format!("applied {} changes", many.len()),
            };
            println!("{what} ({} pages) in {} ms", live.page_count(), start.elapsed().as_millis());
            state.live = Some(Arc::new(live));
            state.error = None;
        }
        Err(e) => {
            let text = match e.downcast_ref::<InvalidInput>() {
                Some(i) => i.to_string(),
                None => format!("{e:#}"),
            };
            eprintln!("{text}");
            state.error = Some(text);
        }
    }
    drop(state);
    shared.reload.bump();
    drop(trash);
}

/// Answers one connection: reads its request within the limits, then answers it (or parks it
/// until the next reload). Never panics on what a client sends; never leaves a connection
/// without an answer unless the client has gone.
fn handle(mut stream: TcpStream, shared: &Shared) {
    let limits = &shared.limits;
    let head = match http::read_head(&mut stream, limits.head, Instant::now() + limits.request_time)
    {
        Ok(head) => head,
        Err(Refusal::Gone) => return,
        Err(Refusal::Status(status, why)) => {
            let answer = Response::text(status, why);
            answer.send(&mut stream, false, Instant::now() + limits.response_time);
            http::linger(stream);
            return;
        }
    };
    let head_only = head.method == "HEAD";
    match guarded(|| route(&head, shared), shared.reload.version()) {
        Routed::Wait(since) => shared.reload.park(stream, since, head_only),
        Routed::Answer(answer) => {
            answer.send(&mut stream, head_only, Instant::now() + limits.response_time)
        }
    }
}

/// `route`, or a 500 page if it panics (a bug of ours): the request is answered either way.
fn guarded(route: impl FnOnce() -> Routed, version: u64) -> Routed {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(route)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let hint = "The preview failed on this request (a bug: please report it with the page's \
                    address). It reloads by itself after the next change.";
        Routed::Answer(error_page(500, "The preview failed", hint, &what, version))
    })
}

/// What becomes of a request.
enum Routed {
    /// A page waiting for the version after this one.
    Wait(u64),
    Answer(Response),
}

fn route(head: &Head, shared: &Shared) -> Routed {
    let refuse = |status, text: &str| Routed::Answer(Response::text(status, text));
    let hosts: Vec<&str> = head.all("Host").collect();
    let host = match hosts.as_slice() {
        [one] => *one,
        [] => return refuse(400, "a request must name its Host"),
        _ => return refuse(400, "a request must name one Host, not several"),
    };
    if !shared.hosts.allows(host) {
        let text = format!(
            "This preview answers requests addressed to localhost, 127.0.0.1 or [::1] only, and \
             this one names the Host «{host}». A page of another site may be trying to read the \
             preview (DNS rebinding). To reach it under another name, start it with \
             `archive serve --allow-host NAME`."
        );
        return refuse(421, &text);
    }
    if head.method != "GET" && head.method != "HEAD" {
        let answer = Response::text(405, "the preview answers GET and HEAD only");
        return Routed::Answer(answer.with("Allow", "GET, HEAD"));
    }
    if !head.target.starts_with('/') {
        return refuse(400, "the request target must be a path starting with /");
    }
    let (path, query) = head.target.split_once('?').unwrap_or((&head.target, ""));
    if path == "/__archive/wait" {
        let since = query.strip_prefix("since=").and_then(|v| v.parse().ok()).unwrap_or(0);
        return Routed::Wait(since);
    }
    match site_key(path) {
        Ok(key) => Routed::Answer(answer_from_site(shared, &key, path)),
        Err(why) => refuse(400, why),
    }
}

/// The site's file a URL path names: percent-decoded, `index.html` for a folder. Paths that
/// could mean something else on a file system (dot segments, backslashes, NUL and other control
/// characters) are refused, although the key only ever looks up the site in memory.
fn site_key(path: &str) -> std::result::Result<String, &'static str> {
    let decoded = String::from_utf8(decode(path)).map_err(|_| "the path is not UTF-8")?;
    if decoded.chars().any(|c| c.is_control() || c == '\\') {
        return Err("the path has a control character or a backslash");
    }
    let rel = decoded.trim_start_matches('/');
    if rel.split('/').any(|seg| seg == "." || seg == "..") {
        return Err("the path has a «.» or «..» segment");
    }
    Ok(if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.into() })
}

/// The answer for the site's file `key` (asked for as `path`), or a page saying why not.
fn answer_from_site(shared: &Shared, key: &str, path: &str) -> Response {
    // The version is read before the site: a page rendered from the site before a change then
    // carries the version before it, and reloads when the change is in.
    let version = shared.reload.version();
    let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(err) = &state.error {
        let hint = "The site's input has errors. The page reloads by itself when they are fixed.";
        return error_page(500, "The build failed", hint, err, version);
    }
    let Some(live) = state.live.clone() else {
        let hint = "A change is being applied. The page reloads by itself when it is ready.";
        return error_page(503, "The site is being rebuilt", hint, "", version)
            .with("Retry-After", "1");
    };
    drop(state);
    match file_of(&live, key, path, version) {
        Ok(answer) => answer,
        Err(e) => {
            let hint = "The page could not be rendered (often a template error). It reloads by \
                        itself after the next change.";
            error_page(500, "Rendering failed", hint, &format!("{key}: {e:#}"), version)
        }
    }
}

fn file_of(live: &Live, key: &str, path: &str, version: u64) -> Result<Response> {
    if let Some(bytes) = live.get(key)? {
        return Ok(file_answer(200, key, &bytes, version));
    }
    if live.has(&format!("{key}/index.html"))? {
        // One leading slash: `//name` would send the browser to another host.
        let location = format!("/{}/", path.trim_start_matches('/'));
        return Ok(
            Response::new(301, "text/plain; charset=utf-8", Vec::new()).with("Location", location)
        );
    }
    let bytes = live.get("404.html")?.unwrap_or_default();
    Ok(file_answer(404, "404.html", &bytes, version))
}

/// A file of the site with its type; HTML pages get the reload script. Raw sources are served
/// as inert text (and sandboxed besides): they are pages saved from the web, not ours.
fn file_answer(status: u16, key: &str, bytes: &[u8], version: u64) -> Response {
    let ctype = content_type(key, bytes);
    let body = if ctype.starts_with("text/html") {
        let mut html = String::from_utf8_lossy(bytes).into_owned();
        let script = reload::script(version);
        match html.rfind("</body>") {
            Some(i) => html.insert_str(i, &script),
            None => html.push_str(&script),
        }
        html.into_bytes()
    } else {
        bytes.to_vec()
    };
    let answer = Response::new(status, ctype, body);
    if is_source(key) && ctype != "application/pdf" {
        return answer.with("Content-Security-Policy", "sandbox");
    }
    answer
}

/// A small page saying what went wrong, which reloads by itself after the next change.
fn error_page(status: u16, title: &str, hint: &str, detail: &str, version: u64) -> Response {
    let detail = match detail {
        "" => String::new(),
        d => format!("<pre>{}</pre>", crate::render::highlight::escape(d)),
    };
    let body = format!(
        "<!DOCTYPE html><html lang=en><meta charset=utf-8><title>{title}</title><h1>{title}</h1><p>{hint}</p>{detail}{}",
        reload::script(version)
    );
    Response::new(status, "text/html; charset=utf-8", body.into_bytes())
}

/// Percent-decodes a URL path; invalid escapes stay as written. The result is only ever used as
/// a key into the generated files, never as a file system path.
fn decode(path: &str) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

fn is_source(key: &str) -> bool {
    key.starts_with("sources/")
}

/// The type a file is sent as. The generator's own files (pages, assets, feeds, data) by their
/// extension; raw sources only as a type on a known-safe list: images and PDF as such, text of
/// any kind (HTML, SVG and XML included) as plain text, anything else as bytes to download.
fn content_type(key: &str, bytes: &[u8]) -> &'static str {
    let name = key.rsplit('/').next().unwrap_or(key);
    let ext = name.rsplit_once('.').map(|(_, x)| x.to_ascii_lowercase()).unwrap_or_default();
    let image = match ext.as_str() {
        "png" => Some("image/png"),
        "jpg" | "jpeg" => Some("image/jpeg"),
        "gif" => Some("image/gif"),
        "webp" => Some("image/webp"),
        "avif" => Some("image/avif"),
        "pdf" => Some("application/pdf"),
        _ => None,
    };
    if let Some(t) = image {
        return t;
    }
    if is_source(key) {
        let text = matches!(
            ext.as_str(),
            "txt"
                | "text"
                | "md"
                | "markdown"
                | "html"
                | "htm"
                | "xhtml"
                | "shtml"
                | "xml"
                | "svg"
                | "rss"
                | "atom"
                | "csv"
                | "tsv"
                | "json"
                | "yaml"
                | "yml"
                | "eml"
        );
        return match (text, std::str::from_utf8(bytes).is_ok()) {
            (true, true) => "text/plain; charset=utf-8",
            // Another encoding (windows-1251, KOI8-R): the browser guesses the charset, never
            // the type.
            (true, false) => "text/plain",
            (false, _) => "application/octet-stream",
        };
    }
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" | "bib" => "text/plain; charset=utf-8",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_never_escapes_the_key_space() {
        assert_eq!(decode("ru/%D0%B0/"), "ru/а/".as_bytes());
        assert_eq!(decode("%2e%2e/%2e%2e/etc/passwd"), b"../../etc/passwd");
        assert_eq!(decode("bad%zz"), b"bad%zz");
        assert_eq!(decode("%"), b"%");
        assert_eq!(decode("а%"), "а%".as_bytes());
        assert_eq!(site_key("/ru/%D0%B0/"), Ok("ru/а/index.html".to_string()));
        assert_eq!(site_key("//"), Ok("index.html".to_string()));
        for bad in [
            "/%2e%2e/etc/passwd",
            "/ru/./x",
            "/a/..",
            "/a%5c..%5cb",
            "/a\\b",
            "/a%00b",
            "/a%0Ab",
            "/%C0%AE%C0%AE/x",
        ] {
            assert!(site_key(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn types() {
        assert_eq!(content_type("ru/index.html", b""), "text/html; charset=utf-8");
        assert_eq!(content_type("data/documents.csv", b""), "text/csv; charset=utf-8");
        assert_eq!(content_type("assets/logo.svg", b""), "image/svg+xml");
    }

    #[test]
    fn raw_sources_are_never_sent_as_markup() {
        let page = b"<script>alert(1)</script>";
        for key in ["sources/a.html", "sources/a.HTM", "sources/a.svg", "sources/a.xml"] {
            assert_eq!(content_type(key, page), "text/plain; charset=utf-8", "{key}");
        }
        assert_eq!(content_type("sources/a.html.txt", page), "text/plain; charset=utf-8");
        assert_eq!(content_type("sources/cp1251.txt", b"\xcf\xf0\xe8"), "text/plain");
        assert_eq!(content_type("sources/a.swf", page), "application/octet-stream");
        assert_eq!(content_type("sources/noext", page), "application/octet-stream");
        assert_eq!(content_type("sources/scan.PNG", b""), "image/png");
        let answer = file_answer(200, "sources/a.html", page, 1);
        assert_eq!(answer.body, page, "no reload script in a source");
        assert!(answer.headers.contains(&("Content-Security-Policy", "sandbox".to_string())));
    }

    #[test]
    fn a_panic_while_answering_is_a_500_page_not_a_closed_connection() {
        let routed = guarded(|| panic!("renderer bug"), 3);
        let Routed::Answer(answer) = routed else { panic!("answered") };
        assert_eq!(answer.status, 500);
        let page = String::from_utf8(answer.body).unwrap();
        assert!(page.contains("renderer bug") && page.contains("since='+v"), "{page}");
        assert!(page.contains("})(3);"), "reloads after version 3: {page}");
    }

    #[test]
    fn a_request_during_a_rebuild_gets_a_page_saying_so() {
        let shared = Shared {
            state: Mutex::new(State { live: None, error: None }),
            reload: Reload::start(1).unwrap(),
            hosts: HostPolicy::new([127, 0, 0, 1].into(), &[]),
            limits: Limits::default(),
        };
        let answer = answer_from_site(&shared, "ru/index.html", "/ru/");
        assert_eq!(answer.status, 503);
        assert!(answer.headers.contains(&("Retry-After", "1".to_string())));
        let page = String::from_utf8(answer.body).unwrap();
        assert!(page.contains("being rebuilt") && page.contains("/__archive/wait"), "{page}");
        shared.state.lock().unwrap().error = Some("content/x.md:3: date: not a date".into());
        let answer = answer_from_site(&shared, "ru/index.html", "/ru/");
        assert_eq!(answer.status, 500);
        assert!(String::from_utf8(answer.body).unwrap().contains("content/x.md:3: date"));
    }
}
