//! Every kind of event on the timeline, in both languages, against the sentences as they
//! read before the wording moved into the family flow's texts: moving words changes none.

use eenplan_domain::UtcTime;
use eenplan_domain::family::{Framework, MemberKind};
use eenplan_domain::journal::Entry;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_store::{Family, FamilyAccount, Member, Principal};

use super::timeline::sentence;
use super::timeline_portal::Cast;
use crate::kit::i18n::Lang;

fn person(id: &str, name: &str, organisation: &str) -> Principal {
    Principal {
        user_id: id.to_owned().into(),
        email: format!("{id}@example.org"),
        name: name.to_owned(),
        organisation_id: format!("org-{id}").into(),
        organisation_slug: format!("org-{id}"),
        organisation_kind: OrganisationKind::LocalTeam,
        organisation_name: organisation.to_owned(),
        team_id: None,
        roles: vec![],
        active: true,
        second_factor_set: true,
        must_change_password: false,
    }
}

fn member(id: &str, name: &str) -> Member {
    Member {
        id: id.to_owned(),
        kind: MemberKind::Parent,
        name: name.to_owned(),
        date_of_birth: None,
        has_custody: true,
        ended: false,
    }
}

fn family() -> Family {
    Family {
        id: "f1".to_owned().into(),
        label: "Gezin Jansen".to_owned(),
        street: String::new(),
        house_number: String::new(),
        postcode: String::new(),
        city: String::new(),
        area_id: None,
        framework: Framework::Voluntary,
        framework_organisation_id: None,
        closed: None,
        members: vec![member("m1", "Anna Jansen"), member("m2", "Bert Jansen")],
        network: vec![],
        involvements: vec![],
    }
}

fn account(id: &str, member_id: &str, member_name: &str) -> FamilyAccount {
    FamilyAccount {
        id: id.to_owned(),
        family_id: "f1".to_owned(),
        member_id: member_id.to_owned(),
        member_name: member_name.to_owned(),
        invited_at: UtcTime::now(),
        expires_at: UtcTime::now(),
        by_mail: false,
        activated_at: None,
        revoked: false,
        blocked: false,
    }
}

fn entry(actor: &str, kind: &str, payload: &str) -> Entry {
    Entry {
        seq: 1,
        id: "e1".to_owned(),
        recorded_at: "2026-03-01T09:30:00Z".to_owned(),
        actor: actor.to_owned(),
        actor_organisation: None,
        kind: kind.to_owned(),
        subject_type: "family".to_owned(),
        subject_id: "f1".to_owned(),
        payload: payload.to_owned(),
        payload_sha256: String::new(),
        prev_hash: String::new(),
        hash: String::new(),
    }
}

