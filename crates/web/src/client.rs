//! The client's address, for the access log and for throttling sign-in attempts per
//! client. Behind a reverse proxy the peer is the proxy, so the operator names the
//! proxies it trusts and only their `X-Forwarded-For` is believed: otherwise anyone
//! could send a header of their choosing and be logged (and throttled) as someone else.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

/// The address the request came from, as [`resolve`] decided it ("unknown" when there is
/// no peer at all, as in tests that call the router directly).
#[derive(Debug, Clone)]
pub struct Client(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Client(address(&parts.extensions)))
    }
}

/// The client's address from a request's extensions (for middleware that has no
/// extractor). Falls back to the peer when [`resolve`] did not run.
pub fn address(extensions: &axum::http::Extensions) -> String {
    if let Some(Resolved(ip)) = extensions.get::<Resolved>() {
        return ip.to_string();
    }
    peer(extensions).map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}

fn peer(extensions: &axum::http::Extensions) -> Option<IpAddr> {
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_canonical())
}

/// The client address decided once per request.
#[derive(Debug, Clone, Copy)]
struct Resolved(IpAddr);

/// Outer layer: decides the client's address before anything reads it.
pub async fn resolve(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if let Some(peer) = peer(req.extensions()) {
        let client = state.proxies.client(peer, req.headers());
        req.extensions_mut().insert(Resolved(client));
    }
    next.run(req).await
}

const X_FORWARDED_FOR: &str = "x-forwarded-for";

/// An address range in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`); a bare address is
/// a range of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl Cidr {
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.network, ip.to_canonical()) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

impl FromStr for Cidr {
    type Err = String;

    /// Refuses a range with host bits set (`10.0.0.1/8`): that is a typo more often than
    /// not, and trusting a wider range than meant lets clients forge their address.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (addr, prefix) = match s.split_once('/') {
            Some((addr, prefix)) => (addr, Some(prefix)),
            None => (s, None),
        };
        let network = addr
            .parse::<IpAddr>()
            .map_err(|_| {
                format!("'{s}' is not an address range: write it as 10.0.0.0/8, 192.0.2.7 or 2001:db8::/32")
            })?
            .to_canonical();
        let max: u8 = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p.parse::<u8>().ok().filter(|p| *p <= max).ok_or_else(|| {
                format!("'{s}': the prefix length after '/' must be a number from 0 to {max}")
            })?,
        };
        let cidr = Cidr { network, prefix };
        let base = Cidr {
            network: cidr.network_address(),
            prefix,
        };
        if base.network != network {
            return Err(format!(
                "'{s}' has bits set after the prefix: did you mean {base}?"
            ));
        }
        Ok(cidr)
    }
}

impl Cidr {
    fn network_address(&self) -> IpAddr {
        match self.network {
            IpAddr::V4(net) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                IpAddr::from(std::net::Ipv4Addr::from(u32::from(net) & mask))
            }
            IpAddr::V6(net) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                IpAddr::from(std::net::Ipv6Addr::from(u128::from(net) & mask))
            }
        }
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix)
    }
}

/// The reverse proxies whose `X-Forwarded-For` is believed. Empty (the default): the
/// peer is the client and the header is ignored.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Arc<[Cidr]>);

impl TrustedProxies {
    pub fn new(ranges: Vec<Cidr>) -> Self {
        Self(ranges.into())
    }

    /// Parses a comma-separated list (the form of `EENPLAN_TRUSTED_PROXIES`).
    pub fn parse_list(list: &str) -> Result<Vec<Cidr>, String> {
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::parse)
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|c| c.contains(ip))
    }

    /// Who sent the request. Only a trusted peer's `X-Forwarded-For` is read, from the
    /// right: each proxy appends the address it saw, so the right-most address that is
    /// not a trusted proxy is the client; everything left of it was written by that
    /// client and may be forged. An entry that is not an address stops the walk at the
    /// last trusted hop: a proxy that writes garbage is misconfigured, and counting its
    /// traffic as its own (shared throttle, its address in the log) fails safe, whereas
    /// skipping the entry would let a forged entry further left through.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut hop = peer.to_canonical();
        if !self.trusts(hop) {
            return hop;
        }
        let mut entries = Vec::new();
        for value in headers.get_all(X_FORWARDED_FOR) {
            let Ok(value) = value.to_str() else {
                return hop;
            };
            entries.extend(value.split(','));
        }
        for entry in entries.into_iter().rev() {
            let Some(ip) = forwarded_address(entry) else {
                return hop;
            };
            hop = ip;
            if !self.trusts(ip) {
                return ip;
            }
        }
        hop
    }
}

