//! The family rules' refusals as a person and a program read them. The domain says what
//! is wrong; this says it in the visitor's language at the field it is about, on the
//! page and in the API alike, so the domain's own (English, developer-facing) wording
//! never reaches anyone. The API keeps its codes and field names; its reasons are Dutch,
//! like every other reason it gives.

use crate::flows::family::texts::family_texts;
use axum::http::StatusCode;
use eenplan_domain::family::{
    AgreementError, ClosingError, InvolvementError, MemberError, NoteError, PlanError,
};

use super::closing_texts::closing_texts;
use super::texts::plan_texts;
use crate::kit::problem::Problem;
use crate::kit::{Lang, Refusal};

/// Every family rule the API refuses under one code: the reason says which.
const RULE: &str = "rule";

impl Refusal for MemberError {
    fn field(&self) -> Option<&'static str> {
        Some(match self {
            MemberError::Name | MemberError::NameText(_) => "name",
            MemberError::CustodyNotParent => "custody",
            MemberError::ImplausiblyOld
            | MemberError::ChildWithoutBirthDate
            | MemberError::BornInFuture => "date_of_birth",
        })
    }

    fn text(&self, lang: Lang) -> &'static str {
        let (t, ft) = (lang.texts(), family_texts(lang));
        match self {
            MemberError::Name => t.err_required,
            MemberError::NameText(p) => crate::input::page_message(t, *p),
            MemberError::CustodyNotParent => ft.err_custody,
            MemberError::ImplausiblyOld => t.err_date_range,
            MemberError::ChildWithoutBirthDate | MemberError::BornInFuture => ft.err_birth_date,
        }
    }

    /// The JSON member for custody is `has_custody`, where the form says `custody`.
    fn problem(&self) -> Problem {
        let field = match self.field() {
            Some("custody") => "has_custody",
            other => other.unwrap_or("name"),
        };
        invalid(field, self)
    }
}

impl Refusal for NoteError {
    fn field(&self) -> Option<&'static str> {
        Some(match self {
            NoteError::InFuture | NoteError::TooOld => "happened_on",
            NoteError::CorrectionNeedsReason => "reason",
            NoteError::Text(_) | NoteError::Empty | NoteError::NotAuthor => "text",
        })
    }

    fn text(&self, lang: Lang) -> &'static str {
        let (t, ft) = (lang.texts(), family_texts(lang));
        match self {
            NoteError::InFuture => t.err_not_future,
            NoteError::TooOld => t.err_date_range,
            NoteError::Text(p) => crate::input::page_message(t, *p),
            NoteError::CorrectionNeedsReason => ft.err_note_reason,
            NoteError::Empty | NoteError::NotAuthor => t.err_required,
        }
    }
}

impl Refusal for PlanError {
    /// The form's field; on the page a scale's or an action's refusal goes to its row,
    /// and the API names the element of the body (`scales[0].score`) itself.
    fn field(&self) -> Option<&'static str> {
        Some(match self {
            PlanError::ScaleOutOfRange { .. } => "score",
            PlanError::FamilyScoreOutOfRange(_) => "family_score",
            PlanError::ScaleWhoMissing { .. }
            | PlanError::ActionWhoMissing { .. }
            | PlanError::ScaleWhoUnknown { .. }
            | PlanError::ActionWhoUnknown { .. } => "who",
            PlanError::ScaleDateImplausible { .. } => "on",
            PlanError::DomainTwice(_) => "domains",
            PlanError::EmptyItem(field) => field,
            PlanError::ReviewDateImplausible(_) => "review_date",
            PlanError::DueDateImplausible { .. } => "due",
        })
    }

    fn text(&self, lang: Lang) -> &'static str {
        let (t, pt) = (lang.texts(), plan_texts(lang));
        match self {
            PlanError::ScaleOutOfRange { .. } | PlanError::FamilyScoreOutOfRange(_) => pt.err_score,
            PlanError::ScaleWhoMissing { .. } => pt.err_scale_who,
            PlanError::ActionWhoMissing { .. } => pt.err_action_who,
            PlanError::ScaleWhoUnknown { .. } | PlanError::ActionWhoUnknown { .. } => {
                pt.err_who_unknown
            }
            PlanError::DomainTwice(_) => pt.err_domain_twice,
            PlanError::EmptyItem(_) => pt.err_empty_line,
            PlanError::ReviewDateImplausible(_)
            | PlanError::DueDateImplausible { .. }
            | PlanError::ScaleDateImplausible { .. } => t.err_date_range,
        }
    }
}

