//! Every piece of text a client sends passes the domain's text rule
//! ([`eenplan_domain::text`]) before a handler sees it: the path, every query parameter,
//! and every string in a JSON body; under `/api/` a refusal is a 422 problem+json naming
//! the field. Page forms are different: nothing typed may be lost, so their fields reach
//! the handler unrefused (line breaks from browsers, CRLF, made LF) and every page
//! handler checks them itself ([`crate::kit::form::text_errors`]), showing the
//! message next to the field with the form as it was typed. A query parameter on a
//! page is refused with a general page, except where the page points at the field
//! itself (the search) or has a safe default (the language switch's return path).
//!
//! The body is read here once, within a time limit, so a client that sends its body
//! slowly holds a connection for at most [`BodyReadTimeout`].

use std::time::Duration;

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use eenplan_domain::text::{TextKind, TextProblem, check_text};
use serde_json::Value;

use crate::Problem;
use crate::kit::ctx::{Surface, Visitor};
use crate::kit::errors;
pub use crate::kit::form::{field_kind, page_message};
use crate::kit::problem::said;

/// The largest body any route takes (axum's default for `Bytes`, kept).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// How long a client may take to send a request body once its headers are in.
#[derive(Debug, Clone, Copy)]
pub struct BodyReadTimeout(pub Duration);

impl Default for BodyReadTimeout {
    fn default() -> Self {
        Self(Duration::from_secs(30))
    }
}

/// Routes whose handler checks each query parameter itself and shows the message next
/// to the field; the guard leaves their query alone. The language switch replaces a
/// return path it does not trust by `/` instead of refusing. (Every page form's body is
/// checked by its handler: see the module documentation.)
const QUERY_AT_THE_PAGE: &[(&str, &str)] = &[("GET", "/taal/{code}"), ("GET", "/gezinnen")];

/// A field the guard refused, and why.
#[derive(Debug)]
struct Refused {
    field: String,
    problem: TextProblem,
}

/// The reason the API gives for a refused field, in Dutch and in English.
pub fn api_reason(problem: TextProblem) -> (String, String) {
    match problem {
        TextProblem::Control => said(|t| t.text_control, &[]),
        TextProblem::LineBreak => said(|t| t.text_line, &[]),
        TextProblem::TooLong { max } => said(|t| t.text_long, &[("max", &max.to_string())]),
    }
}

/// The 422 problem for a refused text field under `/api/`.
pub fn problem(field: &str, problem: TextProblem) -> Response {
    Problem::said(StatusCode::UNPROCESSABLE_ENTITY, "invalid-text", |t| {
        t.invalid_text
    })
    .detail_in(said(|t| t.invalid_text_field, &[("field", field)]))
    .invalid_param_in(field, "text", api_reason(problem))
    .into_response()
}

/// Global, outermost of the body readers: the whole body within the time limit and the
/// size limit, then handed on in one piece.
pub async fn read_body(
    State(documents): State<crate::DocumentSettings>,
    req: Request,
    next: Next,
) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        && !carries_body(req.headers())
    {
        return next.run(req).await;
    }
    let timeout = req
        .extensions()
        .get::<BodyReadTimeout>()
        .copied()
        .unwrap_or_default();
    let api = req.uri().path().starts_with("/api/");
    let limit = body_limit(req.method(), req.uri().path(), &documents);
    let (parts, body) = req.into_parts();
    let status = match tokio::time::timeout(timeout.0, to_bytes(body, limit)).await {
        Ok(Ok(bytes)) => {
            return next
                .run(Request::from_parts(parts, Body::from(bytes)))
                .await;
        }
        Ok(Err(_)) => StatusCode::PAYLOAD_TOO_LARGE,
        Err(_) => StatusCode::REQUEST_TIMEOUT,
    };
    let mut response = if api {
        errors::problem_for(status, parts.uri.path()).into_response()
    } else {
        errors::for_status(status, &parts.headers, &Visitor::default(), "/", None)
    };
    // The rest of a body that did not arrive is not read: the connection cannot be reused.
    response
        .headers_mut()
        .insert(header::CONNECTION, "close".parse().expect("static header"));
    response
}

fn carries_body(headers: &HeaderMap) -> bool {
    headers.contains_key(header::TRANSFER_ENCODING)
        || headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v != "0")
}

/// The largest body a request may have: a document upload (`POST` to a family's
/// documents, API or page) up to the document limit, anything else [`MAX_BODY_BYTES`].
/// Decided by the path, so only the upload routes read a large body into memory.
pub fn body_limit(method: &Method, path: &str, documents: &crate::DocumentSettings) -> usize {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let upload = *method == Method::POST
        && matches!(
            segments.as_slice(),
            ["api", "v1", "families", _, "documents"] | ["gezinnen", _, "documenten"]
        );
    if upload {
        documents.max_body().max(MAX_BODY_BYTES)
    } else {
        MAX_BODY_BYTES
    }
}

