//! Contract tests of the chain's ways of working: SAVE-begeleiding and the
//! EVU, on every backend.

use eenplan_domain::{FamilyId, OrganisationId, UserId};
use eenplan_domain::area::AreaKind;
use eenplan_domain::evu::{EvuError, ReferralSource, ReferralState};
use eenplan_domain::notification::NotificationKind;
use eenplan_domain::family::{ConsentForm, ConsentStep, Expertise, Framework, SafetyGoal};
use eenplan_domain::save_guidance::{GuidanceError, GuidanceOutcome};
use eenplan_domain::veilig_thuis::{ContactKind, Outcome, Reporter};
use eenplan_domain::{UtcTime, organisation::OrganisationKind};
use eenplan_store::{
    ConsentInput, NewArea, NewContact, NewGuidance, Referrer, ReviewInput, Store, StoreError,
};
use jiff::civil::{Date, date};

use crate::consent::consent_to;
use crate::family::{actor, open, people};
use crate::support::TestDb;

fn today() -> Date {
    date(2026, 11, 23)
}

fn guidance(worker: &str) -> NewGuidance {
    NewGuidance {
        worker_id: worker.to_owned(),
        expertise: Expertise::Violence,
        goals: vec!["Geen geweld meer in huis".into(), " ".into()],
        planned_end: date(2027, 3, 1),
        review_months: None,
    }
}

async fn start(
    store: &Store,
    family: &FamilyId,
    by: &UserId,
    g: &NewGuidance,
) -> Result<String, StoreError> {
    let mut tx = store.write().await.unwrap();
    let out = tx
        .start_save_guidance(&actor(), by, family, g, today())
        .await;
    if out.is_ok() {
        tx.commit().await.unwrap();
    }
    out
}

async fn involved(store: &Store, family: &FamilyId, user: UserId) -> bool {
    let f = store
        .read()
        .await
        .unwrap()
        .family(family)
        .await
        .unwrap()
        .unwrap();
    f.involvements.iter().any(|i| i.user_id == user && !i.ended)
}

