//! Synthetic families for the demo: invented people at real addresses' postcodes'
//! shape, spread over the municipalities the demo's local teams serve, each with a
//! regisseur, often partners, a network and a plan. Deterministic (seeded), and written
//! in chunks of one transaction each, so the same code grows to a national-scale data
//! set with a progress bar and bounded memory.

use eenplan_domain::family::{
    ActionStatus, DomainPlan, Expertise, Framework, InvolvementRole, LifeDomain, MemberKind,
    NetworkRelation, NewMember, Plan, PlanAction, Postcode, SafetyGoal, Scale,
};
use eenplan_domain::journal::Actor;
use eenplan_store::{FrameworkInput, NetworkDetails, NewFamily, NewInvolvement, Store, StoreError};
use jiff::civil::Date;

use super::history::{self, Behaviour, on, plus};
use super::names::{ADULT_NAMES, CHILD_NAMES, STREETS, SURNAMES};
use super::people::{Partners, Professional, Rng};
use crate::progress::Progress;

/// A family's place in time: the day its file opened, and the generator's today.
#[derive(Debug, Clone, Copy)]
pub struct Days {
    pub opened: Date,
    pub today: Date,
}

impl Days {
    /// Some day up to `within` days after `from` (at least one), or `None` when that
    /// lies after today: the step has not happened yet.
    pub fn after(self, timing: &mut Rng, from: Date, within: usize) -> Option<Date> {
        let day = plus(from, 1 + i64::try_from(timing.below(within)).unwrap_or(0));
        (day <= self.today).then_some(day)
    }
}

/// Families per transaction: large enough that fsyncs do not dominate, small enough
/// that a reader never waits long for the write lock.
const CHUNK: u64 = 500;

/// Where families live and who leads there.
#[derive(Debug, Clone)]
pub struct Region {
    pub city: &'static str,
    pub postcode_prefix: u16,
    /// How many four-digit postcodes from the prefix the town spans.
    pub postcode_span: usize,
    pub area_id: Option<String>,
    /// Neighbourhoods within the town some families live in (the EVU's, for Utrecht),
    /// as (name, area id).
    pub neighbourhoods: Vec<(String, String)>,
    pub regisseurs: Vec<Professional>,
}

const WORRIES: &[&str] = &[
    "Harde ruzies tussen de ouders waar de kinderen bij zijn",
    "Moeder drinkt veel als ze somber is",
    "De kinderen komen vaak te laat of niet op school",
    "Er zijn oplopende schulden en de huur is al twee maanden niet betaald",
    "Vader raakt snel geïrriteerd en slaat dan met deuren",
    "De oudste zorgt veel voor de jongere kinderen",
    "Er is weinig eten in huis aan het eind van de maand",
];
const DANGER: &[&str] = &[
    "Als de ruzies doorgaan, lopen de kinderen kans op emotionele schade en raken ze betrokken bij geweld",
    "Als er niets verandert, kan de oudste uitvallen op school",
];
const WORKING_WELL: &[&str] = &[
    "Oma haalt de kinderen elke dag van school",
    "De ouders willen allebei dat het beter gaat",
    "De kinderen zijn gehecht aan hun juf",
    "Moeder heeft een vaste baan",
    "De buurvrouw is een vertrouwd adres voor de kinderen",
];
const NEEDS: &[&str] = &[
    "Een afspraak over wie de kinderen opvangt als het thuis misgaat",
    "Hulp bij de schulden",
    "Ouders leren ruzie maken zonder dat de kinderen erbij zijn",
    "Een vast ritme rond naar bed gaan en naar school gaan",
];
const GOALS: &[&str] = &[
    "De kinderen zijn er nooit meer bij als de ouders ruzie hebben",
    "Er is elke dag genoeg eten in huis",
    "De kinderen gaan elke dag op tijd naar school",
];
const CONDITIONS: &[&str] = &[
    "Bij oplopende spanning belt vader zijn broer en gaat hij een rondje lopen",
    "Oma is het noodadres voor de kinderen",
    "De ouders nemen deel aan de gesprekken met het buurtteam",
];
const SAFETY_ROLES: &[&str] = &[
    "Noodadres voor de kinderen",
    "Haalt de kinderen van school",
    "Belt moeder elke avond",
    "Past op in het weekend",
];

