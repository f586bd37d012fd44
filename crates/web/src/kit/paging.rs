//! Keyset paging for every list, on pages and in the API alike: the page size, the
//! cursor and the links to the next and previous page (RFC 8288 `Link`, as the NL API
//! Design Rules' pagination asks). A cursor is opaque to whoever holds it: base64url of
//! the direction, the list's sort and the key of the row it continues from, so a client
//! cannot come to depend on what is inside, and a list can change its key without
//! breaking anyone.

use axum::http::header::LINK;
use axum::http::{HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};
use data_encoding::BASE64URL_NOPAD;
use eenplan_store::{PageKey, Seek};

use crate::kit::ApiError;

/// Rows on a page unless the caller asks otherwise.
pub const DEFAULT_LIMIT: i64 = 50;
/// The most rows one page holds: enough for any screen, small enough that no request
/// reads half a table.
pub const MAX_LIMIT: i64 = 200;

/// How many rows the whole list has, beside the page (the NL API Design Rules'
/// pagination extension), so the body keeps its shape.
pub const TOTAL_COUNT: HeaderName = HeaderName::from_static("x-total-count");

const NEXT: &str = "n";
const PREVIOUS: &str = "p";

/// A cursor that cannot be read back, or was made for another sort of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadCursor;

/// The cursor that continues after (`forward`) or before `key` in the list sorted by
/// `sort`.
pub fn encode(forward: bool, sort: &str, key: &PageKey) -> String {
    let dir = if forward { NEXT } else { PREVIOUS };
    BASE64URL_NOPAD.encode(format!("{dir}\n{sort}\n{}\n{}", key.value, key.id).as_bytes())
}

/// Where a cursor points in the list sorted by `sort`; no cursor is the first page.
pub fn decode(cursor: Option<&str>, sort: &str) -> Result<Seek, BadCursor> {
    let Some(cursor) = cursor.filter(|c| !c.is_empty()) else {
        return Ok(Seek::First);
    };
    let bytes = BASE64URL_NOPAD
        .decode(cursor.as_bytes())
        .map_err(|_| BadCursor)?;
    let text = String::from_utf8(bytes).map_err(|_| BadCursor)?;
    let mut parts = text.splitn(4, '\n');
    let (Some(dir), Some(made_for), Some(value), Some(id)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(BadCursor);
    };
    if made_for != sort || id.is_empty() || id.contains('\n') {
        return Err(BadCursor);
    }
    let key = PageKey {
        value: value.to_owned(),
        id: id.to_owned(),
    };
    match dir {
        NEXT => Ok(Seek::After(key)),
        PREVIOUS => Ok(Seek::Before(key)),
        _ => Err(BadCursor),
    }
}

/// The page size a caller asked for: absent is [`DEFAULT_LIMIT`], anything outside
/// 1..=[`MAX_LIMIT`] or not a number is refused (never silently clipped: a client that
/// asks 500 and gets 200 would think it has everything).
pub fn parse_limit(limit: Option<&str>) -> Result<i64, (String, String)> {
    let Some(limit) = limit else {
        return Ok(DEFAULT_LIMIT);
    };
    match limit.trim().parse::<i64>() {
        Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        _ => Err(crate::kit::problem::said(
            |t| t.limit_range,
            &[
                ("max", &MAX_LIMIT.to_string()),
                ("default", &DEFAULT_LIMIT.to_string()),
            ],
        )),
    }
}

/// [`parse_limit`] and [`decode`] for an API operation: a 400 problem naming the
/// parameter and what to send instead.
pub fn api_paging(
    limit: Option<&str>,
    cursor: Option<&str>,
    sort: &str,
) -> Result<(i64, Seek), ApiError> {
    let limit = parse_limit(limit)
        .map_err(|(nl, en)| ApiError::invalid(&[("limit", "range", (&nl, &en))]))?;
    let seek = decode(cursor, sort).map_err(|BadCursor| {
        ApiError::invalid(&[(
            "cursor",
            "invalid",
            crate::kit::problem::in_both(|t| t.cursor_invalid),
        )])
    })?;
    Ok((limit, seek))
}

/// One page of a list, with the cursors to the pages around it.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
    pub previous: Option<String>,
}

/// The page out of `rows`, read with `limit + 1` on the `seek` side of its key (in list
/// order): the extra row only says that there is more that way.
pub fn window<T>(
    mut rows: Vec<T>,
    limit: i64,
    seek: &Seek,
    sort: &str,
    key: impl Fn(&T) -> PageKey,
) -> Page<T> {
    let limit = usize::try_from(limit).unwrap_or(0);
    let more = rows.len() > limit;
    match seek {
        Seek::Before(_) => {
            if more {
                rows.drain(..rows.len() - limit);
            }
        }
        _ => rows.truncate(limit),
    }
    let (has_next, has_previous) = match seek {
        Seek::First => (more, false),
        // Came from the page before this one, so there is one; and likewise after.
        Seek::After(_) => (more, true),
        Seek::Before(_) => (true, more),
    };
    let next = rows
        .last()
        .filter(|_| has_next)
        .map(|r| encode(true, sort, &key(r)));
    let previous = rows
        .first()
        .filter(|_| has_previous)
        .map(|r| encode(false, sort, &key(r)));
    Page {
        items: rows,
        next,
        previous,
    }
}

/// `path?query` with `cursor` set to `cursor` (and every other parameter kept as the
/// caller sent it), for a link to another page.
pub fn link_to(path: &str, query: Option<&str>, cursor: &str) -> String {
    link_with(path, query, "cursor", cursor)
}

