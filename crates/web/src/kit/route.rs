//! A route as the table holds it: method, path, the policy that guards it, whether it
//! is a page or an API operation, what it does with a family file, and for the API its
//! documentation. Each flow lists its routes with these; `routes::table()` chains them.

use axum::http::Method;
use axum::routing::MethodRouter;
use eenplan_domain::family::{DataCategory, Need};
use eenplan_domain::policy::Policy;

use crate::AppState;
use crate::kit::ctx::Surface;

/// API documentation attached to a route.
#[derive(Debug, Clone, Copy)]
pub struct ApiDoc {
    pub operation_id: &'static str,
    pub summary: &'static str,
    pub request: Option<&'static str>,
    pub responses: &'static [(u16, &'static str, Option<&'static str>)],
}

#[derive(Debug, Clone)]
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub policy: Policy,
    pub surface: Surface,
    pub doc: Option<ApiDoc>,
    pub access: Access,
}

/// What a route does with family data, beyond its policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No family file is touched.
    None,
    /// Touches one family file (the `{family}` segment): the guard asks the domain's
    /// `family_access` for this need before the handler runs, and logs the attempt.
    Family(Need),
    /// Break the glass: the handler applies the emergency rule and logs it itself.
    BreakGlass,
}

impl Route {
    pub(crate) fn family(mut self, need: Need) -> Self {
        self.access = Access::Family(need);
        self
    }
}

/// What a flow contributes to the table: its routes with their handlers.
pub type Routes = Vec<(Route, MethodRouter<AppState>)>;

pub(crate) const IDENTITY: Need = Need::Data(DataCategory::Identity);
pub(crate) const PLAN: Need = Need::Data(DataCategory::Plan);
pub(crate) const NOTES: Need = Need::Data(DataCategory::Notes);
pub(crate) const LEAD: Need = Need::Lead;

/// The answers nearly every signed-in API operation can give, documented alike.
pub(crate) const NOT_FOUND: (u16, &str, Option<&str>) = (404, "Niet gevonden", Some("Problem"));
pub(crate) const SIGN_IN: (u16, &str, Option<&str>) = (401, "Niet aangemeld", Some("Problem"));

pub(crate) fn page(method: Method, path: &'static str, policy: Policy) -> Route {
    Route {
        method,
        path,
        policy,
        surface: Surface::Page,
        doc: None,
        access: Access::None,
    }
}

pub(crate) fn api(method: Method, path: &'static str, policy: Policy, doc: ApiDoc) -> Route {
    Route {
        method,
        path,
        policy,
        surface: Surface::Api,
        doc: Some(doc),
        access: Access::None,
    }
}
