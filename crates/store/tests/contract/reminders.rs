//! The daily reminders on every backend: each reminder written once per person however
//! often the job runs and with two runs at once, only to an owner who may see the plan
//! at that moment, nothing on a day off.

use eenplan_domain::family::{
    ActionStatus, DomainPlan, Expertise, InvolvementRole, LifeDomain, Plan, PlanAction,
    PlanPerson,
};
use eenplan_domain::notification::NotificationKind;
use eenplan_domain::{UserId, UtcTime};
use eenplan_store::{NewInvolvement, Notification, Seek, Store};
use jiff::civil::{Date, date};

use crate::consent::consent_to;
use crate::family::{actor, open, people};
use crate::support::TestDb;

async fn told(store: &Store, user: &UserId) -> Vec<Notification> {
    let mut r = store.read().await.unwrap();
    let (list, total) = r.notifications(user, &Seek::First, 50).await.unwrap();
    assert_eq!(total as usize, list.len());
    // Only the reminders: the plan's save told the circle too.
    let mut list: Vec<Notification> = list
        .into_iter()
        .filter(|n| matches!(n.kind, NotificationKind::DueSoon | NotificationKind::Overdue))
        .collect();
    list.sort_by(|a, b| (a.kind.code(), &a.due_on).cmp(&(b.kind.code(), &b.due_on)));
    list
}

fn summary(list: &[Notification]) -> Vec<(NotificationKind, String)> {
    list.iter()
        .map(|n| (n.kind, n.due_on.clone().unwrap_or_default()))
        .collect()
}

fn action(who: PlanPerson, what: &str, due: Date) -> PlanAction {
    PlanAction {
        who,
        what: what.into(),
        due: Some(due),
        status: ActionStatus::Planned,
    }
}

async fn run(store: &Store, today: Date) -> usize {
    store.remind(today, UtcTime::now()).await.unwrap().written
}