impl Refusal for InvolvementError {
    fn field(&self) -> Option<&'static str> {
        Some(match self {
            InvolvementError::HandoverNeedsReason => "reason",
            InvolvementError::RegisseurMustBeLocalTeam
            | InvolvementError::AlreadyInvolved
            | InvolvementError::NotACareRole => "user_id",
            InvolvementError::RegisseurExists
            | InvolvementError::TakeoverRoleMismatch
            | InvolvementError::UnknownTakeover
            | InvolvementError::RegisseurCannotLeave
            | InvolvementError::NoRegisseur => "takes_over",
        })
    }

    fn code(&self) -> &'static str {
        match self {
            InvolvementError::HandoverNeedsReason => "required",
            InvolvementError::NotACareRole => "not-a-care-role",
            _ => RULE,
        }
    }

    fn text(&self, lang: Lang) -> &'static str {
        let ft = family_texts(lang);
        match self {
            InvolvementError::RegisseurExists | InvolvementError::NoRegisseur => {
                ft.err_regisseur_exists
            }
            InvolvementError::HandoverNeedsReason => ft.err_reason_needed,
            InvolvementError::RegisseurMustBeLocalTeam => ft.err_regisseur_local,
            InvolvementError::AlreadyInvolved => ft.err_already_involved,
            InvolvementError::NotACareRole => family_texts(lang).err_not_care_role,
            InvolvementError::TakeoverRoleMismatch | InvolvementError::UnknownTakeover => {
                ft.err_takeover_role
            }
            InvolvementError::RegisseurCannotLeave => ft.err_regisseur_leaves,
        }
    }

    /// A second regisseur is a handover the caller has to ask for; the other refusals
    /// name `reason`, `user_id` or, as the API always has, `takes_over`.
    fn problem(&self) -> Problem {
        match self {
            InvolvementError::RegisseurExists => Problem::titled(
                StatusCode::CONFLICT,
                "handover-required",
                ("Er is al een regisseur", "There is a lead professional already"),
            )
            .detail_in((
                "Een andere regisseur is een overdracht, die de werkwijze vermijdt. Wil je toch overdragen: stuur takes_over (het id van de huidige regisseur) en een reason mee.",
                "Another lead professional is a handover, which the way of working avoids. To hand over anyway: send takes_over (the id of the current lead professional) and a reason.",
            )),
            InvolvementError::HandoverNeedsReason | InvolvementError::NotACareRole => {
                invalid(self.field().unwrap_or("takes_over"), self)
            }
            _ => invalid("takes_over", self),
        }
    }
}

impl Refusal for AgreementError {
    fn field(&self) -> Option<&'static str> {
        Some(match self {
            AgreementError::NotAMember(_)
            | AgreementError::NoChild
            | AgreementError::NoCustodian { .. }
            | AgreementError::Incomplete { .. } => "member_ids",
            AgreementError::ViewNeeded
            | AgreementError::ViewOnlyUnderCourtOrder
            | AgreementError::ViewTooLong => "view",
        })
    }

    /// Without the names; [`agreement_sentence`] adds them.
    fn text(&self, lang: Lang) -> &'static str {
        let (t, ft) = (lang.texts(), family_texts(lang));
        match self {
            AgreementError::NotAMember(_) => plan_texts(lang).err_agree_who,
            AgreementError::NoChild => ft.err_agreement_no_child,
            AgreementError::NoCustodian { .. } => t.err_no_custodian,
            AgreementError::Incomplete { .. } => ft.agreement_incomplete,
            AgreementError::ViewNeeded => ft.err_view_needed,
            AgreementError::ViewOnlyUnderCourtOrder => ft.err_view_only_court_order,
            AgreementError::ViewTooLong => ft.err_view_too_long,
        }
    }

    /// 422: the agreement was not recorded, saying who may not agree and who is missing.
    fn problem(&self) -> Problem {
        let (nl, en) = (
            agreement_sentence(Lang::Nl, self),
            agreement_sentence(Lang::En, self),
        );
        Problem::titled(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-agreement",
            (
                "Instemming met het plan niet vastgelegd",
                "Agreement with the plan not recorded",
            ),
        )
        .detail_in((nl.clone(), en.clone()))
        .invalid_param_in(self.field().unwrap_or("member_ids"), RULE, (nl, en))
    }
}

