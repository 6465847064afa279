//! Which `Host` a request may name: the guard against DNS rebinding.
//!
//! A page of another site can make its own name resolve to 127.0.0.1 and then read the preview
//! as if it were its own origin; its requests still carry its own name as `Host`. So a preview
//! bound to a loopback address answers only requests addressed as `localhost`, `127.0.0.1` or
//! `[::1]` (any port, so an SSH tunnel to another port works). Bound to another address it also
//! answers requests addressed by IP literal (that address, or any when bound to all of them:
//! 0.0.0.0 or `[::]`); a rebinding attack needs a name, never an IP literal. Names beyond these
//! (a machine's name on the local network) are added with `--allow-host`.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The Host values the server answers.
#[derive(Debug, Clone)]
pub(crate) struct HostPolicy {
    bound: IpAddr,
    /// Further names, lowercase, without port.
    names: Vec<String>,
}

impl HostPolicy {
    pub(crate) fn new(bound: IpAddr, names: &[String]) -> HostPolicy {
        let names = names.iter().map(|n| n.trim().to_ascii_lowercase()).collect();
        HostPolicy { bound, names }
    }

    /// Whether a request with this `Host` header value is addressed to this server.
    pub(crate) fn allows(&self, host: &str) -> bool {
        let Some(name) = host_name(host) else {
            return false;
        };
        let name = name.to_ascii_lowercase();
        if matches!(name.as_str(), "localhost" | "127.0.0.1" | "[::1]")
            || self.names.contains(&name)
        {
            return true;
        }
        if self.bound.is_loopback() {
            return false;
        }
        match ip_literal(&name) {
            Some(ip) => self.bound.is_unspecified() || ip == self.bound,
            None => false,
        }
    }
}

/// The name part of a Host value (`name`, `name:port`, `[v6]`, `[v6]:port`); None when the
/// port is not a number.
fn host_name(host: &str) -> Option<&str> {
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => {
            let end = rest.find(']')?;
            let after = &rest[end + 1..];
            (&host[..end + 2], if after.is_empty() { None } else { Some(after.strip_prefix(':')?) })
        }
        None => match host.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        },
    };
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    (!name.is_empty() && port_ok).then_some(name)
}

/// `1.2.3.4` or `[::1]` as an address (only the strict dotted-quad form of IPv4).
fn ip_literal(name: &str) -> Option<IpAddr> {
    match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(v6) => v6.parse::<Ipv6Addr>().ok().map(IpAddr::V6),
        None => name.parse::<Ipv4Addr>().ok().map(IpAddr::V4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(bound: &str, names: &[&str]) -> HostPolicy {
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        HostPolicy::new(bound.parse().unwrap(), &names)
    }

    #[test]
    fn loopback_answers_only_loopback_names() {
        let p = policy("127.0.0.1", &[]);
        for ok in ["localhost", "LocalHost:8000", "127.0.0.1", "127.0.0.1:1", "[::1]", "[::1]:8000"]
        {
            assert!(p.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:8000",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "192.168.1.5:8000",
            "localhost:",
            "localhost:80x",
            "localhost:123456",
            "[::1",
            "[::1]x",
            "",
            "::1",
        ] {
            assert!(!p.allows(bad), "{bad}");
        }
        assert!(policy("::1", &[]).allows("[::1]:8000"));
        assert!(!policy("::1", &[]).allows("[::2]:8000"));
    }

    #[test]
    fn another_address_answers_its_ip_literals_and_named_hosts() {
        let p = policy("192.168.1.5", &["Archive.Lan"]);
        assert!(p.allows("192.168.1.5:8000"));
        assert!(p.allows("localhost:8000"));
        assert!(p.allows("archive.lan:8000"));
        assert!(!p.allows("192.168.1.6:8000"));
        assert!(!p.allows("evil.example"));
        let all = policy("0.0.0.0", &[]);
        assert!(all.allows("10.0.0.7:8000") && all.allows("[fe80::1]:8000"));
        assert!(!all.allows("evil.example:8000"));
        assert!(!all.allows("010.0.0.7"), "no octal forms of IPv4");
    }
}
