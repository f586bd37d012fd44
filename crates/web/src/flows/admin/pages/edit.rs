//! Correcting what was set up: an organisation's name (chain administrator), an area's
//! name and CBS code (chain administrator), a team's name and an account's name, work
//! phone, team and roles (the organisation's administrator), and giving a deactivated
//! account back its access. Each form opens with what is stored, comes back with what
//! was typed and the message at its field, and each change is journaled by the store.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use eenplan_domain::policy::admin_may_grant;
use eenplan_domain::role::Role;
use eenplan_domain::user::{PersonName, Phone};
use eenplan_domain::{OrganisationId, UserId};
use eenplan_store::{StoreError, UserChange};

use crate::flows::admin::texts::{AdminTexts, admin as admin_texts};
use crate::kit::form::{
    Choice, ChoiceField, Errors, FormData, Input, TextField, choices, text_errors, with_none,
};
use crate::kit::form_status;
use crate::kit::render::role_label;
use crate::kit::{PageError, Shell, render};

use super::common::*;

#[derive(Template)]
#[template(path = "admin/edit.html")]
struct EditPage {
    shell: Shell,
    x: &'static AdminTexts,
    title: String,
    back: &'static str,
    back_label: &'static str,
    action: String,
    inputs: Vec<Input>,
    has_errors: bool,
}

/// The edit page of `what` at `action`, back to the section `back`.
fn edit_page(
    ctx: &Ctx,
    (back, back_label): (&'static str, &'static str),
    (title, action): (String, String),
    inputs: Vec<Input>,
    errors: &Errors,
) -> Result<Response, PageError> {
    Ok(render(
        form_status(errors.is_empty()),
        &EditPage {
            shell: ctx.shell(back),
            x: admin_texts(ctx.lang),
            title,
            back,
            back_label,
            action,
            inputs,
            has_errors: !errors.is_empty(),
        },
    ))
}

/// A form as it opens: what is stored, under the form's names.
fn stored(values: &[(&str, &str)]) -> FormData {
    FormData(
        values
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    )
}

/// The one change of an edit form: back to its section saying it was saved, or the
/// message at the field `refused` gives for a refusal of the store.
async fn apply<T>(
    ctx: &Ctx,
    section: &str,
    errors: &mut Errors,
    change: impl AsyncFnOnce(
        &mut eenplan_store::Tx,
        &eenplan_domain::journal::Actor,
    ) -> Result<T, StoreError>,
    refused: impl Fn(&StoreError) -> Option<(&'static str, &'static str)>,
) -> Result<Option<Response>, PageError> {
    if !errors.is_empty() {
        return Ok(None);
    }
    create(ctx, section, errors, change, refused).await
}

// ---- organisations ----

const ORGANISATIONS: &str = "/beheer/organisaties";

async fn organisation_page(
    ctx: &Ctx,
    id: &str,
    sent: Option<(&FormData, &Errors)>,
) -> Result<Response, PageError> {
    let (t, x) = (ctx.t(), admin_texts(ctx.lang));
    let org = ctx
        .store()
        .read()
        .await?
        .organisations()
        .await?
        .into_iter()
        .find(|o| o.id.as_str() == id)
        .ok_or_else(PageError::not_found)?;
    let opened = stored(&[("name", &org.name)]);
    let no_errors = Errors::new();
    let (form, errors) = sent.unwrap_or((&opened, &no_errors));
    let inputs = vec![Input::Text(TextField::typed(
        "name", t.f_name, form, errors,
    ))];
    edit_page(
        ctx,
        (ORGANISATIONS, x.admin_organisations),
        (
            format!("{}: {}", x.edit, org.name),
            format!("{ORGANISATIONS}/{id}/wijzigen"),
        ),
        inputs,
        errors,
    )
}

pub async fn organisation(ctx: Ctx, Path(id): Path<String>) -> Result<Response, PageError> {
    organisation_page(&ctx, &id, None).await
}

