//! The chain's ways of working in the demo: SAVE-begeleiding over the past
//! year in every stage (running, review due, ended with each outcome) and the EVU for
//! families in its neighbourhoods (new, staffed, declined, closed; called in by the
//! local team or brought in by Veilig Thuis). Dates lie in the past, so every work list
//! has something the day the demo starts.

use eenplan_domain::family::{ConsentForm, ConsentStep, DataCategory, Expertise, InvolvementRole};
use eenplan_domain::journal::Actor;
use eenplan_domain::save_guidance::GuidanceOutcome;
use eenplan_domain::{FamilyId, OrganisationId};
use eenplan_store::{
    ConsentInput, NewGuidance, NewInvolvement, Referrer, ReviewInput, StoreError, Tx,
};
use jiff::civil::Date;
use jiff::{Span, ToSpan};

use super::history::{on, onward, plus};
use super::people::{Partners, Professional, Rng};

/// The people of one family the chain's steps need.
pub struct Family<'a> {
    pub id: &'a FamilyId,
    pub regisseur: &'a Professional,
    pub children: &'a [String],
    pub members: &'a [String],
    /// The first child's name and date of birth (for a Veilig Thuis report).
    pub child: (&'a str, Date),
}

fn days_ago(today: Date, days: usize) -> Date {
    today
        .checked_sub(Span::new().days(i64::try_from(days).unwrap_or(0)))
        .unwrap_or(today)
}

/// A consent the regisseur recorded on `given_on`.
async fn consent(
    tx: &mut Tx,
    actor: &Actor,
    f: &Family<'_>,
    step: ConsentStep,
    organisation_id: Option<OrganisationId>,
    purpose: &str,
    given_on: Date,
) -> Result<String, StoreError> {
    let categories = if organisation_id.is_some() {
        vec![
            DataCategory::Identity,
            DataCategory::Network,
            DataCategory::Plan,
        ]
    } else {
        Vec::new()
    };
    tx.record_consent(
        actor,
        f.id,
        &f.regisseur.user_id,
        &ConsentInput {
            step,
            organisation_id,
            purpose: purpose.into(),
            categories,
            children: f.children.to_vec(),
            given_by: f.members.to_vec(),
            form: ConsentForm::Written,
            given_on,
            ends_on: None,
        },
        given_on,
    )
    .await
}

