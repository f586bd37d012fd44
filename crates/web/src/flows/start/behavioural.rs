//! The behavioural scientist's blocks: the joint assessment meetings ahead and the
//! plans whose review is due, in the files they work in or their team leads. The store
//! lists candidates; the access rule decides each file, so a team file the scientist
//! may not open never shows.

use eenplan_domain::UtcTime;
use eenplan_domain::family::DataCategory;
use eenplan_domain::joint_assessment::MeetingKind;
use eenplan_domain::role::Role;
use eenplan_domain::start::{REVIEW_DUE_AHEAD_DAYS, review_due};
use eenplan_domain::time::amsterdam_date;
use eenplan_store::{Principal, StoreError};
use jiff::ToSpan;

use super::START_CAP;
use super::role_texts::{RoleTexts, role_texts};
use super::team_lead::more;
use crate::auth::family::granted_among;
use crate::kit::Ctx;
use crate::kit::dates::dutch_date;
use crate::kit::form::kind_label;
use crate::kit::texts::fill;

/// (href, file name, what and when)
pub type Line = (String, String, String);

pub struct BehaviouralBlocks {
    pub r: &'static RoleTexts,
    pub meetings: Vec<Line>,
    pub meetings_count: Option<String>,
    pub meetings_more: Option<String>,
    /// (href, file name, review date, overdue)
    pub reviews: Vec<(String, String, String, bool)>,
    pub reviews_count: Option<String>,
    pub reviews_more: Option<String>,
}

/// The behavioural scientist's blocks, or `None` for anyone without that role.
pub async fn blocks(ctx: &Ctx, p: &Principal) -> Result<Option<BehaviouralBlocks>, StoreError> {
    if !p.roles.contains(&Role::BehaviouralScientist) {
        return Ok(None);
    }
    let (lang, r) = (ctx.lang, role_texts(ctx.lang));
    let today = amsterdam_date(UtcTime::now());
    let team = p.team_id.as_deref();
    let mut tx = ctx.store().read().await?;
    let meetings = tx.meetings_ahead(&p.user_id, team, today).await?;
    let ids: Vec<_> = meetings.iter().map(|m| m.family_id.clone()).collect();
    let may_open = granted_among(&mut tx, p, &ids, DataCategory::Plan).await?;
    let meetings: Vec<Line> = meetings
        .into_iter()
        .filter(|m| may_open.contains(&m.family_id))
        .map(|m| {
            (
                format!("/gezinnen/{}/beoordeling/{}", m.family_id, m.id),
                m.label,
                format!(
                    "{}, {} {:02}:{:02}",
                    kind_label(lang, m.kind, MeetingKind::label_nl, MeetingKind::label_en),
                    dutch_date(lang, m.meets_at.date()),
                    m.meets_at.hour(),
                    m.meets_at.minute()
                ),
            )
        })
        .collect();
    let due_by = today.saturating_add(REVIEW_DUE_AHEAD_DAYS.days());
    let plans = tx.plans_with_review_by(&p.user_id, team, due_by).await?;
    let ids: Vec<_> = plans.iter().map(|l| l.family_id.clone()).collect();
    let may_read = granted_among(&mut tx, p, &ids, DataCategory::Plan).await?;
    drop(tx);
    let reviews: Vec<_> = plans
        .into_iter()
        .filter(|l| may_read.contains(&l.family_id) && review_due(l.plan.review_date, today))
        .filter_map(|l| {
            let on = l.plan.review_date?;
            Some((
                format!("/gezinnen/{}/plan", l.family_id),
                l.label,
                dutch_date(lang, on),
                on < today,
            ))
        })
        .collect();
    let count = |n: usize, text: &str| (n > 0).then(|| fill(text, &[("n", &n.to_string())]));
    Ok(Some(BehaviouralBlocks {
        r,
        meetings_count: count(meetings.len(), r.meetings_count),
        meetings_more: more(r, meetings.len()),
        meetings: meetings.into_iter().take(START_CAP).collect(),
        reviews_count: match reviews.len() {
            1 => Some(r.reviews_one.to_owned()),
            n => count(n, r.reviews_count),
        },
        reviews_more: more(r, reviews.len()),
        reviews: reviews.into_iter().take(START_CAP).collect(),
    }))
}
