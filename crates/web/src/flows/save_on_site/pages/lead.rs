//! The team lead's part of `/save-op-locatie`: the certified institution's schedule of
//! part-days at local teams, the form to add one and, per part-day, its last day.

use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::save_on_site::{OnSiteDay, PartOfDay};
use eenplan_store::{OnSiteSlot, Principal, StoreError, Tx};

use super::{Sent, View, part};
use crate::kit::choose;
use crate::kit::dates::dutch_date;
use crate::kit::form::{Input, TextField, code_label, code_select};

/// What the lead's part is made of.
#[derive(Default)]
pub(super) struct LeadData {
    schedule: Vec<OnSiteSlot>,
    workers: Vec<(String, String)>,
    local_teams: Vec<(String, String)>,
}

pub(super) async fn load(tx: &mut Tx, p: &Principal) -> Result<LeadData, StoreError> {
    let orgs = tx.organisations().await?;
    let local_teams = tx
        .teams()
        .await?
        .into_iter()
        .filter_map(|team| {
            orgs.iter()
                .find(|o| o.id == team.organisation_id && o.kind == OrganisationKind::LocalTeam)
                .map(|o| (team.id, format!("{} — {}", o.name, team.name)))
        })
        .collect();
    Ok(LeadData {
        schedule: tx.on_site_slots_of_organisation(&p.organisation_id).await?,
        workers: tx.on_site_people(None, Some(&p.organisation_id)).await?,
        local_teams,
    })
}

/// One part-day of the schedule.
pub(super) struct SlotLine {
    pub(super) id: String,
    pub(super) worker: String,
    pub(super) team: String,
    pub(super) when: String,
    pub(super) period: String,
    pub(super) ended: bool,
    pub(super) end_input: Input,
}

/// The schedule and the form for a new part-day (`slot`, as sent). `end` is the end
/// form that was sent: the part-day's id with what was sent and its errors.
pub(super) fn section(
    l: &LeadData,
    v: &View,
    end: Option<(&str, Sent)>,
    slot: Sent,
) -> (Vec<SlotLine>, Vec<Input>) {
    let View { lang, x, .. } = *v;
    let schedule = l
        .schedule
        .iter()
        .map(|s| {
            let (value, error) = match end {
                Some((id, (d, e))) if id == s.id => (d.get("ends_on"), e.get("ends_on").copied()),
                _ => (
                    s.slot.ends_on.map(|d| d.to_string()).unwrap_or_default(),
                    None,
                ),
            };
            SlotLine {
                id: s.id.clone(),
                worker: s.worker_name.clone(),
                team: format!("{} — {}", s.local_organisation_name, s.team_name),
                when: format!(
                    "{} {}",
                    code_label(lang, s.slot.day),
                    part(lang, s.slot.part)
                ),
                period: match s.slot.ends_on {
                    Some(end) => format!(
                        "{} – {}",
                        dutch_date(lang, s.slot.starts_on),
                        dutch_date(lang, end)
                    ),
                    None => format!("{} –", dutch_date(lang, s.slot.starts_on)),
                },
                ended: s.slot.ended(v.today),
                end_input: Input::Text(
                    TextField::new("ends_on", x.f_so_last_day, &value, error)
                        .suffix(&s.id)
                        .kind("date"),
                ),
            }
        })
        .collect();
    let (sd, se) = slot;
    let slot_inputs = vec![
        choose::named("worker", x.f_so_worker, v.t, &l.workers, sd, se),
        choose::named("team", x.f_so_team, v.t, &l.local_teams, sd, se),
        code_select::<OnSiteDay>("day", x.f_so_day, lang, sd, se),
        code_select::<PartOfDay>("part", x.f_so_part, lang, sd, se),
        Input::Text(TextField::typed("starts_on", x.f_so_starts_on, sd, se).kind("date")),
        Input::Text(TextField::typed("ends_on", x.f_so_ends_on, sd, se).kind("date")),
    ];
    (schedule, slot_inputs)
}
