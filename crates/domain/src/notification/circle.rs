//! The family's circle hears of the plan, of who joins, leaves or takes over, and of
//! emergency access to the file.

use super::{Gate, NotificationKind as K, Recipients, Tell, acting_organisation};
use crate::family::{DataCategory, Need};
use crate::journal::{Actor, Event};
use crate::role::Role;

/// The circle's part of [`super::tells`].
pub(super) fn tells(actor: &Actor, event: &Event) -> Vec<Tell> {
    let see_plan = Gate::May(Need::Data(DataCategory::Plan));
    let see_who = Gate::May(Need::Data(DataCategory::Identity));
    match event {
        Event::PlanSaved {
            family_id, version, ..
        } => vec![Tell::about(family_id, K::PlanSaved, Recipients::Circle, see_plan).on(version)],
        Event::PlanAgreed {
            family_id, version, ..
        } => vec![Tell::about(family_id, K::PlanAgreed, Recipients::Circle, see_plan).on(version)],
        Event::Handover { family_id, .. } => {
            vec![Tell::about(
                family_id,
                K::Handover,
                Recipients::Circle,
                see_who,
            )]
        }
        Event::EmergencyAccessGranted {
            family_id,
            emergency_id,
            ..
        } => vec![
            Tell::about(
                family_id,
                K::EmergencyAccess,
                Recipients::WithRole {
                    role: Role::PrivacyOfficer,
                    organisation: acting_organisation(actor),
                },
                Gate::Anyone,
            )
            .on(emergency_id),
            Tell::about(
                family_id,
                K::EmergencyAccess,
                Recipients::Regisseur,
                see_who,
            )
            .on(emergency_id),
        ],
        _ => Vec::new(),
    }
}
