//! The demo's history at national scale: the same simulation as [`super::families`]
//! (dates, pilots, handover chances from [`super::history`]) for all but the most
//! recent files, written through the store's bulk path ([`eenplan_store::Bulk`]) in
//! large batches. A fixed, small set of events per family keeps the database's size
//! predictable (see `docs/demo.md`): opening, members, plan and agreement,
//! SAVE-begeleiding with its consent and end, handovers of the lead and of SAVE's
//! work, a move to a legal framework, and the file's closing once its help has ended
//! (now and then its reopening; chances in [`super::history::CLOSING`]).

use eenplan_domain::family::{
    AgreementFacts, ConsentForm, ConsentStep, DataCategory, Expertise, Framework, InvolvementRole,
    MemberKind, NewMember, Person, Postcode, who_agrees,
};
use eenplan_domain::journal::Actor;
use eenplan_domain::save_guidance::GuidanceOutcome;
use eenplan_store::{
    Bulk, BulkEvuWorker, BulkGuidance, ConsentInput, FrameworkInput, NewFamily, Store, StoreError,
};
use jiff::ToSpan;
use jiff::civil::Date;

use super::EVU_AREAS;
use super::families::{Region, plan};
use super::history::{self, moment, plus};
use super::names::{ADULT_NAMES, CHILD_NAMES, STREETS, SURNAMES};
use super::people::{Partners, Professional, Rng};
use crate::progress::Progress;

/// Families per transaction and journal batch: large enough that a commit's cost
/// disappears, small enough that memory stays a few tens of megabytes.
const BATCH: u64 = 2_000;
/// Families written before the planner's statistics are first gathered.
const STATISTICS_FROM: u64 = 8_000;
/// Batches made ahead of the writer: one core makes the next batches while the other
/// writes, and memory stays bounded (a few batches at most).
const AHEAD: usize = 2;

/// Generates families `range` of `count` through the bulk path; returns how many. The
/// families are made on a thread of their own and written here as they come.
pub async fn generate(
    store: &Store,
    (range, count): (std::ops::Range<u64>, u64),
    regions: &[Region],
    partners: &Partners,
    today: Date,
) -> Result<u64, StoreError> {
    let mut progress = Progress::new("families (bulk)", range.end - range.start);
    let (batches, mut ready) = tokio::sync::mpsc::channel(AHEAD);
    let (regions, partners) = (regions.to_vec(), partners.clone());
    let families = range.end - range.start;
    let maker = tokio::task::spawn_blocking(move || {
        let mut rng = Rng(0xB01C_0DE5);
        let mut n = range.start;
        while n < range.end {
            let end = (n + BATCH).min(range.end);
            let mut bulk = Bulk::default();
            let made = (n..end).try_for_each(|i| {
                let when = Family {
                    n: i,
                    opened: history::opened_on(i, count, today),
                    today,
                };
                one(&mut bulk, &mut rng, &regions, &partners, &when)
            });
            let failed = made.is_err();
            // A writer that stopped (its error is reported) takes no more batches.
            if batches
                .blocking_send(made.map(|()| (bulk, end - n)))
                .is_err()
                || failed
            {
                return;
            }
            n = end;
        }
    });
    // The planner's statistics each time the families written double (see
    // `Store::refresh_statistics`).
    let (mut written, mut statistics_at) = (0, STATISTICS_FROM);
    while let Some(batch) = ready.recv().await {
        let (bulk, made) = batch?;
        let mut tx = store.write().await?;
        tx.write_bulk(bulk).await?;
        tx.commit().await?;
        progress.advance(made);
        written += made;
        if written >= statistics_at {
            store.refresh_statistics().await?;
            statistics_at *= 2;
        }
    }
    maker
        .await
        .map_err(|e| StoreError::Invalid(format!("the demo's generator stopped: {e}")))?;
    progress.finish();
    Ok(families)
}

struct Family {
    n: u64,
    opened: Date,
    today: Date,
}

