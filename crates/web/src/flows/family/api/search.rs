//! Searching the files the caller is involved in.

use crate::kit::Ctx;
use axum::Json;

use crate::extract::Query;
use eenplan_domain::family::Postcode;
use eenplan_store::{FamilyQuery, StoreError};
use serde::Deserialize;

use crate::auth::family::{access_entry, visible_families};
use crate::flows::family::schemas::{FamilyList, FamilyListItem};
use crate::kit::ApiError;
use crate::kit::dates::today;

#[derive(Debug, Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    name: String,
    date_of_birth: Option<String>,
    postcode: Option<String>,
}

pub async fn search(ctx: Ctx, Query(q): Query<SearchParams>) -> Result<Json<FamilyList>, ApiError> {
    let p = ctx.caller()?;
    // The search term is copied into the access log: short, one line, no control codes.
    if let Err(p) =
        eenplan_domain::text::check_text(eenplan_domain::text::TextKind::Search, &q.name)
    {
        return Err(crate::input::problem("name", p).into());
    }
    let dob = crate::kit::fields::optional_date("date_of_birth", q.date_of_birth.as_deref())?;
    if let Some(d) = dob
        && let Err(e) =
            eenplan_domain::text::check_date(eenplan_domain::text::DateKind::Birth, d, today())
    {
        return Err(ApiError::invalid(&[(
            "date_of_birth",
            "range",
            &format!("De datum moet liggen tussen {} en {}.", e.first, e.last),
        )]));
    }
    let postcode = match q
        .postcode
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(Postcode::parse)
        .transpose()
    {
        Ok(pc) => pc,
        Err(_) => {
            return Err(ApiError::invalid(&[(
                "postcode",
                "postcode",
                "Gebruik vier cijfers en twee letters, zoals 3581 AB.",
            )]));
        }
    };
    let query = FamilyQuery {
        name: q.name.clone(),
        date_of_birth: dob,
        postcode,
    };
    let found = async {
        let visible = visible_families(&ctx.state, p, &query).await?;
        let data = format!(
            "api search name={:?} birth={:?} postcode={:?} results={}",
            q.name,
            q.date_of_birth,
            q.postcode,
            visible.len()
        );
        ctx.store()
            .log_access(access_entry(
                p,
                eenplan_domain::access_log::AccessEvent::Search,
                None,
                None,
                data,
                &ctx.client.0,
            ))
            .await?;
        Ok::<_, StoreError>(visible)
    };
    let list = found.await?;
    Ok(Json(FamilyList {
        families: list.iter().map(FamilyListItem::from).collect(),
    }))
}
