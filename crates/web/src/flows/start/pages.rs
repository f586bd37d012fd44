//! The start page: one section per role the person holds, each with its work list (the
//! lead's overdue plans and missing consents, the SAVE worker's day, Veilig Thuis's
//! waiting contacts, the EVU coordinator's new referrals, signals from outside the
//! circle), and the team lead's files without a regisseur with a hand-over form each.

use askama::Template;
use axum::response::{IntoResponse, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::family::{LifeDomain, Overdue};
use eenplan_domain::role::Role;
use eenplan_domain::save_on_site::{ConsultationState, PartOfDay};
use eenplan_domain::time::amsterdam_date;

use super::texts::{StartTexts, start as start_texts};
use crate::kit::dates::dutch_date;
use crate::kit::form::{FormData, kind_label, label_of};
use crate::kit::form_status;
use crate::kit::handover::{self, HandoverForm};
use crate::kit::pages::missing_consent_steps;
use crate::kit::render::role_label;
use crate::kit::{Ctx, PageError, Shell, render};

#[derive(Template)]
#[template(path = "start/start.html")]
struct Start {
    shell: Shell,
    a: &'static crate::kit::access_texts::AccessTexts,
    roles: Vec<(&'static str, &'static str)>,
    leads_families: bool,
    /// (family id, file name, what is overdue)
    overdue: Vec<(String, String, String)>,
    work: WorkLists,
    acc: &'static StartTexts,
    /// Team lead: files whose regisseur is no longer active, each with its own form.
    orphans: Vec<HandoverForm>,
    /// Back from ending a SAVE-begeleiding whose file closed for the one who ended it.
    guidance_ended: bool,
}

/// The work lists of the chain's roles; a list shows only to whom it concerns.
#[derive(Default)]
struct WorkLists {
    /// Regisseur: (family id, file name, consent step and partner still to ask).
    consents: Vec<(String, String, String)>,
    /// Regisseur: SAVE-begeleiding reviews due in the families they lead.
    guidance_reviews: Vec<(String, String, String)>,
    /// SAVE worker: today's on-site consultations (id, team, time of day, who asked, state).
    on_site: Vec<(String, String, String, String, String)>,
    /// SAVE worker: (family id, file name, next review, review due).
    guidances: Vec<(String, String, String, bool)>,
    /// Veilig Thuis: (awaiting assessment, of which overdue).
    vt: Option<(usize, usize)>,
    /// EVU coordinator: (referral id, file name, referred on).
    evu: Option<Vec<(String, String, String)>>,
    /// Regisseur and their team lead: someone outside the circle has a signal about the
    /// same child or address (family id, file name, organisation, when).
    signals: Vec<(String, String, String, String)>,
}

async fn work_lists(
    ctx: &Ctx,
    p: &eenplan_store::Principal,
    led: &[(
        eenplan_domain::FamilyId,
        String,
        eenplan_domain::family::Plan,
    )],
) -> Result<WorkLists, eenplan_store::StoreError> {
    let (lang, client) = (ctx.lang, ctx.client.0.as_str());
    let today = amsterdam_date(UtcTime::now());
    let mut tx = ctx.store().read().await?;
    let mut w = WorkLists::default();
    // One file at a time: a regisseur leads tens of families, not thousands.
    for (id, label, _) in led {
        if let Some(family) = tx.family(id).await? {
            let consents = tx.consents(id).await?;
            for step in missing_consent_steps(lang, &family, &consents, today) {
                w.consents.push((id.to_string(), label.clone(), step));
            }
        }
    }
    for g in tx.save_reviews_due_for_regisseur(&p.user_id, today).await? {
        w.guidance_reviews.push((
            g.family_id,
            g.family_label,
            format!(
                "{} ({}): {}",
                g.worker_name, g.organisation_name, g.next_review_on
            ),
        ));
    }
    for c in tx.on_site_day(&p.user_id, today).await? {
        w.on_site.push((
            c.id,
            c.team_name,
            label_of(lang, c.part, PartOfDay::label_nl, PartOfDay::label_en),
            c.asked_by_name,
            label_of(
                lang,
                c.state,
                ConsultationState::label_nl,
                ConsultationState::label_en,
            ),
        ));
    }
    for g in tx.save_guidances_of_worker(&p.user_id).await? {
        let due = g.review_due(today);
        w.guidances.push((
            g.family_id,
            g.family_label,
            g.next_review_on.to_string(),
            due,
        ));
    }
    let led_team = p
        .roles
        .contains(&Role::TeamLead)
        .then_some(p.team_id.as_deref())
        .flatten();
    let since = UtcTime::from_timestamp(
        UtcTime::now().timestamp() - eenplan_domain::family::SIGNAL_SHOWN_FOR,
    );
    for s in tx.duplicate_signals(&p.user_id, led_team, since).await? {
        w.signals.push((
            s.family_id,
            s.family_label,
            s.organisation_name,
            crate::kit::access_texts::moment(lang, s.at),
        ));
    }
    if p.organisation_kind == eenplan_domain::organisation::OrganisationKind::VeiligThuis {
        let list = tx.vt_work_list(&p.organisation_id, today).await?;
        let awaiting: Vec<_> = list
            .iter()
            .filter(|c| c.state == eenplan_domain::veilig_thuis::IntakeState::AwaitingAssessment)
            .collect();
        w.vt = Some((
            awaiting.len(),
            awaiting.iter().filter(|c| c.overdue(today)).count(),
        ));
    }
    if p.roles.contains(&Role::EvuCoordinator) {
        let new: Vec<_> = tx
            .evu_work_list()
            .await?
            .into_iter()
            .filter(|r| eenplan_domain::evu::may_staff(r.state).is_ok())
            .collect();
        drop(tx);
        crate::auth::evu::log_evu_reads(&ctx.state, p, &new, "GET /start", client).await?;
        w.evu = Some(
            new.into_iter()
                .map(|r| (r.id, r.family_label, r.referred_on.to_string()))
                .collect(),
        );
    }
    Ok(w)
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
    let domain = |d: LifeDomain| kind_label(lang, d, LifeDomain::label_nl, LifeDomain::label_en);
    let overdue = led
        .iter()
        .flat_map(|(id, label, plan)| {
            plan.overdue(today).into_iter().map(move |o| {
                let what = match o {
                    Overdue::Review { due } => {
                        format!("{} {}", acc.overdue_review, dutch_date(lang, due))
                    }
                    Overdue::Action {
                        domain: d,
                        what,
                        who,
                        due,
                    } => format!(
                        "{} ({}): {what} — {who}, {}",
                        acc.overdue_action,
                        domain(d),
                        dutch_date(lang, due)
                    ),
                };
                (id.to_string(), label.clone(), what)
            })
        })
        .collect();
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
    Ok(render(
        form_status(refused.is_none()),
        &Start {
            shell,
            a: crate::kit::access_texts::texts(lang),
            roles,
            leads_families: !led.is_empty(),
            overdue,
            work,
            acc,
            orphans,
            guidance_ended,
        },
    ))
}
