//! The SAVE worker's part of `/save-op-locatie`: their coming on-site days (today's
//! first) with what was booked, and the walk-in form for today or a recent on-site day,
//! with the advice at once.

use eenplan_domain::calendar::Calendar;
use eenplan_domain::save_on_site::{is_on_site_day, next_on_site_days, walk_in_days};
use eenplan_domain::{FamilyId, OrganisationId, UserId};
use eenplan_store::{OnSiteConsultation, OnSiteSlot, Principal, StoreError, Tx};
use jiff::civil::Date;

use super::{Line, Sent, View, advice_inputs, family_and_question, line, part, weekday};
use crate::flows::save_on_site::access::COMING_DAYS;
use crate::kit::choose;
use crate::kit::form::{Choice, ChoiceField, Input};

/// What the worker's part is made of.
pub(super) struct WorkerData {
    pub(super) my_slots: Vec<OnSiteSlot>,
    pub(super) worker_list: Vec<OnSiteConsultation>,
    /// Per slot on site today: the team's people.
    askers: Vec<(String, String)>,
    /// Families the worker may record a walk-in about by name today: (id, label, who).
    pub(super) named: Vec<(FamilyId, String, Vec<UserId>)>,
}

/// The worker's coming on-site days, over all their part-days.
fn coming_days(slots: &[OnSiteSlot], today: Date, cal: &Calendar) -> Vec<Date> {
    let mut dates: Vec<Date> = slots
        .iter()
        .flat_map(|s| next_on_site_days(&s.slot, today, COMING_DAYS, cal))
        .collect();
    dates.sort_unstable();
    dates.dedup();
    dates.truncate(COMING_DAYS);
    dates
}

pub(super) async fn load(
    tx: &mut Tx,
    p: &Principal,
    today: Date,
    cal: &Calendar,
) -> Result<WorkerData, StoreError> {
    let my_slots = tx.on_site_slots_of_worker(&p.user_id).await?;
    let dates = coming_days(&my_slots, today, cal);
    let worker_list = match dates.last() {
        Some(last) => tx.on_site_days_of_worker(&p.user_id, today, *last).await?,
        None => Vec::new(),
    };
    let mut askers = Vec::new();
    let mut named = Vec::new();
    // Who can have asked, and about which families: at the part-days of today and of
    // the days a walk-in can still be written down.
    for s in my_slots
        .iter()
        .filter(|s| !walk_in_days(&s.slot, today, cal).is_empty())
    {
        for (id, name) in tx.on_site_people(Some(&s.slot.team_id), None).await? {
            if !askers.iter().any(|(i, _)| *i == id) {
                askers.push((id, format!("{name} ({})", s.team_name)));
            }
        }
        for candidate in tx
            .on_site_named_candidates(
                &OrganisationId::from(s.slot.organisation_id.as_str()),
                &s.slot.team_id,
                today,
            )
            .await?
        {
            if !named.iter().any(|(i, _, _)| *i == candidate.0) {
                named.push(candidate);
            }
        }
    }
    Ok(WorkerData {
        my_slots,
        worker_list,
        askers,
        named,
    })
}

/// One on-site day of the worker with its consultations.
pub(super) struct DayBlock {
    pub(super) heading: String,
    /// Where: "Buurtteam Overvecht (ochtend)".
    pub(super) places: String,
    pub(super) lines: Vec<Line>,
}

/// The worker's part as the page shows it.
pub(super) struct WorkerPart {
    pub(super) on_site_today: bool,
    pub(super) has_recent_days: bool,
    pub(super) days: Vec<DayBlock>,
    pub(super) walk_in_inputs: Vec<Input>,
}

/// The worker's days and the walk-in form (`walk_in`, as sent).
pub(super) fn section(w: &WorkerData, v: &View, walk_in: Sent) -> WorkerPart {
    let View { lang, x, today, .. } = *v;
    let cal = &v.cal;
    let (wd, we) = walk_in;
    let dates = coming_days(&w.my_slots, today, cal);
    let day_heading = |d: Date| {
        if d == today {
            format!("{}: {}", x.so_today, weekday(lang, d))
        } else {
            weekday(lang, d)
        }
    };
    let days: Vec<DayBlock> = dates
        .iter()
        .map(|d| DayBlock {
            heading: day_heading(*d),
            places: w
                .my_slots
                .iter()
                .filter(|s| is_on_site_day(&s.slot, *d, cal))
                .map(|s| format!("{} ({})", s.team_name, part(lang, s.slot.part)))
                .collect::<Vec<_>>()
                .join(", "),
            lines: w
                .worker_list
                .iter()
                .filter(|c| c.on == *d)
                .map(|c| line(lang, x, c))
                .collect(),
        })
        .collect();
    let on_site_today = dates.first() == Some(&today);
    let has_recent_days = w
        .my_slots
        .iter()
        .any(|s| !walk_in_days(&s.slot, today, cal).is_empty());

    let err = |id: &str| we.get(id).copied();
    // One choice per part-day and day: today first, then the days a walk-in can still
    // be written down afterwards.
    let mut slots: Vec<(Date, Choice)> = w
        .my_slots
        .iter()
        .flat_map(|s| {
            walk_in_days(&s.slot, today, cal)
                .into_iter()
                .map(move |d| (s, d))
        })
        .map(|(s, d)| {
            let value = format!("{}|{d}", s.id);
            (
                d,
                Choice {
                    selected: wd.get("slot") == value,
                    label: format!(
                        "{}, {} ({})",
                        day_heading(d),
                        s.team_name,
                        part(lang, s.slot.part)
                    ),
                    value,
                },
            )
        })
        .collect();
    slots.sort_by_key(|o| std::cmp::Reverse(o.0));
    let families = w.named.iter().map(|(id, label, users)| {
        let with: Vec<&str> = users
            .iter()
            .filter_map(|u| {
                w.askers
                    .iter()
                    .find(|(i, _)| i == u)
                    .map(|(_, n)| n.as_str())
            })
            .collect();
        Choice {
            selected: wd.get("family") == *id,
            value: id.to_string(),
            label: format!("{label} — {}", with.join(", ")),
        }
    });
    let mut walk_in_inputs = vec![
        Input::Select(ChoiceField {
            id: "slot",
            label: x.f_so_part,
            options: slots.into_iter().map(|(_, c)| c).collect(),
            error: err("slot").or(err("when")),
        }),
        choose::named("asked_by", x.f_so_asked_by, v.t, &w.askers, wd, we),
    ];
    walk_in_inputs.extend(family_and_question(x, families, wd, we));
    walk_in_inputs.extend(advice_inputs(x, lang, wd, we));
    WorkerPart {
        on_site_today,
        has_recent_days,
        days,
        walk_in_inputs,
    }
}
