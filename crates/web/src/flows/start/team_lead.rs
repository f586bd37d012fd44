//! The team lead's blocks: the team's caseload per professional, what is overdue in the
//! plans the team leads, and this month's handovers. A team lead opens this page many
//! times a day to see where the team needs a hand; each block counts first and lists
//! the first few, and a file shows by name only when the access rule lets the lead open
//! it.

use eenplan_domain::UtcTime;
use eenplan_domain::family::{DataCategory, InvolvementRole, LifeDomain, Overdue, Plan};
use eenplan_domain::role::Role;
use eenplan_domain::start::this_month;
use eenplan_domain::time::amsterdam_date;
use eenplan_store::{Principal, StoreError, TeamScope};
use jiff::civil::Date;

use super::START_CAP;
use super::role_texts::{RoleTexts, role_texts};
use super::texts::start as start_texts;
use crate::auth::family::granted_among;
use crate::kit::Ctx;
use crate::kit::dates::{dutch_date, long_date};
use crate::kit::form::kind_label;
use crate::kit::texts::{Lang, fill};

/// One professional's row of the caseload table.
pub struct CaseloadRow {
    pub name: String,
    pub led: i64,
    pub partner: i64,
}

/// A file with what is overdue in its plan.
pub struct OverdueFile {
    pub id: String,
    pub label: String,
    pub regisseur: String,
    pub what: Vec<String>,
}

/// A handover line: the file (a link only when the lead may open it), whose work, from
/// whom to whom, when.
pub struct HandoverLine {
    pub href: Option<String>,
    pub label: String,
    pub what: String,
    pub when: String,
}

pub struct TeamLeadBlocks {
    pub r: &'static RoleTexts,
    pub caseload: Vec<CaseloadRow>,
    pub overdue: Vec<OverdueFile>,
    /// "3 files with …"; `None` when nothing is overdue.
    pub overdue_count: Option<String>,
    pub overdue_more: Option<String>,
    pub handovers_title: String,
    pub handovers_count: Option<String>,
    pub handovers_none: String,
    pub handovers: Vec<HandoverLine>,
    pub handovers_more: Option<String>,
}

/// What is overdue in `plan` on `today`, in words: the review and each open action with
/// its life domain, what, who and the date.
pub fn overdue_in_words(lang: Lang, plan: &Plan, today: Date) -> Vec<String> {
    let acc = start_texts(lang);
    plan.overdue(today)
        .into_iter()
        .map(|o| match o {
            Overdue::Review { due } => format!("{} {}", acc.overdue_review, dutch_date(lang, due)),
            Overdue::Action {
                domain,
                what,
                who,
                due,
            } => format!(
                "{} ({}): {what} — {who}, {}",
                acc.overdue_action,
                kind_label(lang, domain, LifeDomain::label_nl, LifeDomain::label_en),
                dutch_date(lang, due)
            ),
        })
        .collect()
}

/// How many overdue items of one file the team lead's list shows.
const ITEMS_PER_FILE: usize = 2;

/// "and 4 more" when a list of `total` was cut to [`START_CAP`].
pub fn more(r: &RoleTexts, total: usize) -> Option<String> {
    (total > START_CAP).then(|| fill(r.more, &[("n", &(total - START_CAP).to_string())]))
}

/// "december 2026": the month a date lies in, as a heading says it.
fn month_in_words(lang: Lang, d: Date) -> String {
    let long = long_date(lang, d.first_of_month());
    long.split_once(' ')
        .map_or(long.clone(), |(_, m)| m.to_owned())
}

/// The team lead's blocks, or `None` for anyone who leads no team.
pub async fn blocks(ctx: &Ctx, p: &Principal) -> Result<Option<TeamLeadBlocks>, StoreError> {
    if !p.roles.contains(&Role::TeamLead) {
        return Ok(None);
    }
    let (lang, r) = (ctx.lang, role_texts(ctx.lang));
    let now = UtcTime::now();
    let today = amsterdam_date(now);
    let scope = TeamScope {
        organisation_id: p.organisation_id.clone(),
        team_id: p.team_id.clone(),
    };
    let mut tx = ctx.store().read().await?;
    let caseload = tx
        .team_caseload(&scope)
        .await?
        .into_iter()
        .map(|c| CaseloadRow {
            name: c.name,
            led: c.led,
            partner: c.partner,
        })
        .collect();

    let plans = tx.plans_led_in_scope(&scope).await?;
    let ids: Vec<_> = plans.iter().map(|l| l.family_id.clone()).collect();
    let may_read_plan = granted_among(&mut tx, p, &ids, DataCategory::Plan).await?;
    let overdue: Vec<OverdueFile> = plans
        .into_iter()
        .filter(|l| may_read_plan.contains(&l.family_id))
        .filter_map(|l| {
            let mut what = overdue_in_words(lang, &l.plan, today);
            // A team lead scans many files: the first two items, then how many more
            // (the plan has them all).
            if what.len() > ITEMS_PER_FILE {
                let rest = what.len() - ITEMS_PER_FILE;
                what.truncate(ITEMS_PER_FILE);
                what.push(fill(r.more, &[("n", &rest.to_string())]));
            }
            (!what.is_empty()).then(|| OverdueFile {
                id: l.family_id.to_string(),
                label: l.label,
                regisseur: l.regisseur,
                what,
            })
        })
        .collect();
    let overdue_count = match overdue.len() {
        0 => None,
        1 => Some(r.team_overdue_one.to_owned()),
        n => Some(fill(r.team_overdue_count, &[("n", &n.to_string())])),
    };
    let overdue_more = more(r, overdue.len());

    let handovers = tx.handovers_in(&scope, this_month(today)).await?;
    let ids: Vec<_> = handovers.iter().map(|h| h.family_id.clone()).collect();
    let may_open = granted_among(&mut tx, p, &ids, DataCategory::Identity).await?;
    drop(tx);
    let month = month_in_words(lang, today);
    let handovers_count = match handovers.len() {
        0 => None,
        1 => Some(r.handovers_one.to_owned()),
        n => Some(fill(r.handovers_count, &[("n", &n.to_string())])),
    };
    let handovers_more = more(r, handovers.len());
    let handovers = handovers
        .into_iter()
        .take(START_CAP)
        .map(|h| {
            let open = may_open.contains(&h.family_id);
            let whose = match h.role {
                InvolvementRole::Regisseur => r.handover_lead,
                InvolvementRole::Partner => r.handover_partner,
            };
            HandoverLine {
                href: open.then(|| format!("/gezinnen/{}/betrokkenen", h.family_id)),
                label: if open {
                    h.label
                } else {
                    r.handover_closed.to_owned()
                },
                what: format!(
                    "{whose}, {}",
                    fill(
                        r.handover_from_to,
                        &[("from", &h.from_name), ("to", &h.to_name)]
                    )
                ),
                when: dutch_date(lang, amsterdam_date(h.at)),
            }
        })
        .collect();
    Ok(Some(TeamLeadBlocks {
        r,
        caseload,
        overdue: overdue.into_iter().take(START_CAP).collect(),
        overdue_count,
        overdue_more,
        handovers_title: fill(r.handovers_title, &[("month", &month)]),
        handovers_count,
        handovers_none: fill(r.handovers_none, &[("month", &month)]),
        handovers,
        handovers_more,
    }))
}
