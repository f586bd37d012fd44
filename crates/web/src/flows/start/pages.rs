//! The start page: one section per role the person holds, each with its work list (see
//! `work`), the role blocks of the team lead, the behavioural scientist, the privacy
//! officer and the Raad (their own modules), and the team lead's files without a
//! regisseur with a hand-over form each.

use askama::Template;
use axum::response::{IntoResponse, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::role::Role;
use eenplan_domain::time::amsterdam_date;

use super::START_CAP;
use super::texts::{StartTexts, start as start_texts};
use super::work::{FirstDue, WorkLists, first_due, work_lists};
use super::{behavioural, policy_officer, privacy_officer, raad, team_lead};
use crate::kit::form::FormData;
use crate::kit::form_status;
use crate::kit::handover::{self, HandoverForm};
use crate::kit::render::role_label;
use crate::kit::summary::ErrorSummary;
use crate::kit::{Ctx, PageError, Shell, render};

#[derive(Template)]
#[template(path = "start/start.html")]
struct Start {
    shell: Shell,
    a: &'static crate::kit::access_texts::AccessTexts,
    roles: Vec<(&'static str, &'static str)>,
    leads_families: bool,
    /// Grouped by family, at most [`START_CAP`] families: (family id, file name, what
    /// is overdue in it).
    overdue: Vec<(String, String, Vec<String>)>,
    /// "and 4 more families …" when the overdue list was capped.
    overdue_more: Option<String>,
    /// The files that need attention first, for a professional and for a team lead.
    first_due: Vec<FirstDue>,
    work: WorkLists,
    acc: &'static StartTexts,
    /// Team lead: files whose regisseur is no longer active, each with its own form.
    orphans: Vec<HandoverForm>,
    summary: ErrorSummary,
    /// Back from ending a SAVE-begeleiding whose file closed for the one who ended it.
    guidance_ended: bool,
    /// Hand-overs from Veilig Thuis to the files this person is the regisseur of, not
    /// acknowledged yet (at most [`START_CAP`]), and "and 2 more" beyond.
    handovers: Vec<crate::kit::vt_handover::HandoverItem>,
    handovers_more: Option<String>,
    w: &'static crate::kit::vt_handover::VtHandoverTexts,
    show_family: bool,
    team_lead: Option<team_lead::TeamLeadBlocks>,
    behavioural: Option<behavioural::BehaviouralBlocks>,
    privacy: Option<privacy_officer::PrivacyBlocks>,
    raad: Option<raad::RaadBlock>,
    policy: Option<policy_officer::PolicyBlock>,
}

fn role_text(c: &crate::kit::chain_texts::ChainTexts, a: &StartTexts, role: Role) -> &'static str {
    match role {
        Role::ChainAdmin => a.start_role_chain_admin,
        Role::EvuCoordinator => c.start_role_evu,
        Role::Professional => a.start_role_professional,
        Role::BehaviouralScientist => a.start_role_behavioural_scientist,
        Role::TeamLead => a.start_role_team_lead,
        Role::FunctionalAdmin => a.start_role_functional_admin,
        Role::PrivacyOfficer => a.start_role_privacy_officer,
        Role::PolicyOfficer => a.start_role_policy_officer,
        Role::ComplaintsOfficer => a.start_role_complaints_officer,
    }
}

