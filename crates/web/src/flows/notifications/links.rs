//! Where a notification leads, from its kind, family and subject: one place, for the
//! page's "Openen" and the API's `link` alike.

use eenplan_domain::family::DueKey;
use eenplan_domain::notification::NotificationKind as K;

/// Where opening a notification goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A page inside the family file: opened only after access is checked again.
    File(String),
    /// A page inside the family file, or, for a reader the rules keep out of the file
    /// (a privacy officer told of emergency access, an institution's team lead told of
    /// a court decision before anyone of it joined), the work list where they act.
    FileOr(String, &'static str),
    /// A page outside any file (the Raad's and the EVU's lists, a SAVE op locatie
    /// consultation).
    Elsewhere(String),
    /// Nowhere further: the notification's own page says it all (the reporter's
    /// feedback, a lost access).
    Here,
}

impl Target {
    /// The path, or the notification's own page for [`Target::Here`].
    pub fn path(&self, notification_id: &str) -> String {
        match self {
            Target::File(path) | Target::FileOr(path, _) | Target::Elsewhere(path) => path.clone(),
            Target::Here => format!("/berichten/{notification_id}"),
        }
    }
}

/// The page a notification of `kind` about `family` (and `subject` in it) opens.
pub fn target(kind: K, family: Option<&str>, subject: Option<&str>) -> Target {
    let Some(f) = family else {
        return match kind {
            K::VtToRaad => Target::Elsewhere("/raad".into()),
            K::VtToEvu => Target::Elsewhere("/evu".into()),
            // Veilig Thuis's deadlines name the contact, never the file.
            K::DueSoon | K::Overdue => match subject.and_then(DueKey::parse) {
                Some(
                    DueKey::VeiligThuisAssessment { contact_id }
                    | DueKey::VeiligThuisFollowUp { contact_id },
                ) => Target::Elsewhere(format!("/veilig-thuis/{contact_id}")),
                _ => Target::Here,
            },
            K::SaveAdvice => match subject {
                Some(consultation) => {
                    Target::Elsewhere(format!("/save-op-locatie/overleg/{consultation}"))
                }
                None => Target::Elsewhere("/save-op-locatie".into()),
            },
            _ => Target::Here,
        };
    };
    let file = |tail: &str| Target::File(format!("/gezinnen/{f}{tail}"));
    match kind {
        K::AccessLost | K::ReporterFeedback => Target::Here,
        K::DueSoon | K::Overdue
            if subject.and_then(DueKey::parse) == Some(DueKey::SaveGuidanceReview) =>
        {
            file("/save-begeleiding")
        }
        K::PlanSaved | K::PlanAgreed | K::PlanViewRecorded | K::DueSoon | K::Overdue => {
            file("/plan")
        }
        K::EmergencyAccess => Target::FileOr(format!("/gezinnen/{f}"), "/privacy"),
        K::CourtDecision => Target::FileOr(format!("/gezinnen/{f}"), "/"),
        K::JointAssessmentPlanned | K::JointAssessmentViewMissing => match subject {
            Some(meeting) => file(&format!("/beoordeling/{meeting}")),
            None => file("/beoordeling"),
        },
        K::EvuStaffed => file("/evu"),
        K::VtHandedOver
        | K::VtConditions
        | K::VtToRaad
        | K::VtToEvu
        | K::PartnerJoined
        | K::PartnerLeft
        | K::Handover
        | K::ConsentGiven
        | K::ConsentWithdrawn
        | K::SaveAdvice
        | K::NoRegisseur => file(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hand_over_opens_the_file_and_feedback_opens_nothing_further() {
        assert_eq!(
            target(K::VtHandedOver, Some("f1"), Some("c1")),
            Target::File("/gezinnen/f1".into())
        );
        assert_eq!(
            target(K::PlanSaved, Some("f1"), Some("3")),
            Target::File("/gezinnen/f1/plan".into())
        );
        assert_eq!(
            target(K::ReporterFeedback, None, Some("close")),
            Target::Here
        );
        assert_eq!(target(K::AccessLost, Some("f1"), None), Target::Here);
        assert_eq!(
            target(K::VtToRaad, None, Some("c1")),
            Target::Elsewhere("/raad".into())
        );
        assert_eq!(
            target(K::EmergencyAccess, Some("f1"), Some("e1")),
            Target::FileOr("/gezinnen/f1".into(), "/privacy")
        );
        assert_eq!(Target::Here.path("n1"), "/berichten/n1");
        assert_eq!(
            target(K::Overdue, None, Some("vt_assessment:c7")),
            Target::Elsewhere("/veilig-thuis/c7".into())
        );
        assert_eq!(
            target(K::DueSoon, Some("f1"), Some("save_review:g2")),
            Target::File("/gezinnen/f1/save-begeleiding".into())
        );
        assert_eq!(
            target(K::DueSoon, Some("f1"), Some("plan_review")),
            Target::File("/gezinnen/f1/plan".into())
        );
    }
}