pub async fn reminders_are_written_once_per_person_and_pass_the_gate(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Gezin Jansen", "12").await;
    let consent = consent_to(&store, &id, &p.thomas.1, &p.sanne.0).await;
    let mut tx = store.write().await.unwrap();
    tx.add_involvement(
        &actor(),
        &id,
        NewInvolvement {
            role: InvolvementRole::Partner,
            organisation_id: p.thomas.1.to_string(),
            user_id: p.thomas.0.to_string(),
            expertise: Some(Expertise::Safety),
            takes_over: None,
            reason: None,
        },
    )
    .await
    .unwrap();
    let sanne = PlanPerson::professional(p.sanne.0.as_str(), "Sanne", "Lokalis");
    let thomas = PlanPerson::professional(p.thomas.0.as_str(), "Thomas", "SAVE");
    let plan = Plan {
        domains: vec![DomainPlan {
            domain: LifeDomain::Income,
            goals: vec!["Schulden in beeld".into()],
            actions: vec![
                action(sanne.clone(), "Schuldhulp bellen", date(2026, 12, 12)),
                action(thomas, "Veiligheidsplan bespreken", date(2026, 12, 14)),
                action(sanne, "Huisbezoek", date(2026, 12, 15)),
                action(PlanPerson::other("Oma"), "Oppassen", date(2026, 12, 14)),
            ],
        }],
        review_date: Some(date(2026, 12, 14)),
        ..Plan::default()
    };
    tx.save_plan(&actor(), &p.sanne.0, &id, 0, &plan)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    // Friday 11 Dec 2026 looks ahead to Monday: Sanne's Saturday action and the plan's
    // review (the regisseur's), Thomas's Monday action; Tuesday's waits; Oma has no
    // account. A second run writes nothing more.
    assert_eq!(run(&store, date(2026, 12, 11)).await, 3);
    assert_eq!(run(&store, date(2026, 12, 11)).await, 0, "once per person");
    let s = told(&store, &p.sanne.0).await;
    assert_eq!(
        summary(&s),
        [
            (NotificationKind::DueSoon, "2026-12-12".into()),
            (NotificationKind::DueSoon, "2026-12-14".into()),
        ]
    );
    assert_eq!(s[0].family_id.as_deref(), Some(id.as_str()));
    assert_eq!(s[0].family_label.as_deref(), Some("Gezin Jansen"));
    assert!(s[0].subject_id.as_deref().unwrap().starts_with("plan_action:income:"));
    assert_eq!(s[1].subject_id.as_deref(), Some("plan_review"));
    assert_eq!(
        summary(&told(&store, &p.thomas.0).await),
        [(NotificationKind::DueSoon, "2026-12-14".into())]
    );
    // The weekend tells nothing.
    assert_eq!(run(&store, date(2026, 12, 12)).await, 0);
    assert_eq!(run(&store, date(2026, 12, 13)).await, 0);

    // Monday, two runs at once (two instances): Sanne's Saturday action is overdue and
    // Tuesday's is due; what Friday told (the review, Thomas's action) is not told again.
    let (a, b) = (store.clone(), store.clone());
    let one = tokio::spawn(async move { a.remind(date(2026, 12, 14), UtcTime::now()).await });
    let two = tokio::spawn(async move { b.remind(date(2026, 12, 14), UtcTime::now()).await });
    let (one, two) = (one.await.unwrap().unwrap(), two.await.unwrap().unwrap());
    assert_eq!(one.written + two.written, 2, "{one:?} {two:?}");
    assert_eq!(
        summary(&told(&store, &p.sanne.0).await),
        [
            (NotificationKind::DueSoon, "2026-12-12".into()),
            (NotificationKind::DueSoon, "2026-12-14".into()),
            (NotificationKind::DueSoon, "2026-12-15".into()),
            (NotificationKind::Overdue, "2026-12-12".into()),
        ]
    );
    assert_eq!(told(&store, &p.thomas.0).await.len(), 1);

    // Without consent for the plan Thomas is told nothing of it: on Tuesday his action
    // is overdue, but only Sanne hears of her overdue review.
    let mut tx = store.write().await.unwrap();
    tx.withdraw_consent(&actor(), &id, &consent, &p.sanne.0, "Het gezin wil het niet meer")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let thomas_now = told(&store, &p.thomas.0).await.len();
    assert_eq!(run(&store, date(2026, 12, 15)).await, 1);
    assert_eq!(told(&store, &p.thomas.0).await.len(), thomas_now, "the gate holds");
    assert!(
        summary(&told(&store, &p.sanne.0).await)
            .contains(&(NotificationKind::Overdue, "2026-12-14".into()))
    );
    // Wednesday Tuesday's action is overdue; the rest of the week nothing is told again.
    assert_eq!(run(&store, date(2026, 12, 16)).await, 1);
    for d in 16..=18 {
        assert_eq!(run(&store, date(2026, 12, d)).await, 0, "day {d}");
    }
    store.close().await;
    db
}

