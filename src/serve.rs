//! `archive serve`: a local preview with live reload.
//!
//! The site lives in memory ([`crate::site::live::Live`]: loaded and resolved as `build` does, pages
//! rendered when asked for) and is served from there, so no request can reach a file outside the
//! site: a path either names a file of the site or gets the 404 page. The server binds to
//! 127.0.0.1 unless told otherwise. A watcher (notify) applies every change under content/ file
//! by file, and loads the site again when templates/, static/, sources/ or site.toml change;
//! pages long-poll `/__archive/wait` and reload when the change is applied. All state is passed
//! explicitly (an `Arc` to one `Shared`), never held in globals.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::error::{Context, InvalidInput, Result};
use crate::site::live::Live;

/// Options of `archive serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to bind; 127.0.0.1:8000 by default.
    pub addr: SocketAddr,
}

/// What the server shares between the watcher and the request threads.
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

struct State {
    /// The site, or None while the input has errors.
    live: Option<Arc<Live>>,
    /// Increases with every successful build; pages reload when it moves.
    version: u64,
    /// The errors of the last failed build, shown instead of the site until fixed.
    error: Option<String>,
}

/// The script added to every HTML page in preview: wait for the next build, then reload.
fn reload_script(version: u64) -> String {
    format!(
        "<script>(function w(v){{fetch('/__archive/wait?since='+v).then(function(r){{return r.text()}}).then(function(n){{if(n!==String(v))location.reload();else w(v)}}).catch(function(){{setTimeout(function(){{w(v)}},1000)}})}})({version});</script>"
    )
}

/// Builds the site in memory, serves it, and rebuilds on changes until the process ends.
pub fn serve(root: &Path, opts: &ServeOptions) -> Result<()> {
    let listener =
        TcpListener::bind(opts.addr).with_context(|| format!("binding {}", opts.addr))?;
    let local = listener.local_addr()?;
    let base_url = format!("http://{local}/");
    let shared = Arc::new(Shared {
        state: Mutex::new(State { live: None, version: 0, error: None }),
        changed: Condvar::new(),
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
    for stream in listener.incoming().flatten() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            let _ = handle(stream, &shared);
        });
    }
    Ok(())
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
    state.version += 1;
    shared.changed.notify_all();
    drop(state);
    drop(trash);
}

fn handle(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // Skip the headers.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut out = stream;
    if method != "GET" && method != "HEAD" {
        return respond(&mut out, 405, "text/plain", b"method not allowed", method == "HEAD");
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path == "/__archive/wait" {
        let since: u64 = query.strip_prefix("since=").and_then(|v| v.parse().ok()).unwrap_or(0);
        let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
        let (state, _) = shared
            .changed
            .wait_timeout_while(state, Duration::from_secs(25), |s| s.version <= since)
            .unwrap_or_else(|e| e.into_inner());
        return respond(&mut out, 200, "text/plain", state.version.to_string().as_bytes(), false);
    }
    let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    let version = state.version;
    if let Some(err) = &state.error {
        let body = format!(
            "<!DOCTYPE html><meta charset=utf-8><title>build failed</title><pre>{}</pre>{}",
            crate::render::highlight::escape(err),
            reload_script(state.version)
        );
        return respond(
            &mut out,
            500,
            "text/html; charset=utf-8",
            body.as_bytes(),
            method == "HEAD",
        );
    }
    let Some(live) = state.live.clone() else {
        return respond(&mut out, 503, "text/plain", b"the site is loading", method == "HEAD");
    };
    drop(state);
    let rel = decode(path.trim_start_matches('/'));
    let key = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel };
    let found = |k: &str| live.get(k).map_err(|e| std::io::Error::other(format!("{e:#}")));
    let (status, key, bytes) = match found(&key)? {
        Some(b) => (200, key, b),
        None if live.has(&format!("{key}/index.html")).unwrap_or(false) => {
            let location = format!("/{key}/");
            let msg = format!(
                "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            return out.write_all(msg.as_bytes());
        }
        None => (404, "404.html".to_string(), found("404.html")?.unwrap_or_default()),
    };
    let ctype = content_type(&key);
    if ctype.starts_with("text/html") {
        let mut html = String::from_utf8_lossy(&bytes).to_string();
        let script = reload_script(version);
        match html.rfind("</body>") {
            Some(i) => html.insert_str(i, &script),
            None => html.push_str(&script),
        }
        return respond(&mut out, status, ctype, html.as_bytes(), method == "HEAD");
    }
    respond(&mut out, status, ctype, &bytes, method == "HEAD")
}

fn respond(
    out: &mut TcpStream,
    status: u16,
    ctype: &str,
    body: &[u8],
    head: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        405 => "Method Not Allowed",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    };
    let header = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    out.write_all(header.as_bytes())?;
    if !head {
        out.write_all(body)?;
    }
    out.flush()
}

/// Percent-decodes a URL path (UTF-8); invalid escapes stay as written. The result is only ever
/// used as a key into the generated files, never as a file system path.
fn decode(path: &str) -> String {
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
    String::from_utf8_lossy(&out).to_string()
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" | "bib" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_never_escapes_the_key_space() {
        assert_eq!(decode("ru/%D0%B0/"), "ru/а/");
        assert_eq!(decode("%2e%2e/%2e%2e/etc/passwd"), "../../etc/passwd");
        assert_eq!(decode("bad%zz"), "bad%zz");
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("а%"), "а%");
    }

    #[test]
    fn types() {
        assert_eq!(content_type("ru/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("data/documents.csv"), "text/csv; charset=utf-8");
    }
}
