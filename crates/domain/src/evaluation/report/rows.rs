//! One family's history as evaluation rows: the one rule the store applies on every
//! change and on a rebuild.

use std::collections::BTreeSet;

use jiff::ToSpan;
use jiff::civil::Date;

use super::{Metric, MetricRow};
use crate::evaluation::metrics::{Fact, FamilyHistory};
use crate::family::Framework;
use crate::family::involvement::InvolvementRole;
use crate::protection_order::RequestState;
use crate::save_guidance::GuidanceOutcome;

fn index<T: PartialEq>(all: &[T], value: &T) -> Option<i64> {
    all.iter()
        .position(|x| x == value)
        .and_then(|i| i64::try_from(i).ok())
}

fn plus(day: Date, days: i64) -> Date {
    day.checked_add(days.days()).unwrap_or(day)
}

/// The stored value of a framework transition: `(from + 1) × 10 + to`, with the
/// frameworks' positions in [`Framework::ALL`] and `from` 0 for a file's first
/// framework.
pub fn transition_value(from: Option<Framework>, to: Framework) -> i64 {
    let from = from
        .and_then(|f| index(Framework::ALL, &f))
        .map_or(0, |i| i + 1);
    from * 10 + index(Framework::ALL, &to).unwrap_or(0)
}

/// A stored transition value read back; `None` for a value no transition has.
pub fn transition_of(value: i64) -> Option<(Option<Framework>, Framework)> {
    let at = |i: i64| {
        usize::try_from(i)
            .ok()
            .and_then(|i| Framework::ALL.get(i))
            .copied()
    };
    let to = at(value % 10)?;
    let from = match value / 10 {
        0 => None,
        n => Some(at(n - 1)?),
    };
    Some((from, to))
}

/// The stored value of a framework row.
pub fn framework_of(value: i64) -> Option<Framework> {
    usize::try_from(value)
        .ok()
        .and_then(|i| Framework::ALL.get(i))
        .copied()
}

/// The organisations that ever worked with the family (its involvements and
/// SAVE-begeleiding): what the organisation filter of a query matches.
pub fn organisations_of(history: &FamilyHistory) -> BTreeSet<String> {
    history
        .facts()
        .iter()
        .filter_map(|f| match &f.fact {
            Fact::InvolvementStarted {
                organisation_id, ..
            }
            | Fact::SaveGuidanceStarted {
                organisation_id, ..
            } => Some(organisation_id.clone()),
            _ => None,
        })
        .collect()
}

