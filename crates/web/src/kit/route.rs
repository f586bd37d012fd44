//! A route as the table holds it: method, path, the policy that guards it, whether it
//! is a page or an API operation, what it does with a family file, and for the API its
//! documentation. Each flow lists its routes as [`Entry`]s, one a row: the method's
//! function ([`get`], [`post`], [`put`], [`delete`]) names the method once for the
//! table and the router, and what follows says only what is particular to the route;
//! `routes::table()` chains the flows' lists.

use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodRouter, on};
use eenplan_domain::family::{DataCategory, Need};
use eenplan_domain::policy::{Policy, SIGNED_IN};

use crate::AppState;
use crate::kit::ctx::Surface;
use crate::kit::schema::Schemas;

/// An answer an operation documents: status, description and, when it has a body, the
/// schema of that body.
pub type Response = (u16, &'static str, Option<Schema>);

/// A refusal an operation documents: status and description; its body is a Problem.
pub type Problem = (u16, &'static str);

/// API documentation attached to a route.
/// A body as a route names it: the type whose schema the document refers to. The
/// document collects its schemas from the routes, so a body no route names is not in
/// it and a route cannot name a schema that is missing.
#[derive(Debug, Clone)]
pub struct Schema {
    pub name: std::borrow::Cow<'static, str>,
    /// Adds the schema and those it refers to; the problem schema is the platform's.
    pub add: Option<fn(&mut Schemas)>,
}

impl Schema {
    fn of<T: utoipa::ToSchema>() -> Self {
        Schema {
            name: T::name(),
            add: Some(Schemas::add::<T>),
        }
    }

    fn problem() -> Self {
        Schema {
            name: "Problem".into(),
            add: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ApiDoc {
    pub operation_id: &'static str,
    pub summary: &'static str,
    pub request: Option<Schema>,
    pub responses: Vec<Response>,
    /// A keyset-paged list: takes `limit` and `cursor`, answers with `Link` and
    /// `X-Total-Count` (`kit::paging`).
    pub paged: bool,
    /// The request body is `multipart/form-data` (an upload), not JSON.
    pub multipart: bool,
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

/// Who may use a route. Most routes name their policy. A route into one family file
/// (the `{family}` segment) names the need instead: it is open to the signed in, and
/// the family guard decides by the need whether this caller may touch this file.
#[derive(Debug, Clone, Copy)]
pub enum Guard {
    Policy(Policy),
    Family(Need),
}

impl From<Policy> for Guard {
    fn from(policy: Policy) -> Self {
        Guard::Policy(policy)
    }
}

impl From<Need> for Guard {
    fn from(need: Need) -> Self {
        Guard::Family(need)
    }
}

/// The whole table: every route with the handler that serves it.
pub type Routes = Vec<(Route, MethodRouter<AppState>)>;

/// One row of a flow's table: a page until [`Entry::doc`] makes it an API operation.
#[derive(Debug)]
pub struct Entry {
    route: Route,
    handler: MethodRouter<AppState>,
}

impl From<Entry> for (Route, MethodRouter<AppState>) {
    fn from(entry: Entry) -> Self {
        (entry.route, entry.handler)
    }
}

/// The row functions, one per method, as axum has them: the method is named once and
/// serves both the table and the router (GET answers HEAD too, as axum's `get` does).
macro_rules! methods {
    ($($name:ident $method:ident),*) => {$(
        pub(crate) fn $name<H, T>(path: &'static str, guard: impl Into<Guard>, handler: H) -> Entry
        where
            H: Handler<T, AppState>,
            T: 'static,
        {
            Entry::new(Method::$method, path, guard.into(), handler)
        }
    )*};
}
methods!(get GET, post POST, put PUT, delete DELETE);

impl Entry {
    fn new<H, T>(method: Method, path: &'static str, guard: Guard, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let filter = method.clone().try_into().expect("a method axum routes");
        let (policy, access) = match guard {
            Guard::Policy(policy) => (policy, Access::None),
            Guard::Family(need) => (SIGNED_IN, Access::Family(need)),
        };
        Entry {
            route: Route {
                method,
                path,
                policy,
                surface: Surface::Page,
                doc: None,
                access,
            },
            handler: on(filter, handler),
        }
    }

    /// Not behind the family guard: the handler applies the emergency rule itself.
    pub(crate) fn break_glass(mut self) -> Self {
        self.route.access = Access::BreakGlass;
        self
    }

    /// An API operation, documented under this id and summary.
    pub(crate) fn doc(mut self, operation_id: &'static str, summary: &'static str) -> Self {
        self.route.surface = Surface::Api;
        self.route.doc = Some(ApiDoc {
            operation_id,
            summary,
            request: None,
            responses: Vec::new(),
            paged: false,
            multipart: false,
        });
        self
    }

    /// The JSON body the operation takes, by schema name.
    pub(crate) fn body<T: utoipa::ToSchema>(mut self) -> Self {
        self.api_doc().request = Some(Schema::of::<T>());
        self
    }

    /// The `multipart/form-data` body an upload takes, its fields described by `T`.
    pub(crate) fn upload<T: utoipa::ToSchema>(mut self) -> Self {
        let doc = self.api_doc();
        doc.request = Some(Schema::of::<T>());
        doc.multipart = true;
        self
    }

    /// A success answer with a `T` body.
    pub(crate) fn ok<T: utoipa::ToSchema>(
        mut self,
        status: u16,
        description: &'static str,
    ) -> Self {
        self.api_doc()
            .responses
            .push((status, description, Some(Schema::of::<T>())));
        self
    }

    /// A list paged by `kit::paging`: the document adds `limit`, `cursor` and the
    /// answer's `Link` and `X-Total-Count` headers.
    pub(crate) fn paged(mut self) -> Self {
        self.api_doc().paged = true;
        self
    }

    /// A success answer without a body.
    pub(crate) fn empty(mut self, status: u16, description: &'static str) -> Self {
        self.api_doc().responses.push((status, description, None));
        self
    }

    pub(crate) fn problems<const N: usize>(mut self, problems: [Problem; N]) -> Self {
        let doc = self.api_doc();
        for (status, description) in problems {
            doc.responses
                .push((status, description, Some(Schema::problem())));
        }
        self
    }

    fn api_doc(&mut self) -> &mut ApiDoc {
        let (method, path) = (&self.route.method, self.route.path);
        self.route
            .doc
            .as_mut()
            .unwrap_or_else(|| panic!("{method} {path}: .doc(…) comes before the body and answers"))
    }
}

pub(crate) const IDENTITY: Need = Need::Data(DataCategory::Identity);
pub(crate) const PLAN: Need = Need::Data(DataCategory::Plan);
pub(crate) const NOTES: Need = Need::Data(DataCategory::Notes);
pub(crate) const LEAD: Need = Need::Lead;

// The refusals many operations document alike.
pub(crate) const NOT_FOUND: Problem = (404, "Niet gevonden");
/// A `{family}` operation's 404 as the family guard answers it: which files exist is
/// not for a caller who may not see them.
pub(crate) const NO_FILE: Problem = (404, "Geen dossier dat jij mag inzien");
pub(crate) const INVALID: Problem = (400, "Ongeldige invoer");
pub(crate) const INVALID_FIELD: Problem = (400, "Ongeldige invoer (met veldnaam)");
pub(crate) const NO_REASON: Problem = (400, "Reden ontbreekt");
pub(crate) const LEAD_ONLY: Problem = (403, "Alleen voor de regie");
pub(crate) const NEEDS_CONSENT: Problem = (403, "Toestemming nodig");
