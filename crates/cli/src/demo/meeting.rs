//! The chain's joint work in the demo: joint assessment meetings (scheduled with views
//! coming in, held with a joint judgement whose actions are in the plan, cancelled) and
//! requests to the Raad voor de Kinderbescherming in every stage (requested, under
//! investigation, no measure, petitioned, granted — the family then under a court order
//! carried out by SAVE or William Schrikker, the local team still leading), spread over
//! the past year. It uses families the generator made that the demo's first local-team
//! professional leads in the voluntary framework; SAVE joins on the family's consent
//! where it is not in the circle yet. Deterministic, one transaction.

use eenplan_domain::UserId;
use eenplan_domain::family::{
    ConsentForm, ConsentStep, DataCategory, Expertise, Framework, InvolvementRole, LifeDomain,
    MemberKind,
};
use eenplan_domain::joint_assessment::{Judgement, JudgementAction, MeetingKind, Owner, View};
use eenplan_domain::journal::Actor;
use eenplan_domain::protection_order::{Conclusion, Measure};
use eenplan_store::{
    ConsentInput, CourtRuling, Family, NewInvolvement, NewMeeting, ProtectionOrderInput, Store,
    StoreError, Tx,
};
use jiff::civil::Date;

use super::history::on;
use super::people::Professional;

/// Who works on the chain's stages.
#[derive(Debug)]
pub struct Chain<'a> {
    /// The regisseur whose families are used.
    pub lead: &'a Professional,
    pub save: &'a Professional,
    pub wss: Option<&'a Professional>,
    pub raad: &'a Professional,
}

/// How many days before today the chain's work begins: before the first stage below.
pub(super) const SINCE_DAYS: i64 = 340;

/// What happens in one family.
#[derive(Debug, Clone, Copy)]
enum Stage {
    /// A meeting still to come; `views` of the two organisations recorded so far.
    Scheduled {
        in_days: i64,
        views: usize,
    },
    /// Held this many days ago, with the judgement.
    Held {
        days_ago: i64,
    },
    Cancelled {
        days_ago: i64,
    },
    Requested {
        days_ago: i64,
    },
    Investigating {
        days_ago: i64,
    },
    NoMeasure {
        days_ago: i64,
    },
    Petitioned {
        days_ago: i64,
    },
    /// Granted this many days ago; `wss` says which institution carries it out.
    Granted {
        days_ago: i64,
        wss: bool,
    },
}

const STAGES: &[Stage] = &[
    Stage::Scheduled {
        in_days: 9,
        views: 1,
    },
    Stage::Scheduled {
        in_days: 2,
        views: 2,
    },
    Stage::Held { days_ago: 40 },
    Stage::Held { days_ago: 230 },
    Stage::Cancelled { days_ago: 150 },
    Stage::Requested { days_ago: 3 },
    Stage::Investigating { days_ago: 35 },
    Stage::NoMeasure { days_ago: 190 },
    Stage::Petitioned { days_ago: 80 },
    Stage::Granted {
        days_ago: 200,
        wss: false,
    },
    Stage::Granted {
        days_ago: 60,
        wss: true,
    },
];

fn shift(d: Date, days: i64) -> Date {
    d.checked_add(jiff::Span::new().days(days)).unwrap_or(d)
}

fn actor(p: &Professional) -> Actor {
    Actor::User {
        user_id: p.user_id.to_string(),
        organisation_id: p.organisation_id.to_string(),
    }
}

/// Families fit for the stages: led by `lead`, voluntary, with a child and a parent
/// with custody, and SAVE either not involved or involved on a consent in force.
pub(super) async fn candidates(
    tx: &mut Tx,
    c: &Chain<'_>,
    today: Date,
) -> Result<Vec<(Family, Option<UserId>)>, StoreError> {
    let mut out = Vec::new();
    for (id, _, plan) in tx.plans_led_by(&c.lead.user_id).await? {
        // A judgement puts its actions into the plan on the day it is held, as early as
        // `SINCE_DAYS` ago: the plan as it stands must be one that could be saved then
        // (a review date at most a year after that day).
        if plan.check(shift(today, -SINCE_DAYS)).is_err() {
            continue;
        }
        let (Some(family), Some(facts)) = (tx.family(&id).await?, tx.access_facts(&id).await?)
        else {
            continue;
        };
        let has = |kind| family.members.iter().any(|m| !m.ended && m.kind == kind);
        if family.framework != Framework::Voluntary
            || !has(MemberKind::Child)
            || !family.members.iter().any(|m| !m.ended && m.has_custody)
        {
            continue;
        }
        let save_worker = family
            .partners()
            .find(|i| i.organisation_id == c.save.organisation_id)
            .map(|i| UserId::from(i.user_id.as_str()));
        let consented = facts
            .consents
            .iter()
            .any(|k| k.covers(c.save.organisation_id.as_str(), DataCategory::Plan, today));
        if save_worker.is_some() && !consented {
            continue;
        }
        out.push((family, save_worker));
        if out.len() == STAGES.len() {
            break;
        }
    }
    Ok(out)
}

