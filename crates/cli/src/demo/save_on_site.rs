//! SAVE op locatie in the demo: Eva Mulder (team lead, SAVE team Utrecht-Stad) has
//! Lotte Vermeulen on site on Tuesday mornings at Buurtteam Overvecht and on Thursday
//! afternoons at Buurtteam Zuilen, and had Noor Smit on Friday mornings at Overvecht
//! until three months ago. A year of consultations (anonymous and by name, booked and
//! walk-ins; some leading to SAVE's involvement or a report to Veilig Thuis; some
//! cancelled), and bookings to come: Lotte's next on-site day (today when she is on site
//! today) always has its list.
//!
//! The number of journal entries does not depend on the day the demo runs or on the
//! number of families (a consultation by name adds the family's consent only when there
//! are families), so `--families 0` keeps a fixed count.

use eenplan_domain::{FamilyId, OrganisationId, UserId};
use std::collections::HashMap;

use eenplan_domain::UtcTime;
use eenplan_domain::calendar::Calendar;
use eenplan_domain::family::{ConsentForm, ConsentStep, DataCategory, MemberKind};
use eenplan_domain::save_on_site::{
    ConsultationResult, NextStep, OnSiteDay, PartOfDay, next_on_site_days, on_site_days,
};
use eenplan_store::{
    AdviceInput, Ask, ConsentInput, FamilyQuery, NewSlot, Principal, Store, StoreError, Tx,
};
use jiff::civil::Date;

/// Consultations in the past year, and bookings to come (the first three on Lotte's
/// next on-site day).
const PAST: usize = 48;
const COMING: usize = 8;
const NEXT_DAY: usize = 3;

/// The demo accounts this part needs, by e-mail address.
pub struct People<'a> {
    pub ids: &'a HashMap<String, UserId>,
}

const EVA: &str = "eva.mulder@save.example";
const LOTTE: &str = "lotte.vermeulen@save.example";
const NOOR: &str = "noor.smit@save.example";
const SANNE: &str = "sanne.devries@lokalis.example";
const JOYCE: &str = "joyce.bakker@lokalis.example";
const MOHAMED: &str = "mohamed.elamrani@lokalis.example";

const QUESTIONS: &[&str] = &[
    "Moeder vertelt over harde ruzies waar de kinderen bij zijn. Is dit een situatie om te melden?",
    "Een meisje van 12 verzuimt veel en zegt thuis niet te kunnen slapen. Hoe ga ik het gesprek met de ouders aan?",
    "Vader drinkt als hij somber is; de kinderen zijn dan alleen met hem. Waar liggen de grenzen?",
    "Ouders weigeren hulp bij de schulden en er is weinig eten in huis. Wat is de volgende stap?",
    "Een jongen van 15 heeft een blauw oog en wil niet zeggen hoe dat komt. Wat nu?",
    "Na de scheiding gebruiken de ouders de kinderen in hun ruzie. Hoe bespreek ik de onveiligheid?",
    "De oudste zorgt voor de jongere kinderen omdat moeder overdag slaapt. Hoe weeg ik dat?",
];
const NAMED_QUESTIONS: &[&str] = &[
    "De zorgen nemen toe ondanks de afspraken in het plan: wat is nodig?",
    "Is SAVE-begeleiding hier passend, naast het buurtteam?",
    "Hoe pakken we samen het veiligheidsplan op met dit gezin en hun netwerk?",
];
const CANCEL_REASONS: &[&str] = &[
    "Ouders hebben zelf hulp gezocht; de vraag is vervallen",
    "Vraag al beantwoord in het teamoverleg",
    "Ziek gemeld",
];

/// Advice and next steps that fit the result.
fn advice(result: ConsultationResult, n: usize) -> AdviceInput {
    let step = |what: &str, who: &str| NextStep {
        what: what.to_owned(),
        who: who.to_owned(),
    };
    let (text, steps) = match result {
        ConsultationResult::NoReferral => (
            [
                "Benoem de zorgen concreet en vraag de ouders wat zij nodig hebben om de kinderen veilig te houden.",
                "Maak een veiligheidsplan met het netwerk: wie vangt de kinderen op als het thuis misgaat?",
                "Blijf in gesprek en spreek een vervolgmoment af; weeg daarna opnieuw met het afwegingskader.",
            ][n % 3],
            vec![
                step(
                    "Gesprek met de ouders over de zorgen",
                    "regisseur buurtteam",
                ),
                step("Netwerkberaad organiseren", "regisseur buurtteam"),
            ],
        ),
        ConsultationResult::SaveInvolvement => (
            "SAVE-begeleiding naast het buurtteam is passend: vraag de ouders om toestemming voor die stap.",
            vec![
                step(
                    "Toestemming vragen voor SAVE-begeleiding",
                    "regisseur buurtteam",
                ),
                step(
                    "Kennismaking met het gezin plannen",
                    "SAVE-medewerker op locatie",
                ),
            ],
        ),
        ConsultationResult::VeiligThuisReport => (
            "Dit vraagt om een melding bij Veilig Thuis; bespreek dat vooraf met de ouders, behalve als dat de veiligheid in gevaar brengt.",
            vec![step("Melding bij Veilig Thuis", "regisseur buurtteam")],
        ),
    };
    AdviceInput {
        advice: text.to_owned(),
        next_steps: steps.into_iter().take(1 + n % 2).collect(),
        result,
    }
}

