//! The eenplan web server. Handlers translate HTTP to store and domain calls and back;
//! rules live in `eenplan-domain`.

// The OpenAPI document's schemas are one `json!` literal, deeper than the default limit.
#![recursion_limit = "256"]

mod access_texts;
mod account_texts;
mod api;
mod assets;
pub mod auth;
mod chain_texts;
mod client;
mod extract;
mod framing;
mod health;
pub mod i18n;
mod pages;
mod problem;
mod request_log;
pub mod routes;
mod security;

use std::future::Future;
use std::net::SocketAddr;

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state, map_response};
use eenplan_store::Store;

pub use api::openapi::document as openapi_document;
pub use auth::AuthConfig;
pub use problem::Problem;

/// What every handler can reach. Holds nothing a second instance would need: all
/// state is in the database.
#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    pub auth: AuthConfig,
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
        // Between the policy and the family guard: a body that is not JSON is refused
        // before any file is looked at (and logged), but only once the caller is known.
        let method_router = match route.surface {
            auth::Surface::Api => method_router.route_layer(from_fn_with_state(
                route.doc.as_ref().is_some_and(|d| d.request.is_some()),
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
        .fallback(pages::errors::not_found)
        .layer(from_fn(framing::shape_errors))
        .layer(from_fn_with_state(state.clone(), auth::csrf_guard))
        .layer(from_fn_with_state(state.clone(), auth::resolve))
        .layer(from_fn(framing::outer))
        .layer(map_response(security::headers))
        .layer(from_fn(request_log::log))
        .with_state(state)
}

/// Serves until `shutdown` completes, then lets requests in flight finish.
pub async fn serve(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
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
