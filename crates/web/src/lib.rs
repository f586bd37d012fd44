//! The eenplan web server. Handlers translate HTTP to store and domain calls and back;
//! rules live in `eenplan-domain`.

mod api_version;
mod assets;
pub mod auth;
mod client;
mod flows;
mod framing;
mod health;
pub mod input;
mod kit;
mod openapi;
mod request_log;
pub mod routes;
mod security;

use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::ConnectInfo;

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state, map_response};
use eenplan_store::Store;

pub use assets::Theme;
pub use auth::AuthConfig;
pub use client::{Cidr, TrustedProxies};
pub use kit::problem::Problem;
pub use routes::openapi_document;
// The API handlers' extractors, where they were before the kit.
pub(crate) use kit::extract;

/// What every handler can reach. Holds nothing a second instance would need: all
/// state is in the database.
#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    pub auth: AuthConfig,
    /// Whose `X-Forwarded-For` names the client (the access log, the sign-in throttle).
    pub proxies: TrustedProxies,
    /// The design tokens the pages are drawn with (`/static/theme.css`).
    pub theme: Theme,
    /// What a document upload may be, and who checks it first.
    pub documents: DocumentSettings,
}

/// The operator's settings for documents on a family file.
#[derive(Clone, Debug)]
pub struct DocumentSettings {
    /// The largest document kept; a larger upload is answered with 413.
    pub max_bytes: usize,
    /// A virus scanner run on every upload before it is stored: gets the file on
    /// stdin, and a non-zero exit refuses it. Off (`None`) by default.
    pub scan_command: Option<std::path::PathBuf>,
}

impl Default for DocumentSettings {
    fn default() -> Self {
        Self {
            max_bytes: eenplan_domain::family::DEFAULT_MAX_DOCUMENT_BYTES,
            scan_command: None,
        }
    }
}

impl DocumentSettings {
    /// The body an upload may have: the document and the form's other fields.
    pub fn max_body(&self) -> usize {
        self.max_bytes.saturating_add(64 * 1024)
    }
}

pub fn router(state: AppState) -> Router {
    let mut router = Router::new();
    for (route, method_router) in routes::table() {
        // Inner layer first: the family check runs after the policy check.
        let method_router = match route.access {
            routes::Access::Family(need) => method_router.route_layer(from_fn_with_state(
                (state.clone(), route.surface, route.path, need),
                auth::family::guard,
            )),
            routes::Access::None => {
                // A file's data without the family guard would be a hole: refuse to start.
                assert!(
                    !route.path.contains("{family}"),
                    "route {} {} touches a family file but declares no access need",
                    route.method,
                    route.path
                );
                method_router
            }
            routes::Access::BreakGlass => method_router,
        };
        // Before the family guard looks anything up: no control character in an id, a
        // query or a body reaches a handler or the database.
        let method_router = method_router.route_layer(from_fn_with_state(
            (
                route.surface,
                input::at_the_form(&route.method, route.path),
                input::body_limit(&route.method, route.path, &state.documents),
            ),
            input::guard,
        ));
        // Between the policy and the family guard: a body that is not JSON is refused
        // before any file is looked at (and logged), but only once the caller is known.
        let method_router = match route.surface {
            auth::Surface::Api => method_router.route_layer(from_fn_with_state(
                (
                    route.doc.as_ref().is_some_and(|d| d.request.is_some()),
                    route.doc.as_ref().is_some_and(|d| d.multipart),
                ),
                framing::json_only,
            )),
            auth::Surface::Page => method_router,
        };
        let guarded = method_router
            .route_layer(from_fn_with_state(
                (route.policy, route.surface),
                auth::enforce,
            ))
            .route_layer(from_fn_with_state(route.path, request_log::mark));
        // A refused break-glass ask is logged even though the policy refuses it.
        let guarded = match route.access {
            routes::Access::BreakGlass => guarded.route_layer(from_fn_with_state(
                state.clone(),
                auth::family::log_refused_emergency,
            )),
            _ => guarded,
        };
        router = router.route(route.path, guarded);
    }
    router
        .fallback(kit::errors::not_found)
        .layer(from_fn(framing::shape_errors))
        .layer(from_fn_with_state(state.clone(), auth::csrf_guard))
        .layer(from_fn_with_state(state.clone(), auth::resolve))
        .layer(from_fn_with_state(
            state.documents.clone(),
            input::read_body,
        ))
        .layer(from_fn(framing::outer))
        .layer(from_fn(api_version::header))
        .layer(map_response(security::headers))
        .layer(from_fn(request_log::log))
        .layer(from_fn_with_state(state.clone(), client::resolve))
        .with_state(state)
}

