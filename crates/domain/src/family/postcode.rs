//! Dutch postcodes ("3581 AB"): four digits not starting with 0, two letters, and
//! never SA, SD or SS (PostNL does not issue them).

#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Postcode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a Dutch postcode: use four digits and two letters, e.g. 3581 AB")]
pub struct PostcodeError(pub String);

impl Postcode {
    /// Accepts any spacing and case; stores `1234 AB`.
    pub fn parse(text: &str) -> Result<Self, PostcodeError> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_uppercase();
        let bytes = compact.as_bytes();
        let ok = bytes.len() == 6
            && bytes[0] != b'0'
            && bytes[..4].iter().all(u8::is_ascii_digit)
            && bytes[4..].iter().all(u8::is_ascii_uppercase)
            && !matches!(&compact[4..], "SA" | "SD" | "SS");
        if ok {
            Ok(Self(format!("{} {}", &compact[..4], &compact[4..])))
        } else {
            Err(PostcodeError(text.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes() {
        assert_eq!(Postcode::parse("3581ab").map(|p| p.0), Ok("3581 AB".into()));
        assert_eq!(
            Postcode::parse(" 3581 AB ").map(|p| p.0),
            Ok("3581 AB".into())
        );
        for bad in [
            "0581 AB", "358 AB", "3581 A", "3581 SS", "3581 A1", "ABCD EF", "",
        ] {
            assert!(Postcode::parse(bad).is_err(), "{bad:?}");
        }
    }
}
