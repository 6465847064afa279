//! Live reload: the site's version, which moves with every rebuild, and the pages waiting for
//! it to move.
//!
//! Every HTML answer of the preview carries [`script`]: it asks `/__archive/wait?since=<its
//! version>` and reloads the page when the answer is a newer version. Such a request waits up to
//! 25 seconds, so it must not hold one of the few workers: the worker hands its connection to
//! [`Reload::park`], and one thread answers every parked connection when the version moves or
//! its time is up. At most `capacity` connections are parked; one more is told 503 and its page
//! asks again a little later.

use std::net::TcpStream;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use super::http::Response;

/// How long a waiting page is kept before it is told the version anyway (and asks again).
const WAIT: Duration = Duration::from_secs(25);

/// Time a parked client has to take its answer (a few dozen bytes, which a socket's buffer
/// takes at once): one client that stopped reading never delays the others' reload for long.
const WRITE: Duration = Duration::from_secs(1);

/// The script added to every HTML page in preview: wait for the next build, then reload. An
/// answer that is not 200 (the server busy or restarting) is retried a second later.
pub(crate) fn script(version: u64) -> String {
    format!(
        "<script>(function w(v){{fetch('/__archive/wait?since='+v).then(function(r){{if(!r.ok)throw r;return r.text()}}).then(function(n){{if(n!==String(v))location.reload();else w(v)}}).catch(function(){{setTimeout(function(){{w(v)}},1000)}})}})({version});</script>"
    )
}

/// The version and the parked connections.
pub(crate) struct Reload {
    inner: Mutex<Inner>,
    changed: Condvar,
    capacity: usize,
}

struct Inner {
    version: u64,
    parked: Vec<Parked>,
}

struct Parked {
    stream: TcpStream,
    since: u64,
    until: Instant,
    head_only: bool,
}

impl Reload {
    /// Starts the thread that answers parked connections.
    pub(crate) fn start(capacity: usize) -> std::io::Result<Arc<Reload>> {
        let reload = Arc::new(Reload {
            inner: Mutex::new(Inner { version: 0, parked: Vec::new() }),
            changed: Condvar::new(),
            capacity,
        });
        let answering = Arc::clone(&reload);
        std::thread::Builder::new().name("serve-reload".into()).spawn(move || answering.run())?;
        Ok(reload)
    }

    /// The current version.
    pub(crate) fn version(&self) -> u64 {
        self.lock().version
    }

    /// A rebuild finished (well or not): pages reload.
    pub(crate) fn bump(&self) {
        self.lock().version += 1;
        self.changed.notify_all();
    }

    /// Answers `stream` once the version is past `since` (at once if it already is), or after
    /// 25 seconds with the current one; 503 when too many are waiting.
    pub(crate) fn park(&self, mut stream: TcpStream, since: u64, head_only: bool) {
        let mut inner = self.lock();
        if inner.parked.len() >= self.capacity {
            drop(inner);
            let busy = Response::text(503, "too many pages are waiting for a reload")
                .with("Retry-After", "1");
            busy.send(&mut stream, head_only, Instant::now() + WRITE);
            return;
        }
        inner.parked.push(Parked { stream, since, until: Instant::now() + WAIT, head_only });
        drop(inner);
        self.changed.notify_all();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn run(&self) {
        let mut inner = self.lock();
        loop {
            let now = Instant::now();
            let version = inner.version;
            let (due, waiting): (Vec<Parked>, Vec<Parked>) =
                inner.parked.drain(..).partition(|p| version > p.since || p.until <= now);
            inner.parked = waiting;
            if !due.is_empty() {
                // Answered outside the lock: writing never delays a rebuild or a new page.
                drop(inner);
                for mut p in due {
                    // The body is the bare number the script compares.
                    let body = version.to_string().into_bytes();
                    let answer = Response::new(200, "text/plain; charset=utf-8", body);
                    answer.send(&mut p.stream, p.head_only, Instant::now() + WRITE);
                }
                inner = self.lock();
                continue;
            }
            let next = inner.parked.iter().map(|p| p.until).min();
            inner = match next {
                Some(until) => {
                    let wait = until.saturating_duration_since(now);
                    self.changed.wait_timeout(inner, wait).unwrap_or_else(|e| e.into_inner()).0
                }
                None => self.changed.wait(inner).unwrap_or_else(|e| e.into_inner()),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpListener;

    fn pair(listener: &TcpListener) -> (TcpStream, TcpStream) {
        let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        (client, listener.accept().unwrap().0)
    }

    fn answer(mut client: TcpStream) -> String {
        client.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut text = String::new();
        let _ = client.read_to_string(&mut text);
        text
    }

    #[test]
    fn parked_pages_hear_of_the_next_version_without_a_worker_each() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let reload = Reload::start(2).unwrap();
        reload.bump();
        assert_eq!(reload.version(), 1);
        // Already past: answered at once.
        let (client, server) = pair(&listener);
        reload.park(server, 0, false);
        assert!(answer(client).ends_with("\r\n\r\n1"));
        // Two wait; a third is one too many.
        let (a, sa) = pair(&listener);
        let (b, sb) = pair(&listener);
        let (mut c, sc) = pair(&listener);
        reload.park(sa, 1, false);
        reload.park(sb, 1, false);
        c.write_all(b"GET /__archive/wait?since=1 HTTP/1.1\r\n\r\n").unwrap();
        reload.park(sc, 1, false);
        let busy = answer(c);
        assert!(busy.starts_with("HTTP/1.1 503") && busy.contains("Retry-After: 1"), "{busy}");
        reload.bump();
        for client in [a, b] {
            let text = answer(client);
            assert!(text.starts_with("HTTP/1.1 200") && text.ends_with("\r\n\r\n2"), "{text}");
        }
    }
}
