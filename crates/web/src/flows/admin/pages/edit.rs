//! Correcting what was set up: an organisation's short name, name and kind (chain
//! administrator), an area's name and CBS code (chain administrator), a team's name
//! and area, and an account's name, work phone, team and roles (the organisation's
//! administrator), and giving a deactivated account back its access.
//!
//! Every kind is one [`Editable`]: how it is found, what its form holds and how a sent
//! form is checked and saved. The page around it is the same for all: it opens with
//! what is stored, comes back with what was typed, the message at its field and the
//! error summary on top, and each change is journaled by the store.

use std::future::Future;

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use eenplan_domain::organisation::{OrganisationKind, Slug, kind_may_change};
use eenplan_domain::policy::admin_may_grant;
use eenplan_domain::role::Role;
use eenplan_domain::user::{PersonName, Phone};
use eenplan_domain::{OrganisationId, UserId};
use eenplan_store::{Area, Organisation, Principal, StoreError, Team, UserChange};

use crate::flows::admin::texts::{AdminTexts, admin as admin_texts};
use crate::kit::form::{
    Choice, ChoiceField, Errors, FormData, Input, TextField, choices, chosen, code_label,
    code_select, text_errors, with_none,
};
use crate::kit::form_status;
use crate::kit::render::role_label;
use crate::kit::summary::ErrorSummary;
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
    /// What the form cannot change, and why.
    notes: Vec<String>,
    summary: ErrorSummary,
    inputs: Vec<Input>,
}

