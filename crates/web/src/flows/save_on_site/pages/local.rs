//! The local professional's part of `/save-op-locatie`: the on-site days at their team
//! for four weeks, the booking form (anonymous, or by name for one of their own
//! families) and their own consultations.

use std::collections::HashMap;

use eenplan_domain::save_on_site::{PartOfDay, on_site_days};
use eenplan_store::{FamilySummary, OnSiteConsultation, OnSiteSlot, Principal, StoreError, Tx};
use jiff::civil::Date;

use super::{Sent, View, family_and_question, part, plus_days, weekday};
use crate::kit::form::{Choice, ChoiceField, Input, choices, with_none};

/// What the local professional's part is made of.
#[derive(Default)]
pub(super) struct LocalData {
    team_slots: Vec<OnSiteSlot>,
    counts: HashMap<(String, Date), usize>,
    pub(super) mine: Vec<OnSiteConsultation>,
    /// The families the visitor may name: their own.
    pub(super) own_families: Vec<FamilySummary>,
    /// The last day the booking form offers.
    horizon: Date,
}

pub(super) async fn load(
    tx: &mut Tx,
    p: &Principal,
    team: &str,
    today: Date,
) -> Result<LocalData, StoreError> {
    let horizon = plus_days(today, 27);
    Ok(LocalData {
        team_slots: tx.on_site_slots_at_team(team).await?,
        counts: tx.on_site_booked_counts(team, today, horizon).await?,
        mine: tx
            .on_site_asked_by(&p.user_id, plus_days(today, -28))
            .await?,
        own_families: Vec::new(),
        horizon,
    })
}

/// One coming on-site day at the visitor's team.
pub(super) struct TeamDay {
    pub(super) date: String,
    pub(super) part: String,
    pub(super) worker: String,
    pub(super) booked: usize,
}

/// The team's on-site days and the booking form (`booking`, as sent).
pub(super) fn section(o: &LocalData, v: &View, booking: Sent) -> (Vec<TeamDay>, Vec<Input>) {
    let View { lang, x, .. } = *v;
    let (bd, be) = booking;
    let mut days: Vec<(Date, PartOfDay, &OnSiteSlot)> = o
        .team_slots
        .iter()
        .flat_map(|s| {
            on_site_days(&s.slot, v.today, o.horizon, &v.cal)
                .into_iter()
                .map(move |d| (d, s.slot.part, s))
        })
        .collect();
    days.sort_by_key(|a| (a.0, a.1));
    let err = |id: &str| be.get(id).copied();
    let families = choices(
        &o.own_families,
        |f| f.id.to_string(),
        |f| format!("{} ({} {})", f.label, f.postcode, f.house_number),
        &bd.get("family"),
    );
    let mut booking_inputs = vec![Input::Select(ChoiceField {
        id: "when",
        label: x.f_so_when,
        options: with_none(
            v.t,
            days.iter()
                .map(|(d, p, s)| {
                    let value = format!("{}|{d}", s.id);
                    Choice {
                        selected: bd.get("when") == value,
                        label: format!(
                            "{}, {} — {}",
                            weekday(lang, *d),
                            part(lang, *p),
                            s.worker_name
                        ),
                        value,
                    }
                })
                .collect(),
            &bd.get("when"),
        ),
        error: err("when"),
    })];
    booking_inputs.extend(family_and_question(x, families, bd, be));
    let team_days = days
        .iter()
        .map(|(d, p, s)| TeamDay {
            date: weekday(lang, *d),
            part: part(lang, *p),
            worker: s.worker_name.clone(),
            booked: o.counts.get(&(s.id.clone(), *d)).copied().unwrap_or(0),
        })
        .collect();
    (team_days, booking_inputs)
}
