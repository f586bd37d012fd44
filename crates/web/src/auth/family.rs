//! Object-level access to a family file, applied by the router to every route with a
//! `{family}` path segment: the domain's `family_access` decides, every attempt goes to
//! the access log (NEN 7513), and a refusal looks exactly like a file that does not
//! exist.

use askama::Template;
use axum::RequestExt;
use axum::extract::{RawPathParams, Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use eenplan_domain::access_log::{AccessBasis, AccessEvent};
use eenplan_domain::family::{Basis, ConsentStep, DataCategory, FamilyAccess, Need, Refusal};
use eenplan_domain::{FamilyId, UtcTime};
use eenplan_store::{AccessEntry, AccessFacts, Principal, StoreError, Tx};

use super::{Surface, Visitor};
use crate::kit::ApiError;
use crate::kit::change::By;
use crate::kit::form::kind_label;
use crate::kit::problem::{Said, problem_texts, said};
use crate::kit::render::{Shell, render};
use crate::kit::texts::{Lang, fill};
use crate::{AppState, Problem};

/// Put in the request by the guard: the file this request may touch, why, and which
/// parts of it the visitor may see (a partner sees only what consent opens).
#[derive(Debug, Clone)]
pub struct FamilyGrant {
    pub family_id: FamilyId,
    pub basis: Basis,
    pub visible: Vec<DataCategory>,
    /// Set while the visitor works under emergency access (the banner shows it).
    pub emergency_until: Option<UtcTime>,
    /// The visitor may do the lead's work (consents, framework, starting a way of
    /// working with the family).
    pub lead: bool,
    /// When and why the file was closed, if it is: every page of it says so.
    pub closed: Option<(jiff::civil::Date, eenplan_domain::family::ClosingReason)>,
}

impl FamilyGrant {
    pub fn sees(&self, category: DataCategory) -> bool {
        self.visible.contains(&category)
    }

    /// Whether the timeline shows a journal entry of kind `kind`: the domain decides by
    /// the event's audience.
    pub fn sees_event(&self, kind: &str) -> bool {
        eenplan_domain::journal::EventKind::shown_to(kind, &self.visible, self.lead)
    }
}

/// A request inside one family's file: the request context and the guard's grant.
/// Handlers on `{family}` routes take this one extractor instead of `Ctx` beside
/// `Extension<FamilyGrant>`.
#[derive(Debug, Clone)]
pub struct FamilyCtx {
    pub ctx: crate::kit::Ctx,
    pub grant: FamilyGrant,
}

impl FamilyCtx {
    pub fn family_id(&self) -> &FamilyId {
        &self.grant.family_id
    }

    /// Reads from this file in one transaction.
    pub async fn read<T>(
        &self,
        read: impl AsyncFnOnce(&mut Tx, &FamilyId) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        read(&mut self.store().read().await?, self.family_id()).await
    }

    /// One transaction on this file in `p`'s name, as the pages and the API write.
    pub async fn change<T>(
        &self,
        p: &Principal,
        write: impl AsyncFnOnce(&mut Tx, &By<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let by = By::new(p, self.family_id());
        self.store().change(async |tx| write(tx, &by).await).await
    }

    /// Whether this file still opens to the visitor for `need`: asked after a change
    /// that may have taken them out of the circle (ending SAVE-begeleiding), by the same
    /// rule the guard applies, so a page never sends someone to a file that is shut.
    pub async fn still_opens(&self, need: Need) -> Result<bool, StoreError> {
        let Some(p) = self.visitor.principal.as_ref() else {
            return Ok(false);
        };
        let now = UtcTime::now();
        let mut tx = self.store().read().await?;
        let Some(facts) = tx.access_facts(self.family_id()).await? else {
            return Ok(false);
        };
        let emergency = tx
            .emergency_until(self.family_id(), &p.user_id, now)
            .await?;
        Ok(decide(p, &facts, emergency, need, now).granted())
    }

    /// An API operation's change: [`FamilyCtx::change`] by the caller; a refusal as
    /// `refused` says it.
    pub async fn write<T>(
        &self,
        refused: impl FnOnce(StoreError) -> ApiError,
        write: impl AsyncFnOnce(&mut Tx, &By<'_>) -> Result<T, StoreError>,
    ) -> Result<T, ApiError> {
        let p = self.caller()?;
        self.change(p, write).await.map_err(refused)
    }
}

impl std::ops::Deref for FamilyCtx {
    type Target = crate::kit::Ctx;

    fn deref(&self) -> &Self::Target {
        &self.ctx
    }
}

impl<S> axum::extract::FromRequestParts<S> for FamilyCtx
where
    S: Send + Sync,
    AppState: axum::extract::FromRef<S>,
{
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        let Ok(ctx) = crate::kit::Ctx::from_request_parts(parts, state).await;
        // The router layers the family guard on every `{family}` route, so a missing
        // grant is a wiring fault, never something a visitor can cause.
        let grant = parts
            .extensions
            .get::<FamilyGrant>()
            .cloned()
            .ok_or_else(|| {
                tracing::error!("a family route ran without the family guard");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            })?;
        Ok(Self { ctx, grant })
    }
}

fn event(method: &Method, template: &str) -> AccessEvent {
    if template.ends_with("/afdrukken") || template.ends_with("/print") {
        AccessEvent::Print
    } else if *method == Method::GET {
        AccessEvent::Read
    } else {
        AccessEvent::Update
    }
}

/// The outcome of the guard for one request.
enum Outcome {
    Granted(FamilyGrant),
    Refused(Refusal),
    Denied,
}

pub async fn guard(
    State((state, surface, template, need)): State<(AppState, Surface, &'static str, Need)>,
    mut req: Request,
    next: Next,
) -> Response {
    let family_id = match req.extract_parts::<RawPathParams>().await {
        Ok(params) => params
            .iter()
            .find(|(k, _)| *k == "family")
            .map(|(_, v)| FamilyId::from(v)),
        Err(_) => None,
    };
    let mut visitor = super::visitor_of(&req);
    let client = crate::client::address(req.extensions());
    let (Some(family_id), Some(principal)) = (family_id, visitor.principal.clone()) else {
        return not_found(surface, &req, &visitor);
    };
    let (event_name, data) = (
        event(req.method(), template),
        format!("{} {template}", req.method()),
    );
    let decided = async {
        let now = UtcTime::now();
        let mut tx = state.store.read().await?;
        let outcome = match tx.access_facts(&family_id).await? {
            None => Outcome::Denied,
            Some(facts) => {
                let emergency = tx
                    .emergency_until(&family_id, &principal.user_id, now)
                    .await?;
                match decide(&principal, &facts, emergency, need, now) {
                    FamilyAccess::Granted(basis) => Outcome::Granted(FamilyGrant {
                        family_id: family_id.clone(),
                        basis,
                        visible: DataCategory::ALL
                            .iter()
                            .copied()
                            .filter(|c| {
                                decide(&principal, &facts, emergency, Need::Data(*c), now).granted()
                            })
                            .collect(),
                        emergency_until: (basis == Basis::Emergency).then_some(emergency).flatten(),
                        lead: decide(&principal, &facts, emergency, Need::Lead, now).granted(),
                        closed: facts.closed,
                    }),
                    FamilyAccess::Refused(r) => Outcome::Refused(r),
                    FamilyAccess::Denied => Outcome::Denied,
                }
            }
        };
        drop(tx);
        let (basis, detail) = match &outcome {
            Outcome::Granted(g) => (Some(g.basis), String::new()),
            Outcome::Refused(Refusal::ConsentNeeded { step, category }) => {
                (None, format!(" (toestemming nodig: {step}, {category})"))
            }
            Outcome::Refused(Refusal::LeadOnly) => (None, " (alleen de regie)".to_owned()),
            Outcome::Denied => (None, String::new()),
        };
        let mut entry = access_entry(
            &principal,
            event_name,
            basis,
            Some(family_id.to_string()),
            format!("{data}{detail}"),
            &client,
        );
        entry.granted = basis.is_some();
        // Committed before the answer goes out (in a group with concurrent requests).
        state.store.log_access(entry).await?;
        Ok::<_, StoreError>(outcome)
    };
    match decided.await {
        Ok(Outcome::Granted(grant)) => {
            if let Some(until) = grant.emergency_until {
                // The page frame shows the banner while emergency access lasts.
                visitor.emergency_until = Some(until);
                req.extensions_mut().insert(visitor);
            }
            req.extensions_mut().insert(grant);
            next.run(req).await
        }
        Ok(Outcome::Refused(refusal)) => {
            let headers = req.headers().clone();
            drop(req);
            refused(&state, surface, &headers, &visitor, &family_id, refusal).await
        }
        Ok(Outcome::Denied) => not_found(surface, &req, &visitor),
        Err(e) => crate::kit::errors::store_failed(
            surface == Surface::Api,
            req.headers(),
            &e,
            "the family access check",
        ),
    }
}

/// Outside the policy on the break-glass routes: an ask the policy refuses (not a care
/// role) never reaches the handler, so it is logged here, as refused, with what was
/// asked (the child's name and date of birth, or the file's id) and never the reason.
pub async fn log_refused_emergency(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let visitor = super::visitor_of(&req);
    let care = visitor
        .principal
        .as_ref()
        .is_some_and(|p| eenplan_domain::role::is_care_role(&p.roles, p.organisation_kind));
    let (Some(principal), false, true) = (
        visitor.principal.clone(),
        care,
        req.method() == Method::POST,
    ) else {
        return next.run(req).await;
    };
    let client = crate::client::address(req.extensions());
    let path = req.uri().path().to_owned();
    let (parts, body) = req.into_parts();
    // Forms and JSON bodies are small; the server's body limit applies before this.
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    let form = crate::kit::form::FormData::parse(&bytes);
    let (family_id, asked) = match path.strip_prefix("/api/v1/families/") {
        Some(rest) => (
            rest.split('/').next().map(str::to_owned),
            "POST /api/v1/families/{family}/break-glass refused (not a care role)".to_owned(),
        ),
        None => (
            None,
            format!(
                "POST /noodtoegang refused (not a care role): name={:?} birth={:?} postcode={:?}",
                form.get("child_name"),
                form.get("date_of_birth"),
                form.get("postcode")
            ),
        ),
    };
    let response = next
        .run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await;
    if response.status() == StatusCode::FORBIDDEN {
        let mut entry = access_entry(
            &principal,
            eenplan_domain::access_log::AccessEvent::Emergency,
            None,
            family_id,
            asked,
            &client,
        );
        entry.granted = false;
        if let Err(e) = state.store.log_access(entry).await {
            tracing::error!(error = %e, "logging a refused emergency ask failed");
            return crate::kit::errors::internal(
                path.starts_with("/api/"),
                response_headers_none(),
            );
        }
    }
    response
}

fn response_headers_none() -> &'static axum::http::HeaderMap {
    static EMPTY: std::sync::OnceLock<axum::http::HeaderMap> = std::sync::OnceLock::new();
    EMPTY.get_or_init(axum::http::HeaderMap::new)
}

/// The page a handler answers when one of its actions is the lead's work and the
/// visitor is not the lead (a route that mixes the lead's and a partner's actions).
pub async fn lead_only(
    headers: &axum::http::HeaderMap,
    visitor: &Visitor,
    family_id: &FamilyId,
    state: &AppState,
) -> Response {
    refused(
        state,
        Surface::Page,
        headers,
        visitor,
        family_id,
        Refusal::LeadOnly,
    )
    .await
}

/// In the circle but not (yet) allowed: say what is needed and whom to ask, never the
/// family's data.
async fn refused(
    state: &AppState,
    surface: Surface,
    headers: &axum::http::HeaderMap,
    visitor: &Visitor,
    family_id: &FamilyId,
    refusal: Refusal,
) -> Response {
    let regisseur = match state.store.read().await {
        Ok(mut tx) => tx.family(family_id).await.ok().flatten().and_then(|f| {
            f.regisseur().map(|r| {
                (
                    r.user_name.clone(),
                    r.organisation_name.clone(),
                    r.user_email.clone(),
                )
            })
        }),
        Err(_) => None,
    };
    match surface {
        Surface::Api => {
            let (kind, title, detail): (&str, Said, (String, String)) = match refusal {
                Refusal::ConsentNeeded { step, category } => {
                    let in_lang = |lang: Lang| {
                        fill(
                            problem_texts(lang).consent_needed_detail,
                            &[
                                (
                                    "category",
                                    lang.pick((category.label_nl(), category.label_en())),
                                ),
                                ("step", lang.pick((step.label_nl(), step.label_en()))),
                            ],
                        )
                    };
                    (
                        "consent-needed",
                        |t| t.consent_needed,
                        (in_lang(Lang::Nl), in_lang(Lang::En)),
                    )
                }
                Refusal::LeadOnly => (
                    "lead-only",
                    |t| t.lead_only,
                    said(|t| t.lead_only_detail, &[]),
                ),
            };
            let extra = match refusal {
                Refusal::ConsentNeeded { step, category } => serde_json::json!({
                    "consentStep": step.code(), "dataCategory": category.code(),
                }),
                Refusal::LeadOnly => serde_json::json!({}),
            };
            Problem::said(StatusCode::FORBIDDEN, kind, title)
                .detail_in(detail)
                .with(extra)
        }
        Surface::Page => why_page(headers, visitor, refusal, regisseur),
    }
}

fn not_found(surface: Surface, req: &Request, visitor: &Visitor) -> Response {
    match surface {
        Surface::Api => Problem::said(StatusCode::NOT_FOUND, "not-found", |t| t.not_found)
            .detail_said(|t| t.not_found_family)
            .into_response(),
        Surface::Page => {
            crate::kit::errors::not_found_page(req.headers(), visitor, req.uri().path())
        }
    }
}

/// An access-log line for `principal` (NEN 7513: event, user, acting organisation and
/// roles, client, which data, where from).
pub fn access_entry(
    principal: &eenplan_store::Principal,
    event: AccessEvent,
    basis: Option<Basis>,
    family_id: Option<String>,
    data: String,
    client_address: &str,
) -> AccessEntry {
    AccessEntry {
        event,
        granted: true,
        basis: basis.map(AccessBasis::from),
        user_id: principal.user_id.to_string(),
        organisation_id: principal.organisation_id.to_string(),
        role: principal
            .roles
            .iter()
            .map(|r| r.code())
            .collect::<Vec<_>>()
            .join(","),
        on_behalf_of: None,
        family_id,
        data,
        client_address: client_address.to_owned(),
    }
}

/// The files matching `query` that `principal` may see. The SQL only narrows the
/// candidates; `family_access` decides each one, as for opening a file.
pub async fn visible_families(
    state: &AppState,
    principal: &eenplan_store::Principal,
    query: &eenplan_store::FamilyQuery,
) -> Result<Vec<eenplan_store::FamilySummary>, StoreError> {
    let led_team = principal
        .roles
        .contains(&eenplan_domain::role::Role::TeamLead)
        .then_some(principal.team_id.as_deref())
        .flatten();
    let now = UtcTime::now();
    let mut tx = state.store.read().await?;
    let candidates = tx
        .search_families(&principal.user_id, led_team, query)
        .await?;
    let ids: Vec<FamilyId> = candidates.iter().map(|c| c.id.clone()).collect();
    let (mut facts, mut emergencies) = (
        std::collections::HashMap::new(),
        std::collections::HashMap::new(),
    );
    for stretch in ids.chunks(DECIDE_STRETCH) {
        facts.extend(tx.access_facts_of(stretch).await?);
        emergencies.extend(tx.emergencies_of(stretch, &principal.user_id, now).await?);
    }
    let visible = candidates
        .into_iter()
        .filter(|c| {
            facts.get(&c.id).is_some_and(|f| {
                let until = emergencies.get(&c.id).copied();
                decide(principal, f, until, Need::Data(DataCategory::Identity), now).granted()
            })
        })
        .collect();
    Ok(visible)
}

/// Files the access rule lets the visitor see, counted per stretch of this many: keeps
/// each query's parameter list far below both backends' limits.
const DECIDE_STRETCH: usize = 500;

/// Which of `candidates` the access rule gives `principal` for `category` now: the store
/// lists candidates, the domain's `family_access` decides each one, a stretch at a time.
pub async fn granted_among(
    tx: &mut eenplan_store::Tx,
    principal: &eenplan_store::Principal,
    candidates: &[FamilyId],
    category: DataCategory,
) -> Result<std::collections::HashSet<FamilyId>, StoreError> {
    let now = UtcTime::now();
    let mut visible = std::collections::HashSet::new();
    for stretch in candidates.chunks(DECIDE_STRETCH) {
        let facts = tx.access_facts_of(stretch).await?;
        let emergencies = tx.emergencies_of(stretch, &principal.user_id, now).await?;
        visible.extend(
            stretch
                .iter()
                .filter(|id| {
                    facts.get(*id).is_some_and(|f| {
                        let until = emergencies.get(*id).copied();
                        decide(principal, f, until, Need::Data(category), now).granted()
                    })
                })
                .cloned(),
        );
    }
    Ok(visible)
}

/// One keyset page of the files `principal` may see among those matching `filter`, and
/// how many such files there are in all. The store narrows by scope and filter; the
/// domain's `family_access` decides each file, for the total as for the page, so the
/// count is the number of files the visitor can actually page through.
pub async fn visible_family_page(
    state: &AppState,
    principal: &eenplan_store::Principal,
    filter: &eenplan_store::FamilyFilter,
    (sort, sort_tag): (eenplan_store::FamilySort, &str),
    seek: &eenplan_store::Seek,
    limit: i64,
) -> Result<(crate::kit::paging::Page<eenplan_store::FamilyRow>, usize), StoreError> {
    use eenplan_store::Seek;
    let scope = eenplan_store::FamilyScope {
        user_id: principal.user_id.clone(),
        led_team: principal
            .roles
            .contains(&eenplan_domain::role::Role::TeamLead)
            .then(|| principal.team_id.clone())
            .flatten(),
    };
    let mut tx = state.store.read().await?;
    let candidates = tx.family_ids(&scope, filter).await?;
    let visible = granted_among(&mut tx, principal, &candidates, DataCategory::Identity).await?;
    // Read on until the page and one more row are visible (or the list ends): a file
    // the rule refuses is skipped, never a reason to show fewer rows.
    let want = usize::try_from(limit).unwrap_or(0) + 1;
    let mut rows: Vec<eenplan_store::FamilyRow> = Vec::new();
    let mut at = seek.clone();
    loop {
        let read = tx
            .families_page(&scope, filter, sort, &at, limit + 1)
            .await?;
        let exhausted = read.len() < want;
        let next_at = match seek {
            Seek::Before(_) => read.first().map(|r| Seek::Before(r.key.clone())),
            _ => read.last().map(|r| Seek::After(r.key.clone())),
        };
        let kept = read.into_iter().filter(|r| visible.contains(&r.id));
        match seek {
            Seek::Before(_) => {
                let mut before: Vec<_> = kept.collect();
                before.append(&mut rows);
                rows = before;
            }
            _ => rows.extend(kept),
        }
        match next_at {
            Some(next) if !exhausted && rows.len() < want => at = next,
            _ => break,
        }
    }
    let page = crate::kit::paging::window(rows, limit, seek, sort_tag, |r| r.key.clone());
    Ok((page, visible.len()))
}

/// Break the glass on one file inside `tx`: the domain decides whether the visitor
/// already has access (then there is no glass to break) and grants the hour; the
/// emergency and its access-log line are written in the same transaction. `None` when
/// there is no such file. `route` says where it was asked, for the log.
pub async fn break_glass(
    tx: &mut eenplan_store::Tx,
    principal: &eenplan_store::Principal,
    family_id: &FamilyId,
    reason: &str,
    (route, client): (&str, &str),
    now: UtcTime,
) -> Result<Option<UtcTime>, StoreError> {
    let Some(facts) = tx.access_facts(family_id).await? else {
        return Ok(None);
    };
    let has = decide(
        principal,
        &facts,
        None,
        Need::Data(DataCategory::Identity),
        now,
    )
    .granted();
    let until = tx
        .break_glass(
            &principal.actor(),
            family_id,
            (&principal.user_id, &principal.organisation_id),
            reason,
            has,
            now,
        )
        .await?;
    let entry = access_entry(
        principal,
        eenplan_domain::access_log::AccessEvent::Emergency,
        Some(Basis::Emergency),
        Some(family_id.to_string()),
        format!("{route}: {}", reason.trim()),
        client,
    );
    tx.log_access(&entry).await?;
    Ok(Some(until))
}

/// The domain's access rule applied to the stored facts of one family.
pub fn decide(
    principal: &eenplan_store::Principal,
    facts: &AccessFacts,
    emergency_until: Option<UtcTime>,
    need: Need,
    now: UtcTime,
) -> FamilyAccess {
    principal.family_access(facts, emergency_until, need, now)
}

#[derive(Template)]
#[template(path = "families/why.html")]
struct WhyPage {
    shell: Shell,
    step: Option<String>,
    category: Option<String>,
    lead_only: bool,
    regisseur: Option<(String, String, String)>,
}

/// Shown to someone in the family's circle whom the rules refuse: what is needed and
/// whom to ask; nothing of the family's data.
pub fn why_page(
    headers: &HeaderMap,
    visitor: &Visitor,
    refusal: Refusal,
    regisseur: Option<(String, String, String)>,
) -> Response {
    let lang = Lang::from_headers(headers);
    let (step, category, lead_only) = match refusal {
        Refusal::ConsentNeeded { step, category } => (
            Some(kind_label(lang, step, ConsentStep::label_nl, ConsentStep::label_en).to_owned()),
            Some(
                kind_label(
                    lang,
                    category,
                    DataCategory::label_nl,
                    DataCategory::label_en,
                )
                .to_owned(),
            ),
            false,
        ),
        Refusal::LeadOnly => (None, None, true),
    };
    render(
        StatusCode::FORBIDDEN,
        &WhyPage {
            shell: Shell::new(headers, visitor, "/"),
            step,
            category,
            lead_only,
            regisseur,
        },
    )
}