/// SAVE-begeleiding started some time in the past year on the family's consent, reviewed
/// every three months, ended once its planned end has passed; now and then the family
/// withdraws its consent, which ends the guidance.
pub async fn save_guidance(
    tx: &mut Tx,
    actor: &Actor,
    rng: &mut Rng,
    f: &Family<'_>,
    save: &Professional,
    (started, today): (Date, Date),
) -> Result<(), StoreError> {
    on(tx, started);
    let consent_id = consent(
        tx,
        actor,
        f,
        ConsentStep::SaveGuidance,
        Some(save.organisation_id.clone()),
        "SAVE-begeleiding naast het buurtteam",
        started,
    )
    .await?;
    let planned_end = started
        .checked_add((3 + i64::try_from(rng.below(7)).unwrap_or(0)).months())
        .unwrap_or(today);
    let goals = [
        "De kinderen voelen zich thuis veilig",
        "Ruzies lopen niet meer uit op geweld",
        "Moeder weet wie ze belt als het misgaat",
        "De kinderen gaan elke dag naar school",
        "Het netwerk houdt zicht op de kinderen",
    ];
    let first = rng.below(goals.len());
    let guidance = tx
        .start_save_guidance(
            actor,
            &f.regisseur.user_id,
            f.id,
            &NewGuidance {
                worker_id: save.user_id.to_string(),
                expertise: *rng.pick(Expertise::ALL),
                goals: vec![
                    goals[first].to_owned(),
                    goals[(first + 1) % goals.len()].to_owned(),
                ],
                planned_end,
                review_months: None,
            },
            started,
        )
        .await?;
    let save_actor = Actor::User {
        user_id: save.user_id.to_string(),
        organisation_id: save.organisation_id.to_string(),
    };
    // Reviews every three months until the end or today; now and then the latest one is
    // still to do, so the work lists show a review due.
    let skip_last = rng.chance(30);
    let mut next = started
        .checked_add(3.months())
        .unwrap_or(today)
        .min(planned_end);
    let mut end = planned_end;
    while next < today && next < planned_end {
        let following = next.checked_add(3.months()).unwrap_or(today);
        if skip_last && following >= today {
            break;
        }
        // Sometimes the review extends the guidance a little: still as short as possible.
        if rng.chance(20) {
            end = end.checked_add(1.months()).unwrap_or(end);
        }
        on(tx, next);
        tx.review_save_guidance(
            &save_actor,
            &save.organisation_id,
            false,
            f.id,
            &guidance,
            &ReviewInput {
                reviewed_on: next,
                planned_end: end,
                note: (*rng.pick(&[
                    "Minder spanning thuis; afspraken uit het veiligheidsplan worden nagekomen",
                    "Nog zorgen over de avonden; netwerk is uitgebreid",
                    "Het gaat beter; de school ziet de kinderen weer ontspannen",
                ]))
                .to_owned(),
                reviewed_by: save.user_id.to_string(),
            },
            next,
        )
        .await?;
        next = following.min(end);
    }
    if end < today {
        let (outcome, reason) = match rng.below(10) {
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
        on(tx, end);
        tx.end_save_guidance(
            &save_actor,
            &save.organisation_id,
            false,
            &save.user_id,
            f.id,
            &guidance,
            outcome,
            reason,
            end,
        )
        .await?;
    } else if rng.chance(5) {
        // The family stops: the consent is withdrawn, and the guidance ends with it.
        on(tx, today);
        tx.withdraw_consent(
            actor,
            f.id,
            &consent_id,
            &f.regisseur.user_id,
            "Moeder belde: het gezin wil de SAVE-begeleiding stoppen",
        )
        .await?;
    }
    Ok(())
}

/// The EVU for a family in one of its neighbourhoods: called in by the local team (on
/// consent) or brought in by Veilig Thuis, then new, staffed, declined or closed.
pub async fn evu(
    tx: &mut Tx,
    actor: &Actor,
    rng: &mut Rng,
    f: &Family<'_>,
    partners: &Partners,
    (opened, today): (Date, Date),
    voluntary: bool,
) -> Result<bool, StoreError> {
    let (Some(coordinator), Some(save)) = (&partners.evu_coordinator, partners.save.first()) else {
        return Ok(false);
    };
    // Some time in the file's first half year, never before it opened.
    let referred_on = days_ago(plus(opened, 200).min(today), rng.below(200)).max(opened);
    on(tx, referred_on);
    if !tx.lives_in_evu_area(f.id, referred_on).await?
        || tx.open_evu_referral(f.id).await?.is_some()
    {
        return Ok(false);
    }
    let vt = partners
        .veilig_thuis
        .first()
        .filter(|_| rng.chance(25) && voluntary);
    let referral = match vt {
        Some(vt) => {
            // A police report about the child, brought into the EVU by Veilig Thuis.
            let vt_actor = Actor::User {
                user_id: vt.user_id.to_string(),
                organisation_id: vt.organisation_id.to_string(),
            };
            let (contact, radar) = tx
                .receive_contact(
                    &vt_actor,
                    &vt.organisation_id,
                    &vt.user_id,
                    &eenplan_store::NewContact {
                        kind: eenplan_domain::veilig_thuis::ContactKind::Report,
                        acute: false,
                        reporter: Some(eenplan_domain::veilig_thuis::Reporter::Police),
                        reporter_name: String::new(),
                        reporter_contact: String::new(),
                        child_name: f.child.0.to_owned(),
                        child_birth: Some(f.child.1),
                        postcode: None,
                        house_number: String::new(),
                        more_children: Vec::new(),
                        received_at: None,
                        concern: "Politie na huiselijk geweld; kinderen waren thuis".into(),
                    },
                    tx.now(),
                )
                .await?;
            // Another file with a child of the same name and birth date (likely among
            // many files opened on one day) takes the report: it waits at Veilig Thuis
            // for its assessment, and this family's EVU work does not start from it.
            if radar.families.first().map(|r| &r.id) != Some(f.id) {
                return Ok(false);
            }
            tx.assess_contact(
                &vt_actor,
                &vt.organisation_id,
                &contact,
                &vt.user_id,
                &eenplan_store::AssessmentInput {
                    outcome: eenplan_domain::veilig_thuis::Outcome::BringIntoEvu,
                    follow_up_on: None,
                    findings: "Gesprekken met ouders en school",
                    reasoning: "Afgewogen naar de veiligheid van het kind",
                },
                referred_on,
            )
            .await?;
            match tx.open_evu_referral(f.id).await? {
                Some(id) => id,
                None => return Ok(false),
            }
        }
        None => {
            consent(
                tx,
                actor,
                f,
                ConsentStep::Evu,
                None,
                "Het EVU betrekken bij de zorgen om veiligheid",
                referred_on,
            )
            .await?;
            tx.refer_to_evu(
                actor,
                f.id,
                Referrer {
                    organisation_id: &f.regisseur.organisation_id,
                    user_id: &f.regisseur.user_id,
                },
                None,
                rng.pick::<&str>(&[
                    "Escalerende ruzies tussen ouders; kinderen zijn er getuige van",
                    "Zorgen over verwaarlozing van de jongste kinderen",
                    "Vader dreigt met geweld na de scheiding",
                ]),
                referred_on,
            )
            .await?
        }
    };
    let coordinator_actor = Actor::User {
        user_id: coordinator.user_id.to_string(),
        organisation_id: coordinator.organisation_id.to_string(),
    };
    // The coordinator's answer two weeks on, the closing some months later (or not
    // yet, when that lies after today).
    let answered = plus(referred_on, 14).min(today);
    let closed = plus(answered, 150).min(today);
    match rng.below(10) {
        // New: waiting for the coordinator.
        0..=2 => {}
        // Declined: the worries fit the local team's own help.
        3 => {
            on(tx, answered);
            tx.finish_evu_referral(
                &coordinator_actor,
                &referral,
                &coordinator.user_id,
                false,
                "De zorgen passen bij de hulp van het buurtteam zelf; overleg met SAVE op locatie",
                answered,
            )
            .await?;
        }
        stage => {
            // Staffed: the regisseur with a SAVE worker, and Veilig Thuis when it brought
            // the report in. SAVE joins on the family's consent.
            let mut workers = vec![f.regisseur.user_id.to_string(), save.user_id.to_string()];
            if let Some(vt) = vt {
                workers.push(vt.user_id.to_string());
            }
            let consented = tx.access_facts(f.id).await?.is_some_and(|facts| {
                facts.consents.iter().any(|c| {
                    c.step == ConsentStep::SaveGuidance
                        && c.organisation_id.as_deref() == Some(save.organisation_id.as_str())
                        && c.in_force(answered)
                })
            });
            if !consented {
                consent(
                    tx,
                    actor,
                    f,
                    ConsentStep::SaveGuidance,
                    Some(save.organisation_id.clone()),
                    "SAVE in de combinatie van het EVU",
                    referred_on,
                )
                .await?;
            }
            on(tx, answered);
            tx.assign_evu_combination(
                &coordinator_actor,
                &referral,
                &coordinator.user_id,
                &workers,
                answered,
            )
            .await?;
            // Recent referrals stay open; older ones have mostly closed by now.
            if stage == 9 || (stage >= 6 && plus(closed, 30) < today) {
                on(tx, closed);
                tx.finish_evu_referral(
                    &coordinator_actor,
                    &referral,
                    &coordinator.user_id,
                    true,
                    "Veiligheid hersteld; het buurtteam gaat verder",
                    closed,
                )
                .await?;
            }
        }
    }
    Ok(true)
}

/// A partner's work handed to a colleague of the same organisation on `day` (SAVE's
/// worker changes): the handover the evaluation counts.
pub async fn hand_over_partner(
    tx: &mut Tx,
    actor: &Actor,
    f: &Family<'_>,
    colleagues: &[Professional],
    day: Option<Date>,
) -> Result<(), StoreError> {
    let Some(day) = day else { return Ok(()) };
    let Some(family) = tx.family(f.id).await? else {
        return Ok(());
    };
    let Some(current) = family.partners().find(|p| {
        colleagues.iter().any(|c| {
            c.user_id.as_str() == p.user_id && c.organisation_id.as_str() == p.organisation_id
        })
    }) else {
        return Ok(());
    };
    let Some(next) = super::people::next_colleague(colleagues, &current.user_id, |c| {
        c.organisation_id.as_str() == current.organisation_id
            && !family.partners().any(|p| p.user_id == c.user_id.as_str())
    }) else {
        return Ok(());
    };
    onward(tx, day);
    tx.add_involvement(
        actor,
        f.id,
        NewInvolvement {
            role: InvolvementRole::Partner,
            organisation_id: next.organisation_id.to_string(),
            user_id: next.user_id.to_string(),
            expertise: current.expertise,
            takes_over: Some(current.id.clone()),
            reason: Some("Werk verdeeld in het team na een wisseling van caseload".into()),
        },
    )
    .await?;
    Ok(())
}

/// The lead handed to a colleague in the same organisation on `day`.
pub async fn hand_over_lead(
    tx: &mut Tx,
    actor: &Actor,
    f: &Family<'_>,
    colleagues: &[Professional],
    day: Date,
) -> Result<(), StoreError> {
    let Some(family) = tx.family(f.id).await? else {
        return Ok(());
    };
    let Some(current) = family.regisseur() else {
        return Ok(());
    };
    let Some(next) = super::people::next_colleague(colleagues, &current.user_id, |c| {
        c.organisation_id.as_str() == current.organisation_id
    }) else {
        return Ok(());
    };
    onward(tx, day);
    tx.add_involvement(
        actor,
        f.id,
        NewInvolvement {
            role: InvolvementRole::Regisseur,
            organisation_id: next.organisation_id.to_string(),
            user_id: next.user_id.to_string(),
            expertise: None,
            takes_over: Some(current.id.clone()),
            reason: Some("Regie overgedragen: de regisseur gaat met verlof".into()),
        },
    )
    .await?;
    Ok(())
}
