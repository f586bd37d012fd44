//! One error type per surface, so a handler is a chain of `?`: a page handler returns
//! `Result<Response, PageError>`, an API handler `Result<…, ApiError>`. A database
//! failure becomes the right answer in one place ([`From<StoreError>`]) instead of in
//! every handler; a domain refusal reaches a person through [`Refusal`], in their
//! language, at the field it is about.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use eenplan_store::StoreError;

use crate::kit::form::Errors;
use crate::kit::i18n::Texts;
use crate::kit::problem::Problem;
use crate::kit::texts::Lang;

/// Seconds a client waits before it sends a request again that found the database too
/// busy: about the time a queued request waits for a connection before giving up, so a
/// retry does not join the same queue at once.
pub(crate) const BUSY_RETRY_AFTER: HeaderValue = HeaderValue::from_static("5");

/// A bare 503 with `Retry-After`, which the framing layer keeps on the page or problem
/// it puts in its place.
fn busy_status() -> Response {
    let mut response = StatusCode::SERVICE_UNAVAILABLE.into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, BUSY_RETRY_AFTER);
    response
}

/// Which sentence the error page shows, when the status alone does not say enough. The
/// framing layer, which knows the visitor and the path, renders the page from it.
#[derive(Debug, Clone, Copy)]
pub struct ErrorMessage(pub fn(&'static Texts) -> &'static str);

/// Why a page handler answers with something other than its page. A bare status
/// becomes the error page in the visitor's language at the framing layer; a rendered
/// page (a form back with its messages) passes through as it is.
#[derive(Debug)]
pub struct PageError(Box<Response>);

impl PageError {
    fn status(status: StatusCode) -> Self {
        Self(Box::new(status.into_response()))
    }

    pub fn not_found() -> Self {
        Self::status(StatusCode::NOT_FOUND)
    }

    pub fn forbidden() -> Self {
        Self::status(StatusCode::FORBIDDEN)
    }

    /// Logged where it happens; the visitor reads only that something went wrong.
    pub fn internal() -> Self {
        Self::status(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The database was too busy to take the request ([`StoreError::is_busy`]): 503
    /// with `Retry-After`, and a page that says to try again in a few seconds.
    pub fn busy() -> Self {
        let mut response = busy_status();
        response
            .extensions_mut()
            .insert(ErrorMessage(|t| t.error_busy));
        Self(Box::new(response))
    }

    /// Text no field can hold (see `crate::input`): bad input, never a 500.
    pub fn invalid_text() -> Self {
        let mut response = StatusCode::UNPROCESSABLE_ENTITY.into_response();
        response
            .extensions_mut()
            .insert(ErrorMessage(|t| t.error_invalid_text));
        Self(Box::new(response))
    }
}

impl From<Response> for PageError {
    /// A page already rendered for the visitor (e.g. the form back with 422 or 409).
    fn from(response: Response) -> Self {
        Self(Box::new(response))
    }
}

impl From<StoreError> for PageError {
    /// An id that names nothing (or nothing in this file) is a 404, text the database
    /// cannot hold a 422, a database too busy to take the request a 503 to retry;
    /// everything else is our fault, logged, and a 500.
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(_) => Self::not_found(),
            StoreError::InvalidText => Self::invalid_text(),
            e if e.is_busy() => {
                tracing::warn!(error = %e, "a page found the database too busy");
                Self::busy()
            }
            e => {
                tracing::error!(error = %e, "a page failed on the database");
                Self::internal()
            }
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        *self.0
    }
}

/// Why an API handler answers with a problem instead of its resource.
#[derive(Debug)]
pub struct ApiError(Box<Response>);

impl ApiError {
    /// 400 with every field at fault: name, a stable code and what to do, in Dutch and
    /// in English.
    pub fn invalid(params: &[(&str, &str, (&str, &str))]) -> Self {
        Self::from(
            params
                .iter()
                .fold(Problem::invalid_params(), |p, (name, code, reason)| {
                    p.invalid_param_in(name, code, *reason)
                })
                .into_response(),
        )
    }

    /// 400 for one domain refusal at `field` (the refusal's own field may be named
    /// differently in this operation's body), in both languages.
    pub fn refused_at(field: &str, refusal: &impl Refusal) -> Self {
        Self::invalid(&[(
            field,
            refusal.code(),
            (refusal.text(Lang::Nl), refusal.text(Lang::En)),
        )])
    }

    pub fn not_found() -> Self {
        Self::from(Problem::said(StatusCode::NOT_FOUND, "not-found", |t| {
            t.not_found
        }))
    }

    pub fn internal() -> Self {
        Self::from(
            Problem::said(StatusCode::INTERNAL_SERVER_ERROR, "internal", |t| {
                t.internal
            })
            .detail_said(|t| t.internal_detail),
        )
    }

    /// The database was too busy to take the request ([`StoreError::is_busy`]): 503
    /// with `Retry-After`.
    pub fn busy() -> Self {
        let mut response = Problem::said(StatusCode::SERVICE_UNAVAILABLE, "busy", |t| t.busy)
            .detail_said(|t| t.busy_detail)
            .into_response();
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, BUSY_RETRY_AFTER);
        Self(Box::new(response))
    }

    /// The route's policy let only signed-in callers through; one without a principal
    /// is refused rather than guessed at.
    pub fn unauthorized() -> Self {
        Self::from(StatusCode::UNAUTHORIZED.into_response())
    }
}

impl From<Problem> for ApiError {
    fn from(problem: Problem) -> Self {
        Self::from(problem.into_response())
    }
}

impl From<Response> for ApiError {
    /// An answer already shaped (a problem with extension members, a 412 with changes).
    fn from(response: Response) -> Self {
        Self(Box::new(response))
    }
}

impl From<StoreError> for ApiError {
    /// An id in the path that names nothing (or nothing in this file) is a 404, text the
    /// database cannot hold a 422, never a 500; a database too busy to take the request
    /// a 503 to retry; everything else is logged and a 500.
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(_) => Self::not_found(),
            StoreError::InvalidText => Self::from(
                Problem::said(StatusCode::UNPROCESSABLE_ENTITY, "invalid-text", |t| {
                    t.invalid_text
                })
                .detail_said(|t| t.invalid_text_detail),
            ),
            e if e.is_busy() => {
                tracing::warn!(error = %e, "an API call found the database too busy");
                Self::busy()
            }
            e => {
                tracing::error!(error = %e, "an API call failed on the database");
                Self::internal()
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        *self.0
    }
}

/// A domain refusal as a person and a program read it. The domain says what is wrong
/// with a code; the web crate says it, in the person's language, at the field it is
/// about. One implementation per domain error type serves the API's `invalidParams` and
/// the page's field messages alike.
pub trait Refusal {
    /// The form field (and JSON member) at fault; `None` when the refusal is about the
    /// step as a whole (the API answers 409, the page says it at the top).
    fn field(&self) -> Option<&'static str>;

    /// A stable code for programs; most refusals are the domain's rule at work, and say
    /// so, where a missing or malformed field names its own code.
    fn code(&self) -> &'static str {
        "rule"
    }

    /// What to do about it, in `lang`.
    fn text(&self, lang: Lang) -> &'static str;

    /// The API's answer: 400 naming the field, or 409 for a step that cannot be taken now;
    /// in both languages, so a client asking for English reads the English sentence.
    fn problem(&self) -> Problem {
        match self.field() {
            Some(field) => Problem::invalid_params().invalid_param_in(
                field,
                self.code(),
                (self.text(Lang::Nl), self.text(Lang::En)),
            ),
            None => Problem::said(StatusCode::CONFLICT, "illegal-transition", |t| {
                t.illegal_transition
            })
            .detail_in((
                self.text(Lang::Nl).to_owned(),
                self.text(Lang::En).to_owned(),
            )),
        }
    }

    /// The page's answer: the message at its field in `errs`, or (returned) the sentence
    /// for the top of the page.
    fn place(&self, lang: Lang, errs: &mut Errors) -> Option<&'static str> {
        match self.field() {
            Some(field) => {
                errs.insert(field, self.text(lang));
                None
            }
            None => Some(self.text(lang)),
        }
    }
}
