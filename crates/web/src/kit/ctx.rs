//! What a handler knows about its request: who asks, in which language, from where.
//! The guards in `auth` put the [`Visitor`] in place; handlers take a [`Ctx`].

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use eenplan_store::{Principal, SessionRecord};

use crate::client::Client;
use crate::i18n::Texts;
use crate::kit::error::PageError;
use crate::kit::render::Shell;
use crate::kit::texts::Lang;

/// The request's visitor, put in the request extensions by `auth::resolve`.
#[derive(Debug, Clone, Default)]
pub struct Visitor {
    pub principal: Option<Principal>,
    /// The active session behind `principal`.
    pub session: Option<SessionRecord>,
    /// A session was presented but had timed out (the sign-in page says so).
    pub expired: bool,
    /// Set by the family guard while the visitor works under emergency access.
    pub emergency_until: Option<eenplan_domain::UtcTime>,
    /// When the page session ends without activity, for the page's idle warning.
    pub clock: Option<SessionClock>,
}

/// Seconds from this response until the session's end, and how early to warn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionClock {
    pub ends_in: i64,
    /// The whole idle limit: where the clock starts again after "stay signed in".
    pub idle: i64,
    pub warn_before: i64,
}

impl Visitor {
    pub fn csrf_token(&self) -> &str {
        self.session.as_ref().map_or("", |s| s.csrf_token.as_str())
    }
}

/// The request as a handler sees it. Extracting it never fails: a route that needs a
/// signed-in person asks [`Ctx::principal`], which its policy has already guaranteed.
#[derive(Debug, Clone)]
pub struct Ctx {
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

    /// The page frame for the page at `path`.
    pub fn shell(&self, path: &str) -> Shell {
        Shell::for_lang(self.lang, &self.visitor, path)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Ok(client) = Client::from_request_parts(parts, state).await;
        Ok(Ctx {
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