/// Every evaluation row of one family, from its history (the definitions are in
/// `docs/domain.md`, "Evaluatie: de rijen"):
///
/// - a lead time: one row, dated on the day it ended (the month a case completed), or
///   on the first signal with no value while it has not ended; none without a signal;
/// - per Veilig Thuis contact, SAVE-begeleiding, EVU referral and Raad request (item =
///   its id): the days, dated on the end (or the start while open); a started/referred/
///   requested row with value 1 on the start;
/// - per handover (item = its number in the file): value 1 on its day, for the lead or a
///   partner, and an organisation-change row when it moved to another organisation;
/// - faces: per calendar year from the first presence to the year of the family's last
///   fact (item = the year, dated 1 January), when anyone worked with it that year;
///   a row cannot depend on today, so a year without any fact has no row yet;
/// - once per family: the latest SAVE-begeleiding outcome and Raad conclusion (value =
///   position in [`GuidanceOutcome::ALL`] / [`RequestState::ALL`]), the current
///   framework and the latest framework transition ([`transition_value`]), each dated
///   on its day, so a count table counts every family in one cell.
pub fn rows_for(family_id: &str, area_id: Option<&str>, history: &FamilyHistory) -> Vec<MetricRow> {
    let mut out = Vec::new();
    let mut push = |metric: Metric, item: String, on: Date, value: Option<i64>| {
        out.push(MetricRow {
            family_id: family_id.to_owned(),
            metric,
            item,
            on,
            area_id: area_id.map(str::to_owned),
            value,
        });
    };
    let ended = |start: Date, days: Option<i64>| days.map_or(start, |d| plus(start, d));

    if let Some(lead) = history.lead_times() {
        for (metric, days) in [
            (Metric::LeadJointJudgement, lead.to_joint_judgement),
            (Metric::LeadAgreedPlan, lead.to_first_agreed_plan),
            (Metric::LeadHelpStarted, lead.to_help_started),
        ] {
            push(metric, String::new(), ended(lead.first_signal, days), days);
        }
    }

    for vt in history.vt_assessments() {
        let on = ended(vt.received_on, vt.days);
        push(Metric::VtAssessmentDays, vt.contact_id.clone(), on, vt.days);
        push(
            Metric::VtOnTime,
            vt.contact_id,
            on,
            vt.on_time.map(i64::from),
        );
    }

    for (n, (on, role, moved)) in history.handover_events().into_iter().enumerate() {
        let item = (n + 1).to_string();
        let metric = match role {
            InvolvementRole::Regisseur => Metric::HandoversLead,
            InvolvementRole::Partner => Metric::HandoversPartner,
        };
        push(metric, item.clone(), on, Some(1));
        if moved {
            push(Metric::OrganisationChanges, item, on, Some(1));
        }
    }

    let first_presence = history.facts().iter().find_map(|f| match f.fact {
        Fact::InvolvementStarted { .. }
        | Fact::SaveGuidanceStarted { .. }
        | Fact::EvuCombinationAssigned { .. } => Some(f.on.year()),
        _ => None,
    });
    let last_year = history.facts().last().map(|f| f.on.year());
    if let (Some(first), Some(last)) = (first_presence, last_year) {
        for year in first..=last {
            let faces = history.faces_in_year(year);
            if faces.organisations + faces.professionals == 0 {
                continue;
            }
            let Ok(on) = Date::new(year, 1, 1) else {
                continue;
            };
            let count = |n: usize| i64::try_from(n).ok();
            push(
                Metric::FacesOrganisations,
                year.to_string(),
                on,
                count(faces.organisations),
            );
            push(
                Metric::FacesProfessionals,
                year.to_string(),
                on,
                count(faces.professionals),
            );
        }
    }

    let mut last_outcome: Option<(Date, GuidanceOutcome)> = None;
    for guidance in history.save_guidances() {
        let days = guidance.duration_days();
        push(
            Metric::SaveGuidanceStarted,
            guidance.guidance_id.clone(),
            guidance.started_on,
            Some(1),
        );
        push(
            Metric::SaveGuidanceDays,
            guidance.guidance_id,
            ended(guidance.started_on, days),
            days,
        );
        if let Some(end) = guidance.ended
            && last_outcome.is_none_or(|(on, _)| on <= end.0)
        {
            last_outcome = Some(end);
        }
    }
    if let Some((on, outcome)) = last_outcome {
        push(
            Metric::SaveGuidanceOutcome,
            String::new(),
            on,
            index(GuidanceOutcome::ALL, &outcome),
        );
    }

    for referral in history.evu_referrals() {
        let days = referral.staffed.map(|(days, _)| days);
        let size = referral
            .staffed
            .and_then(|(_, size)| i64::try_from(size).ok());
        let on = ended(referral.referred_on, days);
        push(
            Metric::EvuReferred,
            referral.referral_id.clone(),
            referral.referred_on,
            Some(1),
        );
        push(
            Metric::EvuStaffingDays,
            referral.referral_id.clone(),
            on,
            days,
        );
        push(Metric::EvuCombinationSize, referral.referral_id, on, size);
    }

    for request in history.raad_requests() {
        let on = ended(request.requested_on, request.to_investigation);
        push(
            Metric::RaadRequested,
            request.request_id.clone(),
            request.requested_on,
            Some(1),
        );
        push(
            Metric::RaadInvestigationDays,
            request.request_id,
            on,
            request.to_investigation,
        );
    }
    let concluded = history.facts().iter().rev().find_map(|f| match &f.fact {
        Fact::ProtectionOrderConcluded { state, .. } => Some((f.on, *state)),
        _ => None,
    });
    if let Some((on, state)) = concluded {
        push(
            Metric::RaadOutcome,
            String::new(),
            on,
            index(RequestState::ALL, &state),
        );
    }

    if let Some((on, from, to)) = history.framework_transitions().pop() {
        push(
            Metric::Framework,
            String::new(),
            on,
            index(Framework::ALL, &to),
        );
        push(
            Metric::FrameworkTransition,
            String::new(),
            on,
            Some(transition_value(from, to)),
        );
    }
    out
}