fn actor_of(p: &Professional) -> Actor {
    Actor::User {
        user_id: p.user_id.to_string(),
        organisation_id: p.organisation_id.to_string(),
    }
}

/// Some day up to `within` days after `from`, or `None` when that lies after today.
fn after(timing: &mut Rng, f: &Family, from: Date, within: usize) -> Option<Date> {
    let day = plus(from, 1 + i64::try_from(timing.below(within)).unwrap_or(0));
    (day <= f.today).then_some(day)
}

fn one(
    bulk: &mut Bulk,
    rng: &mut Rng,
    regions: &[Region],
    partners: &Partners,
    f: &Family,
) -> Result<(), StoreError> {
    let system = Actor::System { component: "demo" };
    let region = rng.pick(regions);
    if region.regisseurs.is_empty() {
        return Ok(());
    }
    let lead = rng.pick(&region.regisseurs).clone();
    let hood = (!region.neighbourhoods.is_empty() && rng.chance(30))
        .then(|| rng.pick(&region.neighbourhoods).clone());
    let b = history::behaviour(
        hood.as_ref().map_or(region.city, |(name, _)| name.as_str()),
        f.opened,
    );
    let hood_name = hood.as_ref().map(|(name, _)| name.clone());
    let mut timing = Rng(0x71AE_5EED ^ f.n.wrapping_mul(0x9E37_79B9));
    let surname = *rng.pick(SURNAMES);
    let letters = b"ABCDEGHJKLMNPRTVWXZ";
    let postcode = format!(
        "{} {}{}",
        region.postcode_prefix + u16::try_from(rng.below(region.postcode_span)).unwrap_or(0),
        char::from(letters[rng.below(letters.len())]),
        char::from(letters[rng.below(letters.len())])
    );
    let postcode = Postcode::parse(&postcode).map_err(|e| StoreError::Invalid(e.to_string()))?;
    let at = |day: Date, minute: i64| moment(day, minute);
    let (id, lead_involvement) = bulk.open_family(
        at(f.opened, 0),
        &system,
        &NewFamily {
            label: format!("Gezin {surname}"),
            street: (*rng.pick(STREETS)).to_owned(),
            house_number: (1 + rng.below(240)).to_string(),
            postcode,
            city: region.city.to_owned(),
            area_id: hood.map(|(_, id)| id).or_else(|| region.area_id.clone()),
        },
        (&lead.user_id, &lead.organisation_id),
    );
    let lead_actor = actor_of(&lead);
    let mut people = Vec::new();
    for k in 0..=rng.below(2) {
        let age = i64::try_from(365 + rng.below(16 * 365)).unwrap_or(365);
        let m = NewMember {
            kind: MemberKind::Child,
            name: format!("{} {surname}", rng.pick(CHILD_NAMES)),
            date_of_birth: Some(plus(f.opened, -age)),
            has_custody: false,
        };
        let member = bulk.add_member(at(f.opened, 1 + k as i64), &lead_actor, &id, &m);
        people.push(person(member, m));
    }
    for k in 0..=rng.below(1) {
        let m = NewMember {
            kind: MemberKind::Parent,
            name: format!("{} {surname}", rng.pick(ADULT_NAMES)),
            date_of_birth: None,
            has_custody: k == 0 || rng.chance(70),
        };
        let member = bulk.add_member(at(f.opened, 5 + k as i64), &lead_actor, &id, &m);
        people.push(person(member, m));
    }
    let drafted = after(&mut timing, f, f.opened, b.days_to_plan);
    let agreed = drafted.and_then(|d| after(&mut timing, f, d, b.days_to_agreement));
    if let Some(drafted) = drafted {
        let version = bulk.save_plan(
            at(drafted, 0),
            &lead_actor,
            &lead.user_id,
            &id,
            &plan(rng, drafted, f.today),
        )?;
        if let Some(agreed) = agreed {
            let facts = AgreementFacts {
                members: &people,
                framework: Framework::Voluntary,
                guardianships: &[],
            };
            if let Ok(who) = who_agrees(facts, agreed) {
                bulk.agree_plan(
                    at(agreed, 0),
                    &lead_actor,
                    &lead.user_id,
                    &id,
                    (version, &who),
                );
            }
        }
    }
    let guided = timing.chance(b.save_guidance);
    let help = after(&mut timing, f, f.opened, b.days_to_help);
    let mut latest = agreed.or(drafted).unwrap_or(f.opened);
    // Whether help still runs at the end of the simulated history: then the file stays
    // open (the domain's closing rule, which the bulk path does not ask).
    let mut runs = false;
    if guided
        && let Some(started) = help
        && let Some(save) = partners
            .save
            .get(usize::try_from(f.n).unwrap_or(0) % partners.save.len().max(1))
    {
        let started = started.max(latest);
        let ended;
        (latest, ended) = guidance(
            bulk,
            &mut timing,
            f,
            (&id, &lead, &people),
            save,
            (started, b.partner_handover),
            partners,
        )?;
        runs |= !ended;
    }
    let evu = if guided {
        None
    } else {
        evu_start(hood_name.as_deref(), f.opened)
            .filter(|_| timing.chance(b.evu_referral))
            .and_then(|start| after(&mut timing, f, latest.max(start), 60))
    };
    if let Some(referred_on) = evu
        && let Some(day) = evu_referral(
            bulk,
            &mut timing,
            f,
            (&id, &lead, &lead_involvement, &people),
            partners,
            referred_on,
        )
    {
        latest = day;
    } else if !guided && timing.chance(9) {
        // A court order (WSS) or Veilig Thuis's own investigation.
        let (framework, pool, ground) = if timing.chance(60) {
            (
                Framework::VeiligThuis,
                &partners.veilig_thuis,
                "Melding in onderzoek bij Veilig Thuis",
            )
        } else {
            (
                Framework::CourtOrder,
                &partners.wss,
                "Ondertoezichtstelling uitgesproken door de kinderrechter",
            )
        };
        if let (Some(basis), Some(day)) = (pool.first(), after(&mut timing, f, latest, 240)) {
            bulk.change_framework(
                at(day, 0),
                &lead_actor,
                &id,
                &FrameworkInput {
                    framework,
                    organisation_id: Some(basis.organisation_id.clone()),
                    ground: ground.to_owned(),
                    effective_on: day,
                },
            );
            latest = day;
            runs = true;
        }
    }
    if timing.chance(b.lead_handover)
        && let Some(day) = after(&mut timing, f, latest, 365)
        && let Some(next) =
            super::people::next_colleague(&region.regisseurs, lead.user_id.as_str(), |p| {
                p.organisation_id == lead.organisation_id
            })
    {
        bulk.involve(
            at(day, 30),
            &lead_actor,
            &id,
            (
                InvolvementRole::Regisseur,
                &next.user_id,
                &next.organisation_id,
            ),
            None,
            Some((
                &lead_involvement,
                "Regie overgedragen: de regisseur gaat met verlof",
            )),
        );
        latest = latest.max(day);
    }
    let c = history::CLOSING;
    if !runs
        && timing.chance(c.closes)
        && let Some(closed_on) = after(&mut timing, f, latest, c.within_days)
    {
        let (reason, note) = history::closing_reason(timing.below(100));
        bulk.close_file(
            at(closed_on, 40),
            &lead_actor,
            &id,
            (reason, note),
            closed_on,
        );
        if timing.chance(c.reopens)
            && let Some(day) = after(&mut timing, f, closed_on, c.reopen_within_days)
        {
            bulk.reopen_file(at(day, 40), &lead_actor, &id, history::REOPEN_REASON);
        }
    }
    Ok(())
}

