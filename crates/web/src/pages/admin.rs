//! The administration: the chain administrator manages the region's organisations and
//! areas; a functional administrator manages their own organisation's teams and users
//! (`policy::acts_for`): another organisation's accounts are not even listed, and
//! reaching one by its id is "not found". Every change goes through the store, which
//! journals it with the administrator as actor.

use std::collections::HashMap;

use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::area::AreaKind;
use eenplan_domain::enrolment;
use eenplan_domain::organisation::{OrganisationKind, Slug};
use eenplan_domain::password;
use eenplan_domain::policy::{
    ADMIN, CHAIN_ADMIN, Decision, Who, acts_for, admin_may_grant, decide,
};
use eenplan_domain::role::Role;
use eenplan_domain::totp::TotpSecret;
use eenplan_domain::user::{Email, PasswordError, PersonName, check_password};
use eenplan_store::{NewArea, NewOrganisation, NewTeam, NewUser, Principal, StoreError, ids};
use serde::Deserialize;

use super::form::text_errors;
use super::form::{
    Choice, ChoiceField, Errors, FormData, Input, TextField, choices, kind_label, with_none,
};
use super::handover::{self, HandoverForm};
use super::{Shell, errors, render, role_label};
use crate::AppState;
use crate::account_texts::AccountTexts;
use crate::auth::Visitor;
use crate::i18n::{Lang, Texts};

pub struct Action {
    url: String,
    label: &'static str,
    /// Opens a page (a confirmation first) instead of acting at once.
    link: bool,
}

/// An enrolment code just issued: shown once, on the answer to the request that made it.
pub struct CodeNotice {
    who: String,
    code: String,
    until: String,
}

pub struct TableRow {
    name: String,
    cells: Vec<String>,
    actions: Vec<Action>,
}

#[derive(Template)]
#[template(path = "admin/section.html")]
struct Section {
    shell: Shell,
    title: &'static str,
    saved: bool,
    has_errors: bool,
    headers: Vec<&'static str>,
    rows: Vec<TableRow>,
    has_actions: bool,
    form_title: &'static str,
    action: &'static str,
    inputs: Vec<Input>,
    acc: &'static AccountTexts,
    notice: Option<CodeNotice>,
}

#[derive(Debug, Deserialize)]
pub struct SavedQuery {
    opgeslagen: Option<String>,
}

struct Ctx {
    shell: Shell,
    lang: Lang,
    t: &'static Texts,
}

fn ctx(headers: &HeaderMap, visitor: &Visitor, path: &str) -> Ctx {
    let lang = Lang::from_headers(headers);
    Ctx {
        shell: Shell::new(headers, visitor, path),
        lang,
        t: lang.texts(),
    }
}

fn actor(visitor: &Visitor) -> eenplan_domain::journal::Actor {
    visitor
        .principal
        .as_ref()
        .map(Principal::actor)
        .unwrap_or(eenplan_domain::journal::Actor::System { component: "admin" })
}

fn failed(e: &StoreError, headers: &HeaderMap) -> Response {
    if let StoreError::NotFound(_) = e {
        return super::family::failed(e, headers);
    }
    if let Some(r) = errors::text_refused(e, false, headers) {
        return r;
    }
    tracing::error!(error = %e, "admin action failed on the database");
    errors::internal(false, headers)
}

fn saved(section: &str) -> Response {
    Redirect::to(&format!("{section}?opgeslagen=1")).into_response()
}

/// What differs between the admin sections; the rest of the page is the same.
struct Listing {
    title: &'static str,
    headers: Vec<&'static str>,
    rows: Vec<TableRow>,
    has_actions: bool,
    action: &'static str,
    inputs: Vec<Input>,
    notice: Option<CodeNotice>,
}

/// A section page: 422 when the form comes back with errors, 200 otherwise.
fn listing(shell: Shell, lang: Lang, errors: &Errors, saved: bool, l: Listing) -> Response {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(
        status,
        &Section {
            form_title: shell.t.admin_new,
            shell,
            title: l.title,
            saved,
            has_errors: !errors.is_empty(),
            headers: l.headers,
            rows: l.rows,
            has_actions: l.has_actions,
            action: l.action,
            inputs: l.inputs,
            acc: crate::account_texts::texts(lang),
            notice: l.notice,
        },
    )
}