/// [`link_to`] for a page with two lists, each paged by a parameter of its own
/// (`param`), so moving through one keeps the other where it is.
pub fn link_with(path: &str, query: Option<&str>, param: &str, cursor: &str) -> String {
    let mut pairs: Vec<(String, String)> = query
        .and_then(|q| serde_urlencoded::from_str(q).ok())
        .unwrap_or_default();
    pairs.retain(|(k, _)| k != param);
    pairs.push((param.to_owned(), cursor.to_owned()));
    let q = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    format!("{path}?{q}")
}

/// `response` with the RFC 8288 `Link` header to the next and previous page.
pub fn with_links<T>(
    response: impl IntoResponse,
    page: &Page<T>,
    path: &str,
    query: Option<&str>,
) -> Response {
    let mut response = response.into_response();
    let links: Vec<String> = [(&page.next, "next"), (&page.previous, "prev")]
        .into_iter()
        .filter_map(|(c, rel)| {
            c.as_ref()
                .map(|c| format!("<{}>; rel=\"{rel}\"", link_to(path, query, c)))
        })
        .collect();
    if !links.is_empty()
        && let Ok(v) = HeaderValue::from_str(&links.join(", "))
    {
        response.headers_mut().insert(LINK, v);
    }
    response
}

crate::texts! {
    /// The words around every paged list on a page.
    pub struct PagingTexts, paging_texts {
        pages: "Pagina's",
            "Pages";
        previous_page: "Vorige pagina",
            "Previous page";
        next_page: "Volgende pagina",
            "Next page";
        bad_cursor: "Deze pagina van de lijst bestaat niet (meer); de link is oud of onvolledig.",
            "This page of the list does not exist (any more); the link is old or incomplete.";
        first_page: "Naar de eerste pagina",
            "To the first page";
    }
}

/// A paged list's frame on a page (`templates/kit/page_nav.html`): the total in words
/// and the links to the pages around this one.
pub struct PageNav {
    pub w: &'static PagingTexts,
    pub total: String,
    pub previous: Option<String>,
    pub next: Option<String>,
}

impl PageNav {
    /// The frame of `page` of the list at `path` (its other parameters as in `query`),
    /// `total` already in words ("12 meldingen").
    pub fn new<T>(
        lang: crate::kit::Lang,
        page: &Page<T>,
        total: String,
        path: &str,
        query: Option<&str>,
    ) -> Self {
        Self::with_param(lang, page, total, path, query, "cursor")
    }

    /// [`PageNav::new`] for a list paged by the parameter `param` (see [`link_with`]).
    pub fn with_param<T>(
        lang: crate::kit::Lang,
        page: &Page<T>,
        total: String,
        path: &str,
        query: Option<&str>,
        param: &str,
    ) -> Self {
        let link = |c: &Option<String>| c.as_ref().map(|c| link_with(path, query, param, c));
        Self {
            w: paging_texts(lang),
            total,
            previous: link(&page.previous),
            next: link(&page.next),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str) -> PageKey {
        PageKey {
            value: format!("Familie {id}"),
            id: id.to_owned(),
        }
    }

    #[test]
    fn a_cursor_reads_back_and_only_for_its_sort() {
        let c = encode(true, "name", &key("01"));
        assert!(!c.contains("Familie"), "opaque: {c}");
        assert_eq!(decode(Some(&c), "name"), Ok(Seek::After(key("01"))));
        assert_eq!(decode(Some(&c), "due"), Err(BadCursor));
        let p = encode(false, "name", &key("01"));
        assert_eq!(decode(Some(&p), "name"), Ok(Seek::Before(key("01"))));
        assert_eq!(decode(None, "name"), Ok(Seek::First));
        for bad in ["!!", "bm8", &BASE64URL_NOPAD.encode(b"x\nname\na\nb")] {
            assert_eq!(decode(Some(bad), "name"), Err(BadCursor), "{bad}");
        }
    }

    #[test]
    fn limits_outside_the_range_are_refused_not_clipped() {
        assert_eq!(parse_limit(None), Ok(DEFAULT_LIMIT));
        assert_eq!(parse_limit(Some("200")), Ok(200));
        assert_eq!(parse_limit(Some("1")), Ok(1));
        for bad in ["0", "201", "-1", "tien", ""] {
            assert!(parse_limit(Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn windows_know_their_neighbours() {
        let rows: Vec<String> = (0..4).map(|i| format!("{i}")).collect();
        let k = |r: &String| key(r);
        let first = window(rows.clone(), 3, &Seek::First, "name", k);
        assert_eq!(first.items, ["0", "1", "2"]);
        assert!(first.previous.is_none());
        assert_eq!(
            decode(first.next.as_deref(), "name"),
            Ok(Seek::After(key("2")))
        );
        let back = window(rows.clone(), 3, &Seek::Before(key("9")), "name", k);
        assert_eq!(back.items, ["1", "2", "3"], "the rows nearest the key");
        assert_eq!(
            decode(back.previous.as_deref(), "name"),
            Ok(Seek::Before(key("1")))
        );
        let last = window(rows[..2].to_vec(), 3, &Seek::After(key("x")), "name", k);
        assert!(last.next.is_none() && last.previous.is_some());
    }

    #[test]
    fn links_keep_the_other_parameters() {
        assert_eq!(
            link_to(
                "/api/v1/families",
                Some("limit=2&cursor=old&name=de+Vries"),
                "abc"
            ),
            "/api/v1/families?limit=2&name=de+Vries&cursor=abc"
        );
    }
}
