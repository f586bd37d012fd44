//! The work lists on the start page that other ways of working keep: a professional's
//! and a team's files by what is due first, the regisseur's missing consents and
//! SAVE-begeleiding reviews, the SAVE worker's day and guidances, Veilig Thuis's
//! waiting contacts, the EVU coordinator's new referrals, signals from outside the
//! circle, and a certified institution's court orders to take up.

use eenplan_domain::UtcTime;
use eenplan_domain::protection_order::Measure;
use eenplan_domain::role::Role;
use eenplan_domain::save_on_site::{ConsultationState, PartOfDay};
use eenplan_domain::time::amsterdam_date;

use super::START_CAP;
use super::texts::start as start_texts;
use crate::kit::Ctx;
use crate::kit::dates::dutch_date;
use crate::kit::form::{kind_label, label_of};
use crate::kit::pages::missing_consent_steps;

/// A start-page list of files by what is due first, capped, with the link to all of
/// them on the paged families list.
pub struct FirstDue {
    pub title: &'static str,
    /// (family id, file name, next due date in words)
    pub rows: Vec<(String, String, String)>,
    pub all_href: &'static str,
    pub all_text: String,
}

/// The visitor's files in `role` (or all their files), the first [`START_CAP`] by next
/// due date, decided by the same access rule as the families list.
pub async fn first_due(
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
pub struct WorkLists {
    /// Regisseur: (family id, file name, consent step and partner still to ask).
    pub consents: Vec<(String, String, String)>,
    /// Regisseur: SAVE-begeleiding reviews due in the families they lead.
    pub guidance_reviews: Vec<(String, String, String)>,
    /// SAVE worker: today's on-site consultations (id, team, time of day, who asked, state).
    pub on_site: Vec<(String, String, String, String, String)>,
    /// SAVE worker: (family id, file name, next review, review due).
    pub guidances: Vec<(String, String, String, bool)>,
    /// "and 3 more …" under the capped reviews and guidances lists.
    pub more_reviews: Option<String>,
    pub more_guidances: Option<String>,
    /// "and 3 more" under the duplicate signals, which show the newest few.
    pub more_signals: Option<String>,
    /// Veilig Thuis: (awaiting assessment, of which overdue).
    pub vt: Option<(usize, usize)>,
    /// EVU coordinator: (referral id, file name, referred on).
    pub evu: Option<Vec<(String, String, String)>>,
    /// Regisseur and their team lead: someone outside the circle has a signal about the
    /// same child or address (family id, file name, organisation, when).
    pub signals: Vec<(String, String, String, String)>,
    /// A certified institution's team lead: court orders naming it that nobody of it
    /// has taken up yet (file name, measure, decided on), and "and 3 more".
    pub intake: Vec<(String, String, String)>,
    pub more_intake: Option<String>,
}

pub async fn work_lists(
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
    // All led files' circles and consents in three queries, whatever the caseload; the
    // list is not capped (each missing step is work the regisseur has to do), so it is
    // as long as the caseload makes it.
    if !led.is_empty() {
        for circle in tx.circles_led_by(&p.user_id).await? {
            for step in missing_consent_steps(lang, circle.missing_consents(today)) {
                w.consents
                    .push((circle.family_id.to_string(), circle.label.clone(), step));
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