/// What one server process admits: how long a client may take to send its headers and
/// its body, and how many connections it may hold, per client address and in total.
/// A client that sends nothing, or sends slowly, can hold a connection (and a file
/// descriptor) for at most these times; a flood from one address leaves room for others.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The whole request header, from the first byte the server waits for.
    pub header_read: Duration,
    /// The whole body, once the header is in.
    pub body_read: Duration,
    pub max_connections: usize,
    pub max_connections_per_client: usize,
}

/// File descriptors kept free of client connections: the database pool, the SQLite
/// files and WAL, logs, and the listener.
const RESERVED_DESCRIPTORS: usize = 256;
/// The connection limit when the process's file limit cannot be read (not Linux): below
/// the usual soft limit of 1024.
pub const DEFAULT_MAX_CONNECTIONS: usize = 768;

impl Default for Limits {
    fn default() -> Self {
        Self {
            header_read: Duration::from_secs(10),
            body_read: input::BodyReadTimeout::default().0,
            max_connections: open_files_limit().map_or(DEFAULT_MAX_CONNECTIONS, |n| {
                n.saturating_sub(RESERVED_DESCRIPTORS).max(16)
            }),
            max_connections_per_client: 128,
        }
    }
}

/// The process's soft limit on open files (RLIMIT_NOFILE), read from `/proc` so no
/// unsafe code is needed; `None` where that file does not exist.
pub fn open_files_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// Serves with the default [`Limits`] until `shutdown` completes.
pub async fn serve(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(state, listener, Limits::default(), shutdown).await
}

/// Serves until `shutdown` completes, then lets requests in flight finish. Each
/// connection is HTTP/1.1 with a header read timeout; connections beyond the limits
/// are closed at once, before anything is read from them.
pub async fn serve_with(
    state: AppState,
    listener: tokio::net::TcpListener,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};

    let app = router(state);
    let total = Arc::new(tokio::sync::Semaphore::new(limits.max_connections));
    let per_client: Arc<Mutex<HashMap<IpAddr, usize>>> = Arc::default();
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, addr) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of descriptors or a connection reset before accept: keep serving.
                Err(e) => {
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = Arc::clone(&total).try_acquire_owned() else {
            tracing::warn!(
                limit = limits.max_connections,
                "connection limit reached; closing a new connection"
            );
            continue;
        };
        let Some(slot) =
            ClientSlot::take(&per_client, addr.ip(), limits.max_connections_per_client)
        else {
            continue;
        };
        let app = app.clone();
        let body_read = input::BodyReadTimeout(limits.body_read);
        let service =
            hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
                req.extensions_mut().insert(ConnectInfo(addr));
                req.extensions_mut().insert(body_read);
                let mut app = app.clone();
                tower_service::Service::call(&mut app, req.map(axum::body::Body::new))
            });
        let connection = builder.serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(slot);
            drop(permit);
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// One connection counted against its client address; released when dropped.
struct ClientSlot {
    map: Arc<Mutex<HashMap<IpAddr, usize>>>,
    ip: IpAddr,
}

impl ClientSlot {
    fn take(map: &Arc<Mutex<HashMap<IpAddr, usize>>>, ip: IpAddr, limit: usize) -> Option<Self> {
        let mut counts = map
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let count = counts.entry(ip).or_insert(0);
        if *count >= limit {
            return None;
        }
        *count += 1;
        Some(Self {
            map: Arc::clone(map),
            ip,
        })
    }
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        let mut counts = self
            .map
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(count) = counts.get_mut(&self.ip) {
            *count -= 1;
            if *count == 0 {
                counts.remove(&self.ip);
            }
        }
    }
}

/// Completes on Ctrl-C or SIGTERM (what systemd and container runtimes send).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested; finishing requests in flight");
}
