//! A `multipart/form-data` body (RFC 7578), read from the bytes the body reader
//! already holds: the one upload form eenplan has needs no streaming parser, and a
//! few dozen lines keep a dependency out of the tree. Only what a browser or an API
//! client sends: a boundary, parts with a `Content-Disposition` naming the field (and
//! for a file its name), CRLF line ends.

use axum::http::{HeaderMap, header};

/// One part: its field name, the file name a file part carries, its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub file_name: Option<String>,
    pub bytes: Vec<u8>,
}

/// The parts of a body, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Multipart(pub Vec<Part>);

impl Multipart {
    /// The first part named `name`.
    pub fn part(&self, name: &str) -> Option<&Part> {
        self.0.iter().find(|p| p.name == name)
    }

    /// A text field's value (lossy UTF-8, line ends as sent), empty when absent.
    pub fn text(&self, name: &str) -> String {
        self.part(name)
            .map(|p| String::from_utf8_lossy(&p.bytes).into_owned())
            .unwrap_or_default()
    }
}

/// The boundary a `multipart/form-data` content type names.
pub fn boundary(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let mut params = value.split(';');
    let kind = params.next()?.trim();
    if !kind.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_owned())
            .filter(|b| !b.is_empty() && b.len() <= 70)
    })
}

/// Reads a body with `headers`' boundary; `None` when it is not well-formed multipart.
pub fn parse(headers: &HeaderMap, body: &[u8]) -> Option<Multipart> {
    parse_with(&boundary(headers)?, body)
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

fn parse_with(boundary: &str, body: &[u8]) -> Option<Multipart> {
    let delimiter = format!("--{boundary}").into_bytes();
    let next = format!("\r\n--{boundary}").into_bytes();
    // The preamble before the first delimiter is ignored (RFC 2046).
    let mut at = find(body, &delimiter, 0)? + delimiter.len();
    let mut parts = Vec::new();
    loop {
        if body.get(at..at + 2)? == b"--" {
            return Some(Multipart(parts));
        }
        // Transport padding, then the line end that opens the part's headers.
        while matches!(body.get(at), Some(b' ' | b'\t')) {
            at += 1;
        }
        if body.get(at..at + 2)? != b"\r\n" {
            return None;
        }
        at += 2;
        let headers_end = find(body, b"\r\n\r\n", at)?;
        let head = std::str::from_utf8(&body[at..headers_end]).ok()?;
        let content_start = headers_end + 4;
        let content_end = find(body, &next, content_start)?;
        let (name, file_name) = disposition(head)?;
        parts.push(Part {
            name,
            file_name,
            bytes: body[content_start..content_end].to_vec(),
        });
        at = content_end + next.len();
    }
}

/// The field name and file name of a part's `Content-Disposition: form-data` header.
fn disposition(head: &str) -> Option<(String, Option<String>)> {
    let line = head.split("\r\n").find(|l| {
        l.split_once(':')
            .is_some_and(|(k, _)| k.trim().eq_ignore_ascii_case("content-disposition"))
    })?;
    let (_, value) = line.split_once(':')?;
    let mut name = None;
    let mut file_name = None;
    for param in value.split(';').skip(1) {
        let Some((k, v)) = param.split_once('=') else {
            continue;
        };
        let v = v.trim().trim_matches('"').to_owned();
        match k.trim().to_ascii_lowercase().as_str() {
            "name" => name = Some(v),
            "filename" => file_name = Some(v),
            _ => {}
        }
    }
    Some((name?, file_name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_a_binary_file_come_out_as_sent() {
        let body = b"preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nBeschikking\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\r\n\x00\xff--X\r\n--XyZ--\r\n";
        let m = parse_with("XyZ", body).expect("well-formed");
        assert_eq!(m.text("title"), "Beschikking");
        let file = m.part("file").expect("file part");
        assert_eq!(file.file_name.as_deref(), Some("b.pdf"));
        assert_eq!(file.bytes, b"%PDF-1.7\r\n\x00\xff--X");
        assert_eq!(m.text("category"), "");
    }

    #[test]
    fn a_body_without_its_closing_delimiter_or_a_name_is_refused() {
        assert_eq!(
            parse_with(
                "b",
                b"--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx"
            ),
            None
        );
        assert_eq!(
            parse_with(
                "b",
                b"--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--"
            ),
            None
        );
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            "multipart/form-data; boundary=\"abc\""
                .parse()
                .expect("valid"),
        );
        assert_eq!(boundary(&headers).as_deref(), Some("abc"));
        headers.insert(
            header::CONTENT_TYPE,
            "application/json".parse().expect("valid"),
        );
        assert_eq!(boundary(&headers), None);
    }
}