/// A refused agreement in `lang`, naming the child without custodian, who may not agree
/// and who is missing.
pub fn agreement_sentence(lang: Lang, e: &AgreementError) -> String {
    let (t, ft) = (lang.texts(), family_texts(lang));
    match e {
        AgreementError::NoCustodian { child } => format!("{} ({child})", t.err_no_custodian),
        AgreementError::Incomplete {
            not_entitled,
            missing,
        } => {
            let mut parts = Vec::new();
            if !not_entitled.is_empty() {
                let names: Vec<&str> = not_entitled.iter().map(|n| n.name.as_str()).collect();
                parts.push(format!(
                    "{} {}.",
                    ft.err_agreement_not_entitled,
                    names.join(", ")
                ));
            }
            if !missing.is_empty() {
                let names: Vec<&str> = missing.iter().map(|m| m.name.as_str()).collect();
                parts.push(format!(
                    "{} {}.",
                    ft.err_agreement_missing,
                    names.join(", ")
                ));
            }
            parts.join(" ")
        }
        other => other.text(lang).to_owned(),
    }
}

/// 400 naming `field` (as the request body names it) with the refusal's code and its
/// reason in both languages.
/// Closing and reopening: a missing reason or note at its field; a file that cannot
/// close now (work still runs) as a whole, 409 in the API.
impl Refusal for ClosingError {
    fn field(&self) -> Option<&'static str> {
        match self {
            ClosingError::ReasonNeeded | ClosingError::ReasonText(_) => Some("reason"),
            ClosingError::NoteNeeded | ClosingError::NoteText(_) => Some("note"),
            ClosingError::AlreadyClosed
            | ClosingError::NotClosed
            | ClosingError::LegalBasisRuns
            | ClosingError::GuidanceRunning
            | ClosingError::EvuOpen
            | ClosingError::RaadRequestOpen => None,
        }
    }

    fn text(&self, lang: Lang) -> &'static str {
        let (t, c) = (lang.texts(), closing_texts(lang));
        match self {
            ClosingError::ReasonNeeded => c.err_reason,
            ClosingError::NoteNeeded => c.err_note,
            ClosingError::NoteText(p) | ClosingError::ReasonText(p) => {
                crate::input::page_message(t, *p)
            }
            ClosingError::AlreadyClosed => c.err_already_closed,
            ClosingError::NotClosed => c.err_not_closed,
            ClosingError::LegalBasisRuns => c.err_legal_basis,
            ClosingError::GuidanceRunning => c.err_guidance,
            ClosingError::EvuOpen => c.err_evu,
            ClosingError::RaadRequestOpen => c.err_raad,
        }
    }
}

fn invalid(field: &str, refusal: &impl Refusal) -> Problem {
    Problem::invalid_params().invalid_param_in(
        field,
        refusal.code(),
        (refusal.text(Lang::Nl), refusal.text(Lang::En)),
    )
}

#[cfg(test)]
mod tests {
    use eenplan_domain::family::{AgreementError, MemberError, PlanError};

    use crate::kit::{Lang, Refusal};

    #[test]
    fn a_refusal_is_said_in_the_persons_language_never_in_the_domains_words() {
        let scale = PlanError::ScaleOutOfRange {
            index: 0,
            who: "moeder".into(),
            score: 11,
        };
        assert_eq!(
            scale.text(Lang::Nl),
            "Vul een heel getal in van 0 tot en met 10."
        );
        assert_eq!(scale.text(Lang::En), "Enter a whole number from 0 to 10.");
        let custody = MemberError::CustodyNotParent;
        assert_ne!(custody.text(Lang::Nl), custody.to_string());
        let view = AgreementError::ViewTooLong;
        assert_ne!(view.text(Lang::En), view.to_string());
    }
}
