//! `GET /api/v1/crisis-contact`: whom to call, for anyone, without signing in. Every
//! parameter is checked; a missing or invalid one is named in a 400, never guessed.

use axum::Json;
use axum::extract::RawQuery;
use eenplan_domain::UtcTime;
use eenplan_domain::calendar::Calendar;
use eenplan_domain::crisis::{CrisisClient, Province, crisis_contact};

use super::schemas::CrisisContact;
use crate::kit::{ApiError, Refusal};

/// What is wrong with the query: the parameter, a code and what to do.
type Wrong = (String, &'static str, &'static str);

/// The query's parameters; a name given twice is ambiguous and refused.
fn params(query: &str) -> Result<Vec<(String, String)>, Wrong> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).map_err(|_| {
        (
            "query".to_owned(),
            "malformed",
            "De query is geen geldige URL-query.",
        )
    })?;
    for (i, (k, _)) in pairs.iter().enumerate() {
        if pairs[..i].iter().any(|(other, _)| other == k) {
            return Err((k.clone(), "repeated", "Geef deze parameter één keer."));
        }
    }
    Ok(pairs)
}

/// A parameter's value, or `None` with what is wrong added to `problems`: `invalid`
/// (its code and reason) when it does not parse, `missing` (the reason) when a required
/// one is absent.
fn param<T>(
    problems: &mut Vec<(&'static str, &'static str, &'static str)>,
    name: &'static str,
    parsed: Option<Result<T, ()>>,
    (code, reason): (&'static str, &'static str),
    missing: Option<&'static str>,
) -> Option<T> {
    match parsed {
        Some(Ok(value)) => return Some(value),
        Some(Err(())) => problems.push((name, code, reason)),
        None => problems.extend(missing.map(|reason| (name, "required", reason))),
    }
    None
}

pub async fn contact(RawQuery(query): RawQuery) -> Result<Json<CrisisContact>, ApiError> {
    let pairs = params(query.as_deref().unwrap_or(""))
        .map_err(|(name, code, reason)| ApiError::invalid(&[(name.as_str(), code, reason)]))?;
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let mut problems = Vec::new();
    let danger = param(
        &mut problems,
        "danger",
        get("danger").map(|v| match v {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(()),
        }),
        ("boolean", "Gebruik true of false."),
        Some("Geef aan of er direct levensgevaar is: true of false."),
    );
    let client = param(
        &mut problems,
        "client",
        get("client").map(|v| v.parse::<CrisisClient>().map_err(drop)),
        ("enum", "Gebruik none, veilig_thuis of save."),
        Some("Geef aan van wie je cliënt bent: none, veilig_thuis of save."),
    );
    let province = param(
        &mut problems,
        "province",
        get("province").map(|v| v.parse::<Province>().map_err(drop)),
        ("enum", "Gebruik utrecht of flevoland."),
        None,
    );
    let at = param(
        &mut problems,
        "at",
        get("at").map(|v| UtcTime::parse(v).map_err(drop)),
        (
            "date-time",
            "Gebruik een RFC 3339-tijdstip, zoals 2026-11-23T21:30:00+01:00.",
        ),
        None,
    )
    .unwrap_or_else(UtcTime::now);
    let (Some(danger), Some(client), true) = (danger, client, problems.is_empty()) else {
        return Err(ApiError::invalid(&problems));
    };
    let a = crisis_contact(danger, client, province, at, &Calendar::default())
        .map_err(|e| ApiError::from(e.problem()))?;
    Ok(Json(CrisisContact::from(a)))
}
