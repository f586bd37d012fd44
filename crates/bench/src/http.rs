//! A minimal HTTP/1.1 keep-alive client: one connection per benchmark client, requests
//! one after another, bodies read by `Content-Length` or chunked. Enough to drive the
//! server as a browser or API client would, without a client crate in the tree.

use std::io;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// One answer: status, headers (names lower-cased) and the whole body.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One request to send.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub headers: &'a [(&'a str, &'a str)],
    pub body: Option<&'a [u8]>,
}

impl<'a> Request<'a> {
    pub fn get(path: &'a str, headers: &'a [(&'a str, &'a str)]) -> Self {
        Self {
            method: "GET",
            path,
            headers,
            body: None,
        }
    }
}

/// A connection that stays open between requests (HTTP/1.1 keep-alive).
#[derive(Debug)]
pub struct Conn<S> {
    stream: BufReader<S>,
    host: String,
    /// The server said `Connection: close`: the next request needs a new connection.
    pub closed: bool,
}

impl Conn<TcpStream> {
    /// Connects to `host:port` (no scheme).
    pub async fn connect(authority: &str) -> io::Result<Self> {
        let stream = TcpStream::connect(authority).await?;
        stream.set_nodelay(true)?;
        Ok(Self::over(stream, authority))
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> Conn<S> {
    pub fn over(stream: S, host: &str) -> Self {
        Self {
            stream: BufReader::new(stream),
            host: host.to_owned(),
            closed: false,
        }
    }

    pub async fn send(&mut self, req: Request<'_>) -> io::Result<Response> {
        let mut head = format!(
            "{} {} HTTP/1.1\r\nhost: {}\r\naccept: */*\r\n",
            req.method, req.path, self.host
        );
        for (name, value) in req.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if let Some(body) = req.body {
            head.push_str(&format!("content-length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        let mut out = head.into_bytes();
        if let Some(body) = req.body {
            out.extend_from_slice(body);
        }
        self.stream.get_mut().write_all(&out).await?;
        self.stream.get_mut().flush().await?;
        let response = read_response(&mut self.stream).await?;
        if response
            .header("connection")
            .is_some_and(|c| c.eq_ignore_ascii_case("close"))
        {
            self.closed = true;
        }
        Ok(response)
    }
}

fn bad(what: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.into())
}

async fn line<R: AsyncBufReadExt + Unpin>(r: &mut R) -> io::Result<String> {
    let mut line = String::new();
    if r.read_line(&mut line).await? == 0 {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the server closed the connection",
        ));
    }
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// Reads one response: status line, headers, then the body by `Transfer-Encoding:
/// chunked`, by `Content-Length`, or none (a 204/304 or a bodiless answer).
pub async fn read_response<R: AsyncBufReadExt + Unpin>(r: &mut R) -> io::Result<Response> {
    let status_line = line(r).await?;
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad(format!("not an HTTP status line: {status_line:?}")))?;
    let mut headers = Vec::new();
    loop {
        let l = line(r).await?;
        if l.is_empty() {
            break;
        }
        let (name, value) = l
            .split_once(':')
            .ok_or_else(|| bad(format!("not a header: {l:?}")))?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let mut response = Response {
        status,
        headers,
        body: Vec::new(),
    };
    let chunked = response
        .header("transfer-encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    if chunked {
        loop {
            let size_line = line(r).await?;
            let size = usize::from_str_radix(size_line.split(';').next().unwrap_or("").trim(), 16)
                .map_err(|_| bad(format!("not a chunk size: {size_line:?}")))?;
            if size == 0 {
                // Trailers (none expected) up to the empty line.
                while !line(r).await?.is_empty() {}
                break;
            }
            let start = response.body.len();
            response.body.resize(start + size, 0);
            r.read_exact(&mut response.body[start..]).await?;
            line(r).await?;
        }
    } else if let Some(length) = response.header("content-length") {
        let length: usize = length
            .parse()
            .map_err(|_| bad(format!("not a length: {length:?}")))?;
        response.body.resize(length, 0);
        r.read_exact(&mut response.body).await?;
    }
    Ok(response)
}

/// The target of the `rel="next"` link in an RFC 8288 `Link` header, as a path (a full
/// URL loses its scheme and host, since the client stays on its own connection).
pub fn next_link(link: &str) -> Option<String> {
    link.split(',').find_map(|part| {
        let (target, params) = part.trim().split_once(';')?;
        let is_next = params
            .split(';')
            .any(|p| matches!(p.trim(), "rel=\"next\"" | "rel=next"));
        let target = target.trim().strip_prefix('<')?.strip_suffix('>')?;
        is_next.then(|| match target.split_once("://") {
            Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]).to_owned(),
            None => target.to_owned(),
        })
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    async fn parse(raw: &str) -> io::Result<Response> {
        read_response(&mut BufReader::new(raw.as_bytes())).await
    }

    #[tokio::test]
    async fn reads_a_body_by_content_length_and_leaves_the_next_answer() {
        let raw = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nETag: \"v3\"\r\n\r\nhelloHTTP/1.1 204 No Content\r\n\r\n";
        let mut r = BufReader::new(raw.as_bytes());
        let first = read_response(&mut r).await.unwrap();
        assert_eq!((first.status, first.body.as_slice()), (200, &b"hello"[..]));
        assert_eq!(first.header("etag"), Some("\"v3\""));
        let second = read_response(&mut r).await.unwrap();
        assert_eq!((second.status, second.body.len()), (204, 0));
    }

    #[tokio::test]
    async fn reads_a_chunked_body() {
        let raw = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n6;x=y\r\npedia \r\n0\r\n\r\n";
        assert_eq!(parse(raw).await.unwrap().body, b"Wikipedia ");
    }

    #[tokio::test]
    async fn refuses_what_is_not_http() {
        assert!(parse("SSH-2.0-OpenSSH\r\n\r\n").await.is_err());
        assert!(parse("").await.is_err());
        assert!(
            parse("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort")
                .await
                .is_err()
        );
    }

    #[tokio::test]
    async fn sends_the_request_with_host_length_and_body() {
        let (client, mut server) = tokio::io::duplex(4096);
        let mut conn = Conn::over(client, "127.0.0.1:9");
        let answer = tokio::spawn(async move {
            let mut buf = vec![0u8; 4096];
            let n = server.read(&mut buf).await.unwrap();
            server
                .write_all(
                    b"HTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
                )
                .await
                .unwrap();
            String::from_utf8(buf[..n].to_vec()).unwrap()
        });
        let headers = [("if-match", "\"v1\"")];
        let response = conn
            .send(Request {
                method: "PUT",
                path: "/api/v1/x",
                headers: &headers,
                body: Some(b"{}"),
            })
            .await
            .unwrap();
        let sent = answer.await.unwrap();
        assert!(sent.starts_with("PUT /api/v1/x HTTP/1.1\r\nhost: 127.0.0.1:9\r\n"));
        assert!(sent.contains("if-match: \"v1\"\r\n"));
        assert!(sent.ends_with("content-length: 2\r\n\r\n{}"));
        assert_eq!(response.status, 201);
        assert!(conn.closed);
    }

    #[test]
    fn finds_the_next_link() {
        let link = "</api/v1/families?limit=50&cursor=abc>; rel=\"next\", </api/v1/families?limit=50>; rel=\"prev\"";
        assert_eq!(
            next_link(link).as_deref(),
            Some("/api/v1/families?limit=50&cursor=abc")
        );
        assert_eq!(next_link("</a>; rel=\"prev\""), None);
        assert_eq!(
            next_link("<http://127.0.0.1:8080/api/v1/families?cursor=x>; rel=\"next\"").as_deref(),
            Some("/api/v1/families?cursor=x")
        );
    }
}
