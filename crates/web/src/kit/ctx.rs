//! What a handler knows about its request: who asks, in which language, from where.
//! The guards in `auth` put the [`Visitor`] in place; handlers take a [`Ctx`].

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use eenplan_store::Principal;

use crate::AppState;

use crate::client::Client;
use crate::kit::error::{ApiError, PageError};
use crate::kit::i18n::Texts;
use crate::kit::render::Shell;
use crate::kit::texts::Lang;
pub use crate::kit::visitor::{SessionClock, Visitor};

/// What a route is: a page (redirects, HTML errors) or an API operation (problem+json).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    Page,
    Api,
}

/// The request as a handler sees it. Extracting it never fails: a route that needs a
/// signed-in person asks [`Ctx::principal`], which its policy has already guaranteed.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The store and configuration; carried here so a handler takes one extractor for
    /// the request rather than repeating `State` beside it.
    pub state: AppState,
    pub visitor: Visitor,
    pub lang: Lang,
    pub client: Client,
}

impl Ctx {
    pub fn t(&self) -> &'static Texts {
        self.lang.texts()
    }

    /// The signed-in person. The route's policy let only signed-in visitors through, so
    /// a missing one is a server fault, not the visitor's.
    pub fn principal(&self) -> Result<&Principal, PageError> {
        self.visitor.principal.as_ref().ok_or_else(|| {
            tracing::error!("a signed-in route ran without a principal");
            PageError::internal()
        })
    }

    /// The signed-in caller of an API operation; without one, 401 (the route's policy
    /// already required one, so this is a guard, not a path a client can take).
    pub fn caller(&self) -> Result<&Principal, ApiError> {
        self.visitor
            .principal
            .as_ref()
            .ok_or_else(ApiError::unauthorized)
    }

    pub fn store(&self) -> &eenplan_store::Store {
        &self.state.store
    }

    /// The page frame for the page at `path`.
    pub fn shell(&self, path: &str) -> Shell {
        Shell::for_lang(self.lang, &self.visitor, path)
    }
}

impl<S> FromRequestParts<S> for Ctx
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Ok(client) = Client::from_request_parts(parts, state).await;
        Ok(Ctx {
            state: AppState::from_ref(state),
            visitor: parts
                .extensions
                .get::<Visitor>()
                .cloned()
                .unwrap_or_default(),
            lang: Lang::from_headers(&parts.headers),
            client,
        })
    }
}
