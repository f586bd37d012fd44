//! What many handlers say alike about a request they cannot take as it is: a field
//! left empty that must say something, an id in the path that names nothing. Written
//! once so every operation words the same case the same way.

use axum::http::StatusCode;

use crate::kit::ApiError;
use crate::kit::form::{Errors, FormData};
use crate::kit::i18n::Texts;
use crate::kit::problem::Problem;

/// `value`, or 400 `required` at `field` saying `what` to give: for a member a body may
/// send empty but the operation needs (a reason, a name).
pub fn required<'a>(field: &str, value: &'a str, what: (&str, &str)) -> Result<&'a str, ApiError> {
    if value.trim().is_empty() {
        return Err(ApiError::invalid(&[(field, "required", what)]));
    }
    Ok(value)
}

/// 404 with `title` (Dutch, English) saying which thing the path names that does not
/// exist (here).
pub fn not_found(title: (&str, &str)) -> ApiError {
    Problem::titled(StatusCode::NOT_FOUND, "not-found", title).into()
}

/// The page's counterpart of [`required`]: each of `fields` left empty gets the
/// required message, unless it already has a message of its own.
pub fn require(data: &FormData, t: &Texts, errs: &mut Errors, fields: &[&'static str]) {
    for field in fields {
        if data.get(field).is_empty() {
            errs.entry(field).or_insert(t.err_required);
        }
    }
}