fn person(id: String, m: NewMember) -> Person {
    Person {
        id,
        name: m.name,
        kind: m.kind,
        date_of_birth: m.date_of_birth,
        has_custody: m.has_custody,
    }
}

/// SAVE-begeleiding from `started` on the family's consent; it ends once its planned
/// end has passed, and now and then SAVE's work moves to a colleague on the way.
/// Returns the day of the last step, and whether the guidance ended.
fn guidance(
    bulk: &mut Bulk,
    timing: &mut Rng,
    f: &Family,
    (id, lead, people): (&eenplan_domain::FamilyId, &Professional, &[Person]),
    save: &Professional,
    (started, handover_chance): (Date, u64),
    partners: &Partners,
) -> Result<(Date, bool), StoreError> {
    let lead_actor = actor_of(lead);
    let children: Vec<String> = people
        .iter()
        .filter(|p| p.kind == MemberKind::Child)
        .map(|p| p.id.clone())
        .collect();
    bulk.give_consent(
        moment(started, 0),
        &lead_actor,
        id,
        &lead.user_id,
        &ConsentInput {
            step: ConsentStep::SaveGuidance,
            organisation_id: Some(save.organisation_id.clone()),
            purpose: "SAVE-begeleiding naast het buurtteam".into(),
            categories: vec![
                DataCategory::Identity,
                DataCategory::Network,
                DataCategory::Plan,
            ],
            children,
            given_by: people.iter().map(|p| p.id.clone()).collect(),
            form: ConsentForm::Written,
            given_on: started,
            ends_on: None,
        },
    );
    let expertise = Expertise::ALL[timing.below(Expertise::ALL.len())];
    let mut worker = save.clone();
    let mut involvement = bulk.involve(
        moment(started, 1),
        &lead_actor,
        id,
        (
            InvolvementRole::Partner,
            &worker.user_id,
            &worker.organisation_id,
        ),
        Some(expertise),
        None,
    );
    let planned_end = started
        .checked_add((3 + i64::try_from(timing.below(7)).unwrap_or(0)).months())
        .unwrap_or(started);
    let goals = ["De kinderen voelen zich thuis veilig".to_owned()];
    let guidance = bulk.start_guidance(
        moment(started, 2),
        &lead_actor,
        id,
        started,
        &BulkGuidance {
            organisation_id: &worker.organisation_id,
            worker_id: &worker.user_id,
            involvement_id: &involvement,
            expertise,
            goals: &goals,
            planned_end,
            started_by: &lead.user_id,
        },
    )?;
    let mut latest = started;
    if timing.chance(handover_chance)
        && let Some(day) = after(timing, f, started, 60).filter(|d| *d < planned_end)
        && let Some(next) =
            super::people::next_colleague(&partners.save, worker.user_id.as_str(), |p| {
                p.organisation_id == worker.organisation_id
            })
    {
        involvement = bulk.involve(
            moment(day, 0),
            &lead_actor,
            id,
            (
                InvolvementRole::Partner,
                &next.user_id,
                &next.organisation_id,
            ),
            Some(expertise),
            Some((
                &involvement,
                "Werk verdeeld in het team na een wisseling van caseload",
            )),
        );
        worker = next.clone();
        latest = day;
    }
    if planned_end < f.today {
        let outcome = match timing.below(10) {
            0 => (
                GuidanceOutcome::ScaledUp,
                "Veiligheid niet bereikt in het vrijwillig kader",
            ),
            1 => (
                GuidanceOutcome::EndedWithoutResult,
                "Gezin verhuisd naar een andere regio",
            ),
            _ => (GuidanceOutcome::SafetyRestored, ""),
        };
        bulk.end_guidance(
            moment(planned_end, 0),
            &actor_of(&worker),
            id,
            (&guidance, &involvement),
            outcome,
            planned_end,
            &worker.user_id,
        );
        latest = planned_end;
    }
    Ok((latest, planned_end < f.today))
}