/// Generates families `range` of `count` (their place in the history), through the
/// store's own commands; returns how many were made.
pub async fn generate(
    store: &Store,
    (range, count): (std::ops::Range<u64>, u64),
    regions: &[Region],
    partners: &Partners,
    today: Date,
) -> Result<u64, StoreError> {
    let actor = Actor::System { component: "demo" };
    let mut rng = Rng(0x0EE4_91A4);
    let mut progress = Progress::new("families", range.end - range.start);
    let mut made = range.start;
    while made < range.end {
        let chunk = CHUNK.min(range.end - made);
        let mut tx = store.write().await?;
        for _ in 0..chunk {
            let opened = history::opened_on(made, count, today);
            let when = Days { opened, today };
            one_family(&mut tx, &actor, &mut rng, regions, partners, when, made).await?;
            made += 1;
        }
        tx.commit().await?;
        progress.advance(chunk);
    }
    progress.finish();
    Ok(made - range.start)
}

async fn one_family(
    tx: &mut eenplan_store::Tx,
    actor: &Actor,
    rng: &mut Rng,
    regions: &[Region],
    partners: &Partners,
    when: Days,
    n: u64,
) -> Result<(), StoreError> {
    let Days { opened, today } = when;
    // Timing draws come from their own sequence, so the families' content is the same
    // whatever the dates.
    let mut timing = Rng(0x71AE_5EED ^ n.wrapping_mul(0x9E37_79B9));
    on(tx, opened);
    let region = rng.pick(regions);
    let surname = *rng.pick(SURNAMES);
    let letters = b"ABCDEGHJKLMNPRTVWXZ";
    let postcode = format!(
        "{} {}{}",
        region.postcode_prefix + u16::try_from(rng.below(region.postcode_span)).unwrap_or(0),
        char::from(letters[rng.below(letters.len())]),
        char::from(letters[rng.below(letters.len())])
    );
    let postcode = Postcode::parse(&postcode).map_err(|e| StoreError::Invalid(e.to_string()))?;
    let regisseur = rng.pick(&region.regisseurs).clone();
    let hood = (!region.neighbourhoods.is_empty() && rng.chance(30))
        .then(|| rng.pick(&region.neighbourhoods).clone());
    let b: Behaviour = history::behaviour(
        hood.as_ref().map_or(region.city, |(name, _)| name.as_str()),
        opened,
    );
    let hood = hood.map(|(_, id)| id);
    let id = tx
        .open_family(
            actor,
            NewFamily {
                label: format!("Gezin {surname}"),
                street: (*rng.pick(STREETS)).to_owned(),
                house_number: (1 + rng.below(240) + usize::try_from(n % 7).unwrap_or(0))
                    .to_string(),
                postcode,
                city: region.city.to_owned(),
                area_id: hood.clone().or_else(|| region.area_id.clone()),
            },
            &regisseur.user_id,
            &regisseur.organisation_id,
        )
        .await?;
    let mut member_ids = Vec::new();
    let mut first_child: Option<(String, Date)> = None;
    for _ in 0..=rng.below(3) {
        let age_days = i64::try_from(365 + rng.below(16 * 365)).unwrap_or(365);
        let dob = opened
            .checked_sub(jiff::Span::new().days(age_days))
            .unwrap_or(opened);
        let name = format!("{} {surname}", rng.pick(CHILD_NAMES));
        if first_child.is_none() {
            first_child = Some((name.clone(), dob));
        }
        member_ids.push(
            tx.add_member(
                actor,
                &id,
                NewMember {
                    kind: MemberKind::Child,
                    name,
                    date_of_birth: Some(dob),
                    has_custody: false,
                },
                opened,
            )
            .await?,
        );
    }
    let children = member_ids.clone();
    let first_child = first_child.unwrap_or_default();
    for parent in 0..=rng.below(2) {
        let name = format!("{} {surname}", rng.pick(ADULT_NAMES));
        // Most families have at least one parent with custody; a second parent often.
        let custody = parent == 0 || rng.chance(70);
        member_ids.push(
            tx.add_member(
                actor,
                &id,
                NewMember {
                    kind: MemberKind::Parent,
                    name,
                    date_of_birth: None,
                    has_custody: custody,
                },
                opened,
            )
            .await?,
        );
    }
    for _ in 0..rng.below(3) {
        let relation = *rng.pick(&[
            NetworkRelation::Family,
            NetworkRelation::Friend,
            NetworkRelation::Neighbour,
        ]);
        let name = format!("{} {}", rng.pick(ADULT_NAMES), rng.pick(SURNAMES));
        let details = NetworkDetails {
            name,
            relation,
            safety_role: (*rng.pick::<&str>(SAFETY_ROLES)).to_owned(),
            contact: "06-00000000".to_owned(),
        };
        tx.add_network_member(actor, &id, &details).await?;
    }
    // Specialists join in parallel: SAVE often, others sometimes.
    let join = async |pool: &[Professional],
                      expertise: Option<Expertise>,
                      tx: &mut eenplan_store::Tx|
           -> Result<(), StoreError> {
        if let Some(p) = pool.first() {
            let p = pool
                .get(usize::try_from(n).unwrap_or(0) % pool.len())
                .unwrap_or(p);
            tx.add_involvement(
                actor,
                &id,
                NewInvolvement {
                    role: InvolvementRole::Partner,
                    organisation_id: p.organisation_id.to_string(),
                    user_id: p.user_id.to_string(),
                    expertise,
                    takes_over: None,
                    reason: None,
                },
            )
            .await?;
        }
        Ok(())
    };
    let chosen = |pool: &[Professional]| {
        pool.get(usize::try_from(n).unwrap_or(0) % pool.len().max(1))
            .map(|p| p.organisation_id.clone())
    };
    // The plan first: SAVE-begeleiding writes its goals into it.
    let drafted = when.after(&mut timing, opened, b.days_to_plan);
    let agreed = drafted.and_then(|d| when.after(&mut timing, d, b.days_to_agreement));
    let drafted = drafted.filter(|_| rng.chance(85));
    if let Some(drafted) = drafted {
        let plan = plan(rng, drafted, today);
        on(tx, drafted);
        tx.save_plan(actor, &regisseur.user_id, &id, 0, &plan)
            .await?;
        if let Some(agreed) = agreed.filter(|_| rng.chance(60)) {
            on(tx, agreed);
            // Everyone the consent age rule asks, per child (a family without a
            // custodian for a young child cannot agree yet).
            match tx.who_agrees(&id).await {
                Ok(agreeing) => {
                    tx.agree_plan(actor, &regisseur.user_id, &id, 1, &agreeing)
                        .await?;
                    // Every third agreed plan is also on file as signed on paper (no
                    // draw of the generator, so the rest of the data set stays as it was).
                    if n.is_multiple_of(3) {
                        super::documents::signed_plan(tx, actor, &regisseur.user_id, &id, 1)
                            .await?;
                    }
                }
                Err(StoreError::Agreement(_)) => {}
                Err(e) => return Err(e),
            }
        }
    }
    let (first_child, first_birth) = first_child;
    let family = super::chain::Family {
        id: &id,
        regisseur: &regisseur,
        children: &children,
        members: &member_ids,
        child: (&first_child, first_birth),
    };
    // SAVE-begeleiding on the family's consent, in every stage.
    let guided = rng.chance(b.save_guidance);
    // SAVE-begeleiding writes its goals into the plan, so it starts once there is one:
    // never on a day before the plan was drafted (the store checks the plan's review
    // date against the day it is saved).
    let help_starts = when
        .after(&mut timing, opened, b.days_to_help)
        .map(|day| drafted.map_or(day, |d| day.max(d)));
    if guided
        && let Some(started) = help_starts
        && let Some(save) = partners
            .save
            .get(usize::try_from(n).unwrap_or(0) % partners.save.len().max(1))
    {
        super::chain::save_guidance(tx, actor, rng, &family, save, (started, today)).await?;
        if timing.chance(b.partner_handover) {
            let day = when.after(&mut timing, started, 120);
            super::chain::hand_over_partner(tx, actor, &family, &partners.save, day).await?;
        }
    }

    // A night-time emergency now and then, for the privacy officer to review.
    if rng.chance(2)
        && let Some(vt) = partners.veilig_thuis.first()
    {
        let day = when.after(&mut timing, opened, 200).unwrap_or(opened);
        on(tx, day);
        let at = tx.now();
        tx.break_glass(
            actor,
            &id,
            (&vt.user_id, &vt.organisation_id),
            "Politie belt 's nachts: kind alleen thuis aangetroffen",
            false,
            at,
        )
        .await?;
    }
    // Veilig Thuis and WSS work on a legal basis: an investigation or a court order.
    let legal = if guided {
        None
    } else if rng.chance(12) {
        Some((
            Framework::VeiligThuis,
            &partners.veilig_thuis,
            "Melding in onderzoek bij Veilig Thuis",
        ))
    } else if rng.chance(6) {
        Some((
            Framework::CourtOrder,
            &partners.wss,
            "Ondertoezichtstelling uitgesproken door de kinderrechter",
        ))
    } else {
        None
    };
    let legal_on = when.after(&mut timing, opened, 240);
    if let Some((framework, pool, ground)) = legal
        && let Some(org) = chosen(pool)
        && let Some(legal_on) = legal_on
    {
        on(tx, legal_on);
        tx.change_framework(
            actor,
            &id,
            &FrameworkInput {
                framework,
                organisation_id: Some(org),
                ground: ground.to_owned(),
                effective_on: legal_on,
            },
            legal_on,
        )
        .await?;
        join(pool, None, tx).await?;
    }
    // The EVU for some families in its neighbourhoods.
    // Only a file in the voluntary framework: Veilig Thuis's report puts it under its
    // own legal task, which a court order already in place would not let it do.
    let voluntary = legal.is_none();
    if hood.is_some() && rng.chance(80) {
        super::chain::evu(
            tx,
            actor,
            rng,
            &family,
            partners,
            (opened, today),
            voluntary,
        )
        .await?;
    }
    // The lead changes hands now and then (leave, a move, a caseload shared out).
    if timing.chance(b.lead_handover)
        && let Some(day) = when.after(&mut timing, opened, 365)
    {
        super::chain::hand_over_lead(tx, actor, &family, &region.regisseurs, day).await?;
    }
    close_and_reopen(tx, actor, &mut timing, &id, when).await
}

