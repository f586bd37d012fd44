//! The family member's own start: a welcome by first name, links in plain words to the
//! parts of the file the portal rule lets them see, and whom to call in a crisis when
//! the rule shows them that. A part they may not see is not linked, without a word
//! about it.

use askama::Template;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::family::portal::ItemKind;

use super::read_texts::{HomeTexts, home as texts};
use crate::auth::cookies;
use crate::auth::portal::PortalCtx;
use crate::kit::crisis::{Call, Number, for_family};
use crate::kit::{Ctx, PageError, Shell, render};

pub const PATH: &str = "/mijn-gezin";

struct Link {
    href: &'static str,
    text: &'static str,
}

#[derive(Template)]
#[template(path = "family_portal/home.html")]
struct HomePage {
    shell: Shell,
    h: &'static HomeTexts,
    first_name: String,
    links: Vec<Link>,
    /// Whether the rule shows this member whom to call in a crisis.
    sees_crisis: bool,
    /// The family's own answer; `None` when it needs the province and the file has
    /// none (both after-hours numbers then, as on the professionals' family page).
    crisis: Option<Call>,
    emergency: Number,
    veilig_thuis: Number,
    save_flevoland: Number,
}

pub async fn show(ctx: Ctx) -> Result<Response, PageError> {
    let portal = PortalCtx::load(&ctx).await?;
    let h = texts(ctx.lang);
    let parts = [
        (ItemKind::PlanDraft, "/mijn-gezin/plan", h.plan),
        (ItemKind::Consent, "/mijn-gezin/toestemming", h.consents),
        (
            ItemKind::FlowerContact,
            "/mijn-gezin/hulpverleners",
            h.contacts,
        ),
        (ItemKind::Meeting, "/mijn-gezin/afspraken", h.meetings),
        (ItemKind::AccessLogLine, "/mijn-gezin/inzage", h.looked),
    ];
    let links = parts
        .into_iter()
        .filter(|(kind, _, _)| portal.sees(*kind))
        .map(|(_, href, text)| Link { href, text })
        .collect();
    let sees_crisis = portal.sees(ItemKind::CrisisAnswer);
    let crisis = if sees_crisis {
        let province = match &portal.family.area_id {
            Some(area) => {
                let mut tx = ctx.state.store.read().await?;
                tx.province_code(area).await?
            }
            None => None,
        };
        for_family(
            ctx.lang,
            &portal.family,
            province.as_deref(),
            UtcTime::now(),
        )
    } else {
        None
    };
    if sees_crisis {
        // The answer names the family's own SAVE worker and number: family data.
        portal.log_read(&ctx, PATH).await?;
    }
    Ok(render(
        StatusCode::OK,
        &HomePage {
            shell: ctx.shell(PATH),
            h,
            first_name: eenplan_domain::family_account::first_name(&portal.member.name).to_owned(),
            links,
            sees_crisis,
            crisis,
            emergency: Number::new(eenplan_domain::crisis::EMERGENCY),
            veilig_thuis: Number::veilig_thuis(),
            save_flevoland: Number::new(eenplan_domain::crisis::SAVE_FLEVOLAND_AFTER_HOURS),
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