/// The signed-in administrator (the route's policy guarantees one).
fn me(visitor: &Visitor) -> Option<&Principal> {
    visitor.principal.as_ref()
}

/// The account `id` if the administrator acts for its organisation; otherwise none,
/// exactly as if it did not exist.
async fn managed_user(
    state: &AppState,
    visitor: &Visitor,
    id: &str,
) -> Result<Option<Principal>, StoreError> {
    let Some(admin) = me(visitor) else {
        return Ok(None);
    };
    let user = state.store.read().await?.principal(id).await?;
    Ok(user.filter(|u| acts_for(&admin.organisation_id, &u.organisation_id)))
}

/// Issues a fresh one-time enrolment code for `user_id` in `tx`: returns it as shown.
async fn issue_code(
    tx: &mut eenplan_store::Tx,
    actor: &eenplan_domain::journal::Actor,
    user_id: &str,
    lang: Lang,
) -> Result<(String, String), StoreError> {
    let code = enrolment::new_code(ids::random_bytes());
    let now = eenplan_domain::UtcTime::now();
    let until = eenplan_domain::UtcTime::from_timestamp(
        now.timestamp() + enrolment::ENROLMENT_CODE_VALIDITY,
    );
    tx.issue_enrolment_code(actor, user_id, &enrolment::code_hash(&code), until)
        .await?;
    let day = eenplan_domain::time::amsterdam_date(until);
    Ok((
        code,
        format!(
            "{} {}",
            super::dutch_date(lang, day),
            super::local_time(until)
        ),
    ))
}

// ---- overview ----

#[derive(Template)]
#[template(path = "admin/index.html")]
struct Overview {
    shell: Shell,
    sections: Vec<(&'static str, &'static str, usize)>,
}

pub async fn overview(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
) -> Response {
    let Some(admin) = me(&visitor) else {
        return errors::internal(false, &headers);
    };
    let counts = async {
        let mut tx = state.store.read().await?;
        Ok::<_, StoreError>((
            tx.organisations().await?.len(),
            tx.areas().await?.len(),
            tx.teams_of(&admin.organisation_id).await?.len(),
            tx.principals_of(&admin.organisation_id).await?.len(),
        ))
    };
    let (orgs, areas, teams, users) = match counts.await {
        Ok(c) => c,
        Err(e) => return failed(&e, &headers),
    };
    let c = ctx(&headers, &visitor, "/beheer");
    // A section shows exactly when its route's policy lets the administrator in.
    let who = Some(Who {
        roles: &admin.roles,
        organisation: admin.organisation_kind,
    });
    let may = |policy| decide(policy, who) == Decision::Allow;
    let mut sections = Vec::new();
    if may(CHAIN_ADMIN) {
        sections.push(("/beheer/organisaties", c.t.admin_organisations, orgs));
        sections.push(("/beheer/gebieden", c.t.admin_areas, areas));
    }
    if may(ADMIN) {
        sections.push(("/beheer/teams", c.t.admin_teams, teams));
        sections.push(("/beheer/gebruikers", c.t.admin_users, users));
    }
    render(
        StatusCode::OK,
        &Overview {
            shell: c.shell,
            sections,
        },
    )
}

// ---- organisations ----

