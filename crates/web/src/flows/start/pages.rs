//! The start page: one section per role the person holds, each with its work list (the
//! lead's overdue plans and missing consents, the SAVE worker's day, Veilig Thuis's
//! waiting contacts, the EVU coordinator's new referrals, signals from outside the
//! circle), and the team lead's files without a regisseur with a hand-over form each.

use askama::Template;
use axum::response::{IntoResponse, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::family::{LifeDomain, Overdue};
use eenplan_domain::protection_order::Measure;
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
}

/// How many families a start-page list shows; the rest is a link to the paged list.
const START_CAP: usize = 10;

/// A start-page list of files by what is due first, capped, with the link to all of
/// them on the paged families list.
struct FirstDue {
    title: &'static str,
    /// (family id, file name, next due date in words)
    rows: Vec<(String, String, String)>,
    all_href: &'static str,
    all_text: String,
}

/// The visitor's files in `role` (or all their files), the first [`START_CAP`] by next
/// due date, decided by the same access rule as the families list.
async fn first_due(
    ctx: &Ctx,
    p: &eenplan_store::Principal,
    role: Option<eenplan_store::MyRole>,
    (title, all_href): (&'static str, &'static str),
) -> Result<Option<FirstDue>, eenplan_store::StoreError> {
    let (lang, acc) = (ctx.lang, start_texts(ctx.lang));
    let filter = eenplan_store::FamilyFilter {
        role,
        ..eenplan_store::FamilyFilter::default()
    };
    let (page, total) = crate::auth::family::visible_family_page(
        &ctx.state,
        p,
        &filter,
        (eenplan_store::FamilySort::NextDue, "due"),
        &eenplan_store::Seek::First,
        i64::try_from(START_CAP).unwrap_or(10),
    )
    .await?;
    if total == 0 {
        return Ok(None);
    }
    let rows = page
        .items
        .iter()
        .map(|f| {
            (
                f.id.to_string(),
                f.label.clone(),
                f.next_due_on
                    .map_or_else(|| acc.nothing_due.to_owned(), |d| dutch_date(lang, d)),
            )
        })
        .collect();
    let all_text = if total == 1 {
        acc.all_one_family.to_owned()
    } else {
        acc.all_families.replace("{n}", &total.to_string())
    };
    Ok(Some(FirstDue {
        title,
        rows,
        all_href,
        all_text,
    }))
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
    /// "and 3 more …" under the capped reviews and guidances lists.
    more_reviews: Option<String>,
    more_guidances: Option<String>,
    /// "and 3 more" under the duplicate signals, which show the newest few.
    more_signals: Option<String>,
    /// Veilig Thuis: (awaiting assessment, of which overdue).
    vt: Option<(usize, usize)>,
    /// EVU coordinator: (referral id, file name, referred on).
    evu: Option<Vec<(String, String, String)>>,
    /// Regisseur and their team lead: someone outside the circle has a signal about the
    /// same child or address (family id, file name, organisation, when).
    signals: Vec<(String, String, String, String)>,
    /// A certified institution's team lead: court orders naming it that nobody of it
    /// has taken up yet (file name, measure, decided on), and "and 3 more".
    intake: Vec<(String, String, String)>,
    more_intake: Option<String>,
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
                g.worker_name,
                g.organisation_name,
                dutch_date(lang, g.next_review_on)
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
            dutch_date(lang, g.next_review_on),
            due,
        ));
    }
    let acc = start_texts(lang);
    let more = |n: usize| {
        (n > START_CAP).then(|| {
            acc.more_families
                .replace("{n}", &(n - START_CAP).to_string())
        })
    };
    w.more_reviews = more(w.guidance_reviews.len());
    w.more_guidances = more(w.guidances.len());
    w.guidance_reviews.truncate(START_CAP);
    w.guidances.truncate(START_CAP);
    let led_team = p
        .roles
        .contains(&Role::TeamLead)
        .then_some(p.team_id.as_deref())
        .flatten();
    let since = UtcTime::from_timestamp(
        UtcTime::now().timestamp() - eenplan_domain::family::SIGNAL_SHOWN_FOR,
    );
    let (signals, all_signals) = tx
        .duplicate_signals(
            &p.user_id,
            led_team,
            since,
            i64::try_from(START_CAP).unwrap_or(10),
        )
        .await?;
    w.more_signals = more(all_signals);
    for s in signals {
        w.signals.push((
            s.family_id,
            s.family_label,
            s.organisation_name,
            crate::kit::access_texts::moment(lang, s.at),
        ));
    }
    if p.organisation_kind == eenplan_domain::organisation::OrganisationKind::VeiligThuis {
        let (_, awaiting, overdue) = tx.vt_work_counts(&p.organisation_id, today).await?;
        w.vt = Some((awaiting, overdue));
    }
    if p.roles.contains(&Role::EvuCoordinator) {
        // New referrals come first on the list: its first page holds the ones to staff.
        let new: Vec<_> = tx
            .evu_work_page(
                &eenplan_store::Seek::First,
                i64::try_from(START_CAP).unwrap_or(10),
            )
            .await?
            .into_iter()
            .map(|(r, _)| r)
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
    if p.roles.contains(&Role::TeamLead)
        && p.organisation_kind
            == eenplan_domain::organisation::OrganisationKind::CertifiedInstitution
    {
        intake(ctx, p, &mut w, today).await?;
    }
    Ok(w)
}

/// The institution's intake list: the court's decision naming the institution is the
/// basis on which its team lead reads the file's name (logged per file, NEN 7513).
async fn intake(
    ctx: &Ctx,
    p: &eenplan_store::Principal,
    w: &mut WorkLists,
    today: jiff::civil::Date,
) -> Result<(), eenplan_store::StoreError> {
    let lang = ctx.lang;
    let mut tx = ctx.store().read().await?;
    let (files, total) = tx
        .court_order_intake(
            &p.organisation_id,
            today,
            i64::try_from(START_CAP).unwrap_or(10),
        )
        .await?;
    drop(tx);
    let reads = files.iter().map(|f| {
        (
            &f.family_id,
            format!("GET /start (uitspraak {})", f.request_id),
        )
    });
    crate::auth::evu::log_addressed_reads(
        &ctx.state,
        p,
        eenplan_domain::access_log::AccessBasis::LegalBasis,
        reads,
        ctx.client.0.as_str(),
    )
    .await?;
    let total = usize::try_from(total).unwrap_or(0);
    w.more_intake = (total > START_CAP).then(|| {
        start_texts(lang)
            .more_families
            .replace("{n}", &(total - START_CAP).to_string())
    });
    w.intake = files
        .into_iter()
        .map(|f| {
            (
                f.family_label,
                kind_label(lang, f.measure, Measure::label_nl, Measure::label_en).to_owned(),
                dutch_date(lang, f.decided_on),
            )
        })
        .collect();
    Ok(())
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
    let grouped: Vec<(String, String, Vec<String>)> = led
        .iter()
        .map(|(id, label, plan)| {
            let what = plan
                .overdue(today)
                .into_iter()
                .map(|o| match o {
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
                })
                .collect::<Vec<_>>();
            (id.to_string(), label.clone(), what)
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
        },
    ))
}
