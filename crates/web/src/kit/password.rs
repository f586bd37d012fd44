//! How a password the domain refuses is said: the same at sign-in (choosing one's own)
//! and where an administrator creates an account, so neither flow borrows the other's.

use eenplan_domain::user::PasswordError;

use crate::kit::error::Refusal;
use crate::kit::texts::Lang;

impl Refusal for PasswordError {
    fn field(&self) -> Option<&'static str> {
        Some("password")
    }

    fn code(&self) -> &'static str {
        match self {
            PasswordError::TooShort => "too-short",
            PasswordError::TooLong => "too-long",
            PasswordError::Common => "common",
            PasswordError::Context => "context",
        }
    }

    fn text(&self, lang: Lang) -> &'static str {
        let t = lang.texts();
        match self {
            PasswordError::TooShort => t.err_password_short,
            PasswordError::TooLong => t.err_password_long,
            PasswordError::Common => t.err_password_common,
            PasswordError::Context => t.err_password_context,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_password_is_said_at_its_field_in_the_persons_language() {
        let e = PasswordError::TooShort;
        assert_eq!(e.field(), Some("password"));
        assert_eq!(e.text(Lang::Nl), Lang::Nl.texts().err_password_short);
        assert_eq!(e.text(Lang::En), Lang::En.texts().err_password_short);
    }
}