async fn organisations_page(
    state: &AppState,
    headers: &HeaderMap,
    visitor: &Visitor,
    form: &FormData,
    errors: &Errors,
    saved_flag: bool,
) -> Response {
    let c = ctx(headers, visitor, "/beheer/organisaties");
    let orgs = match async { state.store.read().await?.organisations().await }.await {
        Ok(o) => o,
        Err(e) => return failed(&e, headers),
    };
    let rows = orgs
        .iter()
        .map(|o| TableRow {
            name: o.name.clone(),
            cells: vec![
                o.slug.clone(),
                o.name.clone(),
                kind_label(
                    c.lang,
                    o.kind,
                    OrganisationKind::label_nl,
                    OrganisationKind::label_en,
                )
                .to_owned(),
            ],
            actions: vec![],
        })
        .collect();
    let kind = form.get("kind");
    let inputs = vec![
        Input::Text(
            TextField::new(
                "slug",
                c.t.f_slug,
                &form.get("slug"),
                errors.get("slug").copied(),
            )
            .hint(c.t.f_slug_hint),
        ),
        Input::Text(TextField::new(
            "name",
            c.t.f_name,
            &form.get("name"),
            errors.get("name").copied(),
        )),
        Input::Select(ChoiceField {
            id: "kind",
            label: c.t.f_kind,
            options: choices(
                OrganisationKind::ALL,
                |k| k.code().to_owned(),
                |k| {
                    kind_label(
                        c.lang,
                        *k,
                        OrganisationKind::label_nl,
                        OrganisationKind::label_en,
                    )
                    .to_owned()
                },
                &kind,
            ),
            error: errors.get("kind").copied(),
        }),
    ];
    listing(
        c.shell,
        c.lang,
        errors,
        saved_flag,
        Listing {
            title: c.t.admin_organisations,
            headers: vec![c.t.f_slug, c.t.f_name, c.t.f_kind],
            rows,
            has_actions: false,
            action: "/beheer/organisaties",
            inputs,
            notice: None,
        },
    )
}

pub async fn organisations(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Query(q): Query<SavedQuery>,
) -> Response {
    organisations_page(
        &state,
        &headers,
        &visitor,
        &FormData(vec![]),
        &Errors::new(),
        q.opgeslagen.is_some(),
    )
    .await
}