/// Whether the route's handler checks its query parameters itself.
pub fn at_the_form(method: &Method, template: &str) -> bool {
    QUERY_AT_THE_PAGE
        .iter()
        .any(|(m, t)| *m == method.as_str() && *t == template)
}

/// Per route (its surface known, and whether it checks its query itself): the text rule
/// over path, query and body.
pub async fn guard(
    State((surface, at_the_form, limit)): State<(Surface, bool, usize)>,
    req: Request,
    next: Next,
) -> Response {
    let api = surface == Surface::Api;
    let visitor = req
        .extensions()
        .get::<Visitor>()
        .cloned()
        .unwrap_or_default();
    // A control character in an id names nothing: not found, as any unknown id.
    if let Ok(path) = percent_decode(req.uri().path())
        && path.chars().any(char::is_control)
    {
        return if api {
            errors::problem_for(StatusCode::NOT_FOUND, "").into_response()
        } else {
            errors::not_found_page(req.headers(), &visitor, "/")
        };
    }
    if !at_the_form
        && let Some(query) = req.uri().query()
        && let Ok(pairs) = serde_urlencoded::from_str::<Vec<(String, String)>>(query)
    {
        for (name, value) in &pairs {
            if let Err(problem) = check_text(TextKind::Line, value) {
                return refuse(api, req.headers(), &visitor, name, problem);
            }
        }
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, limit).await else {
        return errors::for_status(
            StatusCode::PAYLOAD_TOO_LARGE,
            &parts.headers,
            &visitor,
            "/",
            None,
        );
    };
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let checked = if bytes.is_empty() {
        Ok(bytes)
    } else if content_type.starts_with("application/json") {
        json_body(bytes)
    } else if content_type.starts_with("application/x-www-form-urlencoded") {
        form_body(bytes, !api)
    } else {
        Ok(bytes)
    };
    match checked {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(r) => refuse(api, &parts.headers, &visitor, &r.field, r.problem),
    }
}

fn refuse(
    api: bool,
    headers: &HeaderMap,
    visitor: &Visitor,
    field: &str,
    why: TextProblem,
) -> Response {
    if api {
        problem(field, why)
    } else {
        errors::invalid_text(headers, visitor)
    }
}

fn percent_decode(path: &str) -> Result<String, std::str::Utf8Error> {
    percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map(std::borrow::Cow::into_owned)
}

/// Form fields: checked by their kind (unless a page handler checks them itself), line
/// breaks normalised, re-encoded only when something changed.
fn form_body(bytes: Bytes, at_the_form: bool) -> Result<Bytes, Refused> {
    let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes) else {
        return Ok(bytes);
    };
    let mut changed = false;
    let mut out = Vec::with_capacity(pairs.len());
    for (name, value) in pairs {
        let stored = match check_text(field_kind(&name), &value) {
            Ok(v) => v,
            Err(problem) if !at_the_form => {
                return Err(Refused {
                    field: name,
                    problem,
                });
            }
            // The page names the field itself; only the line breaks are made LF.
            Err(_) => value.replace("\r\n", "\n"),
        };
        changed |= stored != value;
        out.push((name, stored));
    }
    if !changed {
        return Ok(bytes);
    }
    Ok(serde_urlencoded::to_string(&out).map_or(bytes, Bytes::from))
}

/// Every string in a JSON body (object keys as well), named by its path such as
/// `children[0].name`; a body that is not JSON is left to the handler's own answer.
fn json_body(bytes: Bytes) -> Result<Bytes, Refused> {
    let Ok(mut value) = serde_json::from_slice::<Value>(&bytes) else {
        return Ok(bytes);
    };
    let mut changed = false;
    walk(&mut value, "", None, &mut changed)?;
    if !changed {
        return Ok(bytes);
    }
    Ok(serde_json::to_vec(&value).map_or(bytes, Bytes::from))
}

fn walk(
    value: &mut Value,
    path: &str,
    key: Option<&str>,
    changed: &mut bool,
) -> Result<(), Refused> {
    match value {
        Value::String(s) => {
            let kind = key.map_or(TextKind::Text, field_kind);
            let checked = check_text(kind, s).map_err(|problem| Refused {
                field: path.to_owned(),
                problem,
            })?;
            if checked != *s {
                *s = checked;
                *changed = true;
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                walk(item, &format!("{path}[{i}]"), key, changed)?;
            }
        }
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                let field = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                check_text(TextKind::Line, k).map_err(|problem| Refused {
                    field: field.clone(),
                    problem,
                })?;
                walk(v, &field, Some(k), changed)?;
            }
        }
        _ => {}
    }
    Ok(())
}
