//! Who signs in: e-mail address, display name and the password rule.

/// An e-mail address, trimmed and lowercased so one person cannot end up with two
/// accounts that differ only in capitals.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Email(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a valid e-mail address: use the form name@organisation.nl")]
pub struct EmailError(pub String);

impl Email {
    pub fn parse(text: &str) -> Result<Self, EmailError> {
        let email = text.trim().to_lowercase();
        let valid = match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains('@')
                    && email.len() <= 254
                    && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            }
            None => false,
        };
        if valid {
            Ok(Self(email))
        } else {
            Err(EmailError(text.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A person's display name as the family and colleagues see it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct PersonName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a name must have 1 to 200 characters and no control characters")]
pub struct PersonNameError;

impl PersonName {
    pub fn parse(text: &str) -> Result<Self, PersonNameError> {
        let name = text.trim();
        let count = name.chars().count();
        if (1..=200).contains(&count) && !name.chars().any(char::is_control) {
            Ok(Self(name.to_owned()))
        } else {
            Err(PersonNameError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Length bounds of a password (NIST SP 800-63B, OWASP ASVS 2.1): long passphrases
/// are welcome, composition rules are not; the upper bound keeps hashing cost bounded.
pub const PASSWORD_MIN_CHARS: usize = 12;
pub const PASSWORD_MAX_CHARS: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error(
        "the password is too short: use at least {PASSWORD_MIN_CHARS} characters (a passphrase of a few words works well)"
    )]
    TooShort,
    #[error("the password is too long: use at most {PASSWORD_MAX_CHARS} characters")]
    TooLong,
}

pub fn check_password(password: &str) -> Result<(), PasswordError> {
    let count = password.chars().count();
    if count < PASSWORD_MIN_CHARS {
        Err(PasswordError::TooShort)
    } else if count > PASSWORD_MAX_CHARS {
        Err(PasswordError::TooLong)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised() {
        let e = Email::parse("  Ineke.Wulp@Binding.NL ").expect("valid");
        assert_eq!(e.as_str(), "ineke.wulp@binding.nl");
    }

    #[test]
    fn bad_emails_are_refused() {
        for bad in [
            "",
            "ineke",
            "@binding.nl",
            "ineke@",
            "ineke@binding",
            "a b@c.nl",
            "a@b@c.nl",
            "a@.nl",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn names() {
        assert!(PersonName::parse("Lianne Groot").is_ok());
        assert!(PersonName::parse("   ").is_err());
        assert!(PersonName::parse(&"x".repeat(201)).is_err());
    }

    #[test]
    fn password_length_counts_characters_not_bytes() {
        assert_eq!(check_password("elf tekens!"), Err(PasswordError::TooShort));
        assert_eq!(check_password("twaalf tekens"), Ok(()));
        assert_eq!(check_password("ééééééééééé"), Err(PasswordError::TooShort));
        assert_eq!(
            check_password(&"a".repeat(257)),
            Err(PasswordError::TooLong)
        );
    }
}