pub async fn create_organisation(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    body: Bytes,
) -> Response {
    let form = FormData::parse(&body);
    let t = Lang::from_headers(&headers).texts();
    let mut errors = text_errors(&form, t, &["slug", "name"]);
    let slug = Slug::parse(&form.get("slug"))
        .map_err(|_| errors.entry("slug").or_insert(t.err_slug))
        .ok();
    let name = form.get("name");
    if name.is_empty() {
        errors.entry("name").or_insert(t.err_required);
    }
    let kind = form
        .get("kind")
        .parse::<OrganisationKind>()
        .map_err(|_| errors.entry("kind").or_insert(t.err_choose))
        .ok();
    if let (Some(slug), Some(kind), true) = (slug, kind, errors.is_empty()) {
        let created = async {
            let mut tx = state.store.write().await?;
            tx.create_organisation(&actor(&visitor), NewOrganisation { slug, name, kind })
                .await?;
            tx.commit().await
        };
        match created.await {
            Ok(()) => return saved("/beheer/organisaties"),
            Err(StoreError::Duplicate(_)) => {
                errors.entry("slug").or_insert(t.err_duplicate);
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    organisations_page(&state, &headers, &visitor, &form, &errors, false).await
}

// ---- areas ----

async fn areas_page(
    state: &AppState,
    headers: &HeaderMap,
    visitor: &Visitor,
    form: &FormData,
    errors: &Errors,
    saved_flag: bool,
) -> Response {
    let c = ctx(headers, visitor, "/beheer/gebieden");
    let areas = match async { state.store.read().await?.areas().await }.await {
        Ok(a) => a,
        Err(e) => return failed(&e, headers),
    };
    let names: HashMap<&str, &str> = areas
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect();
    let label = |k: AreaKind| kind_label(c.lang, k, AreaKind::label_nl, AreaKind::label_en);
    let rows = areas
        .iter()
        .map(|a| TableRow {
            name: a.name.clone(),
            cells: vec![
                a.name.clone(),
                label(a.kind).to_owned(),
                a.parent_id
                    .as_deref()
                    .and_then(|p| names.get(p))
                    .map_or_else(String::new, |n| (*n).to_owned()),
                a.code.clone().unwrap_or_default(),
            ],
            actions: vec![],
        })
        .collect();
    let parent = form.get("parent_id");
    let parents = areas
        .iter()
        .filter(|a| a.kind != AreaKind::Neighbourhood)
        .collect::<Vec<_>>();
    let inputs = vec![
        Input::Text(TextField::new(
            "name",
            c.t.f_name,
            &form.get("name"),
            errors.get("name").copied(),
        )),
        Input::Select(ChoiceField {
            id: "kind",
            label: c.t.f_kind,
            options: choices(
                AreaKind::ALL,
                |k| k.code().to_owned(),
                |k| label(*k).to_owned(),
                &form.get("kind"),
            ),
            error: errors.get("kind").copied(),
        }),
        Input::Select(ChoiceField {
            id: "parent_id",
            label: c.t.f_parent,
            options: with_none(
                c.t,
                choices(
                    &parents,
                    |a| a.id.clone(),
                    |a| format!("{} ({})", a.name, label(a.kind)),
                    &parent,
                ),
                &parent,
            ),
            error: errors.get("parent_id").copied(),
        }),
        Input::Text(TextField::new("code", c.t.f_code, &form.get("code"), None)),
    ];
    listing(
        c.shell,
        c.lang,
        errors,
        saved_flag,
        Listing {
            title: c.t.admin_areas,
            headers: vec![c.t.f_name, c.t.f_kind, c.t.f_parent, c.t.f_code],
            rows,
            has_actions: false,
            action: "/beheer/gebieden",
            inputs,
            notice: None,
        },
    )
}

pub async fn areas(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Query(q): Query<SavedQuery>,
) -> Response {
    areas_page(
        &state,
        &headers,
        &visitor,
        &FormData(vec![]),
        &Errors::new(),
        q.opgeslagen.is_some(),
    )
    .await
}

pub async fn create_area(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    body: Bytes,
) -> Response {
    let form = FormData::parse(&body);
    let t = Lang::from_headers(&headers).texts();
    let mut errors = text_errors(&form, t, &["name"]);
    let name = form.get("name");
    if name.is_empty() {
        errors.entry("name").or_insert(t.err_required);
    }
    let kind = form
        .get("kind")
        .parse::<AreaKind>()
        .map_err(|_| errors.entry("kind").or_insert(t.err_choose))
        .ok();
    let parent = Some(form.get("parent_id")).filter(|p| !p.is_empty());
    let code = Some(form.get("code")).filter(|c| !c.is_empty());
    if let (Some(kind), true) = (kind, errors.is_empty()) {
        let created = async {
            let mut tx = state.store.write().await?;
            tx.create_area(
                &actor(&visitor),
                NewArea {
                    kind,
                    name,
                    code,
                    parent_id: parent,
                },
            )
            .await?;
            tx.commit().await
        };
        match created.await {
            Ok(()) => return saved("/beheer/gebieden"),
            Err(StoreError::Invalid(_) | StoreError::NotFound(_)) => {
                errors.entry("parent_id").or_insert(t.err_parent);
            }
            Err(StoreError::Duplicate(_)) => {
                errors.entry("name").or_insert(t.err_duplicate);
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    areas_page(&state, &headers, &visitor, &form, &errors, false).await
}

// ---- teams ----

async fn teams_page(
    state: &AppState,
    headers: &HeaderMap,
    visitor: &Visitor,
    form: &FormData,
    errors: &Errors,
    saved_flag: bool,
) -> Response {
    let c = ctx(headers, visitor, "/beheer/teams");
    let Some(admin) = me(visitor) else {
        return errors::internal(false, headers);
    };
    let loaded = async {
        let mut tx = state.store.read().await?;
        Ok::<_, StoreError>((
            tx.teams_of(&admin.organisation_id).await?,
            tx.organisations().await?,
            tx.areas().await?,
        ))
    };
    let (teams, orgs, areas) = match loaded.await {
        Ok(l) => l,
        Err(e) => return failed(&e, headers),
    };
    let org_names: HashMap<&str, &str> = orgs
        .iter()
        .map(|o| (o.id.as_str(), o.name.as_str()))
        .collect();
    let area_names: HashMap<&str, &str> = areas
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect();
    let rows = teams
        .iter()
        .map(|team| TableRow {
            name: team.name.clone(),
            cells: vec![
                org_names
                    .get(team.organisation_id.as_str())
                    .map_or_else(String::new, |n| (*n).to_owned()),
                team.name.clone(),
                team.area_id
                    .as_deref()
                    .and_then(|a| area_names.get(a))
                    .map_or_else(String::new, |n| (*n).to_owned()),
            ],
            actions: vec![],
        })
        .collect();
    let area = form.get("area_id");
    let inputs = vec![
        Input::Text(TextField::new(
            "name",
            c.t.f_name,
            &form.get("name"),
            errors.get("name").copied(),
        )),
        Input::Select(ChoiceField {
            id: "area_id",
            label: c.t.f_area,
            options: with_none(
                c.t,
                choices(&areas, |a| a.id.clone(), |a| a.name.clone(), &area),
                &area,
            ),
            error: None,
        }),
    ];
    listing(
        c.shell,
        c.lang,
        errors,
        saved_flag,
        Listing {
            title: c.t.admin_teams,
            headers: vec![c.t.f_organisation, c.t.f_name, c.t.f_area],
            rows,
            has_actions: false,
            action: "/beheer/teams",
            inputs,
            notice: None,
        },
    )
}

pub async fn teams(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Query(q): Query<SavedQuery>,
) -> Response {
    teams_page(
        &state,
        &headers,
        &visitor,
        &FormData(vec![]),
        &Errors::new(),
        q.opgeslagen.is_some(),
    )
    .await
}

pub async fn create_team(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    body: Bytes,
) -> Response {
    let form = FormData::parse(&body);
    let t = Lang::from_headers(&headers).texts();
    let mut errors = text_errors(&form, t, &["name"]);
    // Always the administrator's own organisation, whatever the form says.
    let Some(organisation_id) = me(&visitor).map(|p| p.organisation_id.clone()) else {
        return errors::internal(false, &headers);
    };
    let name = form.get("name");
    if name.is_empty() {
        errors.entry("name").or_insert(t.err_required);
    }
    let area_id = Some(form.get("area_id")).filter(|a| !a.is_empty());
    if errors.is_empty() {
        let created = async {
            let mut tx = state.store.write().await?;
            tx.create_team(
                &actor(&visitor),
                NewTeam {
                    organisation_id,
                    name,
                    area_id,
                },
            )
            .await?;
            tx.commit().await
        };
        match created.await {
            Ok(()) => return saved("/beheer/teams"),
            Err(StoreError::Duplicate(_)) => {
                errors.entry("name").or_insert(t.err_duplicate);
            }
            // An unknown area id: a tampered form.
            Err(StoreError::Database(_)) => {
                errors.entry("name").or_insert(t.err_choose);
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    teams_page(&state, &headers, &visitor, &form, &errors, false).await
}

// ---- users ----

async fn users_page(
    state: &AppState,
    headers: &HeaderMap,
    visitor: &Visitor,
    form: &FormData,
    errors: &Errors,
    saved_flag: bool,
    notice: Option<CodeNotice>,
) -> Response {
    let c = ctx(headers, visitor, "/beheer/gebruikers");
    let acc = crate::account_texts::texts(c.lang);
    let Some(admin) = me(visitor) else {
        return errors::internal(false, headers);
    };
    let loaded = async {
        let mut tx = state.store.read().await?;
        tx.principals_of(&admin.organisation_id).await
    };
    let users = match loaded.await {
        Ok(l) => l,
        Err(e) => return failed(&e, headers),
    };
    let rows = users
        .iter()
        .map(|u| TableRow {
            name: u.name.clone(),
            cells: vec![
                u.name.clone(),
                u.email.clone(),
                u.organisation_name.clone(),
                u.roles
                    .iter()
                    .map(|r| role_label(c.lang, *r))
                    .collect::<Vec<_>>()
                    .join(", "),
                if u.active { c.t.active } else { c.t.inactive }.to_owned(),
                if u.second_factor_set {
                    c.t.sf_set
                } else {
                    c.t.sf_pending
                }
                .to_owned(),
            ],
            actions: if u.active {
                vec![
                    Action {
                        url: format!("/beheer/gebruikers/{}/tweede-factor", u.user_id),
                        label: c.t.reset_second_factor,
                        link: false,
                    },
                    Action {
                        url: format!("/beheer/gebruikers/{}/deactiveren", u.user_id),
                        label: c.t.deactivate,
                        link: true,
                    },
                ]
            } else {
                vec![]
            },
        })
        .collect();
    let chosen = form.all("roles");
    let inputs = vec![
        Input::Text(
            TextField::new(
                "email",
                c.t.email,
                &form.get("email"),
                errors.get("email").copied(),
            )
            .kind("email"),
        ),
        Input::Text(TextField::new(
            "name",
            c.t.f_name,
            &form.get("name"),
            errors.get("name").copied(),
        )),
        Input::Text(
            TextField::new(
                "phone",
                c.t.f_phone,
                &form.get("phone"),
                errors.get("phone").copied(),
            )
            .kind("tel")
            .hint(c.t.f_phone_hint),
        ),
        Input::Checks(ChoiceField {
            id: "roles",
            label: c.t.f_roles,
            options: Role::ALL
                .iter()
                .filter(|r| admin_may_grant(**r))
                .map(|r| Choice {
                    value: r.code().to_owned(),
                    label: role_label(c.lang, *r).to_owned(),
                    selected: chosen.iter().any(|x| x == r.code()),
                })
                .collect(),
            error: errors.get("roles").copied(),
        }),
        Input::Text(
            TextField::new(
                "password",
                c.t.f_password,
                "",
                errors.get("password").copied(),
            )
            .kind("password")
            .hint(acc.temporary_password_hint),
        ),
    ];
    listing(
        c.shell,
        c.lang,
        errors,
        saved_flag,
        Listing {
            title: c.t.admin_users,
            headers: vec![
                c.t.f_name,
                c.t.email,
                c.t.f_organisation,
                c.t.f_roles,
                c.t.f_status,
                c.t.f_second_factor,
            ],
            rows,
            has_actions: true,
            action: "/beheer/gebruikers",
            inputs,
            notice,
        },
    )
}

pub async fn users(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Query(q): Query<SavedQuery>,
) -> Response {
    users_page(
        &state,
        &headers,
        &visitor,
        &FormData(vec![]),
        &Errors::new(),
        q.opgeslagen.is_some(),
        None,
    )
    .await
}

pub fn password_message(t: &Texts, e: &PasswordError) -> &'static str {
    match e {
        PasswordError::TooShort => t.err_password_short,
        PasswordError::TooLong => t.err_password_long,
        PasswordError::Common => t.err_password_common,
        PasswordError::Context => t.err_password_context,
    }
}

pub async fn create_user(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    body: Bytes,
) -> Response {
    let form = FormData::parse(&body);
    let t = Lang::from_headers(&headers).texts();
    let mut errors = text_errors(&form, t, &["email", "name", "phone", "password"]);
    let email = Email::parse(&form.get("email"))
        .map_err(|_| errors.entry("email").or_insert(t.err_email))
        .ok();
    let name = PersonName::parse(&form.get("name"))
        .map_err(|_| errors.entry("name").or_insert(t.err_required))
        .ok();
    // Always the administrator's own organisation, whatever the form says.
    let Some(organisation_id) = me(&visitor).map(|p| p.organisation_id.clone()) else {
        return errors::internal(false, &headers);
    };
    let lang = Lang::from_headers(&headers);
    let phone = Some(form.get("phone"))
        .filter(|p| !p.is_empty())
        .and_then(|p| {
            eenplan_domain::user::Phone::parse(&p)
                .map_err(|_| errors.entry("phone").or_insert(t.err_phone))
                .ok()
        });
    let roles: Vec<Role> = form
        .all("roles")
        .iter()
        .filter_map(|r| r.parse().ok())
        .collect();
    if roles.is_empty() {
        errors.entry("roles").or_insert(t.err_roles);
    } else if !roles.iter().all(|r| admin_may_grant(*r)) {
        errors
            .entry("roles")
            .or_insert(crate::account_texts::texts(lang).err_not_grantable);
    }
    let password_text = form.raw("password");
    let context = [form.get("email"), form.get("name")];
    if let Err(e) = check_password(&password_text, &[context[0].as_str(), context[1].as_str()]) {
        errors.entry("password").or_insert(password_message(t, &e));
    }
    if let (Some(email), Some(name), true) = (email, name, errors.is_empty()) {
        let created = async {
            let password_hash = password::hash(&password_text, ids::random_bytes())
                .map_err(|e| StoreError::Invalid(e.to_string()))?;
            let mut tx = state.store.write().await?;
            let user = tx
                .create_user(
                    &actor(&visitor),
                    NewUser {
                        email,
                        name,
                        organisation_id,
                        team_id: None,
                        roles,
                        password_hash,
                        totp_secret: TotpSecret::from_bytes(ids::random_bytes()),
                    },
                )
                .await?;
            if let Some(phone) = &phone {
                tx.set_phone(&actor(&visitor), &user.id, Some(phone))
                    .await?;
            }
            // The administrator chose the password: the colleague chooses their own at
            // the first sign-in, after enrolling with the code only they are given.
            tx.require_password_change(&actor(&visitor), &user.id)
                .await?;
            let (code, until) = issue_code(&mut tx, &actor(&visitor), &user.id, lang).await?;
            tx.commit().await?;
            Ok::<_, StoreError>(CodeNotice {
                who: user.name,
                code,
                until,
            })
        };
        match created.await {
            Ok(notice) => {
                return users_page(
                    &state,
                    &headers,
                    &visitor,
                    &FormData(vec![]),
                    &Errors::new(),
                    true,
                    Some(notice),
                )
                .await;
            }
            Err(StoreError::Duplicate(_)) => {
                errors.entry("email").or_insert(t.err_duplicate);
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    users_page(&state, &headers, &visitor, &form, &errors, false, None).await
}

/// The deactivation page: what happens, the files the person leads with one hand-over
/// form each, and the button that deactivates at once.
#[derive(Template)]
#[template(path = "admin/deactivate.html")]
struct DeactivatePage {
    shell: Shell,
    acc: &'static AccountTexts,
    user: Principal,
    roles: String,
    /// One form for all files at once, when there are several.
    all: Option<HandoverForm>,
    files: Vec<HandoverForm>,
    has_errors: bool,
    /// The refusal concerns the form for all files (the one-by-one list stays folded).
    all_refused: bool,
    handed_over: bool,
}

#[derive(Debug, Deserialize)]
pub struct HandedQuery {
    overgedragen: Option<String>,
}

async fn deactivate_page(
    state: &AppState,
    headers: &HeaderMap,
    visitor: &Visitor,
    id: &str,
    refused: Option<handover::Refused>,
    handed_over: bool,
) -> Response {
    let path = "/beheer/gebruikers";
    let loaded = async {
        let Some(user) = managed_user(state, visitor, id).await? else {
            return Ok(None);
        };
        let mut tx = state.store.read().await?;
        let files = tx.files_led_by(&user.user_id).await?;
        let colleagues = handover::candidates(&mut tx, &user.organisation_id).await?;
        Ok::<_, StoreError>(Some((user, files, colleagues)))
    };
    let (user, files, colleagues) = match loaded.await {
        Ok(Some(l)) if l.0.active => l,
        Ok(_) => return errors::not_found_page(headers, visitor, path),
        Err(e) => return failed(&e, headers),
    };
    let c = ctx(headers, visitor, path);
    let acc = crate::account_texts::texts(c.lang);
    let forms = files
        .iter()
        .map(|f| {
            handover::form(
                f,
                format!("/beheer/gebruikers/{}/overdragen", user.user_id),
                acc.handover,
                &colleagues,
                refused.as_ref(),
            )
        })
        .collect();
    // Someone who leads dozens of files is mostly handed over to one colleague at once.
    let all = (files.len() > 1).then(|| {
        handover::all_form(
            &files,
            format!("/beheer/gebruikers/{}/alles-overdragen", user.user_id),
            (
                acc.handover_all,
                format!("{} {}", files.len(), acc.all_files),
            ),
            &colleagues,
            refused.as_ref(),
        )
    });
    render(
        if refused.is_some() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        },
        &DeactivatePage {
            roles: user
                .roles
                .iter()
                .map(|r| role_label(c.lang, *r))
                .collect::<Vec<_>>()
                .join(", "),
            shell: c.shell,
            acc,
            user,
            all,
            files: forms,
            has_errors: refused.is_some(),
            all_refused: refused
                .as_ref()
                .is_some_and(|r| r.family_id == handover::ALL_FILES),
            handed_over,
        },
    )
}

pub async fn deactivate_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Path(id): Path<String>,
    Query(q): Query<HandedQuery>,
) -> Response {
    deactivate_page(
        &state,
        &headers,
        &visitor,
        &id,
        None,
        q.overgedragen.is_some(),
    )
    .await
}

/// Hands every file the person leads to one colleague with one reason, before
/// deactivating them: all in one transaction, or none.
pub async fn hand_over_all(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    hand_over_led(state, headers, visitor, id, FormData::parse(&body), None).await
}

/// Hands one file the person leads to a colleague, before deactivating them.
pub async fn hand_over(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let form = FormData::parse(&body);
    let family_id = form.get("family_id");
    hand_over_led(state, headers, visitor, id, form, Some(family_id)).await
}

/// Hands the files person `id` leads (all, or only `one`) to the colleague in the form;
/// a refusal comes back on the deactivation page at the form it concerns.
async fn hand_over_led(
    state: AppState,
    headers: HeaderMap,
    visitor: Visitor,
    id: String,
    form: FormData,
    one: Option<String>,
) -> Response {
    let found = async {
        let Some(user) = managed_user(&state, &visitor, &id).await? else {
            return Ok(None);
        };
        let mut files = state
            .store
            .read()
            .await?
            .files_led_by(&user.user_id)
            .await?;
        if let Some(one) = &one {
            files.retain(|f| &f.family_id == one);
        }
        // One file that the person does not lead names nothing; "all" of none is done.
        Ok::<_, StoreError>(Some(files).filter(|f| one.is_none() || !f.is_empty()))
    };
    let files = match found.await {
        Ok(Some(f)) => f,
        Ok(None) => return errors::not_found_page(&headers, &visitor, "/beheer/gebruikers"),
        Err(e) => return failed(&e, &headers),
    };
    let lang = Lang::from_headers(&headers);
    let texts = (lang.texts(), crate::account_texts::texts(lang));
    let form_id = one.as_deref().unwrap_or(handover::ALL_FILES);
    let handed =
        handover::hand_over_files(&state, &actor(&visitor), &files, form_id, &form, texts).await;
    match handed {
        Ok(Ok(())) => Redirect::to(&format!(
            "/beheer/gebruikers/{id}/deactiveren?overgedragen=1"
        ))
        .into_response(),
        Ok(Err(refused)) => {
            deactivate_page(&state, &headers, &visitor, &id, Some(refused), false).await
        }
        Err(e) => failed(&e, &headers),
    }
}

/// Deactivates at once: the store ends every session and API token of the account in
/// the same transaction, and every request checks that the account is active. Files
/// not handed over go to the team lead's "Zonder regisseur" list.
pub async fn deactivate_user(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Path(id): Path<String>,
) -> Response {
    let done = async {
        if managed_user(&state, &visitor, &id).await?.is_none() {
            return Err(StoreError::NotFound(format!("user {id}")));
        }
        let mut tx = state.store.write().await?;
        tx.deactivate_user(&actor(&visitor), &id).await?;
        tx.commit().await
    };
    match done.await {
        Ok(()) => saved("/beheer/gebruikers"),
        Err(StoreError::NotFound(_)) => {
            errors::not_found_page(&headers, &visitor, "/beheer/gebruikers")
        }
        Err(e) => failed(&e, &headers),
    }
}

/// A new second factor: the old authenticator stops working, every session ends, and
/// the administrator is shown (once) the enrolment code to hand over out of band.
pub async fn reset_second_factor(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Path(id): Path<String>,
) -> Response {
    let lang = Lang::from_headers(&headers);
    let done = async {
        let Some(user) = managed_user(&state, &visitor, &id).await? else {
            return Err(StoreError::NotFound(format!("user {id}")));
        };
        let mut tx = state.store.write().await?;
        tx.reset_second_factor(
            &actor(&visitor),
            &id,
            &TotpSecret::from_bytes(ids::random_bytes()),
        )
        .await?;
        let (code, until) = issue_code(&mut tx, &actor(&visitor), &id, lang).await?;
        tx.commit().await?;
        Ok(CodeNotice {
            who: user.name,
            code,
            until,
        })
    };
    match done.await {
        Ok(notice) => {
            users_page(
                &state,
                &headers,
                &visitor,
                &FormData(vec![]),
                &Errors::new(),
                true,
                Some(notice),
            )
            .await
        }
        Err(StoreError::NotFound(_)) => {
            errors::not_found_page(&headers, &visitor, "/beheer/gebruikers")
        }
        Err(e) => failed(&e, &headers),
    }
}
