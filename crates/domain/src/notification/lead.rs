//! A file must always have a lead (DESIGN rule 2): a file left without an active
//! regisseur is brought to the team leads of the team that led it.
//!
//! The regisseur cannot leave the circle except by a handover
//! (`family::involvement::check_end`), so a file loses its lead only when the
//! regisseur's account is deactivated (someone leaves the organisation).

use super::{Gate, NotificationKind as K, Recipients, Tell};
use crate::family::{DataCategory, Need};
use crate::journal::{Actor, Event};

/// The lead's part of [`super::tells`].
pub(super) fn tells(_actor: &Actor, event: &Event) -> Vec<Tell> {
    match event {
        // The team lead keeps the team-lead access to the file while the deactivated
        // regisseur's involvement runs, so they see which file it is.
        Event::UserDeactivated { user_id } => vec![Tell {
            kind: K::NoRegisseur,
            to: Recipients::TeamLeadsOfFilesLedBy(user_id.clone()),
            gate: Gate::May(Need::Data(DataCategory::Identity)),
            family_id: None,
            subject_id: None,
        }],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{someone, tells};
    use super::*;

    #[test]
    fn a_deactivated_regisseur_s_files_go_to_their_team_leads() {
        let event = Event::UserDeactivated {
            user_id: "u9".into(),
        };
        assert_eq!(
            tells(&someone(), &event),
            vec![Tell {
                kind: K::NoRegisseur,
                to: Recipients::TeamLeadsOfFilesLedBy("u9".into()),
                gate: Gate::May(Need::Data(DataCategory::Identity)),
                family_id: None,
                subject_id: None,
            }]
        );
    }
}
