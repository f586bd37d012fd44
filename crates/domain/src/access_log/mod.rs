//! The access log's vocabulary (NEN 7513): what was done with a file and on which basis.
//! Stored as their codes (the same column values the log always had), shown in words.
//!
//! Sources: NEN 7513:2018 (the event, the person, the basis); the bases follow who may
//! open a file ([`crate::family::access`]) and the tasks the law gives the Raad voor de
//! Kinderbescherming (BW 1:238, a request for investigation) and the EVU (its referrals,
//! seed texts).

pub mod retention;

use crate::codes::code_list;
use crate::family::Basis;

code_list! {
    /// What was done with the data.
    AccessEvent, "access event" {
        Read = "read", "Inzien", "Read";
        Search = "search", "Zoeken", "Search";
        Create = "create", "Aanmaken", "Create";
        Update = "update", "Wijzigen", "Update";
        Print = "print", "Afdrukken", "Print";
        Export = "export", "Exporteren", "Export";
        /// Break the glass: the request for emergency access itself.
        Emergency = "emergency", "Noodtoegang", "Emergency access";
        /// Opening a file found one outside the person's circle (the Verwijsindex's signal).
        DuplicateCheck = "duplicate_check", "Controle op een bestaand dossier", "Check for an existing file";
    }
}

code_list! {
    /// Why access was granted.
    AccessBasis, "access basis" {
        Involved = "involved", "Betrokken bij het gezin", "Involved with the family";
        TeamLeadOfRegisseur = "team_lead_of_regisseur", "Teamleider van de regisseur", "Team lead of the lead professional";
        Consent = "consent", "Toestemming van het gezin", "The family's consent";
        LegalBasis = "legal_basis", "Wettelijke grondslag", "Legal basis";
        Emergency = "emergency", "Noodtoegang", "Emergency access";
        /// The Raad reads what a request for investigation sent it (BW 1:238).
        RvdkRequest = "rvdk_request", "Verzoek aan de Raad voor de Kinderbescherming", "Request to the Child Protection Board";
        /// The EVU coordinator reads a referral to the EVU.
        EvuReferral = "evu_referral", "Aanmelding bij het EVU", "Referral to the EVU";
    }
}

impl From<Basis> for AccessBasis {
    fn from(b: Basis) -> Self {
        match b {
            Basis::Involved => AccessBasis::Involved,
            Basis::TeamLeadOfRegisseur => AccessBasis::TeamLeadOfRegisseur,
            Basis::Consent => AccessBasis::Consent,
            Basis::LegalBasis => AccessBasis::LegalBasis,
            Basis::Emergency => AccessBasis::Emergency,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_basis_keeps_its_stored_code() {
        for b in [
            Basis::Involved,
            Basis::TeamLeadOfRegisseur,
            Basis::Consent,
            Basis::LegalBasis,
            Basis::Emergency,
        ] {
            assert_eq!(AccessBasis::from(b).code(), b.code());
        }
        assert_eq!(
            "rvdk_request".parse::<AccessBasis>().ok(),
            Some(AccessBasis::RvdkRequest)
        );
        assert_eq!(AccessBasis::EvuReferral.label_en(), "Referral to the EVU");
    }
}
