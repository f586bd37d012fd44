//! The administration: the chain administrator manages the region's organisations and
//! areas; a functional administrator manages their own organisation's teams and users
//! (`policy::acts_for`): another organisation's accounts are not even listed, and
//! reaching one by its id is "not found". Every change goes through the store, which
//! journals it with the administrator as actor.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::UserId;
use eenplan_domain::enrolment;
use eenplan_domain::journal::Actor;
use eenplan_domain::policy::{ADMIN, CHAIN_ADMIN, Decision, Who, acts_for, decide};
use eenplan_store::{Principal, StoreError, Tx, ids};
use serde::Deserialize;

use crate::auth::Visitor;
use crate::flows::admin::texts::{AdminTexts, admin as admin_texts};
pub(super) use crate::kit::Ctx;
use crate::kit::dates::{dutch_date, local_time};
use crate::kit::form::{Errors, FormData, Input};
use crate::kit::form_status;
use crate::kit::summary::ErrorSummary;
use crate::kit::{Lang, PageError, Shell, render};

pub struct Action {
    pub url: String,
    pub label: &'static str,
    /// Opens a page (a confirmation first) instead of acting at once.
    pub link: bool,
}

/// An enrolment code just issued: shown once, on the answer to the request that made it.
pub struct CodeNotice {
    pub who: String,
    pub code: String,
    pub until: String,
}

pub struct TableRow {
    pub name: String,
    pub cells: Vec<String>,
    pub actions: Vec<Action>,
}

impl TableRow {
    /// The same row with a link to its edit page.
    pub fn editable(mut self, url: String, label: &'static str) -> Self {
        self.actions.push(Action {
            url,
            label,
            link: true,
        });
        self
    }

    /// A row named `name` with nothing to do on it.
    pub fn plain(name: &str, cells: Vec<String>) -> Self {
        Self {
            name: name.to_owned(),
            cells,
            actions: vec![],
        }
    }
}

#[derive(Template)]
#[template(path = "admin/section.html")]
pub(super) struct Section {
    shell: Shell,
    title: &'static str,
    saved: bool,
    summary: ErrorSummary,
    headers: Vec<&'static str>,
    rows: Vec<TableRow>,
    has_actions: bool,
    form_title: &'static str,
    action: &'static str,
    inputs: Vec<Input>,
    x: &'static AdminTexts,
    notice: Option<CodeNotice>,
}

#[derive(Debug, Deserialize)]
pub struct SavedQuery {
    pub opgeslagen: Option<String>,
}

impl SavedQuery {
    /// Back from a change that was saved: the section says so.
    pub fn saved(&self) -> bool {
        self.opgeslagen.is_some()
    }
}

pub(super) fn actor(visitor: &Visitor) -> Actor {
    visitor
        .principal
        .as_ref()
        .map(Principal::actor)
        .unwrap_or(Actor::System { component: "admin" })
}

pub(super) fn saved(section: &str) -> Result<Response, PageError> {
    Ok(Redirect::to(&format!("{section}?opgeslagen=1")).into_response())
}

/// A section's form as the page shows it: empty on opening (perhaps just saved, with
/// an enrolment code to hand over once), or sent back with what is wrong.
pub(super) struct Sheet {
    pub form: FormData,
    pub errors: Errors,
    pub saved: bool,
    pub notice: Option<CodeNotice>,
}

impl Sheet {
    pub fn blank(saved: bool) -> Self {
        Self {
            form: FormData(vec![]),
            errors: Errors::new(),
            saved,
            notice: None,
        }
    }

    pub fn sent(form: FormData, errors: Errors) -> Self {
        Self {
            form,
            errors,
            ..Self::blank(false)
        }
    }

    /// Just saved, with a fresh enrolment code to hand over.
    pub fn issued(notice: CodeNotice) -> Self {
        Self {
            notice: Some(notice),
            ..Self::blank(true)
        }
    }
}

/// What differs between the admin sections; the rest of the page is the same. Only the
/// users' section has actions on its rows.
#[derive(Default)]
pub(super) struct Listing {
    pub title: &'static str,
    pub headers: Vec<&'static str>,
    pub rows: Vec<TableRow>,
    pub has_actions: bool,
    pub action: &'static str,
    pub inputs: Vec<Input>,
}