/// The day the EVU started working in neighbourhood `hood`, when the family lives in
/// one of its neighbourhoods and the EVU had started by the time the file opened or
/// starts within its first year.
fn evu_start(hood: Option<&str>, opened: Date) -> Option<Date> {
    let (_, start) = EVU_AREAS.iter().find(|(name, _)| Some(*name) == hood)?;
    (*start <= plus(opened, 365)).then_some(*start)
}

fn consent_to(
    bulk: &mut Bulk,
    (id, lead, people): (&eenplan_domain::FamilyId, &Professional, &[Person]),
    (step, organisation_id): (ConsentStep, Option<eenplan_domain::OrganisationId>),
    purpose: &str,
    (on, minute): (Date, i64),
) {
    let children = people
        .iter()
        .filter(|p| p.kind == MemberKind::Child)
        .map(|p| p.id.clone())
        .collect();
    bulk.give_consent(
        moment(on, minute),
        &actor_of(lead),
        id,
        &lead.user_id,
        &ConsentInput {
            step,
            organisation_id,
            purpose: purpose.into(),
            categories: vec![
                DataCategory::Identity,
                DataCategory::Network,
                DataCategory::Plan,
            ],
            children,
            given_by: people.iter().map(|p| p.id.clone()).collect(),
            form: ConsentForm::Written,
            given_on: on,
            ends_on: None,
        },
    );
}

