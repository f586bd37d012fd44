//! Searching the files the caller is involved in.

use crate::kit::Ctx;
use crate::kit::paging::{TOTAL_COUNT, api_paging, with_links};
use axum::Json;
use axum::extract::RawQuery;
use axum::response::Response;
use eenplan_domain::family::{Framework, InvolvementRole};
use eenplan_store::{FamilyFilter, FamilySort, FileState, MyRole};

use crate::extract::Query;
use eenplan_domain::family::Postcode;
use eenplan_store::{FamilyQuery, StoreError};
use serde::Deserialize;

use crate::auth::family::{access_entry, visible_family_page};
use crate::flows::family::schemas::{FamilyList, FamilyListItem};
use crate::kit::ApiError;
use crate::kit::dates::today;

#[derive(Debug, Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    name: String,
    /// Query keys are lower camelCase (NL API Design Rules); the older spelling is
    /// still read.
    #[serde(rename = "dateOfBirth", alias = "date_of_birth")]
    date_of_birth: Option<String>,
    postcode: Option<String>,
    framework: Option<String>,
    area: Option<String>,
    role: Option<String>,
    state: Option<String>,
    sort: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

/// The list's sort as the API names it, and the tag its cursors carry.
fn api_sort(sort: Option<&str>) -> Result<(FamilySort, &'static str), ApiError> {
    match sort.unwrap_or("name") {
        "name" => Ok((FamilySort::Name, "name")),
        "next_due" => Ok((FamilySort::NextDue, "due")),
        _ => Err(ApiError::invalid(&[(
            "sort",
            "invalid",
            super::FamilyApiTexts::both(|t| t.sort),
        )])),
    }
}

/// The caller's place in the file as the API names it.
fn api_role(role: Option<&str>) -> Result<Option<MyRole>, ApiError> {
    match role.filter(|r| !r.is_empty()) {
        None => Ok(None),
        Some("team_lead") => Ok(Some(MyRole::LeadsTeam)),
        Some(r) => r
            .parse::<InvolvementRole>()
            .map(|r| Some(MyRole::Involved(r)))
            .map_err(|_| {
                ApiError::invalid(&[("role", "invalid", super::FamilyApiTexts::both(|t| t.role))])
            }),
    }
}

/// Which files by whether they are closed; active ones unless asked.
fn api_state(state: Option<&str>) -> Result<FileState, ApiError> {
    match state.unwrap_or("active") {
        "" | "active" => Ok(FileState::Active),
        "closed" => Ok(FileState::Closed),
        "all" => Ok(FileState::All),
        _ => Err(ApiError::invalid(&[(
            "state",
            "invalid",
            super::FamilyApiTexts::both(|t| t.state),
        )])),
    }
}

pub async fn search(
    ctx: Ctx,
    RawQuery(raw): RawQuery,
    Query(q): Query<SearchParams>,
) -> Result<Response, ApiError> {
    let p = ctx.caller()?;
    let sort = api_sort(q.sort.as_deref())?;
    let (limit, seek) = api_paging(q.limit.as_deref(), q.cursor.as_deref(), sort.1)?;
    let framework = match q.framework.as_deref().filter(|f| !f.is_empty()) {
        None => None,
        Some(f) => Some(f.parse::<Framework>().map_err(|_| {
            ApiError::invalid(&[(
                "framework",
                "invalid",
                super::FamilyApiTexts::both(|t| t.framework),
            )])
        })?),
    };
    let role = api_role(q.role.as_deref())?;
    let state = api_state(q.state.as_deref())?;
    // The search term is copied into the access log: short, one line, no control codes.
    if let Err(p) =
        eenplan_domain::text::check_text(eenplan_domain::text::TextKind::Search, &q.name)
    {
        return Err(crate::input::problem("name", p).into());
    }
    let dob = crate::kit::fields::optional_date("dateOfBirth", q.date_of_birth.as_deref())?;
    if let Some(d) = dob
        && let Err(e) =
            eenplan_domain::text::check_date(eenplan_domain::text::DateKind::Birth, d, today())
    {
        let (first, last) = (e.first.to_string(), e.last.to_string());
        let (nl, en) = super::said(|t| t.date_between, &[("first", &first), ("last", &last)]);
        return Err(ApiError::invalid(&[("dateOfBirth", "range", (&nl, &en))]));
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
                super::FamilyApiTexts::both(|t| t.postcode),
            )]));
        }
    };
    let filter = FamilyFilter {
        query: FamilyQuery {
            name: q.name.clone(),
            date_of_birth: dob,
            postcode,
        },
        framework,
        area_id: q.area.clone().filter(|a| !a.is_empty()),
        role,
        state,
    };
    let found = async {
        let (page, total) = visible_family_page(&ctx.state, p, &filter, sort, &seek, limit).await?;
        let data = format!(
            "api search name={:?} birth={:?} postcode={:?} results={}",
            q.name,
            q.date_of_birth,
            q.postcode,
            page.items.len()
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
        Ok::<_, StoreError>((page, total))
    };
    let (page, total) = found.await?;
    let today = today();
    let body = Json(FamilyList {
        families: page
            .items
            .iter()
            .map(|f| FamilyListItem::new(f, today))
            .collect(),
    });
    let mut response = with_links(body, &page, "/api/v1/families", raw.as_deref());
    response.headers_mut().insert(TOTAL_COUNT, total.into());
    Ok(response)
}
