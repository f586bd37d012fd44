//! The family member's own start: a welcome by first name and, in plain words, what
//! will come here. No family data yet: what each member may see is the domain's rule of
//! issue 17 §2, wired by a later step.

use askama::Template;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use super::texts::{HomeTexts, PortalComplaintTexts, home as texts, portal_complaints};
use crate::auth::cookies;
use crate::kit::{Ctx, PageError, Shell, render};

#[derive(Template)]
#[template(path = "family_portal/home.html")]
struct HomePage {
    shell: Shell,
    h: &'static HomeTexts,
    c: &'static PortalComplaintTexts,
    first_name: String,
}

pub async fn show(ctx: Ctx) -> Result<Response, PageError> {
    let Some(member) = &ctx.visitor.family else {
        tracing::error!("a family route ran without a family member");
        return Err(PageError::internal());
    };
    Ok(render(
        StatusCode::OK,
        &HomePage {
            shell: ctx.shell("/mijn-gezin"),
            h: texts(ctx.lang),
            c: portal_complaints(ctx.lang),
            first_name: eenplan_domain::family_account::first_name(&member.name).to_owned(),
        },
    ))
}

pub async fn sign_out(ctx: Ctx) -> Result<Response, PageError> {
    crate::auth::sign_out(&ctx).await?;
    let auth = &ctx.state.auth;
    let mut response = Redirect::to("/gezin/aanmelden?afgemeld=1").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::clear(auth.session_cookie(), auth.secure_cookies),
    );
    Ok(response)
}
