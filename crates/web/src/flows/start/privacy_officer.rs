//! The privacy officer's blocks: emergency accesses still to review and the recent
//! refused attempts, both in the officer's own part of the log (the domain's
//! `privacy_officer_sees`), each linking to where it is reviewed on the privacy page.

use eenplan_domain::UtcTime;
use eenplan_domain::family::portal::copy_due;
use eenplan_domain::role::Role;
use eenplan_domain::start::{copy_due_soon, refused_since};
use eenplan_domain::time::amsterdam_date;
use eenplan_store::{AccessFilter, Principal, Seek, StoreError};

use super::START_CAP;
use super::role_texts::{RoleTexts, role_texts};
use super::team_lead::more;
use crate::kit::Ctx;
use crate::kit::access_texts::touched;
use crate::kit::dates::{long_date, when};
use crate::kit::texts::fill;

/// (href, who and when, what)
pub type Line = (String, String, String);

pub struct PrivacyBlocks {
    pub r: &'static RoleTexts,
    pub emergencies: Vec<Line>,
    pub emergencies_count: Option<String>,
    pub emergencies_more: Option<String>,
    pub refused: Vec<Line>,
    pub refused_count: Option<String>,
    pub refused_more: Option<String>,
    /// The access log filtered on the same refused attempts.
    pub refused_href: String,
    /// Copy requests still to hand over, nearest term first: (href, who, due in words,
    /// due soon or late).
    pub copies: Vec<(String, String, String, bool)>,
    pub copies_count: Option<String>,
    pub copies_more: Option<String>,
}

/// The privacy officer's blocks, or `None` for anyone without that role.
pub async fn blocks(ctx: &Ctx, p: &Principal) -> Result<Option<PrivacyBlocks>, StoreError> {
    if !p.roles.contains(&Role::PrivacyOfficer) {
        return Ok(None);
    }
    let (lang, r) = (ctx.lang, role_texts(ctx.lang));
    let cap = i64::try_from(START_CAP).unwrap_or(10);
    let since = refused_since(UtcTime::now());
    let filter = AccessFilter {
        from: Some(since),
        denied_only: true,
        scope_organisation: p.organisation_id.to_string(),
        ..AccessFilter::default()
    };
    let mut tx = ctx.store().read().await?;
    // The review list has the unreviewed ones first: its first page holds the ones to
    // review.
    let emergencies: Vec<_> = tx
        .emergencies_page(&p.organisation_id, &Seek::First, cap)
        .await?
        .into_iter()
        .map(|(e, _)| e)
        .filter(|e| e.reviewed_at.is_none())
        .collect();
    let (_, open) = tx.emergency_counts(&p.organisation_id).await?;
    let refused = tx.access_log_page(&filter, &Seek::First, cap).await?;
    let refused_total = tx.access_log_count(&filter).await?;
    let calendar = tx.statutory_calendar().await?;
    let mut copies: Vec<_> = tx
        .copy_requests_for(p.organisation_id.as_str())
        .await?
        .into_iter()
        .filter(|c| c.handed_over_on.is_none())
        .map(|c| {
            (
                copy_due(&calendar, c.received_on, c.extended_on.is_some()),
                c,
            )
        })
        .collect();
    drop(tx);
    copies.sort_by_key(|a| a.0);
    let today = amsterdam_date(UtcTime::now());
    let count = |n: usize, text: &str| (n > 0).then(|| fill(text, &[("n", &n.to_string())]));
    Ok(Some(PrivacyBlocks {
        r,
        emergencies: emergencies
            .into_iter()
            .map(|e| {
                (
                    format!("/privacy#note-{}", e.id),
                    format!(
                        "{}, {} {} ({})",
                        when(lang, &e.started_at),
                        r.emergency_by,
                        e.user_name,
                        e.organisation_name
                    ),
                    e.reason,
                )
            })
            .collect(),
        emergencies_count: count(open, r.emergencies_count),
        emergencies_more: more(r, open),
        refused: refused
            .into_iter()
            .map(|(l, _)| {
                (
                    format!(
                        "/privacy?gebruiker={}&geweigerd=ja",
                        url_encode(&l.user_email)
                    ),
                    format!(
                        "{}, {} ({})",
                        when(lang, &l.at),
                        l.user_name,
                        l.organisation_name
                    ),
                    touched(lang, &l.data),
                )
            })
            .collect(),
        refused_count: count(refused_total, r.refused_count),
        refused_more: more(r, refused_total),
        refused_href: format!("/privacy?geweigerd=ja&vanaf={}", amsterdam_date(since)),
        copies_count: count(copies.len(), r.copies_count),
        copies_more: more(r, copies.len()),
        copies: copies
            .into_iter()
            .take(START_CAP)
            .map(|(due, c)| {
                (
                    format!("/privacy/kopieverzoeken/{}", c.id),
                    format!("{} ({})", c.family_label, c.member_name),
                    format!("{} {}", r.copies_due, long_date(lang, due)),
                    copy_due_soon(due, today),
                )
            })
            .collect(),
    }))
}

/// An e-mail address as a query value.
fn url_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
