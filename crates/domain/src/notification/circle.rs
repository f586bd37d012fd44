//! The family's circle hears of the plan and of who joins, leaves or takes over.
//!
//! One notice per change: a takeover is journaled as the new involvement (with
//! `handover_of`) and then the handover; only the handover tells, so the circle reads
//! "werk overgedragen" once instead of a join and a handover for one change.

use super::{Gate, NotificationKind as K, Recipients, Tell};
use crate::family::{DataCategory, Need};
use crate::journal::{Actor, Event};

/// The circle's part of [`super::tells`].
pub(super) fn tells(_actor: &Actor, event: &Event) -> Vec<Tell> {
    let see_plan = Gate::May(Need::Data(DataCategory::Plan));
    let see_who = Gate::May(Need::Data(DataCategory::Identity));
    match event {
        Event::PlanSaved {
            family_id, version, ..
        } => vec![Tell::about(family_id, K::PlanSaved, Recipients::Circle, see_plan).on(version)],
        Event::PlanAgreed {
            family_id, version, ..
        } => vec![Tell::about(family_id, K::PlanAgreed, Recipients::Circle, see_plan).on(version)],
        // Under a court order the family's view is recorded instead of an agreement
        // (`family/agreement.rs`), so the circle hears of it as of an agreement.
        Event::PlanViewRecorded {
            family_id, version, ..
        } => vec![
            Tell::about(family_id, K::PlanViewRecorded, Recipients::Circle, see_plan).on(version),
        ],
        Event::InvolvementStarted {
            handover_of: Some(_),
            ..
        } => Vec::new(),
        Event::InvolvementStarted {
            family_id,
            involvement_id,
            user_id,
            handover_of: None,
            ..
        } => vec![
            Tell::about(
                family_id,
                K::PartnerJoined,
                Recipients::CircleBut(user_id.clone()),
                see_who,
            )
            .on(involvement_id),
        ],
        Event::InvolvementEnded {
            family_id,
            involvement_id,
            ..
        } => vec![
            Tell::about(family_id, K::PartnerLeft, Recipients::Circle, see_who).on(involvement_id),
        ],
        Event::Handover {
            family_id,
            to_involvement,
            ..
        } => vec![
            Tell::about(family_id, K::Handover, Recipients::Circle, see_who).on(to_involvement),
        ],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{NotificationKind, Recipients, someone, tells};
    use super::*;

    fn started(handover_of: Option<&str>) -> Event {
        Event::InvolvementStarted {
            family_id: "f1".into(),
            involvement_id: "i2".into(),
            role: "partner".into(),
            organisation_id: "o2".into(),
            user_id: "u2".into(),
            expertise: None,
            handover_of: handover_of.map(str::to_owned),
        }
    }

    fn only(event: &Event) -> (NotificationKind, Recipients, Gate, Option<String>) {
        let mut all = tells(&someone(), event);
        assert_eq!(all.len(), 1, "{all:?}");
        let t = all.remove(0);
        assert_eq!(t.family_id.as_deref(), Some("f1"));
        (t.kind, t.to, t.gate, t.subject_id)
    }

    const SEE_WHO: Gate = Gate::May(Need::Data(DataCategory::Identity));

    #[test]
    fn a_partner_joining_tells_the_rest_of_the_circle() {
        assert_eq!(
            only(&started(None)),
            (
                K::PartnerJoined,
                Recipients::CircleBut("u2".into()),
                SEE_WHO,
                Some("i2".into())
            )
        );
    }

    #[test]
    fn a_takeover_tells_once_as_a_handover() {
        assert!(tells(&someone(), &started(Some("i1"))).is_empty());
        let handover = Event::Handover {
            family_id: "f1".into(),
            from_involvement: "i1".into(),
            to_involvement: "i2".into(),
            role: "regisseur".into(),
            reason: "verhuisd".into(),
        };
        assert_eq!(
            only(&handover),
            (K::Handover, Recipients::Circle, SEE_WHO, Some("i2".into()))
        );
    }

    #[test]
    fn a_partner_leaving_tells_the_circle() {
        let ended = Event::InvolvementEnded {
            family_id: "f1".into(),
            involvement_id: "i2".into(),
            reason: "klaar".into(),
        };
        assert_eq!(
            only(&ended),
            (
                K::PartnerLeft,
                Recipients::Circle,
                SEE_WHO,
                Some("i2".into())
            )
        );
    }

    #[test]
    fn the_family_s_agreement_or_view_tells_who_may_see_the_plan() {
        let plan = Gate::May(Need::Data(DataCategory::Plan));
        let agreed = Event::PlanAgreed {
            family_id: "f1".into(),
            version: 2,
            member_ids: vec!["m1".into()],
            guardian_organisation_id: None,
        };
        assert_eq!(
            only(&agreed),
            (K::PlanAgreed, Recipients::Circle, plan, Some("2".into()))
        );
        let view = Event::PlanViewRecorded {
            family_id: "f1".into(),
            version: 3,
            view_id: "v1".into(),
            member_ids: vec!["m1".into()],
        };
        assert_eq!(
            only(&view),
            (
                K::PlanViewRecorded,
                Recipients::Circle,
                plan,
                Some("3".into())
            )
        );
    }
}
