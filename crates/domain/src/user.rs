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

/// A work phone number as people dial it in the Netherlands ("030-123 45 67",
/// "06 12345678", "+31 30 1234567"). Kept as typed, checked for shape only.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Phone(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "a phone number has 7 to 15 digits, optionally a leading +, spaces and hyphens, such as 030-123 45 67"
)]
pub struct PhoneError;

impl Phone {
    pub fn parse(text: &str) -> Result<Self, PhoneError> {
        let phone = text.trim();
        let body = phone.strip_prefix('+').unwrap_or(phone);
        let digits = body.chars().filter(char::is_ascii_digit).count();
        let shape = body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '-');
        if shape && (7..=15).contains(&digits) && body.starts_with(|c: char| c.is_ascii_digit()) {
            Ok(Self(phone.to_owned()))
        } else {
            Err(PhoneError)
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

/// Common and breached passwords, most common first, lowercased (from zxcvbn-ts's
/// list, vendored by `scripts/vendor-assets.sh`).
const COMMON_PASSWORDS: &str = include_str!("../data/common-passwords.txt");

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error(
        "the password is too short: use at least {PASSWORD_MIN_CHARS} characters (a passphrase of a few words works well)"
    )]
    TooShort,
    #[error("the password is too long: use at most {PASSWORD_MAX_CHARS} characters")]
    TooLong,
    #[error("this password is on a list of common or breached passwords: choose another")]
    Common,
    #[error("the password must not be your e-mail address, your name or the name of this service")]
    Context,
}

fn common_passwords() -> &'static std::collections::HashSet<&'static str> {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| COMMON_PASSWORDS.lines().filter(|l| !l.is_empty()).collect())
}

/// NIST SP 800-63B 5.1.1.2: at least 12 characters, not a known common or breached
/// password (also with digits or symbols merely added at either end), and not a
/// context word such as the user's e-mail address or name.
pub fn check_password(password: &str, context: &[&str]) -> Result<(), PasswordError> {
    let count = password.chars().count();
    if count < PASSWORD_MIN_CHARS {
        return Err(PasswordError::TooShort);
    }
    if count > PASSWORD_MAX_CHARS {
        return Err(PasswordError::TooLong);
    }
    let lower = password.to_lowercase();
    let decoration = |c: char| c.is_ascii_digit() || c.is_ascii_punctuation() || c == ' ';
    let core = lower.trim_matches(decoration);
    let list = common_passwords();
    // Only digits and symbols ("1234567890123") is as guessable as a listed password.
    if core.is_empty() || list.contains(lower.as_str()) || list.contains(core) {
        return Err(PasswordError::Common);
    }
    let is_context = |word: &str| {
        let w = word.trim().to_lowercase();
        !w.is_empty() && (w == lower || w == core)
    };
    if context.iter().copied().chain(["eenplan"]).any(is_context) {
        return Err(PasswordError::Context);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_as_dialled() {
        for ok in [
            "030-123 45 67",
            "06 12345678",
            "+31 30 1234567",
            "0800-2000",
            "088-996 3000",
        ] {
            assert_eq!(Phone::parse(ok).unwrap().as_str(), ok);
        }
        for bad in [
            "",
            "12345",
            "bel me",
            "030/1234567",
            "+",
            "-0301234567",
            "0301234567890123",
        ] {
            assert_eq!(Phone::parse(bad), Err(PhoneError), "{bad}");
        }
    }

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
        assert_eq!(
            check_password("elf tekens!", &[]),
            Err(PasswordError::TooShort)
        );
        assert_eq!(check_password("twaalf tekens", &[]), Ok(()));
        assert_eq!(
            check_password("ééééééééééé", &[]),
            Err(PasswordError::TooShort)
        );
        assert_eq!(
            check_password(&"a".repeat(257), &[]),
            Err(PasswordError::TooLong)
        );
    }

    #[test]
    fn common_and_breached_passwords_are_refused() {
        assert!(
            common_passwords().len() > 10_000,
            "the shipped list is loaded"
        );
        for bad in [
            "qwertyuiop123",
            "Password1234",
            "1234567890123",
            "!!iloveyou2024!!",
        ] {
            assert_eq!(
                check_password(bad, &[]),
                Err(PasswordError::Common),
                "{bad}"
            );
        }
        assert_eq!(check_password("vier woorden in een zin", &[]), Ok(()));
    }

    #[test]
    fn context_words_are_refused() {
        let ctx = ["sanne.devries@lokalis.example", "Sanne de Vries"];
        assert_eq!(
            check_password("Sanne.DeVries@lokalis.example", &ctx),
            Err(PasswordError::Context)
        );
        assert_eq!(
            check_password("sanne de vries!!", &ctx),
            Err(PasswordError::Context)
        );
        assert_eq!(check_password("eenplan-eenplan", &ctx), Ok(()));
    }
}
