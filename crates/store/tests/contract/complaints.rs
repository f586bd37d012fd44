//! On every backend: complaints (issue 17 §4). Filed from the public form with a
//! reference and a code of which only a hash is kept; the status opens with both; the
//! complaints officer of the organisation (and nobody else's) handles it through the
//! domain's course, every read in the access log, every step journaled and never on a
//! family's timeline; the yearly figures come back for the analysis.

use eenplan_domain::complaint::handling::Decision;
use eenplan_domain::complaint::{ComplaintOutcome, ComplaintState, HandlingError, Procedure, Theme};
use eenplan_domain::journal::{Actor, Audience, EventKind};
use eenplan_store::{AccessFilter, ComplaintReader, NewComplaint, StoreError};
use jiff::civil::date;

use crate::family::people;
use crate::support::TestDb;

fn new(organisation_id: &str) -> NewComplaint {
    NewComplaint {
        organisation_id: organisation_id.into(),
        professional_name: Some("Sanne".into()),
        what_happened: "Er werd niet teruggebeld.".into(),
        complainant_name: "A. de Vries".into(),
        contact_email: Some("a.devries@example.org".into()),
        contact_phone: None,
    }
}

pub async fn complaints_are_filed_opened_with_their_code_and_handled_by_the_officer(
    db: TestDb,
) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let (lokalis, save) = (p.sanne.1.to_string(), p.thomas.1.to_string());
    let received = date(2026, 12, 10);

    let mut tx = store.write().await.unwrap();
    let filed = tx.file_complaint(&new(&lokalis), received).await.unwrap();
    let other = tx.file_complaint(&new(&save), received).await.unwrap();
    tx.commit().await.unwrap();
    assert!(filed.reference.starts_with("KL-"));
    assert_ne!(filed.code, other.code);

    // The code is kept only as a hash.
    let mut r = store.read().await.unwrap();
    let stored = r
        .fetch_one(
            "SELECT code_hash FROM complaints WHERE id = $1",
            eenplan_store::params![&filed.id],
        )
        .await
        .unwrap()
        .text("code_hash")
        .unwrap();
    assert_ne!(stored, filed.code);
    assert_eq!(stored, eenplan_domain::enrolment::code_hash(&filed.code));

    // Reference and code, typed loosely, open the status; a wrong code opens nothing.
    let typed_ref = filed.reference.to_lowercase().replace('-', " ");
    let typed_code = filed.code.to_lowercase();
    let status = r
        .complaint_by_code(&typed_ref, &typed_code)
        .await
        .unwrap()
        .expect("the right code opens the status");
    assert_eq!(status.course.procedure, Procedure::Awb);
    assert_eq!(status.course.state(), ComplaintState::Received);
    assert_eq!(status.contact_email, None);
    assert!(r.complaint_by_code(&filed.reference, &other.code).await.unwrap().is_none());
    assert!(r.complaint_by_code("KL-0000-0000", &filed.code).await.unwrap().is_none());
    drop(r);

    // The officer of Lokalis sees Lokalis's complaint only; each read is logged.
    let officer = ComplaintReader {
        user_id: p.joyce.0.to_string(),
        organisation_id: lokalis.clone(),
        role: "complaints_officer".into(),
        client_address: "192.0.2.7".into(),
    };
    let mut tx = store.write().await.unwrap();
    let list = tx.complaints_of(&officer, &lokalis).await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].complainant_name, "A. de Vries");
    assert!(matches!(
        tx.complaint_for_officer(&officer, &other.id).await,
        Err(StoreError::NotFound(_))
    ));
    let one = tx.complaint_for_officer(&officer, &filed.id).await.unwrap();
    assert_eq!(one.contact_email.as_deref(), Some("a.devries@example.org"));
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    let lines = r
        .access_log(&AccessFilter {
            organisation_id: lokalis.clone(),
            limit: 100,
            ..AccessFilter::default()
        })
        .await
        .unwrap();
    let complaint_lines: Vec<&str> = lines
        .iter()
        .filter(|l| l.data.starts_with("klacht"))
        .map(|l| l.data.as_str())
        .collect();
    assert_eq!(complaint_lines.len(), 2, "the list and the complaint: {lines:?}");
    assert!(lines.iter().all(|l| l.family_id.is_none() || !l.data.starts_with("klacht")));
    drop(r);

    // The course: the domain decides, a refusal leaves nothing.
    let actor = Actor::User {
        user_id: p.joyce.0.to_string(),
        organisation_id: lokalis.clone(),
    };
    let today = date(2027, 3, 1);
    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.confirm_complaint_receipt(&actor, &save, &filed.id, received, today).await,
        Err(StoreError::NotFound(_))
    ));
    tx.confirm_complaint_receipt(&actor, &lokalis, &filed.id, date(2026, 12, 11), today)
        .await
        .unwrap();
    assert!(matches!(
        tx.extend_complaint(&actor, &lokalis, &filed.id, date(2027, 1, 22), "Hoorzitting", today)
            .await,
        Err(StoreError::Complaint(HandlingError::TooLate))
    ));
    tx.extend_complaint(&actor, &lokalis, &filed.id, date(2027, 1, 20), " Hoorzitting ", today)
        .await
        .unwrap();
    tx.decide_complaint(
        &actor,
        &lokalis,
        &filed.id,
        Decision {
            on: date(2027, 2, 10),
            outcome: ComplaintOutcome::PartlyFounded,
            theme: Theme::Reachability,
            measures: vec!["Terugbellen binnen twee werkdagen".into(), " ".into()],
        },
        today,
    )
    .await
    .unwrap();
    assert!(matches!(
        tx.confirm_complaint_receipt(&actor, &lokalis, &filed.id, date(2027, 2, 11), today)
            .await,
        Err(StoreError::Complaint(HandlingError::AlreadyDecided))
    ));
    tx.commit().await.unwrap();

    let mut r = store.read().await.unwrap();
    let status = r
        .complaint_by_code(&filed.reference, &filed.code)
        .await
        .unwrap()
        .unwrap();
    let c = &status.course;
    assert_eq!(c.state(), ComplaintState::Decided);
    assert_eq!(c.extended, Some((date(2027, 1, 20), "Hoorzitting".to_string())));
    let d = c.decision.as_ref().unwrap();
    assert_eq!(d.measures, vec!["Terugbellen binnen twee werkdagen".to_string()]);
    assert_eq!(c.decide_by(&r.statutory_calendar().await.unwrap()), date(2027, 2, 18));

    // Journaled, under the complaint, never on a family timeline.
    let kinds: Vec<String> = r
        .journal_for_subject("complaint", &filed.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            "complaint_filed",
            "complaint_receipt_confirmed",
            "complaint_extended",
            "complaint_decided"
        ]
    );
    for k in kinds {
        assert_eq!(EventKind::parse(&k).unwrap().audience(), Audience::NotOnTimeline);
    }

    // The analysis's input: the year received, per organisation.
    assert_eq!(r.complaint_courses(&lokalis, 2026).await.unwrap().len(), 1);
    assert_eq!(r.complaint_courses(&lokalis, 2027).await.unwrap().len(), 0);
    assert_eq!(r.complaint_courses(&save, 2026).await.unwrap()[0].procedure, Procedure::Jeugdwet);
    drop(r);
    db
}