/// splitmix64, as the family generator: the same demo on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn plus(d: Date, days: i64) -> Date {
    d.checked_add(jiff::Span::new().days(days)).unwrap_or(d)
}

fn missing(what: &str) -> StoreError {
    StoreError::NotFound(format!("demo account {what}"))
}

async fn principal(
    tx: &mut Tx,
    ids: &HashMap<String, UserId>,
    email: &str,
) -> Result<Principal, StoreError> {
    let id = ids.get(email).ok_or_else(|| missing(email))?;
    tx.principal(id).await?.ok_or_else(|| missing(email))
}

/// One part-day of the demo schedule with who may ask there.
struct DemoSlot {
    id: String,
    worker: Principal,
    askers: Vec<Principal>,
    days: Vec<Date>,
}

/// A family of the asker's to consult about by name, with its consent recorded for
/// this consultation (from the booking day, until four weeks after the day).
async fn named_family(
    tx: &mut Tx,
    rng: &mut Rng,
    asker: &Principal,
    save_id: &OrganisationId,
    (booked_on, on, today): (Date, Date, Date),
) -> Result<Option<FamilyId>, StoreError> {
    let families = tx
        .search_families(&asker.user_id, None, &FamilyQuery::default())
        .await?;
    if families.is_empty() {
        return Ok(None);
    }
    let id = families[rng.below(families.len())].id.clone();
    let Some(f) = tx.family(&id).await? else {
        return Ok(None);
    };
    let members: Vec<_> = f.members.iter().filter(|m| !m.ended).collect();
    let children: Vec<String> = members
        .iter()
        .filter(|m| m.kind == MemberKind::Child)
        .map(|m| m.id.clone())
        .collect();
    if children.is_empty() {
        return Ok(None);
    }
    let consent = ConsentInput {
        step: ConsentStep::NamedConsultation,
        organisation_id: Some(save_id.clone()),
        purpose: "Overleg op naam met SAVE op locatie".into(),
        categories: vec![DataCategory::Identity],
        children,
        given_by: members.iter().map(|m| m.id.clone()).collect(),
        form: ConsentForm::Spoken,
        given_on: booked_on,
        ends_on: Some(plus(on, 28)),
    };
    // A family that cannot consent this way (no parent with custody registered) is
    // consulted about anonymously instead.
    super::history::on(tx, booked_on);
    match tx
        .record_consent(&asker.actor(), &id, &asker.user_id, &consent, today)
        .await
    {
        Ok(_) => Ok(Some(id.clone())),
        Err(StoreError::Consent(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

pub async fn generate(store: &Store, people: People<'_>, today: Date) -> Result<(), StoreError> {
    let ids = people.ids;
    let cal = Calendar::default();
    let now = UtcTime::now();
    let mut rng = Rng(0x5A7E_0C47);
    let mut tx = store.write().await?;
    let eva = principal(&mut tx, ids, EVA).await?;
    let lotte = principal(&mut tx, ids, LOTTE).await?;
    let noor = principal(&mut tx, ids, NOOR).await?;
    let sanne = principal(&mut tx, ids, SANNE).await?;
    let joyce = principal(&mut tx, ids, JOYCE).await?;
    let mohamed = principal(&mut tx, ids, MOHAMED).await?;
    let (Some(overvecht), Some(zuilen)) = (sanne.team_id.clone(), mohamed.team_id.clone()) else {
        return Err(missing("team of the local professionals"));
    };
    let start = plus(today, -400);
    super::history::on(&mut tx, start);
    let noor_until = plus(today, -90);
    let plan = [
        (
            &lotte,
            &overvecht,
            OnSiteDay::Tuesday,
            PartOfDay::Morning,
            None,
            vec![sanne.clone(), joyce.clone()],
        ),
        (
            &lotte,
            &zuilen,
            OnSiteDay::Thursday,
            PartOfDay::Afternoon,
            None,
            vec![mohamed.clone()],
        ),
        (
            &noor,
            &overvecht,
            OnSiteDay::Friday,
            PartOfDay::Morning,
            Some(noor_until),
            vec![sanne.clone(), joyce.clone()],
        ),
    ];
    let mut slots = Vec::new();
    for (worker, team, day, part, ends, askers) in plan {
        let id = tx
            .add_on_site_slot(
                &eva.actor(),
                &eva,
                &NewSlot {
                    worker_id: worker.user_id.to_string(),
                    team_id: team.clone(),
                    day,
                    part,
                    starts_on: start,
                    ends_on: None,
                },
                now,
            )
            .await?;
        if let Some(end) = ends {
            tx.end_on_site_slot(&eva.actor(), &eva, &id, end, end)
                .await?;
        }
        let slot = tx.on_site_slot(&id).await?.ok_or_else(|| missing("slot"))?;
        slots.push(DemoSlot {
            id,
            worker: worker.clone(),
            askers,
            days: on_site_days(&slot.slot, start, plus(today, -1), &cal),
        });
    }

    // The past year.
    for n in 0..PAST {
        let s = &slots[rng.below(slots.len())];
        let on = s.days[rng.below(s.days.len())];
        let asker = &s.askers[rng.below(s.askers.len())];
        let booked_on = plus(on, -i64::try_from(1 + rng.below(13)).unwrap_or(1)).max(start);
        let walk_in = rng.chance(15);
        let by_name = rng.chance(40);
        let family = if by_name {
            let day = if walk_in { on } else { booked_on };
            named_family(
                &mut tx,
                &mut rng,
                asker,
                &s.worker.organisation_id,
                (day, on, today),
            )
            .await?
        } else {
            None
        };
        let question = match &family {
            Some(_) => NAMED_QUESTIONS[n % NAMED_QUESTIONS.len()],
            None => QUESTIONS[n % QUESTIONS.len()],
        };
        let ask = Ask {
            slot_id: s.id.clone(),
            on,
            family_id: family,
            question: question.to_owned(),
        };
        let result = match rng.below(100) {
            0..65 => ConsultationResult::NoReferral,
            65..87 => ConsultationResult::SaveInvolvement,
            _ => ConsultationResult::VeiligThuisReport,
        };
        let given = advice(result, n);
        if walk_in {
            super::history::on(&mut tx, on);
            let now = tx.now();
            tx.walk_in_on_site(&s.worker.actor(), &s.worker, asker, &ask, &given, on, now)
                .await?;
            continue;
        }
        super::history::on(&mut tx, booked_on);
        let booked_at = tx.now();
        let id = tx
            .book_on_site(&asker.actor(), asker, &ask, booked_on, booked_at)
            .await?;
        super::history::on(&mut tx, on);
        let now = tx.now();
        if rng.chance(12) {
            let reason = CANCEL_REASONS[n % CANCEL_REASONS.len()];
            tx.cancel_on_site(&asker.actor(), asker, &id, reason, now)
                .await?;
        } else {
            tx.record_on_site_advice(&s.worker.actor(), &s.worker, &id, &given, on, now)
                .await?;
        }
    }

    // Back to the real clock: what comes is booked today.
    tx.set_clock(now);
    // To come: Lotte's next on-site day (today if she is on site today) has its list;
    // the rest spreads over her following days.
    let lotte_slots: Vec<&DemoSlot> = slots.iter().take(2).collect();
    let mut coming: Vec<(Date, &DemoSlot)> = Vec::new();
    for s in &lotte_slots {
        let slot = tx
            .on_site_slot(&s.id)
            .await?
            .ok_or_else(|| missing("slot"))?;
        for d in next_on_site_days(&slot.slot, today, 4, &cal) {
            coming.push((d, s));
        }
    }
    coming.sort_by_key(|(d, _)| *d);
    let Some(&(first, first_slot)) = coming.first() else {
        return Err(missing("coming on-site day"));
    };
    for n in 0..COMING {
        let (on, s) = if n < NEXT_DAY {
            (first, first_slot)
        } else {
            coming[1 + rng.below(coming.len() - 1)]
        };
        // One of the next day's list is by name, asked by the families' regisseur.
        let asker = if n == 1 {
            &s.askers[0]
        } else {
            &s.askers[n % s.askers.len()]
        };
        let by_name = n == 1 || rng.chance(30);
        let family = if by_name {
            named_family(
                &mut tx,
                &mut rng,
                asker,
                &s.worker.organisation_id,
                (today, on, today),
            )
            .await?
        } else {
            None
        };
        let question = match &family {
            Some(_) => NAMED_QUESTIONS[n % NAMED_QUESTIONS.len()],
            None => QUESTIONS[(n + 3) % QUESTIONS.len()],
        };
        tx.book_on_site(
            &asker.actor(),
            asker,
            &Ask {
                slot_id: s.id.clone(),
                on,
                family_id: family,
                question: question.to_owned(),
            },
            today,
            now,
        )
        .await?;
    }
    tx.commit().await
}
