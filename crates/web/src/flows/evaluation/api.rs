//! `GET /api/v1/evaluation?from=YYYY-MM-DD&to=YYYY-MM-DD&area=…&organisation=…`: the
//! figures the page shows, as JSON, with the same suppression ("<5"). Every parameter
//! is checked and a wrong one named in a 400; figures outside what the caller may see
//! are a 403.

use axum::Json;
use axum::extract::RawQuery;
use jiff::civil::Date;

use super::filter::Asked;
use super::texts::EvaluationTexts;
use super::view::{self, Filter, Refused};
use crate::kit::problem::Problem;
use crate::kit::{ApiError, Ctx};
use axum::http::StatusCode;

pub use super::schemas::EvaluationBody;

/// What is wrong with one parameter: its name, a code and what to do.
type Wrong = (String, &'static str, (&'static str, &'static str));

const PARAMS: [&str; 4] = ["from", "to", "area", "organisation"];

/// The query as asked, or every parameter at fault.
pub(super) fn read(query: &str) -> Result<Asked, Vec<Wrong>> {
    let both = EvaluationTexts::both;
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query)
        .map_err(|_| vec![("query".to_owned(), "malformed", both(|x| x.api_unknown))])?;
    let mut wrong: Vec<Wrong> = Vec::new();
    for (i, (name, _)) in pairs.iter().enumerate() {
        if !PARAMS.contains(&name.as_str()) {
            wrong.push((name.clone(), "unknown", both(|x| x.api_unknown)));
        } else if pairs[..i].iter().any(|(other, _)| other == name) {
            wrong.push((name.clone(), "repeated", both(|x| x.api_repeated)));
        }
    }
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let mut date = |name: &'static str| match value(name) {
        None => {
            wrong.push((name.to_owned(), "required", both(|x| x.api_from)));
            None
        }
        Some(v) => {
            let parsed = strict_date(v);
            if parsed.is_none() {
                wrong.push((name.to_owned(), "date", both(|x| x.api_from)));
            }
            parsed
        }
    };
    let (from, to) = (date("from"), date("to"));
    if let (Some(from), Some(to)) = (from, to)
        && to < from
    {
        wrong.push((
            "to".to_owned(),
            "before-from",
            both(|x| x.api_to_before_from),
        ));
    }
    let optional = |name: &str| value(name).filter(|v| !v.is_empty()).map(str::to_owned);
    match (from, to) {
        (Some(from), Some(to)) if wrong.is_empty() => Ok(Asked {
            from,
            to,
            area: optional("area"),
            organisation: optional("organisation"),
            pilot: None,
        }),
        _ => Err(wrong),
    }
}

/// A date exactly as `YYYY-MM-DD`: an API has one way to write a date.
fn strict_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if shaped { text.parse().ok() } else { None }
}

pub async fn evaluation_api(
    ctx: Ctx,
    RawQuery(query): RawQuery,
) -> Result<Json<EvaluationBody>, ApiError> {
    let asked = read(query.as_deref().unwrap_or("")).map_err(|wrong| {
        let params: Vec<(&str, &str, (&str, &str))> = wrong
            .iter()
            .map(|(name, code, said)| (name.as_str(), *code, *said))
            .collect();
        ApiError::invalid(&params)
    })?;
    let synthetic = ctx.store().purpose().await?.as_deref() == Some(eenplan_store::DEMO_PURPOSE);
    let view = view::load(&ctx, &asked)
        .await
        .map_err(|refused| match refused {
            Refused::Unknown(Filter::Area) => {
                ApiError::invalid(&[("area", "unknown", EvaluationTexts::both(|x| x.api_area))])
            }
            Refused::Unknown(Filter::Organisation) => ApiError::invalid(&[(
                "organisation",
                "unknown",
                EvaluationTexts::both(|x| x.api_organisation),
            )]),
            Refused::OutOfScope => ApiError::from(Problem::titled(
                StatusCode::FORBIDDEN,
                "out-of-scope",
                EvaluationTexts::both(|x| x.out_of_scope),
            )),
            Refused::Store(e) => ApiError::from(e),
        })?;
    Ok(Json(EvaluationBody::of(synthetic, &view)))
}

pub use evaluation_api as evaluation;

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn dates_are_iso_and_to_is_not_before_from() {
        let asked = read("from=2024-01-01&to=2024-12-31&area=a1").unwrap();
        assert_eq!(
            (asked.from, asked.to),
            (date(2024, 1, 1), date(2024, 12, 31))
        );
        assert_eq!(asked.area.as_deref(), Some("a1"));
        let names = |q: &str| -> Vec<(String, &str)> {
            read(q)
                .unwrap_err()
                .into_iter()
                .map(|(n, c, _)| (n, c))
                .collect()
        };
        assert_eq!(
            names("from=2024-02-01&to=2024-01-31"),
            vec![("to".to_owned(), "before-from")]
        );
        assert_eq!(
            names("from=1-1-2024&to=2024-02-30"),
            vec![("from".to_owned(), "date"), ("to".to_owned(), "date")]
        );
        assert_eq!(
            names("to=2024-01-01"),
            vec![("from".to_owned(), "required")]
        );
        assert_eq!(
            names("from=2024-01-01&to=2024-01-02&from=2024-01-01&x=1"),
            vec![("from".to_owned(), "repeated"), ("x".to_owned(), "unknown")]
        );
    }
}
