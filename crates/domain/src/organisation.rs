//! Organisations in the chain around a family, and the slugs that name them.

use crate::codes::code_list;

code_list! {
    /// What an organisation is in the chain; decides later which legal bases and
    /// ways of working apply to it.
    OrganisationKind, "organisation kind" {
        /// Buurtteam, lokaal team, wijkteam or jeugdteam of a municipality.
        LocalTeam = "local_team", "Lokaal team", "Local team";
        VeiligThuis = "veilig_thuis", "Veilig Thuis", "Veilig Thuis";
        /// Gecertificeerde instelling: SAVE, William Schrikker.
        CertifiedInstitution = "certified_institution", "Gecertificeerde instelling", "Certified institution";
        Rvdk = "rvdk", "Raad voor de Kinderbescherming", "Child Protection Board";
        /// A petal: debt help, mental-health care, home care, ...
        CareProvider = "care_provider", "Zorgaanbieder", "Care provider";
        School = "school", "School", "School";
        Police = "police", "Politie", "Police";
        /// A municipality or a region of municipalities as commissioner of youth care:
        /// no care organisation (it opens no file and joins no circle). The areas it
        /// works in (`organisation_areas`) are its policy officers' areas in the
        /// evaluation (`evaluation::scope`).
        Municipality = "municipality", "Gemeente of regio", "Municipality or region";
    }
}

/// A short, stable, URL-safe name for an organisation (`lokalis`, `veilig-thuis-utrecht`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Slug(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{0}' is not a valid slug: use 2 to 64 lowercase letters, digits and hyphens, not starting or ending with a hyphen"
)]
pub struct SlugError(pub String);

impl Slug {
    pub fn parse(text: &str) -> Result<Self, SlugError> {
        let ok_chars = text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        let ok = (2..=64).contains(&text.len())
            && ok_chars
            && !text.starts_with('-')
            && !text.ends_with('-')
            && !text.contains("--");
        if ok {
            Ok(Self(text.to_owned()))
        } else {
            Err(SlugError(text.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An organisation's kind can no longer be corrected: it has accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "the organisation's kind is fixed once it has accounts ({0} now): what they may do follows from it; set up a new organisation instead"
)]
pub struct KindFixed(pub usize);

/// Whether an organisation's kind may still be corrected, given how many accounts it
/// has. The kind decides which legal bases apply and what each of its accounts may see
/// and do (`policy`); changed under working accounts it would widen or narrow their
/// access without anyone deciding that per account. Before the first account it is
/// only a typo at setup, so it may be put right. The slug may always be corrected:
/// nothing refers to an organisation by its slug but people and commands looking it
/// up, every record holds its id.
pub fn kind_may_change(accounts: usize) -> Result<(), KindFixed> {
    if accounts == 0 {
        Ok(())
    } else {
        Err(KindFixed(accounts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_codes() {
        for kind in OrganisationKind::ALL {
            assert_eq!(kind.code().parse::<OrganisationKind>(), Ok(*kind));
        }
    }

    #[test]
    fn unknown_kind_lists_the_valid_ones() {
        let err = "ziekenhuis".parse::<OrganisationKind>().unwrap_err();
        assert!(err.to_string().contains("local_team, veilig_thuis"));
    }

    #[test]
    fn kind_is_fixed_once_there_are_accounts() {
        assert_eq!(kind_may_change(0), Ok(()));
        assert_eq!(kind_may_change(1), Err(KindFixed(1)));
        assert!(KindFixed(3).to_string().contains("3 now"));
    }

    #[test]
    fn slugs() {
        assert!(Slug::parse("veilig-thuis-utrecht").is_ok());
        assert!(Slug::parse("save").is_ok());
        for bad in [
            "", "a", "Lokalis", "-save", "save-", "sa--ve", "sa ve", "sävé",
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
