//! SAVE op locatie on every backend: the schedule with its clash rule, bookings
//! anonymous and by name, the worker's day list, the advice, cancelling, walk-ins and
//! ending a part-day; refusals leave nothing, the journal carries no question or advice.

use eenplan_domain::{FamilyId, OrganisationId, UserId};
use eenplan_domain::UtcTime;
use eenplan_domain::family::{ConsentForm, ConsentStep, DataCategory};
use eenplan_domain::journal::Actor;
use eenplan_domain::role::Role;
use eenplan_domain::save_on_site::{
    ConsultationResult, ConsultationState, NextStep, OnSiteDay, OnSiteError, PartOfDay,
};
use eenplan_domain::totp::TotpSecret;
use eenplan_domain::user::{Email, PersonName};
use eenplan_store::{
    AdviceInput, Ask, ConsentInput, NewSlot, NewTeam, NewUser, Principal, Store, StoreError,
};
use jiff::civil::{Date, date};

use crate::family::{actor, open, people};
use crate::support::TestDb;

/// Monday 23 November 2026.
fn today() -> Date {
    date(2026, 11, 23)
}

fn tuesday() -> Date {
    date(2026, 11, 24)
}

async fn principal(store: &Store, user_id: &UserId) -> Principal {
    store
        .read()
        .await
        .unwrap()
        .principal(user_id)
        .await
        .unwrap()
        .unwrap()
}

fn refused(e: StoreError) -> OnSiteError {
    match e {
        StoreError::SaveOnSite(e) => e,
        other => panic!("expected an on-site rule's refusal, got {other:?}"),
    }
}

async fn consultations(store: &Store) -> i64 {
    store
        .read()
        .await
        .unwrap()
        .fetch_one("SELECT COUNT(*) FROM save_consultations", vec![])
        .await
        .unwrap()
        .int(0)
        .unwrap()
}

fn advice(steps: &[(&str, &str)], result: ConsultationResult) -> AdviceInput {
    AdviceInput {
        advice: "Bespreek de zorgen open met moeder; maak samen een veiligheidsplan.".into(),
        next_steps: steps
            .iter()
            .map(|(what, who)| NextStep {
                what: (*what).into(),
                who: (*who).into(),
            })
            .collect(),
        result,
    }
}

