//! RFC 9457 problem details: every API error has the same shape, in Dutch for people
//! and with a stable `type` for programs.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// Field errors, as the Dutch API design rules name them.
    #[serde(rename = "invalidParams", skip_serializing_if = "Vec::is_empty")]
    pub invalid_params: Vec<InvalidParam>,
}

/// One field that needs fixing: which, a stable code, and what to do in Dutch.
#[derive(Debug, Clone, Serialize)]
pub struct InvalidParam {
    pub name: String,
    pub code: String,
    pub reason: String,
}

impl Problem {
    /// `kind` is a short slug; it becomes `about:blank`-style relative URI
    /// `/problems/<kind>` documented with the API.
    pub fn new(status: StatusCode, kind: &str, title: &str) -> Self {
        Self {
            kind: format!("/problems/{kind}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail: None,
            instance: None,
            invalid_params: Vec::new(),
        }
    }

    /// 400 for input with fields at fault, each added with [`Problem::invalid_param`].
    pub fn invalid_params() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "invalid-params",
            "Ongeldige invoer",
        )
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn invalid_param(mut self, name: &str, code: &str, reason: &str) -> Self {
        self.invalid_params.push(InvalidParam {
            name: name.to_owned(),
            code: code.to_owned(),
            reason: reason.to_owned(),
        });
        self
    }

    pub fn instance(mut self, instance: impl Into<String>) -> Self {
        self.instance = Some(instance.into());
        self
    }
}

impl Problem {
    /// The problem with extra members (RFC 9457 extensions), e.g. the duplicates found
    /// or the changes made since a stale version.
    pub fn with(self, extra: serde_json::Value) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut body = serde_json::to_value(&self).unwrap_or_default();
        if let (Some(obj), serde_json::Value::Object(more)) = (body.as_object_mut(), extra) {
            obj.extend(more);
        }
        let mut response = (status, body.to_string()).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        response
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut response = (status, body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        response
    }
}