/// SAVE joins on the family's consent, given when the chain's work began.
async fn save_joins(
    tx: &mut Tx,
    c: &Chain<'_>,
    family: &Family,
    since: Date,
    today: Date,
) -> Result<UserId, StoreError> {
    let current: Vec<String> = family
        .members
        .iter()
        .filter(|m| !m.ended)
        .map(|m| m.id.clone())
        .collect();
    let children: Vec<String> = family
        .members
        .iter()
        .filter(|m| !m.ended && m.kind == MemberKind::Child)
        .map(|m| m.id.clone())
        .collect();
    on(tx, since);
    tx.record_consent(
        &actor(c.lead),
        &family.id,
        &c.lead.user_id,
        &ConsentInput {
            step: ConsentStep::SaveGuidance,
            organisation_id: Some(c.save.organisation_id.clone()),
            purpose: "SAVE-begeleiding naast het buurtteam en de gezamenlijke beoordeling".into(),
            categories: vec![
                DataCategory::Identity,
                DataCategory::Network,
                DataCategory::Plan,
            ],
            children,
            given_by: current,
            form: ConsentForm::Written,
            given_on: since,
            ends_on: None,
        },
        today,
    )
    .await?;
    tx.add_involvement(
        &actor(c.lead),
        &family.id,
        NewInvolvement {
            role: InvolvementRole::Partner,
            organisation_id: c.save.organisation_id.to_string(),
            user_id: c.save.user_id.to_string(),
            expertise: Some(Expertise::Safety),
            takes_over: None,
            reason: None,
        },
    )
    .await?;
    Ok(c.save.user_id.clone())
}

/// A meeting on `meets_on`, scheduled two weeks before (or today, if that is later),
/// with the views of the first `views` organisations (SAVE first, then the lead's).
async fn meeting(
    tx: &mut Tx,
    c: &Chain<'_>,
    family: &Family,
    save_worker: &Professional,
    (meets_on, views, today): (Date, usize, Date),
    n: usize,
) -> Result<String, StoreError> {
    let scheduled_on = shift(meets_on, -14).min(today);
    let takes_part = n % 3 != 1;
    on(tx, scheduled_on);
    let id = tx
        .schedule_meeting(
            &actor(c.lead),
            &family.id,
            (&c.lead.user_id, &c.lead.organisation_id),
            &NewMeeting {
                kind: if n.is_multiple_of(2) {
                    MeetingKind::ProtectionTable
                } else {
                    MeetingKind::LearningMeeting
                },
                meets_at: meets_on.at(if n.is_multiple_of(2) { 10 } else { 14 }, 0, 0, 0),
                invited: vec![
                    c.lead.organisation_id.to_string(),
                    c.save.organisation_id.to_string(),
                ],
                family_takes_part: takes_part,
                family_absence_reason: if takes_part {
                    String::new()
                } else {
                    "Moeder wil eerst alleen met de regisseur bespreken wat er gezegd wordt".into()
                },
            },
            scheduled_on,
        )
        .await?;
    let written = [
        (
            save_worker,
            View {
                worries: "Er is herhaald geweld tussen de ouders waar de kinderen bij zijn".into(),
                strengths: "Oma is dagelijks betrokken en de kinderen gaan graag naar school"
                    .into(),
                needs: "Een veiligheidsplan met heldere afspraken; lukt dat niet, dan een verzoek aan de Raad"
                    .into(),
            },
        ),
        (
            c.lead,
            View {
                worries: "Oplopende schulden en spanning thuis; de oudste zorgt veel voor de jongsten"
                    .into(),
                strengths: "De ouders willen allebei dat het beter gaat".into(),
                needs: "Rust thuis: schuldhulp en een vast noodadres bij oma".into(),
            },
        ),
    ];
    for (who, view) in written.iter().take(views) {
        tx.record_view(
            &actor(who),
            &family.id,
            &id,
            (&who.user_id, &who.organisation_id),
            view,
        )
        .await?;
    }
    Ok(id)
}