/// The local team calls in the EVU on `referred_on` on the family's consent; the
/// coordinator staffs it two weeks later with the regisseur and a SAVE worker (who
/// joins on the family's consent), and closes it some months on once that has passed.
/// Returns the day of the last step, `None` when the EVU has no coordinator or SAVE.
fn evu_referral(
    bulk: &mut Bulk,
    timing: &mut Rng,
    f: &Family,
    (id, lead, lead_involvement, people): (
        &eenplan_domain::FamilyId,
        &Professional,
        &str,
        &[Person],
    ),
    partners: &Partners,
    referred_on: Date,
) -> Option<Date> {
    let coordinator = partners.evu_coordinator.as_ref()?;
    let save = partners
        .save
        .get(usize::try_from(f.n).unwrap_or(0) % partners.save.len().max(1))?;
    let family = (id, lead, people);
    consent_to(
        bulk,
        family,
        (ConsentStep::Evu, None),
        "Het EVU betrekken bij de zorgen om veiligheid",
        (referred_on, 0),
    );
    consent_to(
        bulk,
        family,
        (
            ConsentStep::SaveGuidance,
            Some(save.organisation_id.clone()),
        ),
        "SAVE in de combinatie van het EVU",
        (referred_on, 1),
    );
    let reasons = [
        "Escalerende ruzies tussen ouders; kinderen zijn er getuige van",
        "Zorgen over verwaarlozing van de jongste kinderen",
        "Vader dreigt met geweld na de scheiding",
    ];
    let referral = bulk.refer_to_evu(
        moment(referred_on, 2),
        &actor_of(lead),
        id,
        (&lead.organisation_id, &lead.user_id),
        reasons[timing.below(reasons.len())],
        referred_on,
    );
    let coordinating = actor_of(coordinator);
    let answered = plus(referred_on, 14);
    if answered > f.today {
        return Some(referred_on);
    }
    bulk.assign_evu_combination(
        moment(answered, 0),
        &coordinating,
        id,
        (&referral, &coordinator.user_id),
        &[
            BulkEvuWorker {
                user_id: &lead.user_id,
                organisation_id: &lead.organisation_id,
                involvement_id: Some(lead_involvement),
            },
            BulkEvuWorker {
                user_id: &save.user_id,
                organisation_id: &save.organisation_id,
                involvement_id: None,
            },
        ],
        answered,
    );
    let closed = plus(answered, 60 + i64::try_from(timing.below(90)).unwrap_or(0));
    if closed > f.today {
        return Some(answered);
    }
    bulk.close_evu_referral(
        moment(closed, 0),
        &coordinating,
        id,
        (&referral, &coordinator.user_id),
        "Veiligheid hersteld; het buurtteam gaat verder",
        closed,
    );
    Some(closed)
}
