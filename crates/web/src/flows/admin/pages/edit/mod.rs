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

mod structure;
mod users;

pub use structure::OrganisationEdit;
pub use users::reactivate_user;
pub(super) use users::{role_boxes, team_choice, ticked_roles};