/// Once the family's last step lies behind it, its file closes now and then (the
/// domain refuses while help still runs: then it stays open), and a few reopen.
async fn close_and_reopen(
    tx: &mut eenplan_store::Tx,
    actor: &Actor,
    timing: &mut Rng,
    id: &eenplan_domain::FamilyId,
    when: Days,
) -> Result<(), StoreError> {
    let c = history::CLOSING;
    if !timing.chance(c.closes) {
        return Ok(());
    }
    let last = tx
        .timeline(id)
        .await?
        .iter()
        .filter_map(|e| eenplan_domain::UtcTime::parse(&e.recorded_at).ok())
        .max()
        .map_or(when.opened, eenplan_domain::time::amsterdam_date);
    let Some(day) = when.after(timing, last, c.within_days) else {
        return Ok(());
    };
    on(tx, day);
    let (reason, note) = history::closing_reason(timing.below(100));
    match tx
        .close_file(actor, id, Some(reason), note.unwrap_or_default())
        .await
    {
        Ok(closed_on) => {
            if timing.chance(c.reopens)
                && let Some(day) = when.after(timing, closed_on, c.reopen_within_days)
            {
                on(tx, day);
                tx.reopen_file(actor, id, history::REOPEN_REASON).await?;
            }
            Ok(())
        }
        // Help still runs (a legal framework, SAVE-begeleiding, the EVU, the Raad).
        Err(StoreError::Closing(_)) => Ok(()),
        Err(e) => Err(e),
    }
}