/// Two working days before a joint assessment meeting the organisation whose view is
/// missing is reminded, once, and the one that wrote its view is not; a Veilig Thuis
/// deadline goes to Veilig Thuis's own professionals without the file.
pub async fn missing_views_and_veilig_thuis_deadlines_reach_their_own(db: TestDb) -> TestDb {
    use eenplan_domain::joint_assessment::{MeetingKind, View};
    use eenplan_domain::organisation::{OrganisationKind, Slug};
    use eenplan_domain::role::Role;
    use eenplan_domain::totp::TotpSecret;
    use eenplan_domain::user::{Email, PersonName};
    use eenplan_domain::veilig_thuis::{ContactKind, Reporter};
    use eenplan_store::{NewContact, NewMeeting, NewOrganisation, NewUser};

    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Gezin Jansen", "12").await;
    consent_to(&store, &id, &p.thomas.1, &p.sanne.0).await;
    let mut tx = store.write().await.unwrap();
    tx.add_involvement(
        &actor(),
        &id,
        NewInvolvement {
            role: InvolvementRole::Partner,
            organisation_id: p.thomas.1.to_string(),
            user_id: p.thomas.0.to_string(),
            expertise: Some(Expertise::Safety),
            takes_over: None,
            reason: None,
        },
    )
    .await
    .unwrap();
    // A meeting on Tuesday 1 December 2026; SAVE writes its view, Lokalis not yet.
    let meeting = tx
        .schedule_meeting(
            &actor(),
            &id,
            (&p.sanne.0, &p.sanne.1),
            &NewMeeting {
                kind: MeetingKind::ProtectionTable,
                meets_at: date(2026, 12, 1).at(14, 0, 0, 0),
                invited: vec![p.sanne.1.to_string(), p.thomas.1.to_string()],
                family_takes_part: true,
                family_absence_reason: String::new(),
            },
            date(2026, 11, 23),
        )
        .await
        .unwrap();
    tx.record_view(
        &actor(),
        &id,
        &meeting,
        (&p.thomas.0, &p.thomas.1),
        &View {
            worries: "Harde ruzies".into(),
            strengths: "Oma".into(),
            needs: "Een veiligheidsplan".into(),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let views_missing = |list: Vec<Notification>| {
        list.iter()
            .filter(|n| n.kind == NotificationKind::JointAssessmentViewMissing)
            .map(|n| (n.subject_id.clone(), n.due_on.clone()))
            .collect::<Vec<_>>()
    };
    let all = async |store: &Store, user: &UserId| {
        let mut r = store.read().await.unwrap();
        r.notifications(user, &Seek::First, 50).await.unwrap().0
    };
    assert_eq!(run(&store, date(2026, 11, 26)).await, 0, "three working days before");
    assert_eq!(run(&store, date(2026, 11, 27)).await, 1, "Friday: two working days before");
    assert_eq!(run(&store, date(2026, 11, 30)).await, 0, "once");
    assert_eq!(
        views_missing(all(&store, &p.sanne.0).await),
        [(Some(meeting.clone()), Some("2026-12-01".to_owned()))]
    );
    assert_eq!(views_missing(all(&store, &p.thomas.0).await), []);

    // Veilig Thuis receives a report about Sam on Monday 23 November; its assessment is
    // due Monday 30 November. Its professional is told on Friday, of the contact, not
    // the file; nobody in the file's circle is.
    let mut tx = store.write().await.unwrap();
    let vt = tx
        .create_organisation(
            &actor(),
            NewOrganisation {
                slug: Slug::parse("vt").unwrap(),
                name: "Veilig Thuis".into(),
                kind: OrganisationKind::VeiligThuis,
            },
        )
        .await
        .unwrap();
    let mira = tx
        .create_user(
            &actor(),
            NewUser {
                email: Email::parse("mira@vt.example").unwrap(),
                name: PersonName::parse("Mira").unwrap(),
                organisation_id: vt.id.clone(),
                team_id: None,
                roles: vec![Role::Professional],
                password_hash: "-".into(),
                totp_secret: TotpSecret::from_bytes([1; 20]),
            },
        )
        .await
        .unwrap();
    let (contact, radar) = tx
        .receive_contact(
            &actor(),
            &vt.id,
            &mira.id,
            &NewContact {
                kind: ContactKind::Report,
                acute: false,
                reporter: Some(Reporter::School),
                reporter_name: "Meester Bas".into(),
                reporter_contact: "030-000 00 00".into(),
                child_name: "sam jansen".into(),
                child_birth: Some(date(2016, 4, 2)),
                postcode: None,
                house_number: String::new(),
                more_children: Vec::new(),
                received_at: None,
                concern: "Sam komt met blauwe plekken op school".into(),
            },
            UtcTime::parse("2026-11-23T09:00:00Z").unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(radar.families.len(), 1, "linked to Sam's file");
    tx.commit().await.unwrap();
    let sanne_before = all(&store, &p.sanne.0).await.len();
    assert_eq!(run(&store, date(2026, 11, 27)).await, 1);
    let told = all(&store, &mira.id).await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, NotificationKind::DueSoon);
    assert_eq!(told[0].family_id, None, "the contact, not the file");
    assert_eq!(told[0].family_label, None);
    assert_eq!(
        told[0].subject_id.as_deref(),
        Some(format!("vt_assessment:{contact}").as_str())
    );
    assert_eq!(told[0].due_on.as_deref(), Some("2026-11-30"));
    assert_eq!(all(&store, &p.sanne.0).await.len(), sanne_before);
    store.close().await;
    db
}
