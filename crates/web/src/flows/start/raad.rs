//! The Raad's block: the requests for investigation addressed to the Raad that nobody
//! has taken up yet, the longest waiting first, with the day each was made.

use eenplan_domain::organisation::OrganisationKind;
use eenplan_store::{Principal, StoreError};

use super::START_CAP;
use super::role_texts::{RoleTexts, role_texts};
use super::team_lead::more;
use crate::kit::Ctx;
use crate::kit::dates::dutch_date;
use crate::kit::texts::fill;

pub struct RaadBlock {
    pub r: &'static RoleTexts,
    /// (href, file name, requested on and by)
    pub requests: Vec<(String, String, String)>,
    pub count: Option<String>,
    pub more: Option<String>,
}

/// The Raad's block, or `None` for anyone outside a Raad voor de Kinderbescherming (the
/// Raad's routes are its organisation's, whatever the role).
pub async fn block(ctx: &Ctx, p: &Principal) -> Result<Option<RaadBlock>, StoreError> {
    if p.organisation_kind != OrganisationKind::Rvdk {
        return Ok(None);
    }
    let (lang, r) = (ctx.lang, role_texts(ctx.lang));
    let cap = i64::try_from(START_CAP).unwrap_or(10);
    let (requests, total) = ctx
        .store()
        .read()
        .await?
        .raad_requests_to_take_up(&p.organisation_id, cap)
        .await?;
    let total = usize::try_from(total).unwrap_or(0);
    Ok(Some(RaadBlock {
        r,
        requests: requests
            .into_iter()
            .map(|q| {
                (
                    format!("/raad/{}", q.id),
                    q.family_label,
                    fill(
                        r.raad_requested,
                        &[
                            ("date", &dutch_date(lang, q.requested_on)),
                            ("organisation", &q.requesting_organisation_name),
                        ],
                    ),
                )
            })
            .collect(),
        count: match total {
            0 => None,
            1 => Some(r.raad_one.to_owned()),
            n => Some(fill(r.raad_count, &[("n", &n.to_string())])),
        },
        more: more(r, total),
    }))
}