pub async fn change_organisation(
    ctx: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, PageError> {
    let t = ctx.t();
    let mut errors = text_errors(&form, t, &["name"]);
    let name = form.get("name");
    if name.is_empty() {
        errors.entry("name").or_insert(t.err_required);
    }
    let org = OrganisationId::from(id.as_str());
    let write = async |tx: &mut eenplan_store::Tx, by: &eenplan_domain::journal::Actor| {
        tx.rename_organisation(by, &org, &name).await
    };
    if let Some(done) = apply(&ctx, ORGANISATIONS, &mut errors, write, |_| None).await? {
        return Ok(done);
    }
    organisation_page(&ctx, &id, Some((&form, &errors))).await
}

// ---- areas ----

const AREAS: &str = "/beheer/gebieden";

async fn area_page(
    ctx: &Ctx,
    id: &str,
    sent: Option<(&FormData, &Errors)>,
) -> Result<Response, PageError> {
    let (t, x) = (ctx.t(), admin_texts(ctx.lang));
    let area = match ctx.store().read().await?.area(id).await {
        Ok(area) => area,
        Err(StoreError::NotFound(_)) => return Err(PageError::not_found()),
        Err(e) => return Err(e.into()),
    };
    let opened = stored(&[
        ("name", &area.name),
        ("code", area.code.as_deref().unwrap_or("")),
    ]);
    let no_errors = Errors::new();
    let (form, errors) = sent.unwrap_or((&opened, &no_errors));
    let inputs = vec![
        Input::Text(TextField::typed("name", t.f_name, form, errors)),
        Input::Text(TextField::typed("code", x.f_code, form, errors)),
    ];
    edit_page(
        ctx,
        (AREAS, x.admin_areas),
        (
            format!("{}: {}", x.edit, area.name),
            format!("{AREAS}/{id}/wijzigen"),
        ),
        inputs,
        errors,
    )
}

pub async fn area(ctx: Ctx, Path(id): Path<String>) -> Result<Response, PageError> {
    area_page(&ctx, &id, None).await
}

pub async fn change_area(
    ctx: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, PageError> {
    let (t, x) = (ctx.t(), admin_texts(ctx.lang));
    let mut errors = text_errors(&form, t, &["name", "code"]);
    let name = form.get("name");
    if name.is_empty() {
        errors.entry("name").or_insert(t.err_required);
    }
    let code = form.get("code");
    let write = async |tx: &mut eenplan_store::Tx, by: &eenplan_domain::journal::Actor| {
        tx.change_area(by, &id, &name, Some(code.as_str())).await
    };
    let refused = |e: &StoreError| match e {
        StoreError::DuplicateAreaCode { .. } => Some(("code", x.err_code_taken)),
        StoreError::Duplicate(_) => Some(("name", x.err_duplicate)),
        _ => None,
    };
    if let Some(done) = apply(&ctx, AREAS, &mut errors, write, refused).await? {
        return Ok(done);
    }
    area_page(&ctx, &id, Some((&form, &errors))).await
}

// ---- teams ----

const TEAMS: &str = "/beheer/teams";

async fn team_page(
    ctx: &Ctx,
    id: &str,
    sent: Option<(&FormData, &Errors)>,
) -> Result<Response, PageError> {
    let (t, x) = (ctx.t(), admin_texts(ctx.lang));
    let admin = ctx.principal()?;
    // Only a team of the administrator's own organisation, as if others did not exist.
    let team = ctx
        .store()
        .read()
        .await?
        .teams_of(&admin.organisation_id)
        .await?
        .into_iter()
        .find(|team| team.id == id)
        .ok_or_else(PageError::not_found)?;
    let opened = stored(&[("name", &team.name)]);
    let no_errors = Errors::new();
    let (form, errors) = sent.unwrap_or((&opened, &no_errors));
    let inputs = vec![Input::Text(TextField::typed(
        "name", t.f_name, form, errors,
    ))];
    edit_page(
        ctx,
        (TEAMS, x.admin_teams),
        (
            format!("{}: {}", x.edit, team.name),
            format!("{TEAMS}/{id}/wijzigen"),
        ),
        inputs,
        errors,
    )
}

pub async fn team(ctx: Ctx, Path(id): Path<String>) -> Result<Response, PageError> {
    team_page(&ctx, &id, None).await
}

pub async fn change_team(
    ctx: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, PageError> {
    let (t, x) = (ctx.t(), admin_texts(ctx.lang));
    let mut errors = text_errors(&form, t, &["name"]);
    let name = form.get("name");
    if name.is_empty() {
        errors.entry("name").or_insert(t.err_required);
    }
    let org = ctx.principal()?.organisation_id.clone();
    let write = async |tx: &mut eenplan_store::Tx, by: &eenplan_domain::journal::Actor| {
        tx.rename_team(by, &org, &id, &name).await
    };
    let refused = |e: &StoreError| match e {
        StoreError::Duplicate(_) => Some(("name", x.err_duplicate)),
        _ => None,
    };
    if let Some(done) = apply(&ctx, TEAMS, &mut errors, write, refused).await? {
        return Ok(done);
    }
    team_page(&ctx, &id, Some((&form, &errors))).await
}

// ---- users ----

const USERS: &str = "/beheer/gebruikers";

/// The team choice of an account form: the teams of `organisation_id`, or none.
pub(super) async fn team_choice(
    ctx: &Ctx,
    organisation_id: &OrganisationId,
    form: &FormData,
    errors: &Errors,
) -> Result<(Input, Vec<String>), PageError> {
    let (t, x) = (ctx.t(), admin_texts(ctx.lang));
    let teams = ctx.store().read().await?.teams_of(organisation_id).await?;
    let chosen = form.get("team_id");
    let ids = teams.iter().map(|team| team.id.clone()).collect();
    Ok((
        Input::Select(ChoiceField {
            id: "team_id",
            label: x.f_team,
            options: with_none(
                t,
                choices(
                    &teams,
                    |team| team.id.clone(),
                    |team| team.name.clone(),
                    &chosen,
                ),
                &chosen,
            ),
            error: errors.get("team_id").copied(),
        }),
        ids,
    ))
}

/// The roles to tick, the ones an administrator may grant.
pub(super) fn role_boxes(ctx: &Ctx, form: &FormData, errors: &Errors) -> Input {
    let x = admin_texts(ctx.lang);
    let chosen = form.all("roles");
    Input::Checks(ChoiceField {
        id: "roles",
        label: x.f_roles,
        options: Role::ALL
            .iter()
            .filter(|r| admin_may_grant(**r))
            .map(|r| Choice {
                value: r.code().to_owned(),
                label: role_label(ctx.lang, *r).to_owned(),
                selected: chosen.iter().any(|x| x == r.code()),
            })
            .collect(),
        error: errors.get("roles").copied(),
    })
}

/// The roles ticked; at least one, each one the administrator may grant.
pub(super) fn ticked_roles(ctx: &Ctx, form: &FormData, errors: &mut Errors) -> Vec<Role> {
    let x = admin_texts(ctx.lang);
    let roles: Vec<Role> = form
        .all("roles")
        .iter()
        .filter_map(|r| r.parse().ok())
        .collect();
    if roles.is_empty() {
        errors.entry("roles").or_insert(x.err_roles);
    } else if !roles.iter().all(|r| admin_may_grant(*r)) {
        errors.entry("roles").or_insert(x.err_not_grantable);
    }
    roles
}

async fn user_page(
    ctx: &Ctx,
    id: &UserId,
    sent: Option<(&FormData, &Errors)>,
) -> Result<Response, PageError> {
    let (t, x) = (ctx.t(), admin_texts(ctx.lang));
    let user = managed_user(ctx, id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let phone = ctx
        .store()
        .read()
        .await?
        .user_phone(id)
        .await?
        .unwrap_or_default();
    let mut values = vec![
        ("name".to_owned(), user.name.clone()),
        ("phone".to_owned(), phone),
        (
            "team_id".to_owned(),
            user.team_id.clone().unwrap_or_default(),
        ),
    ];
    values.extend(
        user.roles
            .iter()
            .map(|r| ("roles".to_owned(), r.code().to_owned())),
    );
    let opened = FormData(values);
    let no_errors = Errors::new();
    let (form, errors) = sent.unwrap_or((&opened, &no_errors));
    let (team, _) = team_choice(ctx, &user.organisation_id, form, errors).await?;
    let inputs = vec![
        Input::Text(TextField::typed("name", t.f_name, form, errors)),
        Input::Text(
            TextField::typed("phone", x.f_phone, form, errors)
                .kind("tel")
                .hint(x.f_phone_hint),
        ),
        team,
        role_boxes(ctx, form, errors),
    ];
    edit_page(
        ctx,
        (USERS, x.admin_users),
        (
            format!("{}: {} ({})", x.edit, user.name, user.email),
            format!("{USERS}/{id}/wijzigen"),
        ),
        inputs,
        errors,
    )
}

pub async fn user(ctx: Ctx, Path(id): Path<UserId>) -> Result<Response, PageError> {
    user_page(&ctx, &id, None).await
}

pub async fn change_user(
    ctx: Ctx,
    Path(id): Path<UserId>,
    form: FormData,
) -> Result<Response, PageError> {
    let (t, x) = (ctx.t(), admin_texts(ctx.lang));
    let user = managed_user(&ctx, &id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let mut errors = text_errors(&form, t, &["name", "phone"]);
    let name = PersonName::parse(&form.get("name"))
        .map_err(|_| errors.entry("name").or_insert(t.err_required))
        .ok();
    let phone = Some(form.get("phone"))
        .filter(|p| !p.is_empty())
        .and_then(|p| {
            Phone::parse(&p)
                .map_err(|_| errors.entry("phone").or_insert(x.err_phone))
                .ok()
        });
    let (_, teams) = team_choice(&ctx, &user.organisation_id, &form, &errors).await?;
    let team_id = Some(form.get("team_id")).filter(|t| !t.is_empty());
    if team_id.as_ref().is_some_and(|team| !teams.contains(team)) {
        errors.insert("team_id", t.err_choose);
    }
    let roles = ticked_roles(&ctx, &form, &mut errors);
    if let Some(name) = name.filter(|_| errors.is_empty()) {
        let change = UserChange {
            name,
            team_id,
            roles,
        };
        let write = async |tx: &mut eenplan_store::Tx, by: &eenplan_domain::journal::Actor| {
            tx.change_user(by, &id, &change).await?;
            // The phone number has its own event; only a different one is a change.
            let before = tx.user_phone(&id).await?.unwrap_or_default();
            if before != phone.as_ref().map_or("", Phone::as_str) {
                tx.set_phone(by, &id, phone.as_ref()).await?;
            }
            Ok(())
        };
        if let Some(done) = apply(&ctx, USERS, &mut errors, write, |_| None).await? {
            return Ok(done);
        }
    }
    user_page(&ctx, &id, Some((&form, &errors))).await
}

/// Gives a deactivated account of the administrator's organisation back its access.
pub async fn reactivate_user(ctx: Ctx, Path(id): Path<UserId>) -> Result<Response, PageError> {
    let user = managed_user(&ctx, &id)
        .await?
        .filter(|u| !u.active)
        .ok_or_else(PageError::not_found)?;
    let by = actor(&ctx.visitor);
    ctx.store()
        .change(async |tx| tx.reactivate_user(&by, &user.user_id).await)
        .await?;
    saved(USERS)
}
