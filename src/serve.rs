//! `archive serve`: a local preview with live reload.
//!
//! The site is generated in memory (the same `site::generate` as `build`) and served from that
//! map, so no request can reach a file outside the site: a path either names a generated file or
//! gets the 404 page. The server binds to 127.0.0.1 unless told otherwise. A watcher (notify)
//! regenerates the site when anything under content/, templates/, static/, sources/ or site.toml
//! changes; pages long-poll `/__archive/wait` and reload when a new build is ready. All state is
//! passed explicitly (an `Arc` to one `Shared`), never held in globals.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::error::{Context, InvalidInput, Result};
use crate::site;

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
    files: HashMap<String, Vec<u8>>,
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
        state: Mutex::new(State { files: HashMap::new(), version: 0, error: None }),
        changed: Condvar::new(),
    });
    rebuild(root, &base_url, &shared);
    println!("serving the archive at {base_url} (Ctrl-C to stop)");
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
        if ev.is_ok_and(|e| !e.kind.is_access()) {
            let _ = tx.send(());
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
        while rx.recv().is_ok() {
            // Let a burst of events (an editor's save) settle into one rebuild.
            std::thread::sleep(Duration::from_millis(30));
            while rx.try_recv().is_ok() {}
            rebuild(&root_owned, &base_url, &for_watch);
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

fn rebuild(root: &Path, base_url: &str, shared: &Shared) {
    let start = Instant::now();
    let result = site::generate(root, Some(base_url));
    let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    match result {
        Ok(g) => {
            state.files = g.files.into_iter().map(|f| (f.path, f.bytes)).collect();
            state.error = None;
            println!("rebuilt {} pages in {} ms", g.pages, start.elapsed().as_millis());
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
    let rel = decode(path.trim_start_matches('/'));
    let key = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel };
    let (status, key) = match state.files.get(&key) {
        Some(_) => (200, key),
        None if state.files.contains_key(&format!("{key}/index.html")) => {
            let location = format!("/{key}/");
            let msg = format!(
                "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            return out.write_all(msg.as_bytes());
        }
        None => (404, "404.html".to_string()),
    };
    let bytes = state.files.get(&key).cloned().unwrap_or_default();
    let version = state.version;
    drop(state);
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
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
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