/// The joint judgement of a held meeting: the needs, where the views differed, and
/// who does what — the family, its network, SAVE and the regisseur.
fn judgement(c: &Chain<'_>, family: &Family, held_on: Date) -> Judgement {
    let parent = family
        .members
        .iter()
        .find(|m| !m.ended && m.has_custody)
        .map(|m| m.id.clone())
        .unwrap_or_default();
    let mut actions = vec![
        JudgementAction {
            domain: LifeDomain::Safety,
            what: "Veiligheidsplan opstellen met het gezin en het netwerk".into(),
            owner: Owner::Organisation(c.save.organisation_id.to_string()),
            due: Some(shift(held_on, 21)),
        },
        JudgementAction {
            domain: LifeDomain::Income,
            what: "Aanmelden bij de schuldhulpverlening".into(),
            owner: Owner::Member(parent),
            due: Some(shift(held_on, 14)),
        },
        JudgementAction {
            domain: LifeDomain::Network,
            what: "Netwerkberaad organiseren over een vast noodadres".into(),
            owner: Owner::Professional(c.lead.user_id.to_string()),
            due: Some(shift(held_on, 30)),
        },
    ];
    if let Some(n) = family.network.iter().find(|n| !n.ended) {
        actions.push(JudgementAction {
            domain: LifeDomain::Safety,
            what: "Noodadres voor de kinderen als het thuis misgaat".into(),
            owner: Owner::Network(n.id.clone()),
            due: Some(shift(held_on, 7)),
        });
    }
    Judgement {
        needs: "De kinderen hebben rust en voorspelbaarheid nodig: geen geweld waar zij bij zijn, een vast noodadres en ouders die hun schulden aanpakken".into(),
        differences: "SAVE zag een verzoek aan de Raad als nodig, het buurtteam eerst schuldhulp en een noodadres; samen gekozen voor een veiligheidsplan met een evaluatie na zes weken".into(),
        actions,
    }
}

/// A request to the Raad made `requested_on`, taken through the steps its stage needs.
async fn request(
    tx: &mut Tx,
    c: &Chain<'_>,
    family: &Family,
    stage: Stage,
    today: Date,
) -> Result<(), StoreError> {
    let (requested_on, steps) = match stage {
        Stage::Requested { days_ago } => (shift(today, -days_ago), 0),
        Stage::Investigating { days_ago } => (shift(today, -days_ago), 1),
        Stage::NoMeasure { days_ago } | Stage::Petitioned { days_ago } => {
            (shift(today, -days_ago), 2)
        }
        Stage::Granted { days_ago, .. } => (shift(today, -days_ago - 90), 3),
        _ => return Ok(()),
    };
    let children: Vec<String> = family
        .members
        .iter()
        .filter(|m| !m.ended && m.kind == MemberKind::Child)
        .map(|m| m.id.clone())
        .collect();
    on(tx, requested_on);
    let id = tx
        .request_protection_order(
            &actor(c.lead),
            &family.id,
            (&c.lead.user_id, &c.lead.organisation_id),
            &ProtectionOrderInput {
                rvdk_organisation_id: c.raad.organisation_id.clone(),
                children,
                grounds: "Ondanks een half jaar SAVE-begeleiding en een veiligheidsplan blijft er geweld tussen de ouders waar de kinderen bij zijn; afspraken worden niet nagekomen".into(),
                tried: "Buurtteam sinds vorig jaar, SAVE-begeleiding, veiligheidsplan met oma als noodadres, een jeugdbeschermingstafel".into(),
            },
            requested_on,
        )
        .await?;
    if steps == 0 {
        return Ok(());
    }
    let raad = actor(c.raad);
    let started = shift(requested_on, 7);
    on(tx, started);
    tx.start_investigation(
        &raad,
        &c.raad.organisation_id,
        &id,
        &c.raad.user_id,
        started,
        started,
    )
    .await?;
    if steps == 1 {
        return Ok(());
    }
    let concluded = match stage {
        Stage::Granted { days_ago, .. } => shift(today, -days_ago - 30),
        _ => shift(started, 42),
    };
    let conclusion = match stage {
        Stage::NoMeasure { .. } => Conclusion::NoMeasure {
            reason: "De ouders werken nu mee met het buurtteam en SAVE; de veiligheid is in vrijwillige hulp te borgen".into(),
        },
        Stage::Granted { wss: true, .. } => Conclusion::Petition {
            measure: Measure::OutOfHomePlacement,
        },
        _ => Conclusion::Petition {
            measure: Measure::SupervisionOrder,
        },
    };
    on(tx, concluded);
    tx.conclude_investigation(
        &raad,
        &c.raad.organisation_id,
        &id,
        &c.raad.user_id,
        &conclusion,
        concluded,
        concluded,
    )
    .await?;
    let Stage::Granted { days_ago, wss } = stage else {
        return Ok(());
    };
    let institution = match (wss, c.wss) {
        (true, Some(w)) => w,
        _ => c.save,
    };
    let decided = shift(today, -days_ago);
    let measure = match conclusion {
        Conclusion::Petition { measure } => measure,
        Conclusion::NoMeasure { .. } => Measure::SupervisionOrder,
    };
    on(tx, decided);
    tx.record_court_decision(
        &raad,
        &c.raad.organisation_id,
        &id,
        &c.raad.user_id,
        decided,
        &CourtRuling::Granted {
            measure,
            ends_on: Some(shift(decided, 364)),
            institution_id: institution.organisation_id.clone(),
        },
        decided,
    )
    .await?;
    // The institution's worker joins on the legal basis; the regisseur stays.
    if !family.partners().any(|i| i.user_id == institution.user_id) {
        tx.add_involvement(
            &actor(c.lead),
            &family.id,
            NewInvolvement {
                role: InvolvementRole::Partner,
                organisation_id: institution.organisation_id.to_string(),
                user_id: institution.user_id.to_string(),
                expertise: Some(Expertise::Safety),
                takes_over: None,
                reason: None,
            },
        )
        .await?;
    }
    Ok(())
}

