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

pub async fn contact(RawQuery(query): RawQuery) -> Result<Json<CrisisContact>, ApiError> {
    let pairs = params(query.as_deref().unwrap_or(""))
        .map_err(|(name, code, reason)| ApiError::invalid(&[(name.as_str(), code, reason)]))?;
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let mut problems: Vec<(&str, &str, &str)> = Vec::new();
    let danger = match get("danger") {
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(_) => {
            problems.push(("danger", "boolean", "Gebruik true of false."));
            None
        }
        None => {
            problems.push((
                "danger",
                "required",
                "Geef aan of er direct levensgevaar is: true of false.",
            ));
            None
        }
    };
    let client = match get("client").map(str::parse::<CrisisClient>) {
        Some(Ok(c)) => Some(c),
        Some(Err(_)) => {
            problems.push(("client", "enum", "Gebruik none, veilig_thuis of save."));
            None
        }
        None => {
            problems.push((
                "client",
                "required",
                "Geef aan van wie je cliënt bent: none, veilig_thuis of save.",
            ));
            None
        }
    };
    let province = match get("province").map(str::parse::<Province>) {
        Some(Ok(p)) => Some(p),
        Some(Err(_)) => {
            problems.push(("province", "enum", "Gebruik utrecht of flevoland."));
            None
        }
        None => None,
    };
    let at = match get("at").map(UtcTime::parse) {
        Some(Ok(t)) => t,
        Some(Err(_)) => {
            problems.push((
                "at",
                "date-time",
                "Gebruik een RFC 3339-tijdstip, zoals 2026-11-23T21:30:00+01:00.",
            ));
            UtcTime::now()
        }
        None => UtcTime::now(),
    };
    let (Some(danger), Some(client), true) = (danger, client, problems.is_empty()) else {
        return Err(ApiError::invalid(&problems));
    };
    let a = crisis_contact(danger, client, province, at, &Calendar::default())
        .map_err(|e| ApiError::from(e.problem()))?;
    Ok(Json(CrisisContact::from(a)))
}