/// The start page: one section per role the person holds, and for a regisseur what is
/// overdue in the families they lead.
pub async fn start(
    ctx: Ctx,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Result<Response, PageError> {
    // After a SAVE worker ends the guidance the file is no longer theirs to open, so
    // they land here (`?beeindigd=save-begeleiding`) and the page says why. Any other
    // query is ignored rather than refused: it is a page, not an API.
    let ended = query.as_deref().is_some_and(|q| {
        q.split('&')
            .any(|pair| pair == "beeindigd=save-begeleiding")
    });
    start_page(&ctx, None, ended).await
}

/// The files a team lead sees without a regisseur: their own team's (or, for a team
/// lead without a team, their organisation's).
async fn leaderless(
    ctx: &Ctx,
    p: &eenplan_store::Principal,
) -> Result<Vec<eenplan_store::LedFile>, eenplan_store::StoreError> {
    if !p.roles.contains(&Role::TeamLead) {
        return Ok(Vec::new());
    }
    let mut tx = ctx.store().read().await?;
    tx.files_without_regisseur(&p.organisation_id, p.team_id.as_deref())
        .await
}

/// The team lead assigns a new regisseur to a file on their "Zonder regisseur" list: a
/// handover with a reason. A file not on their list is not found.
pub async fn assign_regisseur(
    ctx: Ctx,
    axum::extract::Path(id): axum::extract::Path<String>,
    form: FormData,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let file = leaderless(&ctx, p)
        .await?
        .into_iter()
        .find(|f| f.family_id == id)
        .ok_or_else(PageError::not_found)?;
    let files = std::slice::from_ref(&file);
    match handover::hand_over(
        ctx.store(),
        &p.actor(),
        files,
        (file.family_id.as_str(), &form),
        ctx.lang,
    )
    .await?
    {
        Ok(()) => Ok(axum::response::Redirect::to("/start").into_response()),
        Err(refused) => start_page(&ctx, Some(refused), false).await,
    }
}

async fn start_page(
    ctx: &Ctx,
    refused: Option<handover::Refused>,
    guidance_ended: bool,
) -> Result<Response, PageError> {
    let (lang, visitor) = (ctx.lang, &ctx.visitor);
    let shell = ctx.shell("/start");
    let acc = start_texts(lang);
    let roles = visitor
        .principal
        .iter()
        .flat_map(|p| p.roles.iter())
        .map(|r| {
            (
                role_label(lang, *r),
                role_text(shell.c, start_texts(lang), *r),
            )
        })
        .collect();
    let led = match &visitor.principal {
        Some(p) => ctx.store().read().await?.plans_led_by(&p.user_id).await?,
        None => Vec::new(),
    };
    let today = amsterdam_date(UtcTime::now());
    let grouped: Vec<(String, String, Vec<String>)> = led
        .iter()
        .map(|(id, label, plan)| {
            (
                id.to_string(),
                label.clone(),
                team_lead::overdue_in_words(lang, plan, today),
            )
        })
        .filter(|(_, _, what)| !what.is_empty())
        .collect();
    let overdue_more = (grouped.len() > START_CAP).then(|| {
        acc.more_overdue
            .replace("{n}", &(grouped.len() - START_CAP).to_string())
    });
    let overdue: Vec<_> = grouped.into_iter().take(START_CAP).collect();
    let mut first = Vec::new();
    if let Some(p) = &visitor.principal {
        if p.roles.contains(&Role::Professional) {
            first.extend(
                first_due(ctx, p, None, (acc.my_families, "/gezinnen?sortering=datum")).await?,
            );
        }
        if p.roles.contains(&Role::TeamLead) && p.team_id.is_some() {
            first.extend(
                first_due(
                    ctx,
                    p,
                    Some(eenplan_store::MyRole::LeadsTeam),
                    (acc.team_families, "/gezinnen?rol=team&sortering=datum"),
                )
                .await?,
            );
        }
    }
    let work = match &visitor.principal {
        Some(p) => work_lists(ctx, p, &led).await?,
        None => WorkLists::default(),
    };
    let orphans = match &visitor.principal {
        Some(p) => {
            let files = leaderless(ctx, p).await?;
            let colleagues = if files.is_empty() {
                Vec::new()
            } else {
                let mut tx = ctx.store().read().await?;
                tx.handover_candidates(&p.organisation_id).await?
            };
            files
                .iter()
                .map(|f| {
                    handover::form(
                        lang,
                        f,
                        format!("/start/zonder-regisseur/{}", f.family_id),
                        acc.take_over,
                        &colleagues,
                        refused.as_ref(),
                    )
                })
                .collect()
        }
        None => Vec::new(),
    };
    let w = crate::kit::vt_handover::vt_handover_texts(lang);
    let (handovers, handovers_total) = match &visitor.principal {
        Some(p) => {
            let cap = i64::try_from(START_CAP).unwrap_or(10);
            let mut tx = ctx.store().read().await?;
            tx.vt_handovers_for_regisseur(&p.user_id, cap).await?
        }
        None => (Vec::new(), 0),
    };
    let handovers_more =
        (usize::try_from(handovers_total).unwrap_or(0) > handovers.len()).then(|| {
            crate::kit::texts::fill(
                w.start_more,
                &[(
                    "n",
                    &(usize::try_from(handovers_total).unwrap_or(0) - handovers.len()).to_string(),
                )],
            )
        });
    let handovers = handovers
        .iter()
        .map(|h| crate::kit::vt_handover::HandoverItem::new(lang, h, true, "start"))
        .collect();
    let (team_lead, behavioural, privacy, raad, policy) = match &visitor.principal {
        Some(p) => (
            team_lead::blocks(ctx, p).await?,
            behavioural::blocks(ctx, p).await?,
            privacy_officer::blocks(ctx, p).await?,
            raad::block(ctx, p).await?,
            policy_officer::block(ctx, p).await?,
        ),
        None => (None, None, None, None, None),
    };
    let summary = orphans.iter().fold(ErrorSummary::new(lang), |s, h| {
        let s = match h.to_error {
            Some(message) => s.item(&format!("to-{}", h.family_id), message),
            None => s,
        };
        match h.reason_error {
            Some(message) => s.item(&format!("reason-{}", h.family_id), message),
            None => s,
        }
    });
    Ok(render(
        form_status(refused.is_none()),
        &Start {
            shell,
            a: crate::kit::access_texts::texts(lang),
            roles,
            leads_families: !led.is_empty(),
            overdue,
            overdue_more,
            first_due: first,
            work,
            acc,
            orphans,
            summary,
            guidance_ended,
            handovers,
            handovers_more,
            w,
            show_family: true,
            team_lead,
            behavioural,
            privacy,
            raad,
            policy,
        },
    ))
}