/// One case per branch of the wording: (actor, kind, payload).
const CASES: &[(&str, &str, &str)] = &[
    ("user:u1", "family_opened", "{}"),
    ("user:nobody", "family_opened", "{}"),
    (
        "user:u1",
        "consent_given",
        r#"{"step":"save_guidance","given_on":"2026-03-01"}"#,
    ),
    (
        "user:u1",
        "consent_withdrawn",
        r#"{"reason":"Het gezin wil het niet meer"}"#,
    ),
    (
        "user:u1",
        "framework_changed",
        r#"{"framework":"court_order","effective_on":"2026-03-02"}"#,
    ),
    ("system", "family_opened", "{}"),
    (
        "user:u1",
        "member_added",
        r#"{"name":"Cor Jansen","kind":"child"}"#,
    ),
    (
        "user:u1",
        "member_added",
        r#"{"name":"Cor Jansen","kind":"unknown_kind"}"#,
    ),
    (
        "user:u1",
        "member_corrected",
        r#"{"after":{"name":"Cor Janssen"},"reason":"typefout"}"#,
    ),
    (
        "user:u1",
        "network_member_corrected",
        r#"{"after":{"name":"Oma Jansen"},"reason":"typefout"}"#,
    ),
    // Free text that looks like a placeholder stays as typed.
    (
        "user:u1",
        "member_corrected",
        r#"{"after":{"name":"{reason}"},"reason":"{name} {actor}"}"#,
    ),
    ("user:u1", "member_ended", r#"{"reason":"verhuisd"}"#),
    (
        "user:u1",
        "file_closed",
        r#"{"reason":"goals_reached","note":null,"closed_on":"2026-12-03"}"#,
    ),
    (
        "user:u1",
        "file_closed",
        r#"{"reason":"other","note":"Gezin geëmigreerd","closed_on":"2026-12-03"}"#,
    ),
    (
        "user:u1",
        "file_reopened",
        r#"{"reason":"Nieuwe zorgen van school"}"#,
    ),
    (
        "user:u1",
        "network_member_added",
        r#"{"name":"Oma Jansen","relation":"friend"}"#,
    ),
    (
        "user:u1",
        "involvement_started",
        r#"{"role":"partner","user_id":"u2","expertise":"safety"}"#,
    ),
    (
        "user:u1",
        "involvement_started",
        r#"{"role":"regisseur","user_id":"u2"}"#,
    ),
    (
        "user:u1",
        "network_member_ended",
        r#"{"reason":"geen contact"}"#,
    ),
    ("user:u1", "involvement_ended", r#"{"reason":"klaar"}"#),
    ("user:u1", "handover", r#"{"reason":"verhuizing"}"#),
    ("user:u1", "plan_saved", r#"{"version":3}"#),
    (
        "user:u1",
        "plan_agreed",
        r#"{"version":3,"member_ids":["m1"]}"#,
    ),
    (
        "user:u1",
        "plan_agreed",
        r#"{"version":4,"member_ids":["m1","m2","gone"]}"#,
    ),
    (
        "user:u1",
        "note_written",
        r#"{"interaction":"home_visit","happened_on":"2026-02-28"}"#,
    ),
    (
        "user:u1",
        "note_changed",
        r#"{"correction":true,"reason":"verkeerde datum"}"#,
    ),
    ("user:u1", "note_changed", r#"{"correction":false}"#),
    (
        "user:u1",
        "save_guidance_started",
        r#"{"worker_id":"u2","planned_end":"2026-09-01","next_review_on":"2026-06-01"}"#,
    ),
    (
        "user:u1",
        "save_guidance_reviewed",
        r#"{"planned_end":"2026-10-01","next_review_on":"2026-07-01"}"#,
    ),
    (
        "user:u1",
        "save_guidance_ended",
        r#"{"outcome":"scaled_up"}"#,
    ),
    ("user:u1", "evu_referred", r#"{"source":"local_team"}"#),
    (
        "user:u1",
        "evu_combination_assigned",
        r#"{"user_ids":["u1","u2","nobody"]}"#,
    ),
    ("user:u1", "evu_referral_declined", "{}"),
    ("user:u1", "evu_referral_closed", "{}"),
    (
        "user:u1",
        "joint_assessment_scheduled",
        r#"{"kind":"protection_table","meets_at":"2026-04-02T14:00:00+02:00"}"#,
    ),
    (
        "user:u1",
        "joint_assessment_view_recorded",
        r#"{"version":2}"#,
    ),
    (
        "user:u1",
        "joint_assessment_held",
        r#"{"actions":1,"plan_version":5}"#,
    ),
    (
        "user:u1",
        "joint_assessment_held",
        r#"{"actions":3,"plan_version":6}"#,
    ),
    ("user:u1", "joint_assessment_cancelled", "{}"),
    ("user:u1", "joint_assessment_unheard_of", "{}"),
    ("user:u1", "protection_order_requested", "{}"),
    (
        "user:u1",
        "protection_order_investigation_started",
        r#"{"started_on":"2026-05-01"}"#,
    ),
    (
        "user:u1",
        "protection_order_concluded",
        r#"{"state":"no_measure"}"#,
    ),
    (
        "user:u1",
        "protection_order_concluded",
        r#"{"state":"petitioned","measure":"supervision_order"}"#,
    ),
    (
        "user:u1",
        "protection_order_decided",
        r#"{"granted":true,"measure":"supervision_order"}"#,
    ),
    (
        "user:u1",
        "protection_order_decided",
        r#"{"granted":true,"measure":"supervision_order","ends_on":"2027-05-01"}"#,
    ),
    (
        "user:u1",
        "protection_order_decided",
        r#"{"granted":false}"#,
    ),
    (
        "user:u1",
        "family_member_invited",
        r#"{"member_id":"m1","account_id":"a1","by_mail":false}"#,
    ),
    (
        "user:u1",
        "family_invitation_revoked",
        r#"{"account_id":"a1"}"#,
    ),
    (
        "family:a1",
        "family_account_activated",
        r#"{"account_id":"a1"}"#,
    ),
    (
        "user:u1",
        "family_account_blocked",
        r#"{"account_id":"a1"}"#,
    ),
    // Through the family portal (issue 17): the member by name, never the account.
    (
        "family:a1",
        "consent_withdrawn",
        r#"{"consent_id":"c1","reason":"Ik wil dit niet meer"}"#,
    ),
    (
        "user:u1",
        "portal_marked",
        r#"{"mark_id":"k1","kind":"hidden","item_kind":"plan_item","item_ref":"x","member_id":"m2","reason":"Veiligheid van Anna"}"#,
    ),
    (
        "user:u1",
        "portal_marked",
        r#"{"mark_id":"k2","kind":"only_child","item_kind":"plan_item","item_ref":"x","member_id":"m1","reason":""}"#,
    ),
    (
        "family:a1",
        "portal_marked",
        r#"{"mark_id":"k3","kind":"shared","item_kind":"plan_item","item_ref":"x","member_id":"m2","reason":""}"#,
    ),
    ("user:u1", "portal_mark_ended", r#"{"mark_id":"k1"}"#),
    ("user:u1", "portal_mark_ended", r#"{"mark_id":"k2"}"#),
    ("family:a1", "portal_mark_ended", r#"{"mark_id":"k3"}"#),
    ("user:u1", "portal_mark_ended", r#"{"mark_id":"gone"}"#),
    (
        "family:a1",
        "family_plan_added",
        r#"{"version":2,"addition_id":"x1","member_id":"m1","score":6,"view":"Het gaat beter"}"#,
    ),
    (
        "family:gone",
        "family_account_activated",
        r#"{"account_id":"gone"}"#,
    ),
    ("user:u1", "something_else", "{}"),
    ("user:u1", "plan_saved", "not json"),
];

fn rendered() -> String {
    let people = [
        person("u1", "Sanne de Vries", "Buurtteam Noord"),
        person("u2", "Karim El Amrani", "SAVE"),
    ];
    let family = family();
    let accounts = [account("a1", "m1", "Anna Jansen")];
    let entries: Vec<Entry> = CASES
        .iter()
        .map(|(actor, kind, payload)| entry(actor, kind, payload))
        .collect();
    let cast = Cast {
        people: &people,
        family: &family,
        accounts: &accounts,
        entries: &entries,
    };
    let mut out = String::new();
    for e in &entries {
        let kind = &e.kind;
        for lang in [Lang::Nl, Lang::En] {
            let (when, text) = sentence(lang, e, &cast);
            out.push_str(&format!("{kind} {lang:?} | {when} | {text}\n"));
        }
    }
    out
}

#[test]
fn every_event_reads_as_before_in_both_languages() {
    let expected = include_str!("timeline_sentences.golden");
    let got = rendered();
    // A deliberate change of wording: EENPLAN_BLESS=1 writes the new sentences, to be read
    // in the diff before they are committed.
    if std::env::var_os("EENPLAN_BLESS").is_some() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/flows/family/pages/timeline_sentences.golden"
        );
        std::fs::write(path, &got).expect("golden file written");
        return;
    }
    if got != expected {
        for (g, e) in got.lines().zip(expected.lines()) {
            if g != e {
                eprintln!("expected: {e}\n     got: {g}");
            }
        }
    }
    assert_eq!(got, expected);
}

/// What a person reads on the timeline holds no code, no ISO date and no actor id: the
/// sentence part of every line (after the time) is checked.
#[test]
fn no_sentence_shows_a_code_an_iso_date_or_an_actor_id() {
    let iso = |s: &str| {
        s.as_bytes().windows(10).any(|w| {
            w[4] == b'-'
                && w[7] == b'-'
                && w.iter()
                    .enumerate()
                    .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        })
    };
    for line in rendered().lines() {
        let (kind, rest) = line.split_once(' ').expect("kind first");
        let sentence = rest.rsplit(" | ").next().expect("sentence last");
        assert!(!iso(sentence), "{kind}: an ISO date in {sentence:?}");
        assert!(
            !sentence.contains("system:"),
            "{kind}: an actor id in {sentence:?}"
        );
        assert!(
            !sentence
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .any(|w| w.contains('_')),
            "{kind}: a code in {sentence:?}"
        );
    }
}
