//! The policy officer's block: the headline figures of the evaluation for the areas of
//! their municipality or region, next to all other areas together, over the last
//! twelve months. Aggregates only, with the evaluation's small-cell rules; on a demo
//! database it says the figures are synthetic.

use eenplan_domain::UtcTime;
use eenplan_domain::evaluation::report::{AreaFilter, Evaluation, EvaluationQuery, Metric};
use eenplan_domain::evaluation::scope::evaluation_scope;
use eenplan_domain::evaluation::suppression::{Shown, Threshold};
use eenplan_domain::role::Role;
use eenplan_domain::start::headline_period;
use eenplan_domain::time::amsterdam_date;
use eenplan_store::{Principal, StoreError};

use super::role_texts::{RoleTexts, role_texts};
use crate::kit::Ctx;
use crate::kit::dates::dutch_date;
use crate::kit::form::kind_label;
use crate::kit::texts::fill;

/// The figures a policy officer reads first: the lead times from the first signal, the
/// handovers of the lead and the organisations a family meets.
const HEADLINES: [Metric; 5] = [
    Metric::LeadJointJudgement,
    Metric::LeadAgreedPlan,
    Metric::LeadHelpStarted,
    Metric::HandoversLead,
    Metric::FacesOrganisations,
];

pub struct PolicyBlock {
    pub r: &'static RoleTexts,
    /// "1 jan 2026 tot en met 7 dec 2026"
    pub period: String,
    pub synthetic: bool,
    /// (what, own areas, the other areas together)
    pub rows: Vec<(String, String, String)>,
    /// The policy officer's organisation works in no area: nothing to show.
    pub no_areas: bool,
}

/// One figure in words: the value with its unit, "<5" when hidden, "–" when none.
fn figure(r: &RoleTexts, e: &Evaluation, metric: Metric) -> String {
    let hidden = format!("<{}", u32::from(e.threshold));
    let shown = |s: Option<Shown<i64>>, unit: &str| match s {
        Some(Shown::Value(v)) => fill(unit, &[("n", &v.to_string())]),
        Some(Shown::Suppressed) => hidden.clone(),
        None => r.policy_none.to_owned(),
    };
    let Some(m) = e.metrics.iter().find(|m| m.metric == metric) else {
        return r.policy_none.to_owned();
    };
    match metric {
        Metric::HandoversLead => shown(m.per_100_files, r.policy_per_100),
        Metric::FacesOrganisations => shown(m.median, r.policy_median_count),
        _ => shown(m.median, r.policy_median_days),
    }
}

/// The policy officer's block, or `None` for anyone the evaluation gives no areas (a
/// policy officer outside a municipality sees nothing by that role, as on the
/// evaluation itself).
pub async fn block(ctx: &Ctx, p: &Principal) -> Result<Option<PolicyBlock>, StoreError> {
    if !p.roles.contains(&Role::PolicyOfficer) {
        return Ok(None);
    }
    let (lang, r) = (ctx.lang, role_texts(ctx.lang));
    let areas = ctx
        .store()
        .read()
        .await?
        .organisation_area_ids(&p.organisation_id)
        .await?;
    let scope = evaluation_scope(
        &[Role::PolicyOfficer],
        p.organisation_id.as_str(),
        p.organisation_kind,
        &areas,
    );
    let Some(areas) = scope
        .as_ref()
        .and_then(|s| s.areas())
        .map(<[String]>::to_vec)
    else {
        return Ok(Some(PolicyBlock {
            r,
            period: String::new(),
            synthetic: false,
            rows: Vec::new(),
            no_areas: true,
        }));
    };
    let (from, to) = headline_period(amsterdam_date(UtcTime::now()));
    let query = |filter: AreaFilter| EvaluationQuery {
        from,
        to,
        areas: filter,
        organisation: None,
        threshold: Threshold::default(),
    };
    let own = ctx
        .store()
        .evaluation(&query(AreaFilter::Within(areas.clone())), &[])
        .await?;
    let others = ctx
        .store()
        .evaluation(&query(AreaFilter::Outside(areas)), &[])
        .await?;
    let synthetic = ctx.store().purpose().await?.as_deref() == Some(eenplan_store::DEMO_PURPOSE);
    let files = |e: &Evaluation| match e.files {
        Shown::Value(n) => n.to_string(),
        Shown::Suppressed => format!("<{}", u32::from(e.threshold)),
    };
    let mut rows = vec![(r.policy_files.to_owned(), files(&own), files(&others))];
    rows.extend(HEADLINES.iter().map(|m| {
        (
            kind_label(lang, *m, Metric::label_nl, Metric::label_en).to_owned(),
            figure(r, &own, *m),
            figure(r, &others, *m),
        )
    }));
    Ok(Some(PolicyBlock {
        r,
        period: fill(
            r.policy_period,
            &[
                ("from", &dutch_date(lang, own.from)),
                ("to", &dutch_date(lang, own.to)),
            ],
        ),
        synthetic,
        rows,
        no_areas: false,
    }))
}