pub async fn save_on_site_schedule_bookings_advice_and_walk_ins(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let family = open(&store, &p, "Gezin Jansen", "12").await;
    let now = UtcTime::now();
    // Eva leads a SAVE team; Zuilen is a second local team; a SAVE team is no place
    // for "op locatie".
    let mut tx = store.write().await.unwrap();
    let lokalis = p.sanne.1.clone();
    let save = p.thomas.1.clone();
    let zuilen = tx
        .create_team(
            &actor(),
            NewTeam {
                organisation_id: lokalis.clone(),
                name: "Buurtteam Zuilen".into(),
                area_id: None,
            },
        )
        .await
        .unwrap()
        .id;
    let save_team = tx
        .create_team(
            &actor(),
            NewTeam {
                organisation_id: save.clone(),
                name: "SAVE team Utrecht-Stad".into(),
                area_id: None,
            },
        )
        .await
        .unwrap()
        .id;
    let mut user = async |email: &str, org: &OrganisationId, role: Role| {
        tx.create_user(
            &actor(),
            NewUser {
                email: Email::parse(email).unwrap(),
                name: PersonName::parse(email.split('@').next().unwrap()).unwrap(),
                organisation_id: org.clone(),
                team_id: Some(save_team.clone()),
                roles: vec![role],
                password_hash: "-".into(),
                totp_secret: TotpSecret::from_bytes([1; 20]),
            },
        )
        .await
        .unwrap()
        .id
    };
    let eva = user("eva@save.example", &save, Role::TeamLead).await;
    let gone = user("oud@save.example", &save, Role::Professional).await;
    tx.deactivate_user(&actor(), &gone).await.unwrap();
    tx.commit().await.unwrap();
    let (eva, thomas, sanne, mohamed, joyce) = (
        principal(&store, &eva).await,
        principal(&store, &p.thomas.0).await,
        principal(&store, &p.sanne.0).await,
        principal(&store, &p.mohamed.0).await,
        principal(&store, &p.joyce.0).await,
    );
    let eva_acts = Actor::User {
        user_id: eva.user_id.to_string(),
        organisation_id: save.to_string(),
    };

    // The schedule: Thomas on Tuesday mornings at Buurtteam Overvecht.
    let slot = |worker: &str, team: &str| NewSlot {
        worker_id: worker.to_owned(),
        team_id: team.to_owned(),
        day: OnSiteDay::Tuesday,
        part: PartOfDay::Morning,
        starts_on: date(2026, 1, 6),
        ends_on: None,
    };
    let mut tx = store.write().await.unwrap();
    let overvecht = tx
        .add_on_site_slot(
            &eva_acts,
            &eva,
            &slot(thomas.user_id.as_str(), &p.overvecht_team),
            now,
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    for (by, new, expected) in [
        (
            &thomas,
            slot(thomas.user_id.as_str(), &zuilen),
            OnSiteError::NotTeamLead,
        ),
        (
            &eva,
            slot(thomas.user_id.as_str(), &zuilen),
            OnSiteError::WorkerDoubleBooked,
        ),
        (
            &eva,
            slot(sanne.user_id.as_str(), &zuilen),
            OnSiteError::WorkerNotOurs,
        ),
        (&eva, slot("niemand", &zuilen), OnSiteError::WorkerNotOurs),
        (&eva, slot(gone.as_str(), &zuilen), OnSiteError::WorkerInactive),
        (
            &eva,
            NewSlot {
                part: PartOfDay::Afternoon,
                ..slot(thomas.user_id.as_str(), &save_team)
            },
            OnSiteError::NotLocalTeam,
        ),
        (
            &eva,
            NewSlot {
                part: PartOfDay::Afternoon,
                ends_on: Some(date(2026, 1, 5)),
                ..slot(thomas.user_id.as_str(), &zuilen)
            },
            OnSiteError::EndBeforeStart,
        ),
    ] {
        let mut tx = store.write().await.unwrap();
        let err = tx
            .add_on_site_slot(&eva_acts, by, &new, now)
            .await
            .unwrap_err();
        assert_eq!(refused(err), expected);
    }
    // The afternoon at Zuilen is fine.
    let mut tx = store.write().await.unwrap();
    let afternoon = tx
        .add_on_site_slot(
            &eva_acts,
            &eva,
            &NewSlot {
                part: PartOfDay::Afternoon,
                ..slot(thomas.user_id.as_str(), &zuilen)
            },
            now,
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    let schedule = r.on_site_slots_of_organisation(&save).await.unwrap();
    assert_eq!(
        schedule.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        [overvecht.as_str(), afternoon.as_str()],
        "by team name; refused slots left nothing"
    );
    assert_eq!(schedule[0].team_name, "Buurtteam Overvecht");
    assert_eq!(schedule[0].worker_name, "thomas");
    assert_eq!(
        r.on_site_slots_at_team(&p.overvecht_team)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        r.on_site_slots_of_worker(&thomas.user_id)
            .await
            .unwrap()
            .len(),
        2
    );
    drop(r);

    // Bookings: Sanne (Buurtteam Overvecht) books Tuesday, anonymously.
    let sanne_acts = Actor::User {
        user_id: sanne.user_id.to_string(),
        organisation_id: lokalis.to_string(),
    };
    let ask = |on: Date, family: Option<&FamilyId>, question: &str| Ask {
        slot_id: overvecht.clone(),
        on,
        family_id: family.cloned(),
        question: question.to_owned(),
    };
    let question = "Moeder vertelt over harde ruzies waar de kinderen bij zijn: wanneer melden?";
    let mut tx = store.write().await.unwrap();
    let anonymous = tx
        .book_on_site(
            &sanne_acts,
            &sanne,
            &ask(tuesday(), None, question),
            today(),
            now,
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    for (by, ask, expected) in [
        (
            &mohamed,
            ask(tuesday(), None, question),
            OnSiteError::NotOfThisTeam,
        ),
        (
            &sanne,
            ask(date(2026, 11, 25), None, question),
            OnSiteError::NotAnOnSiteDay,
        ),
        (
            &sanne,
            ask(date(2026, 11, 17), None, question),
            OnSiteError::DateInPast,
        ),
        (
            &sanne,
            ask(tuesday(), None, "Gezin op 3562 JW"),
            OnSiteError::QuestionIdentifying,
        ),
        (
            &sanne,
            ask(tuesday(), None, " "),
            OnSiteError::QuestionNeeded,
        ),
        (
            &sanne,
            ask(tuesday(), Some(&family), question),
            OnSiteError::ConsentNeeded,
        ),
    ] {
        let mut tx = store.write().await.unwrap();
        let err = tx
            .book_on_site(&sanne_acts, by, &ask, today(), now)
            .await
            .unwrap_err();
        assert_eq!(refused(err), expected);
    }
    assert_eq!(consultations(&store).await, 1, "refusals left nothing");

    // By name once the family consents to a named consultation with SAVE.
    let f = store
        .read()
        .await
        .unwrap()
        .family(&family)
        .await
        .unwrap()
        .unwrap();
    let mut tx = store.write().await.unwrap();
    assert!(
        tx.on_site_named_candidates(&save, &p.overvecht_team, tuesday())
            .await
            .unwrap()
            .is_empty()
    );
    let consent = tx
        .record_consent(
            &actor(),
            &family,
            &sanne.user_id,
            &ConsentInput {
                step: ConsentStep::NamedConsultation,
                organisation_id: Some(save.clone()),
                purpose: "Overleg op naam met SAVE op locatie".into(),
                categories: vec![DataCategory::Identity],
                children: vec![f.members[0].id.clone()],
                given_by: vec![f.members[1].id.clone()],
                form: ConsentForm::Spoken,
                given_on: today(),
                ends_on: None,
            },
            today(),
        )
        .await
        .unwrap();
    assert_eq!(
        tx.on_site_named_candidates(&save, &p.overvecht_team, tuesday())
            .await
            .unwrap(),
        [(
            family.clone(),
            "Gezin Jansen".to_owned(),
            vec![sanne.user_id.clone()]
        )],
        "whom the worker may record a walk-in about by name, and with whom"
    );
    let named = tx
        .book_on_site(
            &sanne_acts,
            &sanne,
            &ask(
                tuesday(),
                Some(&family),
                "Gezin Jansen aan de Zamenhofdreef 12",
            ),
            today(),
            now,
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();

    // Thomas's list for Tuesday: both, in booking order; only the named one has a file.
    let mut r = store.read().await.unwrap();
    let day = r.on_site_day(&thomas.user_id, tuesday()).await.unwrap();
    assert_eq!(
        day.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        [anonymous.as_str(), named.as_str()]
    );
    assert_eq!(
        (
            day[0].family_label.as_deref(),
            day[1].family_label.as_deref()
        ),
        (None, Some("Gezin Jansen"))
    );
    assert_eq!(day[0].state, ConsultationState::Booked);
    assert_eq!(
        (day[0].asked_by_name.as_str(), day[0].team_name.as_str()),
        ("sanne", "Buurtteam Overvecht")
    );
    assert!(
        r.on_site_day(&thomas.user_id, date(2026, 12, 1))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        r.on_site_asked_by(&sanne.user_id, today())
            .await
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        r.on_site_booked_counts(&p.overvecht_team, today(), date(2026, 12, 31))
            .await
            .unwrap()
            .get(&(overvecht.clone(), tuesday())),
        Some(&2)
    );
    assert!(
        r.on_site_consultation(&anonymous, &joyce.user_id)
            .await
            .unwrap()
            .is_none(),
        "only the worker and the asker read it"
    );
    drop(r);

    // The advice: only Thomas, only from Tuesday, once.
    let thomas_acts = Actor::User {
        user_id: thomas.user_id.to_string(),
        organisation_id: save.to_string(),
    };
    let given = advice(
        &[
            ("Gesprek met moeder over de ruzies", "Sanne (buurtteam)"),
            ("Meedenken bij het veiligheidsplan", "SAVE"),
        ],
        ConsultationResult::NoReferral,
    );
    for (by, on, expected) in [
        (&sanne, tuesday(), Some(OnSiteError::NotTheWorker)),
        (&thomas, today(), Some(OnSiteError::NotYetHeld(tuesday()))),
        (&joyce, tuesday(), None),
    ] {
        let mut tx = store.write().await.unwrap();
        let err = tx
            .record_on_site_advice(&thomas_acts, by, &anonymous, &given, on, now)
            .await
            .unwrap_err();
        match expected {
            Some(e) => assert_eq!(refused(err), e),
            None => assert!(matches!(err, StoreError::NotFound(_)), "{err:?}"),
        }
    }
    let mut tx = store.write().await.unwrap();
    let half = advice(&[("Melden", " ")], ConsultationResult::NoReferral);
    assert_eq!(
        refused(
            tx.record_on_site_advice(&thomas_acts, &thomas, &anonymous, &half, tuesday(), now)
                .await
                .unwrap_err()
        ),
        OnSiteError::StepIncomplete(1)
    );
    drop(tx);
    let mut tx = store.write().await.unwrap();
    tx.record_on_site_advice(&thomas_acts, &thomas, &anonymous, &given, tuesday(), now)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.write().await.unwrap();
    assert_eq!(
        refused(
            tx.record_on_site_advice(&thomas_acts, &thomas, &anonymous, &given, tuesday(), now)
                .await
                .unwrap_err()
        ),
        OnSiteError::AlreadyHeld
    );
    drop(tx);
    let held = store
        .read()
        .await
        .unwrap()
        .on_site_consultation(&anonymous, &sanne.user_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(held.state, ConsultationState::Held);
    assert_eq!(held.result, Some(ConsultationResult::NoReferral));
    assert_eq!(held.next_steps, given.next_steps, "in their order");
    assert!(held.advice.starts_with("Bespreek de zorgen"));

    // The family withdraws its consent: the named consultation cannot be held by name.
    let mut tx = store.write().await.unwrap();
    tx.withdraw_consent(
        &actor(),
        &family,
        &consent,
        &sanne.user_id,
        "Moeder wil niet dat SAVE haar naam kent",
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.write().await.unwrap();
    assert_eq!(
        refused(
            tx.record_on_site_advice(&thomas_acts, &thomas, &named, &given, tuesday(), now)
                .await
                .unwrap_err()
        ),
        OnSiteError::ConsentNeeded
    );
    assert!(
        tx.on_site_named_candidates(&save, &p.overvecht_team, tuesday())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        refused(
            tx.cancel_on_site(&sanne_acts, &sanne, &named, " ", now)
                .await
                .unwrap_err()
        ),
        OnSiteError::ReasonNeeded
    );
    assert!(matches!(
        tx.cancel_on_site(&sanne_acts, &joyce, &named, "x", now)
            .await
            .unwrap_err(),
        StoreError::NotFound(_)
    ));
    tx.cancel_on_site(&sanne_acts, &sanne, &named, "Toestemming ingetrokken", now)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.write().await.unwrap();
    for e in [
        tx.cancel_on_site(&sanne_acts, &sanne, &named, "nog eens", now)
            .await
            .unwrap_err(),
        tx.record_on_site_advice(&thomas_acts, &thomas, &named, &given, tuesday(), now)
            .await
            .unwrap_err(),
    ] {
        assert_eq!(refused(e), OnSiteError::AlreadyCancelled);
    }
    assert_eq!(
        refused(
            tx.cancel_on_site(&sanne_acts, &sanne, &anonymous, "te laat", now)
                .await
                .unwrap_err()
        ),
        OnSiteError::AlreadyHeld
    );
    drop(tx);
    let mut r = store.read().await.unwrap();
    let history = r.family_on_site_consultations(&family).await.unwrap();
    assert_eq!(
        (history.len(), history[0].state),
        (1, ConsultationState::Cancelled)
    );
    assert_eq!(history[0].cancel_reason, "Toestemming ingetrokken");
    drop(r);

    // A walk-in last Tuesday, recorded by Thomas today: held at once.
    let vt = advice(
        &[("Melding bij Veilig Thuis", "Sanne (buurtteam)")],
        ConsultationResult::VeiligThuisReport,
    );
    let mut tx = store.write().await.unwrap();
    assert_eq!(
        refused(
            tx.walk_in_on_site(
                &thomas_acts,
                &sanne,
                &sanne,
                &ask(date(2026, 11, 17), None, question),
                &vt,
                today(),
                now,
            )
            .await
            .unwrap_err()
        ),
        OnSiteError::NotTheWorker
    );
    assert_eq!(
        refused(
            tx.walk_in_on_site(
                &thomas_acts,
                &thomas,
                &mohamed,
                &ask(date(2026, 11, 17), None, question),
                &vt,
                today(),
                now,
            )
            .await
            .unwrap_err()
        ),
        OnSiteError::NotOfThisTeam
    );
    let walk_in = tx
        .walk_in_on_site(
            &thomas_acts,
            &thomas,
            &sanne,
            &ask(date(2026, 11, 17), None, question),
            &vt,
            today(),
            now,
        )
        .await
        .unwrap();
    // Four more walk-ins that Tuesday, booked at the same moment: the history pages
    // through them all, each once, ties by id.
    for _ in 0..4 {
        tx.walk_in_on_site(
            &thomas_acts,
            &thomas,
            &sanne,
            &ask(date(2026, 11, 17), None, question),
            &vt,
            today(),
            now,
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    let period = (date(2026, 11, 1), date(2026, 11, 22));
    let total = r
        .on_site_history_count(&thomas.user_id, None, period)
        .await
        .unwrap();
    assert_eq!(total, 5);
    let mut seen = Vec::new();
    let mut seek = eenplan_store::Seek::First;
    loop {
        let page = r
            .on_site_history_page(&thomas.user_id, None, period, &seek, 2)
            .await
            .unwrap();
        let Some((_, key)) = page.last() else { break };
        seek = eenplan_store::Seek::After(key.clone());
        let full = page.len() == 2;
        seen.extend(page.into_iter().map(|(c, _)| c.id));
        if !full {
            break;
        }
    }
    assert_eq!(seen.len(), 5);
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), 5, "each once");
    assert!(seen.windows(2).all(|w| w[0] > w[1]), "equal keys by id, newest first");
    assert!(seen.contains(&walk_in));
    let key = seek_key(&mut r, &thomas.user_id, period, &seen[4]).await;
    let back = r
        .on_site_history_page(&thomas.user_id, None, period, &eenplan_store::Seek::Before(key), 2)
        .await
        .unwrap();
    assert_eq!(back.iter().map(|(c, _)| c.id.clone()).collect::<Vec<_>>(), seen[2..4]);
    drop(r);
    let mut r = store.read().await.unwrap();
    let w = r
        .on_site_consultation(&walk_in, &thomas.user_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (w.walk_in, w.state, w.result, w.asked_by.as_str()),
        (
            true,
            ConsultationState::Held,
            Some(ConsultationResult::VeiligThuisReport),
            sanne.user_id.as_str()
        )
    );
    let journal = r
        .journal_for_subject("save_consultation", &walk_in)
        .await
        .unwrap();
    assert_eq!(
        journal.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(),
        ["save_consultation_booked", "save_consultation_held"]
    );
    let journal = r
        .journal_for_subject("save_consultation", &named)
        .await
        .unwrap();
    assert_eq!(
        journal.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(),
        ["save_consultation_booked", "save_consultation_cancelled"]
    );
    assert!(journal[0].payload.contains(family.as_str()), "the family's id");
    for subject in [&anonymous, &named, &walk_in] {
        for e in r
            .journal_for_subject("save_consultation", subject)
            .await
            .unwrap()
        {
            for text in [
                "ruzies",
                "Zamenhofdreef",
                "Jansen",
                "veiligheidsplan",
                "ingetrokken",
            ] {
                assert!(
                    !e.payload.contains(text),
                    "no free text in the journal: {}",
                    e.payload
                );
            }
        }
    }
    drop(r);

    // Ending the part-day: not before consultations still on it; then once.
    let mut tx = store.write().await.unwrap();
    assert_eq!(
        refused(
            tx.end_on_site_slot(&eva_acts, &eva, &overvecht, date(2026, 11, 20), today())
                .await
                .unwrap_err()
        ),
        OnSiteError::ConsultationsAfterEnd(1),
        "the held consultation of the 24th (the cancelled one does not count)"
    );
    assert_eq!(
        refused(
            tx.end_on_site_slot(&eva_acts, &thomas, &overvecht, date(2026, 12, 31), today())
                .await
                .unwrap_err()
        ),
        OnSiteError::NotTeamLead
    );
    tx.end_on_site_slot(&eva_acts, &eva, &overvecht, date(2026, 12, 31), today())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.write().await.unwrap();
    assert_eq!(
        refused(
            tx.end_on_site_slot(
                &eva_acts,
                &eva,
                &overvecht,
                date(2026, 12, 15),
                date(2027, 1, 5)
            )
            .await
            .unwrap_err()
        ),
        OnSiteError::SlotEnded
    );
    assert!(matches!(
        tx.end_on_site_slot(&eva_acts, &eva, "geen", date(2026, 12, 15), today())
            .await
            .unwrap_err(),
        StoreError::NotFound(_)
    ));
    drop(tx);
    let mut r = store.read().await.unwrap();
    let ended = r.on_site_slot(&overvecht).await.unwrap().unwrap();
    assert_eq!(ended.slot.ends_on, Some(date(2026, 12, 31)));
    assert_eq!(
        r.journal_for_subject("save_on_site_slot", &overvecht)
            .await
            .unwrap()
            .iter()
            .map(|e| e.kind.as_str())
            .collect::<Vec<_>>(),
        ["save_on_site_slot_added", "save_on_site_slot_ended"]
    );
    drop(r);
    store.close().await;
    db
}

/// The history key of the consultation `id` (from the worker's full history).
async fn seek_key(
    r: &mut eenplan_store::Tx,
    worker: &UserId,
    period: (Date, Date),
    id: &str,
) -> eenplan_store::PageKey {
    r.on_site_history_page(worker, None, period, &eenplan_store::Seek::First, 200)
        .await
        .unwrap()
        .into_iter()
        .find(|(c, _)| c.id == id)
        .unwrap()
        .1
}