fn some(rng: &mut Rng, items: &[&str], max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for _ in 0..=rng.below(max) {
        let item = (*rng.pick(items)).to_owned();
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

pub(super) fn plan(rng: &mut Rng, drafted: Date, today: Date) -> Plan {
    // Reviews and actions lie up to a few months after the draft; many of them in the
    // past by today: overdue work for the start page.
    let days = |d: i64| plus(drafted, d).max(drafted).min(plus(today, 365));
    let review = days(i64::try_from(rng.below(150)).unwrap_or(0));
    let statuses = [
        ActionStatus::Planned,
        ActionStatus::Underway,
        ActionStatus::Done,
    ];
    Plan {
        worries: some(rng, WORRIES, 2),
        danger_statements: some(rng, DANGER, 0),
        working_well: some(rng, WORKING_WELL, 2),
        needs_to_happen: some(rng, NEEDS, 2),
        safety_goals: some(rng, GOALS, 1)
            .into_iter()
            .map(SafetyGoal::from)
            .collect(),
        scales: vec![
            Scale {
                who: "ouders".into(),
                score: u8::try_from(2 + rng.below(6)).unwrap_or(5),
                on: None,
            },
            Scale {
                who: "regisseur".into(),
                score: u8::try_from(2 + rng.below(5)).unwrap_or(4),
                on: None,
            },
        ],
        family_score: u8::try_from(3 + rng.below(5)).ok(),
        domains: vec![DomainPlan {
            domain: *rng.pick(&[
                LifeDomain::Income,
                LifeDomain::School,
                LifeDomain::Safety,
                LifeDomain::Housing,
            ]),
            goals: some(rng, GOALS, 0),
            actions: vec![PlanAction {
                who: "regisseur".into(),
                what: (*rng.pick(NEEDS)).to_owned(),
                due: Some(days(i64::try_from(rng.below(90)).unwrap_or(0) - 20)),
                status: *rng.pick(&statuses),
            }],
        }],
        conditions: some(rng, CONDITIONS, 1),
        review_date: Some(review),
    }
}

/// Veilig Thuis's intake over the past weeks: advice requests, reports awaiting their
/// assessment (some overdue, some acute), and assessed ones with each outcome, so the
/// work list and the radar have something to show.
pub async fn veilig_thuis_contacts(
    store: &Store,
    partners: &Partners,
    families: u64,
) -> Result<(), StoreError> {
    use eenplan_domain::veilig_thuis::{ContactKind, Outcome, Reporter};
    let Some(vt) = partners.veilig_thuis.first() else {
        return Ok(());
    };
    let actor = Actor::User {
        user_id: vt.user_id.to_string(),
        organisation_id: vt.organisation_id.to_string(),
    };
    let mut rng = Rng(0x007E_111D);
    let now = eenplan_domain::UtcTime::now();
    let count = (families / 8).clamp(12, 60);
    let mut tx = store.write().await?;
    for n in 0..count {
        let days_ago = i64::try_from(rng.below(21)).unwrap_or(0);
        let at = eenplan_domain::UtcTime::from_timestamp(
            now.timestamp() - jiff::SignedDuration::from_hours(24 * days_ago + 1),
        );
        let advice = rng.chance(20);
        let child = format!("{} {}", rng.pick(CHILD_NAMES), rng.pick(SURNAMES));
        let born = Date::new(
            2008 + i16::try_from(rng.below(16)).unwrap_or(0),
            1 + i8::try_from(rng.below(12)).unwrap_or(0),
            1 + i8::try_from(rng.below(28)).unwrap_or(0),
        )
        .unwrap_or_default();
        let contact = eenplan_store::NewContact {
            kind: if advice {
                ContactKind::AdviceRequest
            } else {
                ContactKind::Report
            },
            acute: !advice && rng.chance(10),
            reporter: (!advice).then(|| *rng.pick(Reporter::ALL)),
            reporter_name: String::new(),
            reporter_contact: String::new(),
            child_name: if advice { String::new() } else { child },
            child_birth: (!advice).then_some(born),
            more_children: Vec::new(),
            postcode: None,
            house_number: String::new(),
            received_at: None,
            concern: (*rng.pick(&[
                "Kind vertelt op school dat het thuis bang is",
                "Buren horen regelmatig harde ruzies en gehuil",
                "Politie werd geroepen na huiselijk geweld",
                "Huisarts ziet verwondingen die niet passen bij het verhaal",
                "Vraag van een leerkracht hoe te handelen bij vermoedens",
            ]))
            .to_owned(),
        };
        tx.set_clock(at);
        let (id, _) = tx
            .receive_contact(&actor, &vt.organisation_id, &vt.user_id, &contact, at)
            .await?;
        // The older half of the reports has been assessed.
        if !advice && days_ago > 10 && n % 3 != 0 {
            let outcome = *rng.pick(&[
                Outcome::Close,
                Outcome::HandToLocalTeam,
                Outcome::ConditionsAndFollowUp,
                Outcome::AskRvdk,
            ]);
            let assessed_on = eenplan_domain::time::amsterdam_date(at)
                .checked_add(jiff::Span::new().days(3))
                .unwrap_or_default();
            let follow_up = (outcome == Outcome::HandToLocalTeam).then(|| {
                assessed_on
                    .checked_add(
                        jiff::Span::new().days(14 + i64::try_from(rng.below(28)).unwrap_or(0)),
                    )
                    .unwrap_or_default()
            });
            on(&mut tx, assessed_on);
            tx.assess_contact(
                &actor,
                &vt.organisation_id,
                &id,
                &vt.user_id,
                &eenplan_store::AssessmentInput {
                    outcome,
                    follow_up_on: follow_up,
                    findings: "Gesprekken met ouders en school",
                    reasoning: "Afgewogen naar de veiligheid van het kind",
                },
                assessed_on,
            )
            .await?;
        }
    }
    tx.commit().await
}
