//! "E-mail over nieuwe berichten": one select, the person's own setting.

use askama::Template;
use axum::response::Response;
use eenplan_domain::mail::MailPreference;
use eenplan_store::StoreError;

use super::texts::{MailTexts, mail as texts};
use crate::kit::form::{ChoiceField, Errors, FormData, Input, chosen, code_choices, text_errors};
use crate::kit::summary::ErrorSummary;
use crate::kit::{Ctx, PageError, Shell, form_status, render};

const PATH: &str = "/berichten/e-mail";

#[derive(Template)]
#[template(path = "mail_settings/settings.html")]
struct SettingsPage {
    shell: Shell,
    a: &'static MailTexts,
    summary: ErrorSummary,
    inputs: Vec<Input>,
    saved: bool,
}

fn page(ctx: &Ctx, selected: &str, errors: &Errors, saved: bool) -> Response {
    let a = texts(ctx.lang);
    let inputs = vec![Input::Select(ChoiceField {
        id: "preference",
        label: a.choice,
        options: code_choices::<MailPreference>(ctx.lang, selected),
        error: errors.get("preference").copied(),
    })];
    render(
        form_status(errors.is_empty()),
        &SettingsPage {
            shell: ctx.shell(PATH),
            a,
            summary: ErrorSummary::of_inputs(ctx.lang, &inputs)
                .or_refused(!errors.is_empty(), &inputs),
            inputs,
            saved,
        },
    )
}

/// Every store failure here is ours: the page reads and writes only the visitor's own
/// account.
fn failed(e: StoreError) -> PageError {
    tracing::error!(error = %e, "the e-mail setting failed");
    PageError::internal()
}

pub async fn show(ctx: Ctx) -> Result<Response, PageError> {
    let user = ctx.principal()?.user_id.clone();
    let mut tx = ctx.store().read().await.map_err(failed)?;
    let (preference, _) = tx.mail_settings(&user).await.map_err(failed)?;
    drop(tx);
    Ok(page(&ctx, preference.code(), &Errors::new(), false))
}

pub async fn submit(ctx: Ctx, form: FormData) -> Result<Response, PageError> {
    let user = ctx.principal()?.user_id.clone();
    let t = ctx.t();
    let mut errors = text_errors(&form, t, &[]);
    let preference = chosen::<MailPreference>(&form, "preference", t, &mut errors);
    let Some(preference) = preference.filter(|_| errors.is_empty()) else {
        return Ok(page(&ctx, &form.get("preference"), &errors, false));
    };
    ctx.store()
        .change(async |tx| tx.set_mail_preference(&user, preference).await)
        .await
        .map_err(failed)?;
    Ok(page(&ctx, preference.code(), &Errors::new(), true))
}
