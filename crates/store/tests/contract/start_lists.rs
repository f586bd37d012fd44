//! Contract tests of the start pages' lists, on every backend: a team lead's caseload,
//! plans and handovers hold their own team only; the meetings and reviews reach who
//! works in the file or whose team leads it; the Raad's requests to take up are its own
//! and leave the list once taken up; the access log's refused attempts filter.

use eenplan_domain::access_log::AccessEvent;
use eenplan_domain::family::{Expertise, InvolvementRole};
use eenplan_domain::joint_assessment::MeetingKind;
use eenplan_domain::organisation::{OrganisationKind, Slug};
use eenplan_domain::role::Role;
use eenplan_domain::start::this_month;
use eenplan_domain::time::amsterdam_date;
use eenplan_domain::totp::TotpSecret;
use eenplan_domain::user::{Email, PersonName};
use eenplan_domain::{FamilyId, OrganisationId, UserId, UtcTime};
use eenplan_store::{
    AccessEntry, AccessFilter, LedFile, NewInvolvement, NewMeeting, NewOrganisation, NewTeam,
    NewUser, ProtectionOrderInput, Seek, Store, TeamScope,
};
use jiff::ToSpan;
use jiff::civil::Date;

use crate::consent::consent_to;
use crate::family::{People, actor, address, open, people, sample_plan};
use crate::support::TestDb;

fn today() -> Date {
    amsterdam_date(UtcTime::now())
}

