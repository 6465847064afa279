//! The little HTTP/1.1 the preview speaks: a request head read within limits and a deadline,
//! and an answer written whole with the headers every answer carries.
//!
//! A request head is read into a buffer that never grows past the limits: a request line longer
//! than [`HeadLimits::line`] is refused with 414, a header block larger than
//! [`HeadLimits::bytes`] or with more than [`HeadLimits::count`] lines with 431, and a head not
//! complete by its deadline with 408, however often bytes trickle in (each read waits only for
//! what is left of the time). Bodies are never read: the preview answers GET and HEAD only, and
//! every answer closes its connection.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

/// How large a request head may be.
#[derive(Debug, Clone, Copy)]
pub struct HeadLimits {
    /// Bytes of the request line (method, target, version).
    pub line: usize,
    /// Bytes of the header lines together.
    pub bytes: usize,
    /// Number of header lines.
    pub count: usize,
}

/// A request head as sent: method, target and version as written, headers in order.
#[derive(Debug, PartialEq)]
pub(crate) struct Head {
    pub(crate) method: String,
    pub(crate) target: String,
    pub(crate) version: String,
    pub(crate) headers: Vec<(String, String)>,
}

impl Head {
    /// The values of header `name` (case-insensitive), in order.
    pub(crate) fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers.iter().filter(move |(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| &**v)
    }
}

/// Why no request head came.
#[derive(Debug, PartialEq)]
pub(crate) enum Refusal {
    /// The client went away (or sent nothing): nobody to answer.
    Gone,
    /// Answer with this status and short explanation, then close.
    Status(u16, &'static str),
}

/// Reads one request head from `stream`, to be complete by `deadline`.
pub(crate) fn read_head(
    stream: &mut TcpStream,
    limits: HeadLimits,
    deadline: Instant,
) -> Result<Head, Refusal> {
    let mut parser = HeadParser::new(limits);
    let mut buf = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(timed_out(&parser));
        }
        // Each read waits only for what is left of the request's time.
        if stream.set_read_timeout(Some(left)).is_err() {
            return Err(Refusal::Gone);
        }
        match stream.read(&mut buf) {
            Ok(0) if parser.is_empty() => return Err(Refusal::Gone),
            Ok(0) => return Err(Refusal::Status(400, "the request ended before its headers did")),
            Ok(n) => {
                if let Some(done) = parser.feed(&buf[..n]) {
                    return done;
                }
            }
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Err(timed_out(&parser));
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return Err(Refusal::Gone),
        }
    }
}

fn timed_out(parser: &HeadParser) -> Refusal {
    if parser.is_empty() {
        // A connection opened and left silent (a browser's spare one): close it quietly.
        Refusal::Gone
    } else {
        Refusal::Status(408, "the request took too long to arrive")
    }
}

/// Splits a request head into lines as bytes arrive, checking the limits as it goes. Each byte
/// is looked at once, so a head trickled a byte at a time costs no more than one sent whole.
struct HeadParser {
    limits: HeadLimits,
    /// The current, unfinished line.
    line: Vec<u8>,
    request_line: Option<Vec<u8>>,
    headers: Vec<Vec<u8>>,
    /// Bytes of header lines so far.
    header_bytes: usize,
    seen_any: bool,
}

impl HeadParser {
    fn new(limits: HeadLimits) -> HeadParser {
        HeadParser {
            limits,
            line: Vec::new(),
            request_line: None,
            headers: Vec::new(),
            header_bytes: 0,
            seen_any: false,
        }
    }

    fn is_empty(&self) -> bool {
        !self.seen_any
    }