/// Puts the stages into the lead's families; returns how many families took part.
pub async fn generate(store: &Store, c: &Chain<'_>, today: Date) -> Result<u64, StoreError> {
    let mut tx = store.write().await?;
    let families = candidates(&mut tx, c, today).await?;
    // Before the first stage below, after every generated child was born.
    let since = shift(today, -SINCE_DAYS);
    let mut used = 0;
    for (n, ((family, save_worker), stage)) in families.into_iter().zip(STAGES).enumerate() {
        let worker = match save_worker {
            Some(user_id) => Professional {
                user_id,
                organisation_id: c.save.organisation_id.clone(),
            },
            None => Professional {
                user_id: save_joins(&mut tx, c, &family, since, today).await?,
                organisation_id: c.save.organisation_id.clone(),
            },
        };
        // Read again: the circle may have grown.
        let family = tx
            .family(&family.id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("family {}", family.id)))?;
        match *stage {
            Stage::Scheduled { in_days, views } => {
                meeting(
                    &mut tx,
                    c,
                    &family,
                    &worker,
                    (shift(today, in_days), views, today),
                    n,
                )
                .await?;
            }
            Stage::Held { days_ago } => {
                let held_on = shift(today, -days_ago);
                let id = meeting(&mut tx, c, &family, &worker, (held_on, 2, held_on), n).await?;
                on(&mut tx, held_on);
                tx.record_judgement(
                    &actor(c.lead),
                    &family.id,
                    &id,
                    &c.lead.user_id,
                    &judgement(c, &family, held_on),
                    held_on,
                )
                .await?;
            }
            Stage::Cancelled { days_ago } => {
                let on = shift(today, -days_ago);
                let id = meeting(&mut tx, c, &family, &worker, (shift(on, 5), 1, on), n).await?;
                super::history::on(&mut tx, on);
                tx.cancel_meeting(
                    &actor(c.lead),
                    &family.id,
                    &id,
                    &c.lead.user_id,
                    "Vader is opgenomen; een nieuwe datum volgt als hij weer thuis is",
                    on,
                )
                .await?;
            }
            Stage::Granted { days_ago, .. } => {
                // The chain in full: a table first, then the request that followed it.
                let held_on = shift(today, -days_ago - 120);
                let id = meeting(&mut tx, c, &family, &worker, (held_on, 2, held_on), n).await?;
                on(&mut tx, held_on);
                tx.record_judgement(
                    &actor(c.lead),
                    &family.id,
                    &id,
                    &c.lead.user_id,
                    &judgement(c, &family, held_on),
                    held_on,
                )
                .await?;
                request(&mut tx, c, &family, *stage, today).await?;
            }
            other => request(&mut tx, c, &family, other, today).await?,
        }
        used += 1;
    }
    tx.commit().await?;
    Ok(used)
}
