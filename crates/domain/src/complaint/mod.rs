//! Complaints about an organisation in the chain (issue 17 §4): which statutory
//! procedure applies and its terms ([`procedure`]), the course of one complaint
//! ([`handling`]), and the yearly analysis an organisation publishes ([`analysis`]).
//!
//! A complaint is no part of the family file: it is the complainant's, handled by the
//! organisation's complaints officer (`Role::ComplaintsOfficer`), never shown on a family
//! timeline.

pub mod analysis;
pub mod handling;
pub mod procedure;

pub use analysis::{Analysis, analyse};
pub use handling::{Complaint, ComplaintOutcome, ComplaintState, HandlingError, Theme};
pub use procedure::{Procedure, ProcedureTerms, procedure_for};

/// The public reference a complainant quotes ("KL-7QM3-XRTB"): 40 random bits in the
/// enrolment code's alphabet, so it is read aloud and typed back the same way. It only
/// names the complaint; the secret code ([`crate::enrolment::new_code`], stored as
/// [`crate::enrolment::code_hash`]) is what opens its status.
pub fn new_reference(random: [u8; 10]) -> String {
    format!("KL-{}", &crate::enrolment::new_code(random)[..9])
}

/// A typed reference in its stored form: "kl 7qm3 xrtb" finds "KL-7QM3-XRTB".
pub fn normalise_reference(typed: &str) -> String {
    let n = crate::enrolment::normalise(typed);
    let body = n
        .strip_prefix("K1")
        .or_else(|| n.strip_prefix("KL"))
        .unwrap_or(&n);
    if body.len() == 8 {
        format!("KL-{}-{}", &body[..4], &body[4..])
    } else {
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_is_typed_back_loosely() {
        let r = new_reference([0x5a; 10]);
        assert_eq!(r.len(), 12);
        assert!(r.starts_with("KL-"));
        assert_eq!(normalise_reference(&r.to_lowercase().replace('-', " ")), r);
        assert_eq!(normalise_reference(&r), r);
        assert_ne!(new_reference([1; 10]), new_reference([2; 10]));
    }
}