/// A section page at its form's `action`: 422 when the form comes back with errors, 200
/// otherwise.
pub(super) fn listing(ctx: &Ctx, sheet: Sheet, l: Listing) -> Result<Response, PageError> {
    let x = admin_texts(ctx.lang);
    Ok(render(
        form_status(sheet.errors.is_empty()),
        &Section {
            form_title: x.admin_new,
            shell: ctx.shell(l.action),
            title: l.title,
            saved: sheet.saved,
            summary: ErrorSummary::of_inputs(ctx.lang, &l.inputs),
            headers: l.headers,
            rows: l.rows,
            has_actions: l.has_actions,
            action: l.action,
            inputs: l.inputs,
            x,
            notice: sheet.notice,
        },
    ))
}

/// A section's one change, made by the administrator, as the form's answer: back to
/// the section saying it was saved, or (`None`) the message at the field a refusal of
/// the store concerns (`refused` names the refusals a form can cause); anything else is
/// the server's fault.
pub(super) async fn create<T>(
    ctx: &Ctx,
    section: &str,
    errors: &mut Errors,
    change: impl AsyncFnOnce(&mut Tx, &Actor) -> Result<T, StoreError>,
    refused: impl Fn(&StoreError) -> Option<(&'static str, &'static str)>,
) -> Result<Option<Response>, PageError> {
    let by = actor(&ctx.visitor);
    match ctx.store().change(async |tx| change(tx, &by).await).await {
        Ok(_) => saved(section).map(Some),
        Err(e) => match refused(&e) {
            Some((field, message)) => {
                errors.entry(field).or_insert(message);
                Ok(None)
            }
            None => Err(e.into()),
        },
    }
}

/// The account `id` if the administrator acts for its organisation; otherwise none,
/// exactly as if it did not exist.
pub(super) async fn managed_user(ctx: &Ctx, id: &UserId) -> Result<Option<Principal>, StoreError> {
    let Some(admin) = ctx.visitor.principal.as_ref() else {
        return Ok(None);
    };
    let user = ctx.store().read().await?.principal(id).await?;
    Ok(user.filter(|u| acts_for(admin.organisation_id.as_str(), u.organisation_id.as_str())))
}

/// Issues a fresh one-time enrolment code for `user_id` in `tx`: returns it as shown.
pub(super) async fn issue_code(
    tx: &mut Tx,
    actor: &Actor,
    user_id: &UserId,
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
        format!("{} {}", dutch_date(lang, day), local_time(until)),
    ))
}

// ---- overview ----

#[derive(Template)]
#[template(path = "admin/index.html")]
pub(super) struct Overview {
    shell: Shell,
    x: &'static AdminTexts,
    sections: Vec<(&'static str, &'static str, usize)>,
}

pub async fn overview(ctx: Ctx) -> Result<Response, PageError> {
    let admin = ctx.principal()?;
    let counts = async {
        let mut tx = ctx.store().read().await?;
        Ok::<_, StoreError>((
            tx.organisations().await?.len(),
            tx.areas().await?.len(),
            tx.pilots().await?.len(),
            tx.teams_of(&admin.organisation_id).await?.len(),
            tx.principals_of(&admin.organisation_id).await?.len(),
        ))
    };
    let (orgs, areas, pilots, teams, users) = counts.await?;
    let x = admin_texts(ctx.lang);
    // A section shows exactly when its route's policy lets the administrator in.
    let who = Some(Who {
        roles: &admin.roles,
        organisation: admin.organisation_kind,
    });
    let may = |policy| decide(policy, who) == Decision::Allow;
    let mut sections = Vec::new();
    if may(CHAIN_ADMIN) {
        sections.push(("/beheer/organisaties", x.admin_organisations, orgs));
        sections.push(("/beheer/gebieden", x.admin_areas, areas));
        sections.push(("/beheer/pilots", x.admin_pilots, pilots));
    }
    if may(ADMIN) {
        sections.push(("/beheer/teams", x.admin_teams, teams));
        sections.push(("/beheer/gebruikers", x.admin_users, users));
    }
    Ok(render(
        StatusCode::OK,
        &Overview {
            shell: ctx.shell("/beheer"),
            x,
            sections,
        },
    ))
}
