//! The time-driven notifications (issue 15 §1): what a daily job tells on a given
//! Dutch day, without any event. Two rules:
//!
//! - **Due soon and overdue.** An action or review due on the next working day is told
//!   to its owner the working day before; the day before a stretch of days off (a
//!   Friday, the day before Christmas or Easter) looks ahead to the next working day,
//!   so Friday covers up to Monday. What has passed its day is told as overdue on the
//!   first working day after, and then once a week while it stays overdue: a busy
//!   professional with a stale action should get a weekly nudge, not a daily copy of
//!   the same message (and forty of them by the time anyone notices). Working days are
//!   those of the Algemene termijnenwet (art. 3: no Saturday, Sunday, national holiday
//!   or equated day, [`StatutoryCalendar`]); on a day off the job tells nothing, since
//!   the working day before already looked ahead.
//! - **A joint assessment's missing view.** An organisation invited to a joint
//!   assessment meeting that has not recorded its view two working days before the
//!   meeting is reminded (its involved people), so the meeting can weigh every view
//!   (the Utrecht working model's "gezamenlijke beoordeling": each party brings its own
//!   view).
//!
//! Who owns what is due ([`owner`]): a plan action the professional it names (an action
//! of a family or network member, or of "iemand anders", has no account to remind; the
//! regisseur sees it on the overview); the plan's review the regisseur; a
//! SAVE-begeleiding's review its SAVE worker; a Veilig Thuis deadline or follow-up
//! Veilig Thuis's own professionals only, without the file (an awaited assessment is
//! never shown outside Veilig Thuis, see [`DueItem::shown_outside_veilig_thuis`]).
//!
//! Each reminder carries a `once` key: the store appends the person and writes it with
//! `ON CONFLICT (once_key) DO NOTHING`, so however often and on however many instances
//! the job runs, each reminder is written once. The key holds the due date, so a moved
//! date is told again, and for overdue items the week since it passed.

use jiff::civil::Date;

use super::{Gate, NotificationKind, Recipients};
use crate::calendar::StatutoryCalendar;
use crate::family::{DataCategory, DueItem, DueWhat, Need, PersonKind};
use crate::role::Role;

/// What is due in one family file, by the due rule (`family::due_items`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDue {
    pub family_id: String,
    pub items: Vec<DueItem>,
}

/// A scheduled joint assessment meeting and the invited organisations whose view is
/// still missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingDue {
    pub family_id: String,
    pub meeting_id: String,
    pub meets_on: Date,
    pub missing_views: Vec<String>,
}

/// One reminder to write: to whom (roles, resolved by the store), behind which gate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub kind: NotificationKind,
    pub to: Recipients,
    pub gate: Gate,
    pub family_id: Option<String>,
    /// Where the link leads: [`DueWhat::key`] for due items, the meeting's id for a
    /// missing view.
    pub subject_id: String,
    pub due_on: Date,
    /// Written once per this key and person: the store appends the person's id.
    pub once: String,
}

/// Who owns a due item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueOwner {
    pub to: Recipients,
    /// What they must be allowed to see, when they are told, to be told of it.
    pub gate: Gate,
    /// Whether the reminder names the family file; Veilig Thuis's dates name only the
    /// contact on its own work list.
    pub names_file: bool,
}

/// Whose a due item is; `None` when nobody with an account owns it.
pub fn owner(what: &DueWhat) -> Option<DueOwner> {
    let in_file = |to| DueOwner {
        to,
        gate: Gate::May(Need::Data(DataCategory::Plan)),
        names_file: true,
    };
    match what {
        DueWhat::PlanReview => Some(in_file(Recipients::Regisseur)),
        DueWhat::PlanAction { who, .. } => match (&who.kind, &who.id) {
            (PersonKind::Professional, Some(id)) => {
                Some(in_file(Recipients::Users(vec![id.clone()])))
            }
            _ => None,
        },
        DueWhat::SaveGuidanceReview { worker_id, .. } => {
            Some(in_file(Recipients::Users(vec![worker_id.clone()])))
        }
        // Veilig Thuis's own work list: its professionals, the contact and not the file.
        DueWhat::VeiligThuisAssessment {
            organisation_id, ..
        }
        | DueWhat::VeiligThuisFollowUp {
            organisation_id, ..
        } => Some(DueOwner {
            to: Recipients::WithRole {
                role: Role::Professional,
                organisation: Some(organisation_id.clone()),
            },
            gate: Gate::Anyone,
            names_file: false,
        }),
    }
}

/// The last day a run on `today` looks ahead to: the next working day. On a Friday that
/// is Monday; the day before Christmas or Easter looks past the holidays.
pub fn looks_ahead_to(today: Date, calendar: &StatutoryCalendar) -> Date {
    calendar.add_working_days(today, 1)
}

/// The meetings a run on `today` looks at: those within two working days.
pub fn meetings_up_to(today: Date, calendar: &StatutoryCalendar) -> Date {
    calendar.add_working_days(today, 2)
}

/// Every reminder due on `today` (a Dutch date). Nothing on a day off.
pub fn reminders(
    today: Date,
    calendar: &StatutoryCalendar,
    files: &[FileDue],
    meetings: &[MeetingDue],
) -> Vec<Reminder> {
    if !calendar.is_working_day(today) {
        return Vec::new();
    }
    let horizon = looks_ahead_to(today, calendar);
    let mut out = Vec::new();
    for file in files {
        for item in &file.items {
            let Some(DueOwner {
                to,
                gate,
                names_file,
            }) = owner(&item.what)
            else {
                continue;
            };
            let key = item.what.key();
            let (kind, once) = if item.on < today {
                // Weeks since the first day it was late: 0 on the first working day after
                // its day, 1 a week later, and so on; written on the first working day
                // of each week.
                let late_days = (today - item.on).get_days() - 1;
                let week = late_days / 7;
                (
                    NotificationKind::Overdue,
                    format!("overdue:{}:{key}:{}:w{week}", file.family_id, item.on),
                )
            } else if item.on <= horizon {
                (
                    NotificationKind::DueSoon,
                    format!("due_soon:{}:{key}:{}", file.family_id, item.on),
                )
            } else {
                continue;
            };
            out.push(Reminder {
                kind,
                to,
                gate,
                family_id: names_file.then(|| file.family_id.clone()),
                subject_id: key,
                due_on: item.on,
                once,
            });
        }
    }
    let meeting_horizon = meetings_up_to(today, calendar);
    for m in meetings {
        if m.meets_on <= today || m.meets_on > meeting_horizon {
            continue;
        }
        for organisation in &m.missing_views {
            out.push(Reminder {
                kind: NotificationKind::JointAssessmentViewMissing,
                to: Recipients::InvolvedOf(vec![organisation.clone()]),
                gate: Gate::May(Need::Data(DataCategory::Plan)),
                family_id: Some(m.family_id.clone()),
                subject_id: m.meeting_id.clone(),
                due_on: m.meets_on,
                once: format!("view_missing:{}:{organisation}", m.meeting_id),
            });
        }
    }
    out
}

#[cfg(test)]
#[path = "reminders_tests.rs"]
mod tests;
