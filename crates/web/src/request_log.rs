//! One log line per request: a request id, the method, the route's template, the status
//! and the latency. Never the path as requested, the query string or a form value: a
//! search for a child's name and date of birth must not land in the server log (the
//! access log is where reads of family data are recorded, with who and why).

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

/// The route that answered, as written in the route table (`/gezinnen/{family}`).
#[derive(Debug, Clone, Copy)]
struct RouteTemplate(&'static str);

/// Per-route layer: tells the log line which route answered.
pub async fn mark(State(template): State<&'static str>, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    response.extensions_mut().insert(RouteTemplate(template));
    response
}

/// Outermost layer: the line itself, and the id in `X-Request-Id` so a person reporting
/// a problem can quote it.
pub async fn log(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let id = eenplan_store::ids::new_id();
    let mut response = next.run(req).await;
    let route = response
        .extensions()
        .get::<RouteTemplate>()
        .map_or("(no route)", |r| r.0);
    tracing::info!(
        target: "eenplan::request",
        request_id = %id,
        method = %method,
        route,
        status = response.status().as_u16(),
        latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        "request"
    );
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}
