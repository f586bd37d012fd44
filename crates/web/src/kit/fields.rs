//! A request body's coded and dated fields, read once for every API operation: a wrong
//! value is a 400 that names the field and says what to send, and the codes it lists
//! come from the domain's own list, so the answer cannot drift from the list.

use eenplan_domain::CodeList;
use jiff::civil::Date;

use super::ApiError;
use super::problem::{Problem, said};

/// The codes of `T` as a person reads a choice: "a, b of c".
fn choices<T: CodeList>() -> String {
    let codes: Vec<&str> = T::ALL.iter().map(|c| c.code()).collect();
    match codes.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} of {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The code of `T` that `field` holds (around it, spaces do not count, as in the
/// domain's own `FromStr`).
pub fn code<T: CodeList>(field: &str, value: &str) -> Result<T, ApiError> {
    let value = value.trim();
    T::ALL
        .iter()
        .copied()
        .find(|c| c.code() == value)
        .ok_or_else(|| {
            let codes = choices::<T>();
            ApiError::from(Problem::invalid_params().invalid_param_in(
                field,
                "enum",
                said(|t| t.use_codes, &[("codes", &codes)]),
            ))
        })
}

/// The code of `T` that `field` holds, if it holds one (absent: none; empty is no code).
pub fn optional_code<T: CodeList>(field: &str, value: Option<&str>) -> Result<Option<T>, ApiError> {
    value.map(|v| code(field, v)).transpose()
}

/// The date (jjjj-mm-dd) that `field` holds.
pub fn date(field: &str, value: &str) -> Result<Date, ApiError> {
    value.parse().map_err(|_| {
        ApiError::from(Problem::invalid_params().invalid_param_in(
            field,
            "date",
            said(|t| t.use_date, &[]),
        ))
    })
}

/// The date (jjjj-mm-dd) that `field` holds, if it holds one (absent or empty: none).
pub fn optional_date(field: &str, value: Option<&str>) -> Result<Option<Date>, ApiError> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| date(field, v))
        .transpose()
}

#[cfg(test)]
mod tests {
    use eenplan_domain::family::MemberKind;

    use super::*;

    #[test]
    fn a_choice_lists_the_domains_codes_in_dutch() {
        assert_eq!(choices::<MemberKind>(), "child, parent of household");
        assert!(code::<MemberKind>("kind", "parent").is_ok());
        assert!(code::<MemberKind>("kind", "Parent").is_err());
        assert!(optional_code::<MemberKind>("kind", Some("")).is_err());
        assert!(optional_code::<MemberKind>("kind", None).is_ok_and(|k| k.is_none()));
        assert!(optional_date("on", Some("2026-02-30")).is_err());
        assert!(optional_date("on", None).is_ok_and(|d| d.is_none()));
    }
}