    /// Takes more bytes; Some when the head is complete or refused.
    fn feed(&mut self, bytes: &[u8]) -> Option<Result<Head, Refusal>> {
        for &b in bytes {
            self.seen_any = true;
            if b != b'\n' {
                self.line.push(b);
                if self.request_line.is_none() && self.line.len() > self.limits.line {
                    return Some(Err(Refusal::Status(414, "the request line is too long")));
                }
                if self.request_line.is_some()
                    && self.header_bytes + self.line.len() > self.limits.bytes
                {
                    return Some(Err(Refusal::Status(431, "the request headers are too large")));
                }
                continue;
            }
            let mut line = std::mem::take(&mut self.line);
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            if self.request_line.is_none() {
                // Empty lines before the request line are allowed (RFC 9112, 2.2).
                if !line.is_empty() {
                    self.request_line = Some(line);
                }
                continue;
            }
            if line.is_empty() {
                return Some(self.finish());
            }
            self.header_bytes += line.len() + 2;
            self.headers.push(line);
            if self.headers.len() > self.limits.count {
                return Some(Err(Refusal::Status(431, "the request has too many headers")));
            }
        }
        None
    }

    fn finish(&mut self) -> Result<Head, Refusal> {
        let bad = |why| Refusal::Status(400, why);
        let line = self.request_line.take().unwrap_or_default();
        let line = String::from_utf8(line).map_err(|_| bad("the request line is not text"))?;
        let mut parts = line.split(' ');
        let (Some(method), Some(target), Some(version), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad("the request line is not «METHOD target HTTP/1.1»"));
        };
        if method.is_empty() || !method.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(bad("the request method is not a word"));
        }
        // Browsers percent-encode everything else; a raw control, space or non-ASCII byte in a
        // target is a client this preview need not understand.
        if target.is_empty() || !target.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(bad("the request target has characters that must be percent-encoded"));
        }
        match version {
            "HTTP/1.1" | "HTTP/1.0" => {}
            v if v.starts_with("HTTP/") => {
                return Err(Refusal::Status(505, "only HTTP/1.0 and HTTP/1.1 are spoken here"));
            }
            _ => return Err(bad("the request line does not end in an HTTP version")),
        }
        let mut headers = Vec::with_capacity(self.headers.len());
        for raw in self.headers.drain(..) {
            if raw.first().is_some_and(|b| *b == b' ' || *b == b'\t') {
                return Err(bad("folded header lines are not accepted"));
            }
            let raw = String::from_utf8_lossy(&raw);
            let Some((name, value)) = raw.split_once(':') else {
                return Err(bad("a header line has no «:»"));
            };
            if name.is_empty() || name.bytes().any(|b| !b.is_ascii_graphic()) {
                return Err(bad("a header name is not a token"));
            }
            headers.push((name.to_string(), value.trim_matches([' ', '\t']).to_string()));
        }
        Ok(Head {
            method: method.to_string(),
            target: target.to_string(),
            version: version.to_string(),
            headers,
        })
    }
}

/// An answer: status, the headers particular to it, and the body.
#[derive(Debug)]
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Vec<u8>,
}

impl Response {
    pub(crate) fn new(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response { status, headers: vec![("Content-Type", content_type.to_string())], body }
    }

    /// A short plain-text answer (errors the browser shows as they are).
    pub(crate) fn text(status: u16, text: &str) -> Response {
        Response::new(status, "text/plain; charset=utf-8", format!("{text}\n").into_bytes())
    }

    pub(crate) fn with(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }

    /// The whole answer as bytes: the body left out for HEAD, its length given either way.
    pub(crate) fn to_bytes(&self, head_only: bool) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        // Every answer: its length, never cached (the preview changes under it), never sniffed
        // into another type than the one given, and the connection closed after it.
        out.push_str(&format!(
            "Content-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        let mut out = out.into_bytes();
        if !head_only {
            out.extend_from_slice(&self.body);
        }
        out
    }

    /// Writes the answer, giving up at `deadline` (a client that reads too slowly), and closes
    /// the sending side.
    pub(crate) fn send(&self, stream: &mut TcpStream, head_only: bool, deadline: Instant) {
        let bytes = self.to_bytes(head_only);
        for chunk in bytes.chunks(64 * 1024) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || stream.set_write_timeout(Some(left)).is_err() {
                return;
            }
            if stream.write_all(chunk).is_err() {
                return;
            }
        }
        let _ = stream.flush();
        let _ = stream.shutdown(Shutdown::Write);
    }
}

