//! Who is on the other end of a connection: the peer's address (sign-in throttling counts by it)
//! and the local address the connection reached (the origin a browser there has, when no public
//! URL is configured).

use std::net::{IpAddr, SocketAddr};

use axum::extract::connect_info::Connected;
use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::serve::IncomingStream;
use tokio::net::TcpListener;

use crate::AppState;
use crate::error::AppError;

/// Both ends of a connection, recorded when it is accepted.
#[derive(Debug, Clone, Copy)]
pub struct Peer {
    pub remote: SocketAddr,
    pub local: Option<SocketAddr>,
}

impl Connected<IncomingStream<'_, TcpListener>> for Peer {
    fn connect_info(stream: IncomingStream<'_, TcpListener>) -> Self {
        Peer { remote: *stream.remote_addr(), local: stream.io().local_addr().ok() }
    }
}

/// The connection's two ends, when the server recorded them (IPv4 clients of a dual-stack
/// listener as plain IPv4).
pub fn peer(parts: &axum::http::Extensions) -> Option<Peer> {
    let canonical = |a: SocketAddr| SocketAddr::new(a.ip().to_canonical(), a.port());
    parts.get::<ConnectInfo<Peer>>().map(|c| Peer { remote: canonical(c.0.remote), local: c.0.local.map(canonical) })
}

/// The client's address: the connection's peer, or behind a trusted proxy (`--trust-proxy`) the
/// address the proxy appended last to `X-Forwarded-For`. `None` when neither is known.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub Option<IpAddr>);

/// [`ClientAddr`]'s rule, pure: the last `X-Forwarded-For` entry when the proxy is trusted.
pub fn client_addr(peer: Option<IpAddr>, forwarded_for: Option<&str>, trust_proxy: bool) -> Option<IpAddr> {
    if !trust_proxy {
        return peer;
    }
    forwarded_for
        .and_then(|h| h.rsplit(',').next())
        .map(str::trim)
        .and_then(|last| last.parse::<IpAddr>().ok().or_else(|| last.parse::<SocketAddr>().ok().map(|s| s.ip())))
        .or(peer)
}

impl<S> FromRequestParts<S> for ClientAddr
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        // The proxy's entry is the last of the last header line (a proxy may add a line of its own
        // after a client's forged one).
        let forwarded = parts.headers.get_all("x-forwarded-for").iter().next_back().and_then(|v| v.to_str().ok());
        let remote = peer(&parts.extensions).map(|p| p.remote.ip());
        Ok(ClientAddr(client_addr(remote, forwarded, state.config.trust_proxy)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forwarded_address_counts_only_behind_a_trusted_proxy() {
        let proxy: IpAddr = "127.0.0.1".parse().unwrap();
        let header = Some("203.0.113.9, 198.51.100.7");
        assert_eq!(client_addr(Some(proxy), header, false), Some(proxy), "a client may send any header");
        assert_eq!(client_addr(Some(proxy), header, true), Some("198.51.100.7".parse().unwrap()), "the proxy's entry");
        assert_eq!(client_addr(Some(proxy), Some("garbage"), true), Some(proxy));
        assert_eq!(client_addr(Some(proxy), Some("[2001:db8::1]:443"), true), Some("2001:db8::1".parse().unwrap()));
        assert_eq!(client_addr(None, None, true), None);
    }
}