/// One `X-Forwarded-For` entry: an address, an IPv6 address in brackets, or either with
/// a port (some proxies add one).
fn forwarded_address(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    if let Ok(ip) = entry.parse::<IpAddr>() {
        return Some(ip.to_canonical());
    }
    if let Ok(addr) = entry.parse::<SocketAddr>() {
        return Some(addr.ip().to_canonical());
    }
    entry
        .strip_prefix('[')
        .and_then(|e| e.strip_suffix(']'))
        .and_then(|e| e.parse::<IpAddr>().ok())
        .map(|ip| ip.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(list: &str) -> TrustedProxies {
        TrustedProxies::new(TrustedProxies::parse_list(list).expect("valid"))
    }

    fn xff(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(X_FORWARDED_FOR, v.parse().expect("header"));
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn ranges_parse_and_contain() {
        let c: Cidr = "10.0.0.0/8".parse().expect("valid");
        assert!(c.contains(ip("10.1.2.3")));
        assert!(c.contains(ip("::ffff:10.1.2.3")));
        assert!(!c.contains(ip("11.0.0.1")));
        let one: Cidr = "192.0.2.7".parse().expect("valid");
        assert!(one.contains(ip("192.0.2.7")) && !one.contains(ip("192.0.2.8")));
        let v6: Cidr = "2001:db8::/32".parse().expect("valid");
        assert!(v6.contains(ip("2001:db8:1::1")) && !v6.contains(ip("2001:db9::1")));
        let all: Cidr = "0.0.0.0/0".parse().expect("valid");
        assert!(all.contains(ip("203.0.113.1")));
        assert!(
            "10.0.0.1/8"
                .parse::<Cidr>()
                .unwrap_err()
                .contains("10.0.0.0/8")
        );
        assert!("10.0.0.0/33".parse::<Cidr>().is_err());
        assert!("proxy.local".parse::<Cidr>().is_err());
    }

    #[test]
    fn only_a_trusted_peer_is_believed_and_then_from_the_right() {
        let p = proxies("10.0.0.0/8, 192.0.2.1");
        // An untrusted peer's header is ignored.
        assert_eq!(
            p.client(ip("198.51.100.9"), &xff(&["203.0.113.5"])),
            ip("198.51.100.9")
        );
        // The right-most untrusted hop, whatever the client wrote on the left.
        assert_eq!(
            p.client(ip("10.0.0.2"), &xff(&["1.2.3.4, 203.0.113.5, 192.0.2.1"])),
            ip("203.0.113.5")
        );
        // Several header lines are one list, in order.
        assert_eq!(
            p.client(ip("10.0.0.2"), &xff(&["1.2.3.4", "203.0.113.5:4711"])),
            ip("203.0.113.5")
        );
        // Garbage stops the walk at the last trusted hop.
        assert_eq!(
            p.client(ip("10.0.0.2"), &xff(&["203.0.113.5, nonsense, 192.0.2.1"])),
            ip("192.0.2.1")
        );
        // No header: the proxy itself (a health check).
        assert_eq!(p.client(ip("10.0.0.2"), &HeaderMap::new()), ip("10.0.0.2"));
        // No proxies configured: the header is never read.
        assert_eq!(
            TrustedProxies::default().client(ip("10.0.0.2"), &xff(&["203.0.113.5"])),
            ip("10.0.0.2")
        );
    }
}