/// A second team of Lokalis, Zuilen, with Piet (professional) in it.
pub async fn zuilen(store: &Store, p: &People) -> (String, UserId) {
    let mut tx = store.write().await.unwrap();
    let team = tx
        .create_team(
            &actor(),
            NewTeam {
                organisation_id: p.sanne.1.clone(),
                name: "Buurtteam Zuilen".into(),
                area_id: None,
            },
        )
        .await
        .unwrap();
    let piet = tx
        .create_user(
            &actor(),
            NewUser {
                email: Email::parse("piet@lokalis.example").unwrap(),
                name: PersonName::parse("piet").unwrap(),
                organisation_id: p.sanne.1.clone(),
                team_id: Some(team.id.clone()),
                roles: vec![Role::Professional],
                password_hash: "-".into(),
                totp_secret: TotpSecret::from_bytes([1; 20]),
            },
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    (team.id, piet.id)
}

async fn open_for(store: &Store, who: &(UserId, OrganisationId), label: &str) -> FamilyId {
    let mut tx = store.write().await.unwrap();
    let id = tx
        .open_family(&actor(), address(label, "3"), &who.0, &who.1)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

pub async fn hand_over(store: &Store, family: &FamilyId, to: &UserId) {
    let mut tx = store.write().await.unwrap();
    let f = tx.family(family).await.unwrap().unwrap();
    let lead = UserId::from(f.regisseur().unwrap().user_id.as_str());
    let file: Vec<LedFile> = tx
        .files_led_by(&lead)
        .await
        .unwrap()
        .into_iter()
        .filter(|l| &l.family_id == family)
        .collect();
    tx.hand_over_lead(&actor(), &file, to, "Gaat naar een ander team")
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

pub async fn team_lists_hold_the_own_team_only(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let (zuilen_team, piet) = zuilen(&store, &p).await;
    let jansen = open(&store, &p, "Gezin Jansen", "12").await;
    let bakker = open_for(&store, &(piet.clone(), p.sanne.1.clone()), "Gezin Bakker").await;
    consent_to(&store, &jansen, &p.thomas.1, &p.sanne.0).await;
    let mut tx = store.write().await.unwrap();
    tx.add_involvement(
        &actor(),
        &jansen,
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
    // Both files have a plan.
    for (family, by) in [(&jansen, &p.sanne.0), (&bakker, &piet)] {
        tx.save_plan(&actor(), by, family, 0, &sample_plan())
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();

    let overvecht = TeamScope {
        organisation_id: p.sanne.1.clone(),
        team_id: Some(p.overvecht_team.clone()),
    };
    let organisation = TeamScope {
        organisation_id: p.sanne.1.clone(),
        team_id: None,
    };
    let save = TeamScope {
        organisation_id: p.thomas.1.clone(),
        team_id: None,
    };
    let mut r = store.read().await.unwrap();
    let loads = |c: Vec<eenplan_store::Caseload>| {
        c.into_iter()
            .map(|c| (c.name, c.led, c.partner))
            .collect::<Vec<_>>()
    };
    // Joyce (team lead only) holds no care role: she is not in the caseload.
    assert_eq!(
        loads(r.team_caseload(&overvecht).await.unwrap()),
        [("sanne".to_owned(), 1, 0)]
    );
    assert_eq!(
        loads(r.team_caseload(&organisation).await.unwrap()),
        [
            ("mohamed".to_owned(), 0, 0),
            ("piet".to_owned(), 1, 0),
            ("sanne".to_owned(), 1, 0)
        ]
    );
    assert_eq!(
        loads(r.team_caseload(&save).await.unwrap()),
        [("thomas".to_owned(), 0, 1)]
    );
    let plans = |l: Vec<eenplan_store::LedPlan>| {
        l.into_iter()
            .map(|l| (l.label, l.regisseur))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        plans(r.plans_led_in_scope(&overvecht).await.unwrap()),
        [("Gezin Jansen".to_owned(), "sanne".to_owned())]
    );
    let zuilen_scope = TeamScope {
        organisation_id: p.sanne.1.clone(),
        team_id: Some(zuilen_team.clone()),
    };
    assert_eq!(
        plans(r.plans_led_in_scope(&zuilen_scope).await.unwrap()),
        [("Gezin Bakker".to_owned(), "piet".to_owned())]
    );
    drop(r);

    // Piet hands Bakker to Mohamed (no team): not Overvecht's. Sanne hands Jansen to
    // Mohamed: Overvecht's, though the file left the team.
    hand_over(&store, &bakker, &p.mohamed.0).await;
    hand_over(&store, &jansen, &p.mohamed.0).await;
    let month = this_month(today());
    let mut r = store.read().await.unwrap();
    let handovers = r.handovers_in(&overvecht, month).await.unwrap();
    assert_eq!(
        handovers
            .iter()
            .map(|h| (
                h.label.as_str(),
                h.role,
                h.from_name.as_str(),
                h.to_name.as_str()
            ))
            .collect::<Vec<_>>(),
        [(
            "Gezin Jansen",
            InvolvementRole::Regisseur,
            "sanne",
            "mohamed"
        )]
    );
    assert_eq!(r.handovers_in(&zuilen_scope, month).await.unwrap().len(), 1);
    assert_eq!(r.handovers_in(&organisation, month).await.unwrap().len(), 2);
    // Another month counts none of them.
    let last_month = this_month(today().first_of_month().yesterday().unwrap());
    assert!(
        r.handovers_in(&organisation, last_month)
            .await
            .unwrap()
            .is_empty()
    );
    // After the handover Overvecht leads nothing; its caseload says so.
    assert_eq!(
        loads(r.team_caseload(&overvecht).await.unwrap()),
        [("sanne".to_owned(), 0, 0)]
    );
    assert!(r.plans_led_in_scope(&overvecht).await.unwrap().is_empty());
    drop(r);
    store.close().await;
    db
}

pub async fn meetings_reviews_and_raad_requests_reach_their_own(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let (zuilen_team, piet) = zuilen(&store, &p).await;
    let jansen = open(&store, &p, "Gezin Jansen", "12").await;
    consent_to(&store, &jansen, &p.thomas.1, &p.sanne.0).await;
    let mut tx = store.write().await.unwrap();
    tx.add_involvement(
        &actor(),
        &jansen,
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
    let plan = sample_plan(); // review on 1 February 2027
    tx.save_plan(&actor(), &p.sanne.0, &jansen, 0, &plan)
        .await
        .unwrap();
    let meets_on = today().saturating_add(10.days());
    tx.schedule_meeting(
        &actor(),
        &jansen,
        (&p.sanne.0, &p.sanne.1),
        &NewMeeting {
            kind: MeetingKind::LearningMeeting,
            meets_at: meets_on.at(14, 0, 0, 0),
            invited: vec![p.sanne.1.to_string(), p.thomas.1.to_string()],
            family_takes_part: true,
            family_absence_reason: String::new(),
        },
        today(),
    )
    .await
    .unwrap();
    let raad = tx
        .create_organisation(
            &actor(),
            NewOrganisation {
                slug: Slug::parse("rvdk").unwrap(),
                name: "Raad".into(),
                kind: OrganisationKind::Rvdk,
            },
        )
        .await
        .unwrap()
        .id;
    let other_raad = tx
        .create_organisation(
            &actor(),
            NewOrganisation {
                slug: Slug::parse("rvdk-2").unwrap(),
                name: "Andere Raad".into(),
                kind: OrganisationKind::Rvdk,
            },
        )
        .await
        .unwrap()
        .id;
    let sam = tx.family(&jansen).await.unwrap().unwrap().members[0]
        .id
        .clone();
    let request = tx
        .request_protection_order(
            &actor(),
            &jansen,
            (&p.sanne.0, &p.sanne.1),
            &ProtectionOrderInput {
                rvdk_organisation_id: raad.clone(),
                children: vec![sam],
                grounds: "Geweld blijft ondanks hulp".into(),
                tried: "Buurtteam en SAVE".into(),
            },
            today(),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut r = store.read().await.unwrap();
    let overvecht = Some(p.overvecht_team.as_str());
    let meetings = |m: Vec<eenplan_store::MeetingAhead>| {
        m.into_iter()
            .map(|m| (m.label, m.meets_at.date()))
            .collect::<Vec<_>>()
    };
    let jansen_on = [("Gezin Jansen".to_owned(), meets_on)];
    // Sanne and Thomas work in the file; Mohamed (no team) does not; Joyce's team
    // (Overvecht) leads it; Piet's team (Zuilen) does not.
    assert_eq!(meetings(r.meetings_ahead(&p.sanne.0, None, today()).await.unwrap()), jansen_on);
    assert_eq!(meetings(r.meetings_ahead(&p.thomas.0, None, today()).await.unwrap()), jansen_on);
    assert!(r.meetings_ahead(&p.mohamed.0, None, today()).await.unwrap().is_empty());
    assert_eq!(meetings(r.meetings_ahead(&p.joyce.0, overvecht, today()).await.unwrap()), jansen_on);
    assert!(
        r.meetings_ahead(&piet, Some(zuilen_team.as_str()), today())
            .await
            .unwrap()
            .is_empty()
    );
    // The day after the meeting it is no longer ahead.
    let after = meets_on.tomorrow().unwrap();
    assert!(r.meetings_ahead(&p.sanne.0, None, after).await.unwrap().is_empty());

    let review = plan.review_date.unwrap();
    let reviews = |l: Vec<eenplan_store::LedPlan>| {
        l.into_iter().map(|l| l.plan.review_date).collect::<Vec<_>>()
    };
    assert!(
        r.plans_with_review_by(&p.sanne.0, None, review.yesterday().unwrap())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(reviews(r.plans_with_review_by(&p.sanne.0, None, review).await.unwrap()), [Some(review)]);
    assert_eq!(reviews(r.plans_with_review_by(&p.joyce.0, overvecht, review).await.unwrap()), [Some(review)]);
    assert!(
        r.plans_with_review_by(&piet, Some(zuilen_team.as_str()), review)
            .await
            .unwrap()
            .is_empty()
    );

    let (list, total) = r.raad_requests_to_take_up(&raad, 10).await.unwrap();
    assert_eq!(total, 1);
    assert_eq!(
        list.iter()
            .map(|q| (q.family_label.as_str(), q.requested_on, q.children.len()))
            .collect::<Vec<_>>(),
        [("Gezin Jansen", today(), 1)]
    );
    assert_eq!(r.raad_requests_to_take_up(&other_raad, 10).await.unwrap(), (Vec::new(), 0));
    drop(r);
    let mut tx = store.write().await.unwrap();
    tx.start_investigation(&actor(), &raad, &request, &p.sanne.0, today(), today())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    assert_eq!(
        r.raad_requests_to_take_up(&raad, 10).await.unwrap(),
        (Vec::new(), 0),
        "taken up: off the list"
    );
    drop(r);

    // The access log's refused attempts: only the denied lines, in the officer's part.
    let line = |granted: bool| AccessEntry {
        event: AccessEvent::Read,
        granted,
        basis: None,
        user_id: piet.to_string(),
        organisation_id: p.sanne.1.to_string(),
        role: "professional".into(),
        on_behalf_of: None,
        family_id: Some(jansen.to_string()),
        data: "GET /gezinnen/{family}".into(),
        client_address: "127.0.0.1".into(),
    };
    store.log_access(line(false)).await.unwrap();
    store.log_access(line(true)).await.unwrap();
    let filter = |scope: &OrganisationId| AccessFilter {
        denied_only: true,
        from: Some(eenplan_domain::start::refused_since(UtcTime::now())),
        scope_organisation: scope.to_string(),
        ..AccessFilter::default()
    };
    let mut r = store.read().await.unwrap();
    let own = filter(&p.sanne.1);
    assert_eq!(r.access_log_count(&own).await.unwrap(), 1);
    let page = r.access_log_page(&own, &Seek::First, 10).await.unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].0.outcome, "denied");
    assert_eq!(r.access_log_count(&filter(&raad)).await.unwrap(), 0);
    drop(r);
    store.close().await;
    db
}
