//! The family's consents through its own door (issue 17 §3): every consent the portal
//! rule ([`crate::auth::portal`]) shows the member, to whom, for what, which data, who
//! gave it and when, until when; where a legal basis keeps an organisation's access,
//! the page says so. Withdrawing is [`super::withdraw`].

use crate::kit::extract::Query;
use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use eenplan_domain::family::portal::{Item, ItemKind};
use eenplan_domain::family::{
    ConsentStep, DataCategory, Framework, basis_that_remains, may_withdraw,
};
use eenplan_store::Consent;
use jiff::civil::Date;

use super::consent_texts::{ConsentTexts, consent as texts};
use crate::auth::portal::{PortalCtx, member};
use crate::kit::form::code_label;
use crate::kit::{Ctx, Lang, PageError, Shell, dates, render};

pub(super) const PATH: &str = "/mijn-gezin/toestemming";

/// One consent as the member reads it: words and Dutch dates, no codes.
pub(super) struct ConsentView {
    pub id: String,
    pub organisation: Option<String>,
    pub step: String,
    pub purpose: String,
    pub data: String,
    pub about: String,
    pub given_by: String,
    pub given_on: String,
    pub until: String,
    pub state: String,
    pub withdrawable: bool,
    /// The legal ground that keeps the organisation's access without the consent.
    pub remains: Option<&'static str>,
}

/// What a consent concerns, as the portal rule reads it.
pub(super) fn item(c: &Consent) -> Item {
    Item {
        concerns: c.children.iter().map(|(id, _)| id.clone()).collect(),
        ..Item::family(ItemKind::Consent)
    }
}

fn names(people: &[(String, String)]) -> String {
    people
        .iter()
        .map(|(_, name)| name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn state(lang: Lang, x: &ConsentTexts, c: &Consent, today: Date) -> String {
    if let Some(at) = &c.withdrawn_at {
        let on = eenplan_domain::UtcTime::parse(at)
            .map(eenplan_domain::time::amsterdam_date)
            .map_or_else(|_| dates::shown(lang, at), |d| dates::dutch_date(lang, d));
        return format!("{} {on}", x.withdrawn_on);
    }
    match c.ends_on {
        Some(end) if end < today => format!("{} {}", x.ended_on, dates::dutch_date(lang, end)),
        _ if c.given_on > today => {
            format!("{} {}", x.not_yet, dates::dutch_date(lang, c.given_on))
        }
        _ => x.in_force.to_owned(),
    }
}

/// The consents `sight` shows the member, newest first, in words.
pub(super) fn views(
    lang: Lang,
    sight: &PortalCtx,
    family: &eenplan_store::Family,
    consents: &[Consent],
) -> Vec<ConsentView> {
    let x = texts(lang);
    let basis_organisation = family.framework_organisation_id.as_deref();
    consents
        .iter()
        .filter(|c| sight.shows(&item(c)).is_some())
        .map(|c| {
            let facts = c.facts();
            let given_by: Vec<&str> = c.given_by.iter().map(|(id, _)| id.as_str()).collect();
            ConsentView {
                id: c.id.clone(),
                organisation: c.organisation_name.clone(),
                step: code_label::<ConsentStep>(lang, c.step),
                purpose: c.purpose.clone(),
                data: if c.categories.is_empty() {
                    x.no_data.to_owned()
                } else {
                    c.categories
                        .iter()
                        .map(|k| code_label::<DataCategory>(lang, *k))
                        .collect::<Vec<_>>()
                        .join("; ")
                },
                about: if c.children.is_empty() {
                    x.whole_family.to_owned()
                } else {
                    names(&c.children)
                },
                given_by: names(&c.given_by),
                given_on: dates::dutch_date(lang, c.given_on),
                until: match c.ends_on {
                    Some(end) => format!("{} {}", x.through, dates::dutch_date(lang, end)),
                    None => x.until_withdrawn.to_owned(),
                },
                state: state(lang, x, c, sight.today),
                withdrawable: may_withdraw(&facts, &given_by, &sight.member.member_id, sight.today),
                remains: basis_that_remains(family.framework, basis_organisation, &facts)
                    .map(|f| lang.pick(f.ground())),
            }
        })
        .collect()
}

/// A message at the top of the list: a withdrawal done, or why it could not be.
pub(super) struct Notice {
    pub text: &'static str,
    pub error: bool,
}

#[derive(Template)]
#[template(path = "family_portal/consents.html")]
struct ConsentsPage {
    shell: Shell,
    x: &'static ConsentTexts,
    notice: Option<Notice>,
    /// What a legal basis means for the family's consents, and whom it names.
    basis: Option<(&'static str, String)>,
    consents: Vec<ConsentView>,
}

/// The legal basis the family's file runs on, in words, with the organisation it names.
fn basis(x: &ConsentTexts, family: &eenplan_store::Family) -> Option<(&'static str, String)> {
    let text = match family.framework {
        Framework::Voluntary => return None,
        Framework::VeiligThuis => x.basis_vt,
        Framework::CourtOrder => x.basis_court,
    };
    let id = family.framework_organisation_id.as_deref();
    let name = family
        .involvements
        .iter()
        .find(|i| Some(i.organisation_id.as_str()) == id)
        .map(|i| i.organisation_name.clone())
        .unwrap_or_default();
    Some((text, name))
}

/// The list page, read (and logged) as the signed-in member, with `notice` on top.
pub(super) async fn list_page(
    ctx: &Ctx,
    status: StatusCode,
    notice: Option<Notice>,
) -> Result<Response, PageError> {
    let member = member(ctx)?.clone();
    let mut tx = ctx.store().read().await?;
    let Some(sight) = PortalCtx::load_in(&mut tx, member, dates::today()).await? else {
        return Err(PageError::not_found());
    };
    let consents = tx.consents(&sight.family()).await?;
    drop(tx);
    let x = texts(ctx.lang);
    let shown = views(ctx.lang, &sight, &sight.family, &consents);
    sight.log_read(ctx, PATH).await?;
    Ok(render(
        status,
        &ConsentsPage {
            shell: ctx.shell(PATH),
            x,
            notice,
            basis: basis(x, &sight.family),
            consents: shown,
        },
    ))
}

#[derive(serde::Deserialize)]
pub struct Done {
    klaar: Option<String>,
}

pub async fn show(ctx: Ctx, Query(done): Query<Done>) -> Result<Response, PageError> {
    let notice = (done.klaar.as_deref() == Some("ingetrokken")).then(|| Notice {
        text: texts(ctx.lang).done,
        error: false,
    });
    list_page(&ctx, StatusCode::OK, notice).await
}