/// One kind of thing an administrator corrects. What differs between the kinds is
/// here; the pages ([`show`], [`change`]) are the same for all.
pub trait Editable: Sized + Send + Sync {
    /// The section that lists this kind; the edit page is `{SECTION}/{id}/wijzigen`
    /// and a saved change goes back to it.
    const SECTION: &'static str;
    fn section_label(x: &'static AdminTexts) -> &'static str;
    /// The one with `id`, if the administrator may see it: otherwise none, exactly as
    /// if it did not exist.
    fn load(ctx: &Ctx, id: &str) -> impl Future<Output = Result<Option<Self>, PageError>> + Send;
    /// Its name in the page's title.
    fn name(&self) -> String;
    /// What is stored, under the form's names.
    fn opened(&self, ctx: &Ctx) -> impl Future<Output = Result<FormData, PageError>> + Send;
    /// The form's fields, filled from `form` with the messages of `errors`.
    fn inputs(
        &self,
        ctx: &Ctx,
        form: &FormData,
        errors: &Errors,
    ) -> impl Future<Output = Result<Vec<Input>, PageError>> + Send;
    /// What the form cannot change, and why.
    fn notes(&self, _ctx: &Ctx) -> Vec<String> {
        Vec::new()
    }
    /// Checks `form` and saves it: back to the section, or (`None`) the messages in
    /// `errors` and nothing saved.
    fn save(
        &self,
        ctx: &Ctx,
        form: &FormData,
        errors: &mut Errors,
    ) -> impl Future<Output = Result<Option<Response>, PageError>> + Send;
}

/// The edit page of `item`: as stored, or as sent back with its messages (422).
async fn page<E: Editable>(
    ctx: &Ctx,
    id: &str,
    item: &E,
    sent: Option<(&FormData, &Errors)>,
) -> Result<Response, PageError> {
    let x = admin_texts(ctx.lang);
    let opened = item.opened(ctx).await?;
    let no_errors = Errors::new();
    let (form, errors) = sent.unwrap_or((&opened, &no_errors));
    let inputs = item.inputs(ctx, form, errors).await?;
    Ok(render(
        form_status(errors.is_empty()),
        &EditPage {
            shell: ctx.shell(E::SECTION),
            x,
            title: format!("{}: {}", x.edit, item.name()),
            back: E::SECTION,
            back_label: E::section_label(x),
            action: format!("{}/{id}/wijzigen", E::SECTION),
            notes: item.notes(ctx),
            summary: ErrorSummary::of_inputs(ctx.lang, &inputs),
            inputs,
        },
    ))
}

pub async fn show<E: Editable>(ctx: Ctx, Path(id): Path<String>) -> Result<Response, PageError> {
    let item = E::load(&ctx, &id).await?.ok_or_else(PageError::not_found)?;
    page(&ctx, &id, &item, None).await
}

pub async fn change<E: Editable>(
    ctx: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, PageError> {
    let item = E::load(&ctx, &id).await?.ok_or_else(PageError::not_found)?;
    let mut errors = Errors::new();
    if let Some(done) = item.save(&ctx, &form, &mut errors).await? {
        return Ok(done);
    }
    page(&ctx, &id, &item, Some((&form, &errors))).await
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

/// The name every form asks for, required.
fn required_name(ctx: &Ctx, form: &FormData, errors: &mut Errors) -> String {
    let name = form.get("name");
    if name.trim().is_empty() {
        errors.entry("name").or_insert(ctx.t().err_required);
    }
    name
}

/// The one change of an edit form, once the form has no messages: back to its section
/// saying it was saved, or the message at the field `refused` gives for a refusal of
/// the store.
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

/// An organisation and how many accounts it has (they fix its kind).
pub struct OrganisationEdit {
    org: Organisation,
    accounts: usize,
}

impl OrganisationEdit {
    fn kind_fixed(&self) -> bool {
        kind_may_change(self.accounts).is_err()
    }
}

impl Editable for OrganisationEdit {
    const SECTION: &'static str = "/beheer/organisaties";

    fn section_label(x: &'static AdminTexts) -> &'static str {
        x.admin_organisations
    }

    async fn load(ctx: &Ctx, id: &str) -> Result<Option<Self>, PageError> {
        let mut tx = ctx.store().read().await?;
        let Some(org) = tx
            .organisations()
            .await?
            .into_iter()
            .find(|o| o.id.as_str() == id)
        else {
            return Ok(None);
        };
        let accounts = tx.principals_of(&org.id).await?.len();
        Ok(Some(Self { org, accounts }))
    }

    fn name(&self) -> String {
        self.org.name.clone()
    }

    async fn opened(&self, _ctx: &Ctx) -> Result<FormData, PageError> {
        let o = &self.org;
        Ok(stored(&[
            ("slug", &o.slug),
            ("name", &o.name),
            ("kind", o.kind.code()),
        ]))
    }

    async fn inputs(
        &self,
        ctx: &Ctx,
        form: &FormData,
        errors: &Errors,
    ) -> Result<Vec<Input>, PageError> {
        let (t, x) = (ctx.t(), admin_texts(ctx.lang));
        let mut inputs = vec![
            Input::Text(TextField::typed("slug", x.f_slug, form, errors).hint(x.f_slug_hint)),
            Input::Text(TextField::typed("name", t.f_name, form, errors)),
        ];
        // A fixed kind is not offered; only a refusal of a kind sent anyway is shown
        // at its field.
        if !self.kind_fixed() || errors.contains_key("kind") {
            inputs.push(code_select::<OrganisationKind>(
                "kind", x.f_kind, ctx.lang, form, errors,
            ));
        }
        Ok(inputs)
    }

    fn notes(&self, ctx: &Ctx) -> Vec<String> {
        let x = admin_texts(ctx.lang);
        if self.kind_fixed() {
            vec![format!(
                "{}: {}. {}",
                x.f_kind,
                code_label(ctx.lang, self.org.kind),
                x.kind_fixed
            )]
        } else {
            Vec::new()
        }
    }

    async fn save(
        &self,
        ctx: &Ctx,
        form: &FormData,
        errors: &mut Errors,
    ) -> Result<Option<Response>, PageError> {
        let (t, x) = (ctx.t(), admin_texts(ctx.lang));
        errors.extend(text_errors(form, t, &["slug", "name"]));
        let slug = Slug::parse(&form.get("slug"))
            .map_err(|_| errors.entry("slug").or_insert(x.err_slug))
            .ok();
        let name = required_name(ctx, form, errors);
        // A fixed kind is not on the form; a kind sent anyway is held to the rule.
        let kind = if self.kind_fixed() && form.get("kind").is_empty() {
            Some(self.org.kind)
        } else {
            chosen::<OrganisationKind>(form, "kind", t, errors)
        };
        let (Some(slug), Some(kind)) = (slug, kind) else {
            return Ok(None);
        };
        let id = self.org.id.clone();
        let write = async |tx: &mut eenplan_store::Tx, by: &eenplan_domain::journal::Actor| {
            tx.change_organisation_identity(by, &id, &slug, kind)
                .await?;
            tx.rename_organisation(by, &id, &name).await
        };
        let refused = |e: &StoreError| match e {
            StoreError::Duplicate(_) => Some(("slug", x.err_duplicate)),
            StoreError::KindFixed(_) => Some(("kind", x.kind_fixed)),
            _ => None,
        };
        apply(ctx, Self::SECTION, errors, write, refused).await
    }
}

// ---- areas ----

impl Editable for Area {
    const SECTION: &'static str = "/beheer/gebieden";

    fn section_label(x: &'static AdminTexts) -> &'static str {
        x.admin_areas
    }

    async fn load(ctx: &Ctx, id: &str) -> Result<Option<Self>, PageError> {
        match ctx.store().read().await?.area(id).await {
            Ok(area) => Ok(Some(area)),
            Err(StoreError::NotFound(_)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    fn name(&self) -> String {
        self.name.clone()
    }

    async fn opened(&self, _ctx: &Ctx) -> Result<FormData, PageError> {
        Ok(stored(&[
            ("name", &self.name),
            ("code", self.code.as_deref().unwrap_or("")),
        ]))
    }

    async fn inputs(
        &self,
        ctx: &Ctx,
        form: &FormData,
        errors: &Errors,
    ) -> Result<Vec<Input>, PageError> {
        let (t, x) = (ctx.t(), admin_texts(ctx.lang));
        Ok(vec![
            Input::Text(TextField::typed("name", t.f_name, form, errors)),
            Input::Text(TextField::typed("code", x.f_code, form, errors)),
        ])
    }

    async fn save(
        &self,
        ctx: &Ctx,
        form: &FormData,
        errors: &mut Errors,
    ) -> Result<Option<Response>, PageError> {
        let (t, x) = (ctx.t(), admin_texts(ctx.lang));
        errors.extend(text_errors(form, t, &["name", "code"]));
        let name = required_name(ctx, form, errors);
        let code = form.get("code");
        let id = self.id.clone();
        let write = async |tx: &mut eenplan_store::Tx, by: &eenplan_domain::journal::Actor| {
            tx.change_area(by, &id, &name, Some(code.as_str())).await
        };
        let refused = |e: &StoreError| match e {
            StoreError::DuplicateAreaCode { .. } => Some(("code", x.err_code_taken)),
            StoreError::Duplicate(_) => Some(("name", x.err_duplicate)),
            _ => None,
        };
        apply(ctx, Self::SECTION, errors, write, refused).await
    }
}

// ---- teams ----

impl Editable for Team {
    const SECTION: &'static str = "/beheer/teams";

    fn section_label(x: &'static AdminTexts) -> &'static str {
        x.admin_teams
    }

    /// Only a team of the administrator's own organisation, as if others did not exist.
    async fn load(ctx: &Ctx, id: &str) -> Result<Option<Self>, PageError> {
        let admin = ctx.principal()?;
        let teams = ctx
            .store()
            .read()
            .await?
            .teams_of(&admin.organisation_id)
            .await?;
        Ok(teams.into_iter().find(|team| team.id == id))
    }

    fn name(&self) -> String {
        self.name.clone()
    }

    async fn opened(&self, _ctx: &Ctx) -> Result<FormData, PageError> {
        Ok(stored(&[
            ("name", &self.name),
            ("area_id", self.area_id.as_deref().unwrap_or("")),
        ]))
    }

    async fn inputs(
        &self,
        ctx: &Ctx,
        form: &FormData,
        errors: &Errors,
    ) -> Result<Vec<Input>, PageError> {
        let t = ctx.t();
        Ok(vec![
            Input::Text(TextField::typed("name", t.f_name, form, errors)),
            area_choice(ctx, form, errors).await?.0,
        ])
    }

    async fn save(
        &self,
        ctx: &Ctx,
        form: &FormData,
        errors: &mut Errors,
    ) -> Result<Option<Response>, PageError> {
        let (t, x) = (ctx.t(), admin_texts(ctx.lang));
        errors.extend(text_errors(form, t, &["name"]));
        let name = required_name(ctx, form, errors);
        let (_, areas) = area_choice(ctx, form, errors).await?;
        let area_id = Some(form.get("area_id")).filter(|a| !a.is_empty());
        if area_id.as_ref().is_some_and(|a| !areas.contains(a)) {
            errors.insert("area_id", t.err_choose);
        }
        let (org, id) = (self.organisation_id.clone(), self.id.clone());
        let write = async |tx: &mut eenplan_store::Tx, by: &eenplan_domain::journal::Actor| {
            tx.rename_team(by, &org, &id, &name).await?;
            tx.set_team_area(by, &org, &id, area_id.as_deref()).await
        };
        let refused = |e: &StoreError| match e {
            StoreError::Duplicate(_) => Some(("name", x.err_duplicate)),
            // The area was removed between showing the form and sending it.
            StoreError::NotFound(_) => Some(("area_id", t.err_choose)),
            _ => None,
        };
        apply(ctx, Self::SECTION, errors, write, refused).await
    }
}

/// The area choice of a team form: every area, or none; and the areas' ids.
pub(super) async fn area_choice(
    ctx: &Ctx,
    form: &FormData,
    errors: &Errors,
) -> Result<(Input, Vec<String>), PageError> {
    let (t, x) = (ctx.t(), admin_texts(ctx.lang));
    let areas = ctx.store().read().await?.areas().await?;
    let chosen = form.get("area_id");
    let ids = areas.iter().map(|a| a.id.clone()).collect();
    Ok((
        Input::Select(ChoiceField {
            id: "area_id",
            label: x.f_area,
            options: with_none(
                t,
                choices(&areas, |a| a.id.clone(), |a| a.name.clone(), &chosen),
                &chosen,
            ),
            error: errors.get("area_id").copied(),
        }),
        ids,
    ))
}

// ---- users ----

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

impl Editable for Principal {
    const SECTION: &'static str = USERS;

    fn section_label(x: &'static AdminTexts) -> &'static str {
        x.admin_users
    }

    async fn load(ctx: &Ctx, id: &str) -> Result<Option<Self>, PageError> {
        Ok(managed_user(ctx, &UserId::from(id)).await?)
    }

    fn name(&self) -> String {
        format!("{} ({})", self.name, self.email)
    }

    async fn opened(&self, ctx: &Ctx) -> Result<FormData, PageError> {
        let phone = ctx.store().read().await?.user_phone(&self.user_id).await?;
        let mut values = vec![
            ("name".to_owned(), self.name.clone()),
            ("phone".to_owned(), phone.unwrap_or_default()),
            (
                "team_id".to_owned(),
                self.team_id.clone().unwrap_or_default(),
            ),
        ];
        values.extend(
            self.roles
                .iter()
                .map(|r| ("roles".to_owned(), r.code().to_owned())),
        );
        Ok(FormData(values))
    }

    async fn inputs(
        &self,
        ctx: &Ctx,
        form: &FormData,
        errors: &Errors,
    ) -> Result<Vec<Input>, PageError> {
        let (t, x) = (ctx.t(), admin_texts(ctx.lang));
        let (team, _) = team_choice(ctx, &self.organisation_id, form, errors).await?;
        Ok(vec![
            Input::Text(TextField::typed("name", t.f_name, form, errors)),
            Input::Text(
                TextField::typed("phone", x.f_phone, form, errors)
                    .kind("tel")
                    .hint(x.f_phone_hint),
            ),
            team,
            role_boxes(ctx, form, errors),
        ])
    }

    async fn save(
        &self,
        ctx: &Ctx,
        form: &FormData,
        errors: &mut Errors,
    ) -> Result<Option<Response>, PageError> {
        let (t, x) = (ctx.t(), admin_texts(ctx.lang));
        errors.extend(text_errors(form, t, &["name", "phone"]));
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
        let (_, teams) = team_choice(ctx, &self.organisation_id, form, errors).await?;
        let team_id = Some(form.get("team_id")).filter(|t| !t.is_empty());
        if team_id.as_ref().is_some_and(|team| !teams.contains(team)) {
            errors.insert("team_id", t.err_choose);
        }
        let roles = ticked_roles(ctx, form, errors);
        let Some(name) = name else {
            return Ok(None);
        };
        let change = UserChange {
            name,
            team_id,
            roles,
        };
        let id = &self.user_id;
        let write = async |tx: &mut eenplan_store::Tx, by: &eenplan_domain::journal::Actor| {
            tx.change_user(by, id, &change).await?;
            // The phone number has its own event; only a different one is a change.
            let before = tx.user_phone(id).await?.unwrap_or_default();
            if before != phone.as_ref().map_or("", Phone::as_str) {
                tx.set_phone(by, id, phone.as_ref()).await?;
            }
            Ok(())
        };
        apply(ctx, Self::SECTION, errors, write, |_| None).await
    }
}

const USERS: &str = "/beheer/gebruikers";

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