/// Starts only on consent, alongside the regisseur, writing the goals into the plan;
/// reviews move the next review at most three months on; the end ends SAVE's part.
pub async fn save_guidance_starts_on_consent_and_ends_with_an_outcome(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let family = open(&store, &p, "Gezin Jansen", "1").await;
    let (thomas, save) = (p.thomas.0.clone(), p.thomas.1.clone());

    // Without the family's consent nothing starts, and nothing is left behind.
    assert!(matches!(
        start(&store, &family, &p.sanne.0, &guidance(thomas.as_str())).await,
        Err(StoreError::Guidance(GuidanceError::ConsentNeeded))
    ));
    // A local professional cannot give SAVE-begeleiding.
    assert!(matches!(
        start(&store, &family, &p.sanne.0, &guidance(p.mohamed.0.as_str())).await,
        Err(StoreError::Guidance(GuidanceError::NotCertifiedInstitution))
    ));
    consent_to(&store, &family, &save, &p.sanne.0).await;
    let mut no_goals = guidance(thomas.as_str());
    no_goals.goals = vec!["  ".into()];
    assert!(matches!(
        start(&store, &family, &p.sanne.0, &no_goals).await,
        Err(StoreError::Guidance(GuidanceError::NoGoals))
    ));
    let mut rare = guidance(thomas.as_str());
    rare.review_months = Some(4);
    assert!(matches!(
        start(&store, &family, &p.sanne.0, &rare).await,
        Err(StoreError::Guidance(GuidanceError::ReviewTooRare))
    ));
    {
        let mut r = store.read().await.unwrap();
        assert!(r.save_guidances(&family).await.unwrap().is_empty());
        assert_eq!(
            r.current_plan(&family).await.unwrap().0,
            0,
            "no plan saved by a refusal"
        );
    }

    let id = start(&store, &family, &p.sanne.0, &guidance(thomas.as_str()))
        .await
        .unwrap();
    assert!(matches!(
        start(&store, &family, &p.sanne.0, &guidance(thomas.as_str())).await,
        Err(StoreError::Guidance(GuidanceError::AlreadyRunning))
    ));
    let mut r = store.read().await.unwrap();
    let f = r.family(&family).await.unwrap().unwrap();
    let partner = f
        .involvements
        .iter()
        .find(|i| i.user_id == thomas && !i.ended)
        .expect("Thomas joined");
    assert_eq!(partner.expertise, Some(Expertise::Violence));
    assert!(
        f.involvements
            .iter()
            .any(|i| i.user_id == p.sanne.0 && !i.ended),
        "the regisseur stays: a partner, not a handover"
    );
    let (version, plan) = r.current_plan(&family).await.unwrap();
    assert_eq!(version, 1);
    assert_eq!(
        plan.safety_goals,
        vec![SafetyGoal::from("Geen geweld meer in huis")]
    );
    let g = &r.save_guidances(&family).await.unwrap()[0];
    assert_eq!(g.id, id);
    assert_eq!(g.next_review_on, date(2027, 2, 23), "three months on");
    assert_eq!(g.goals, vec!["Geen geweld meer in huis".to_owned()]);
    assert!(!g.review_due(today()));
    assert!(g.review_due(date(2027, 2, 23)));
    assert_eq!(r.save_guidances_of_worker(&thomas).await.unwrap().len(), 1);
    assert!(
        r.save_reviews_due_for_regisseur(&p.sanne.0, today())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        r.save_reviews_due_for_regisseur(&p.sanne.0, date(2027, 2, 23))
            .await
            .unwrap()
            .len(),
        1
    );
    drop(r);

    // The review: by the SAVE organisation, a note, the next one at most three months
    // on and never after the planned end.
    let review = |note: &str, end: Date| ReviewInput {
        reviewed_on: today(),
        planned_end: end,
        note: note.into(),
        reviewed_by: thomas.to_string(),
    };
    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.review_save_guidance(
            &actor(),
            &save,
            false,
            &family,
            &id,
            &review(" ", date(2027, 1, 15)),
            today()
        )
        .await,
        Err(StoreError::Guidance(GuidanceError::ReviewNoteNeeded))
    ));
    assert!(matches!(
        tx.review_save_guidance(
            &actor(),
            &OrganisationId::from("ggz"),
            false,
            &family,
            &id,
            &review("x", date(2027, 1, 15)),
            today()
        )
        .await,
        Err(StoreError::Guidance(GuidanceError::NotYours))
    ));
    let next = tx
        .review_save_guidance(
            &actor(),
            &save,
            false,
            &family,
            &id,
            &review("Minder spanning thuis", date(2027, 1, 15)),
            today(),
        )
        .await
        .unwrap();
    assert_eq!(next, date(2027, 1, 15), "the planned end comes first");
    assert!(matches!(
        tx.end_save_guidance(
            &actor(),
            &save,
            false,
            &thomas,
            &family,
            &id,
            GuidanceOutcome::EndedWithoutResult,
            "",
            today()
        )
        .await,
        Err(StoreError::Guidance(GuidanceError::ReasonNeeded))
    ));
    // The lead may end it too; SAVE's part ends with it.
    tx.end_save_guidance(
        &actor(),
        &p.sanne.1,
        true,
        &p.sanne.0,
        &family,
        &id,
        GuidanceOutcome::SafetyRestored,
        "",
        today(),
    )
    .await
    .unwrap();
    assert!(matches!(
        tx.end_save_guidance(
            &actor(),
            &save,
            false,
            &thomas,
            &family,
            &id,
            GuidanceOutcome::SafetyRestored,
            "",
            today()
        )
        .await,
        Err(StoreError::Guidance(GuidanceError::AlreadyEnded))
    ));
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    let g = &r.save_guidances(&family).await.unwrap()[0];
    assert_eq!(g.outcome, Some(GuidanceOutcome::SafetyRestored));
    assert_eq!(g.reviews.len(), 1);
    assert_eq!(g.reviews[0].note, "Minder spanning thuis");
    let f = r.family(&family).await.unwrap().unwrap();
    assert!(
        f.involvements
            .iter()
            .all(|i| i.user_id != thomas || i.ended),
        "SAVE's involvement ended with the guidance"
    );
    assert!(
        r.save_guidances_of_worker(&thomas)
            .await
            .unwrap()
            .is_empty()
    );
    let kinds: Vec<String> = r
        .timeline(&family)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    for kind in [
        "save_guidance_started",
        "save_guidance_reviewed",
        "save_guidance_ended",
    ] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} journaled");
    }
    drop(r);

    // The family withdraws its consent: the guidance resting on it ends with it, and
    // SAVE's part too; the end's reason stays out of the journal.
    let other = open(&store, &p, "Gezin Pieters", "2").await;
    let consent = consent_to(&store, &other, &save, &p.sanne.0).await;
    let id = start(&store, &other, &p.sanne.0, &guidance(thomas.as_str()))
        .await
        .unwrap();
    let mut tx = store.write().await.unwrap();
    tx.withdraw_consent(
        &actor(),
        &other,
        &consent,
        &p.sanne.0,
        "Moeder belde: stoppen",
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    let g = &r.save_guidances(&other).await.unwrap()[0];
    assert_eq!(g.id, id);
    assert_eq!(g.outcome, Some(GuidanceOutcome::EndedWithoutResult));
    assert_eq!(
        g.end_reason,
        eenplan_domain::save_guidance::ENDED_BY_WITHDRAWAL
    );
    assert!(!involved(&store, &other, thomas.clone()).await);
    let payloads: Vec<String> = r
        .timeline(&other)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.payload)
        .collect();
    assert!(
        payloads
            .iter()
            .all(|p| !p.contains(eenplan_domain::save_guidance::ENDED_BY_WITHDRAWAL)),
        "the end's reason is not journaled"
    );
    drop(r);
    store.close().await;
    db
}

