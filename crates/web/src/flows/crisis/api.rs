//! `GET /api/v1/crisis-contact`: whom to call, for anyone, without signing in. Every
//! parameter is checked; a missing or invalid one is named in a 400, never guessed.

use axum::Json;
use axum::extract::RawQuery;
use eenplan_domain::UtcTime;
use eenplan_domain::calendar::Calendar;
use eenplan_domain::crisis::{CrisisClient, Province, crisis_contact};

use super::schemas::CrisisContact;
use crate::kit::{ApiError, Refusal};

/// A reason in Dutch and English.
type Said = (&'static str, &'static str);

/// What is wrong with the query: the parameter, a code and what to do.
type Wrong = (String, &'static str, Said);

/// The query's parameters; a name given twice is ambiguous and refused.
fn params(query: &str) -> Result<Vec<(String, String)>, Wrong> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).map_err(|_| {
        (
            "query".to_owned(),
            "malformed",
            (
                "De query is geen geldige URL-query.",
                "The query is not a valid URL query.",
            ),
        )
    })?;
    for (i, (k, _)) in pairs.iter().enumerate() {
        if pairs[..i].iter().any(|(other, _)| other == k) {
            return Err((
                k.clone(),
                "repeated",
                ("Geef deze parameter één keer.", "Give this parameter once."),
            ));
        }
    }
    Ok(pairs)
}

/// What is said about each parameter: its code and reason when it does not parse, and
/// the reason when a required one is missing (`None`: optional).
const RULES: &[(&str, &str, Said, Option<Said>)] = &[
    (
        "danger",
        "boolean",
        ("Gebruik true of false.", "Use true or false."),
        Some((
            "Geef aan of er direct levensgevaar is: true of false.",
            "Say whether there is life-threatening danger right now: true or false.",
        )),
    ),
    (
        "client",
        "enum",
        (
            "Gebruik none, veilig_thuis of save.",
            "Use none, veilig_thuis or save.",
        ),
        Some((
            "Geef aan van wie je cliënt bent: none, veilig_thuis of save.",
            "Say whose client you are: none, veilig_thuis or save.",
        )),
    ),
    (
        "province",
        "enum",
        ("Gebruik utrecht of flevoland.", "Use utrecht or flevoland."),
        None,
    ),
    (
        "at",
        "date-time",
        (
            "Gebruik een RFC 3339-tijdstip, zoals 2026-11-23T21:30:00+01:00.",
            "Use an RFC 3339 moment, such as 2026-11-23T21:30:00+01:00.",
        ),
        None,
    ),
];

/// The parameter `name` as `parse` reads it, or `None` with what is wrong (by
/// [`RULES`]) added to `problems`.
fn param<T>(
    pairs: &[(String, String)],
    problems: &mut Vec<(&'static str, &'static str, Said)>,
    name: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let &(name, code, reason, missing) = RULES.iter().find(|r| r.0 == name)?;
    match pairs.iter().find(|(k, _)| k == name) {
        Some((_, v)) => {
            let value = parse(v);
            if value.is_none() {
                problems.push((name, code, reason));
            }
            value
        }
        None => {
            problems.extend(missing.map(|reason| (name, "required", reason)));
            None
        }
    }
}

pub async fn contact(RawQuery(query): RawQuery) -> Result<Json<CrisisContact>, ApiError> {
    let pairs = params(query.as_deref().unwrap_or(""))
        .map_err(|(name, code, reason)| ApiError::invalid(&[(name.as_str(), code, reason)]))?;
    let mut problems = Vec::new();
    let danger = param(&pairs, &mut problems, "danger", |v| match v {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    });
    let client = param(&pairs, &mut problems, "client", |v| {
        v.parse::<CrisisClient>().ok()
    });
    let province = param(&pairs, &mut problems, "province", |v| {
        v.parse::<Province>().ok()
    });
    let at =
        param(&pairs, &mut problems, "at", |v| UtcTime::parse(v).ok()).unwrap_or_else(UtcTime::now);
    let (Some(danger), Some(client), true) = (danger, client, problems.is_empty()) else {
        return Err(ApiError::invalid(&problems));
    };
    let a = crisis_contact(danger, client, province, at, &Calendar::default())
        .map_err(|e| ApiError::from(e.problem()))?;
    Ok(Json(CrisisContact::from(a)))
}