/// After an answer sent before the request was read whole: reads (and drops) what the client
/// is still sending, for a moment, so that closing does not reset the connection before the
/// client has read the answer.
pub(crate) fn linger(mut stream: TcpStream) {
    let until = Instant::now() + Duration::from_millis(500);
    let mut buf = [0u8; 16 * 1024];
    let mut total = 0;
    while total < 1024 * 1024 {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => total += n,
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Internal Server Error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: HeadLimits = HeadLimits { line: 32, bytes: 64, count: 3 };

    fn parse(chunks: &[&[u8]]) -> Option<Result<Head, Refusal>> {
        let mut p = HeadParser::new(LIMITS);
        chunks.iter().find_map(|c| p.feed(c))
    }

    #[test]
    fn a_head_is_read_whether_sent_whole_or_a_byte_at_a_time() {
        let raw = b"\r\nGET /ru/ HTTP/1.1\r\nHost: localhost:8000\r\nAccept:  */* \r\n\r\n";
        let whole = parse(&[raw]).unwrap().unwrap();
        let bytes: Vec<&[u8]> = raw.chunks(1).collect();
        assert_eq!(parse(&bytes).unwrap().unwrap(), whole);
        assert_eq!(whole.method, "GET");
        assert_eq!(whole.target, "/ru/");
        assert_eq!(whole.all("host").collect::<Vec<_>>(), ["localhost:8000"]);
        assert_eq!(whole.all("ACCEPT").collect::<Vec<_>>(), ["*/*"]);
        // Bare newlines end lines too.
        assert!(parse(&[b"GET / HTTP/1.0\nHost: a\n\n"]).unwrap().is_ok());
        assert!(parse(&[b"GET / HTTP/1.1\r\nHost: a\r\n"]).is_none(), "not complete yet");
    }

    #[test]
    fn oversized_heads_are_refused_at_the_limit_not_after() {
        let status = |r: Option<Result<Head, Refusal>>| match r {
            Some(Err(Refusal::Status(s, _))) => s,
            other => panic!("{other:?}"),
        };
        let long = [b"GET /".as_slice(), &[b'a'; 40]].concat();
        assert_eq!(status(parse(&[&long])), 414, "no line end needed to refuse");
        let big = [b"GET / HTTP/1.1\r\nX: ".as_slice(), &[b'b'; 70]].concat();
        assert_eq!(status(parse(&[&big])), 431);
        assert_eq!(status(parse(&[b"GET / HTTP/1.1\r\na: 1\r\nb: 1\r\nc: 1\r\nd: 1\r\n"])), 431);
    }

    #[test]
    fn malformed_request_lines_are_bad_requests() {
        for raw in [
            b"HELLO\r\n\r\n".as_slice(),
            b"GET  / HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1 x\r\n\r\n",
            b"GET /a b HTTP/1.1\r\n\r\n",
            b"GET /\x01 HTTP/1.1\r\n\r\n",
            b"G3T / HTTP/1.1\r\n\r\n",
            b"GET / FTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nno colon\r\n\r\n",
            b"GET / HTTP/1.1\r\nA: 1\r\n folded\r\n\r\n",
        ] {
            let r = parse(&[raw]);
            assert!(
                matches!(r, Some(Err(Refusal::Status(400, _)))),
                "{}: {r:?}",
                String::from_utf8_lossy(raw)
            );
        }
        assert!(matches!(parse(&[b"GET / HTTP/2.0\r\n\r\n"]), Some(Err(Refusal::Status(505, _)))));
    }

    #[test]
    fn every_answer_carries_nosniff_length_and_close() {
        let r = Response::text(404, "not here");
        let text = String::from_utf8(r.to_bytes(true)).unwrap();
        assert!(text.starts_with("HTTP/1.1 404 Not Found\r\n"), "{text}");
        for h in [
            "X-Content-Type-Options: nosniff",
            "Content-Length: 9",
            "Connection: close",
            "Cache-Control: no-store",
        ] {
            assert!(text.contains(h), "{h}: {text}");
        }
        assert!(text.ends_with("\r\n\r\n"), "HEAD: no body");
    }
}