/// The local team calls in the EVU on consent for a family in an EVU neighbourhood;
/// Veilig Thuis's EVU outcome refers by itself; the coordinator assigns a combination
/// at once, or nothing when one of them may not join yet.
pub async fn evu_referrals_and_the_combination(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let mut tx = store.write().await.unwrap();
    let province = tx
        .create_area(
            &actor(),
            NewArea {
                kind: AreaKind::Province,
                name: "Utrecht".into(),
                code: None,
                parent_id: None,
            },
        )
        .await
        .unwrap()
        .id;
    let utrecht = tx
        .create_area(
            &actor(),
            NewArea {
                kind: AreaKind::Municipality,
                name: "Utrecht".into(),
                code: None,
                parent_id: Some(province),
            },
        )
        .await
        .unwrap()
        .id;
    let gagel = tx
        .create_area(
            &actor(),
            NewArea {
                kind: AreaKind::Neighbourhood,
                name: "De Gagel".into(),
                code: None,
                parent_id: Some(utrecht),
            },
        )
        .await
        .unwrap()
        .id;
    tx.add_evu_area(&actor(), &gagel, date(2024, 1, 1))
        .await
        .unwrap();
    let vt = tx
        .create_organisation(
            &actor(),
            eenplan_store::NewOrganisation {
                slug: eenplan_domain::organisation::Slug::parse("vt").unwrap(),
                name: "Veilig Thuis".into(),
                kind: OrganisationKind::VeiligThuis,
            },
        )
        .await
        .unwrap();
    let vera = tx
        .create_user(
            &actor(),
            eenplan_store::NewUser {
                email: eenplan_domain::user::Email::parse("vera@vt.example").unwrap(),
                name: eenplan_domain::user::PersonName::parse("Vera").unwrap(),
                organisation_id: vt.id.clone(),
                team_id: None,
                roles: vec![eenplan_domain::role::Role::Professional],
                password_hash: "-".into(),
                totp_secret: eenplan_domain::totp::TotpSecret::from_bytes([1; 20]),
            },
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let family = open(&store, &p, "Gezin Jansen", "1").await;
    let elsewhere = open(&store, &p, "Gezin Pieters", "2").await;
    let mut tx = store.write().await.unwrap();
    tx.execute(
        "UPDATE families SET area_id = $1 WHERE id = $2",
        vec![gagel.as_str().into(), family.as_str().into()],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let sanne = Referrer {
        organisation_id: &p.sanne.1,
        user_id: &p.sanne.0,
    };

    let refer = async |family: &FamilyId| {
        let mut tx = store.write().await.unwrap();
        let out = tx
            .refer_to_evu(
                &actor(),
                family,
                sanne,
                None,
                "Zorgen om veiligheid",
                today(),
            )
            .await;
        if out.is_ok() {
            tx.commit().await.unwrap();
        }
        out
    };
    assert!(matches!(
        refer(&family).await,
        Err(StoreError::Evu(EvuError::ConsentNeeded))
    ));
    // Only the local team calls in the EVU; Veilig Thuis brings in a report instead.
    {
        let mut tx = store.write().await.unwrap();
        let vt_lead = Referrer {
            organisation_id: &vt.id,
            user_id: &vera.id,
        };
        assert!(matches!(
            tx.refer_to_evu(&actor(), &family, vt_lead, None, "Zorgen", today())
                .await,
            Err(StoreError::Evu(EvuError::NotAReferrer))
        ));
    }
    // The consent to involve the EVU names no organisation.
    let (sam, kim) = {
        let f = store
            .read()
            .await
            .unwrap()
            .family(&family)
            .await
            .unwrap()
            .unwrap();
        (f.members[0].id.clone(), f.members[1].id.clone())
    };
    let mut tx = store.write().await.unwrap();
    tx.record_consent(
        &actor(),
        &family,
        &p.sanne.0,
        &ConsentInput {
            step: ConsentStep::Evu,
            organisation_id: None,
            purpose: "Samen werken aan veiligheid".into(),
            categories: vec![],
            children: vec![sam],
            given_by: vec![kim],
            form: ConsentForm::Written,
            given_on: today(),
            ends_on: None,
        },
        today(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert!(matches!(
        refer(&elsewhere).await,
        Err(StoreError::Evu(EvuError::NotInEvuArea))
    ));
    let id = refer(&family).await.unwrap();
    assert!(matches!(
        refer(&family).await,
        Err(StoreError::Evu(EvuError::AlreadyOpen))
    ));

    let mut tx = store.write().await.unwrap();
    let list: Vec<_> = tx
        .evu_work_page(&eenplan_store::Seek::First, 200)
        .await
        .unwrap()
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    assert_eq!(list.len(), 1);
    assert_eq!(tx.evu_work_count().await.unwrap(), 1);
    assert_eq!(
        (list[0].state, list[0].source),
        (ReferralState::New, ReferralSource::LocalTeam)
    );
    // One organisation is no combination; SAVE may not join without its own consent,
    // and then nobody joins.
    assert!(matches!(
        tx.assign_evu_combination(
            &actor(),
            &id,
            &p.joyce.0,
            &[p.sanne.0.to_string(), p.mohamed.0.to_string()],
            today()
        )
        .await,
        Err(StoreError::Evu(EvuError::NotACombination))
    ));
    let refused = tx
        .assign_evu_combination(
            &actor(),
            &id,
            &p.joyce.0,
            &[p.mohamed.0.to_string(), p.thomas.0.to_string()],
            today(),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            &refused,
            StoreError::JoinRefused { step: ConsentStep::SaveGuidance, worker, .. } if worker == "thomas"
        ),
        "{refused}"
    );
    drop(tx);
    assert!(
        !involved(&store, &family, p.mohamed.0.clone()).await,
        "all or nothing"
    );
    consent_to(&store, &family, &p.thomas.1, &p.sanne.0).await;
    let mut tx = store.write().await.unwrap();
    tx.assign_evu_combination(
        &actor(),
        &id,
        &p.joyce.0,
        &[p.mohamed.0.to_string(), p.thomas.0.to_string()],
        today(),
    )
    .await
    .unwrap();
    assert!(matches!(
        tx.finish_evu_referral(&actor(), &id, &p.joyce.0, false, "te laat", today())
            .await,
        Err(StoreError::Evu(EvuError::NotNew(_)))
    ));
    tx.commit().await.unwrap();
    assert!(involved(&store, &family, p.mohamed.0.clone()).await);
    assert!(involved(&store, &family, p.thomas.0.clone()).await);
    // One change, one notice: the regisseur hears that the combination is staffed, not
    // also that each of its members joined.
    let (told, _) = store
        .read()
        .await
        .unwrap()
        .notifications(&p.sanne.0, &eenplan_store::Seek::First, 50)
        .await
        .unwrap();
    let kinds: Vec<_> = told.iter().map(|n| n.kind).collect();
    assert_eq!(kinds[0], NotificationKind::EvuStaffed, "{kinds:?}");
    assert!(
        !kinds.contains(&NotificationKind::PartnerJoined),
        "{kinds:?}"
    );
    let r = &store
        .read()
        .await
        .unwrap()
        .evu_referrals_of(&family)
        .await
        .unwrap()[0];
    assert_eq!(r.state, ReferralState::Assigned);
    assert_eq!(r.workers.len(), 2);
    let mut tx = store.write().await.unwrap();
    tx.finish_evu_referral(
        &actor(),
        &id,
        &p.joyce.0,
        true,
        "Veiligheid hersteld",
        today(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    // Veilig Thuis brings a report into the EVU: the file comes under its legal task and
    // the referral is there for the coordinator, without anyone typing it again.
    let now = UtcTime::parse("2026-11-23T09:00:00Z").unwrap();
    let mut tx = store.write().await.unwrap();
    let (contact, radar) = tx
        .receive_contact(
            &actor(),
            &vt.id,
            &vera.id,
            &NewContact {
                kind: ContactKind::Report,
                acute: false,
                reporter: Some(Reporter::Police),
                reporter_name: String::new(),
                reporter_contact: String::new(),
                child_name: "Sam Jansen".into(),
                child_birth: Some(date(2016, 4, 2)),
                postcode: None,
                house_number: String::new(),
                more_children: Vec::new(),
                received_at: None,
                concern: "Politie na huiselijk geweld".into(),
            },
            now,
        )
        .await
        .unwrap();
    assert_eq!(radar.families[0].id, family);
    tx.assess_contact(
        &actor(),
        &vt.id,
        &contact,
        &vera.id, &eenplan_store::AssessmentInput { outcome: Outcome::BringIntoEvu, follow_up_on: None, findings: "Gesprekken met ouders en school", reasoning: "Afgewogen naar de veiligheid van het kind" },
        today(),)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    let f = r.family(&family).await.unwrap().unwrap();
    assert_eq!(f.framework, Framework::VeiligThuis);
    assert_eq!(f.framework_organisation_id.as_deref(), Some(vt.id.as_str()));
    let referrals = r.evu_referrals_of(&family).await.unwrap();
    let from_vt = referrals
        .iter()
        .find(|x| x.state == ReferralState::New)
        .expect("a new referral");
    assert_eq!(from_vt.source, ReferralSource::VeiligThuis);
    assert_eq!(from_vt.vt_contact_id.as_deref(), Some(contact.as_str()));
    assert_eq!(
        from_vt.reason,
        eenplan_domain::veilig_thuis::EVU_REFERRAL_REASON,
        "the report's own words stay with Veilig Thuis"
    );
    drop(r);
    // Veilig Thuis (the legal basis) and the local team join without a further consent.
    let mut tx = store.write().await.unwrap();
    tx.assign_evu_combination(
        &actor(),
        &from_vt.id,
        &p.joyce.0,
        &[vera.id.to_string(), p.sanne.0.to_string()],
        today(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert!(involved(&store, &family, vera.id.clone()).await);
    store.close().await;
    db
}
