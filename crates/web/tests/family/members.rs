//! Members, network and partners: corrected with a reason, ended never erased, and
//! every refused form coming back as typed.

use crate::common::{control_value, selected_option};
use crate::{ALL, Circle, circle, common, consent_to_save, member_id, open_file};
use axum::http::{Method, StatusCode};
use eenplan_domain::FamilyId;

#[tokio::test]
async fn members_network_and_partners_are_ended_never_erased() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let page = b.get(&format!("/gezinnen/{id}/gezin")).await;
    assert!(
        page.body.contains("id=\"name-network\""),
        "no duplicate ids between the forms"
    );
    let csrf = page.csrf();
    consent_to_save(&c, &id, ALL).await;
    b.post(
        &format!("/gezinnen/{id}/netwerk"),
        &[
            ("csrf", &csrf),
            ("name", "Buurman Kees"),
            ("relation", "neighbour"),
        ],
    )
    .await;
    b.post(
        &format!("/gezinnen/{id}/betrokkenen"),
        &[
            ("csrf", &csrf),
            ("user_id", c.thomas.user_id.as_str()),
            ("role", "partner"),
        ],
    )
    .await;
    let family = c.app.stored_family(&id).await;
    let sam = family.members[0].id.clone();
    let kees = family.network[0].id.clone();
    let thomas = family.partners().next().unwrap().id.clone();
    let regisseur = family.regisseur().unwrap().id.clone();

    let r = b
        .post(
            &format!("/gezinnen/{id}/beeindigen"),
            &[
                ("csrf", &csrf),
                ("who", &format!("member:{sam}")),
                ("end_reason", ""),
            ],
        )
        .await;
    assert!(r.body.contains("id=\"end_reason-error\""));
    let r = b
        .post(
            &format!("/gezinnen/{id}/beeindigen"),
            &[
                ("csrf", &csrf),
                ("who", &format!("involvement:{regisseur}")),
                ("end_reason", "klaar"),
            ],
        )
        .await;
    assert!(
        r.body.contains("De regisseur beëindig je niet"),
        "the regisseur leaves only through a handover"
    );
    for who in [format!("member:{sam}"), format!("network:{kees}")] {
        let r = b
            .post(
                &format!("/gezinnen/{id}/beeindigen"),
                &[("csrf", &csrf), ("who", &who), ("end_reason", "Verhuisd")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{who}");
    }
    let token = c
        .app
        .session_token(&c.sanne, eenplan_store::SessionKind::Api)
        .await;
    let auth = [
        ("authorization", format!("Bearer {token}")),
        ("content-type", "application/json".to_owned()),
    ];
    assert_eq!(
        c.app
            .raw(
                Method::POST,
                &format!("/api/v1/families/{id}/involvements/{thomas}/end"),
                &auth,
                r#"{"reason":""}"#
            )
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        c.app
            .raw(
                Method::POST,
                &format!("/api/v1/families/{id}/involvements/{regisseur}/end"),
                &auth,
                r#"{"reason":"weg"}"#
            )
            .await
            .status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        c.app
            .raw(
                Method::POST,
                &format!("/api/v1/families/{id}/involvements/{thomas}/end"),
                &auth,
                r#"{"reason":"Veiligheid hersteld"}"#
            )
            .await
            .status,
        StatusCode::NO_CONTENT
    );

    let family = c.app.stored_family(&id).await;
    assert!(
        family.members[0].ended && family.network[0].ended,
        "ended, still there"
    );
    assert!(
        family
            .involvements
            .iter()
            .any(|i| i.id == thomas && i.ended)
    );
    // Thomas no longer sees the file once his part has ended.
    let mut t = c.app.signed_in_browser(&c.thomas).await;
    assert_eq!(
        t.get(&format!("/gezinnen/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    let timeline = b.get(&format!("/gezinnen/{id}/tijdlijn")).await;
    assert!(
        timeline.body.contains("Gezinslid beëindigd: Verhuisd")
            && timeline.body.contains("Netwerklid beëindigd: Verhuisd")
    );
    c.app.done().await;
}

#[tokio::test]
async fn member_details_are_corrected_with_a_reason_and_the_old_ones_kept() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get(&format!("/gezinnen/{id}")).await.csrf();
    let sam = c.app.stored_family(&id).await.members[0].id.clone();
    let form = |reason: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("member", sam.clone()),
            ("correct_kind", "child".to_owned()),
            ("name", "Sem Jansen".to_owned()),
            ("date_of_birth", "2016-04-12".to_owned()),
            ("reason", reason.to_owned()),
        ]
    };
    let without = form("");
    let without: Vec<(&str, &str)> = without.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = b
        .post(&format!("/gezinnen/{id}/leden/corrigeren"), &without)
        .await;
    assert!(
        r.body.contains("id=\"reason-correct-error\""),
        "the reason is asked at the field"
    );
    let with = form("Naam en datum verkeerd overgenomen");
    let with: Vec<(&str, &str)> = with.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        b.post(&format!("/gezinnen/{id}/leden/corrigeren"), &with)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let family = c.app.stored_family(&id).await;
    assert_eq!(family.members[0].name, "Sem Jansen");
    let timeline = c
        .app
        .store
        .read()
        .await
        .unwrap()
        .timeline(&FamilyId::from(id.as_str()))
        .await
        .unwrap();
    let corrected = timeline
        .iter()
        .find(|e| e.kind == "member_corrected")
        .expect("journaled");
    assert!(
        corrected.payload.contains("Sam Jansen") && corrected.payload.contains("Sem Jansen"),
        "before and after kept"
    );

    let token = c
        .app
        .session_token(&c.sanne, eenplan_store::SessionKind::Api)
        .await;
    let auth = [
        ("authorization", format!("Bearer {token}")),
        ("content-type", "application/json".to_owned()),
    ];
    let r = c
        .app
        .raw(
            Method::PUT,
            &format!("/api/v1/families/{id}/members/{sam}"),
            &auth,
            r#"{"kind":"child","name":"Sem Jansen","date_of_birth":"2016-04-12"}"#,
        )
        .await;
    assert_eq!(
        (r.status, r.json()["invalidParams"][0]["name"].as_str()),
        (StatusCode::BAD_REQUEST, Some("reason"))
    );
    let r = c
        .app
        .raw(
            Method::PUT,
            &format!("/api/v1/families/{id}/members/{sam}"),
            &auth,
            r#"{"kind":"household","name":"Sem Jansen","has_custody":true,"reason":"x"}"#,
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "custody only for a parent"
    );
    let r = c.app.raw(Method::PUT, &format!("/api/v1/families/{id}/members/{sam}"), &auth, r#"{"kind":"child","name":"Sem Jansen-de Vries","date_of_birth":"2016-04-12","reason":"Achternaam gewijzigd"}"#).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert!(
        b.get(&format!("/gezinnen/{id}/tijdlijn"))
            .await
            .body
            .contains("corrigeerde de gegevens van Sem Jansen-de Vries: Achternaam gewijzigd")
    );
    c.app.done().await;
}

#[tokio::test]
async fn network_details_are_corrected_with_a_reason_and_the_old_ones_kept() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get(&format!("/gezinnen/{id}")).await.csrf();
    let added = b
        .post(
            &format!("/gezinnen/{id}/netwerk"),
            &[
                ("csrf", &csrf),
                ("name", "Buurvrouw Fatma"),
                ("relation", "neighbour"),
                ("safety_role", "Noodadres"),
                ("contact", "06-12345678"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let fatma = c.app.stored_family(&id).await.network[0].id.clone();
    let fix = |reason: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("network_member", fatma.clone()),
            ("name", "Buurvrouw Fatma Yilmaz".to_owned()),
            ("network_relation", "neighbour".to_owned()),
            ("safety_role", "Noodadres".to_owned()),
            ("contact", "06-87654321".to_owned()),
            ("reason", reason.to_owned()),
        ]
    };
    let without = fix("");
    let without: Vec<(&str, &str)> = without.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = b
        .post(&format!("/gezinnen/{id}/netwerk/corrigeren"), &without)
        .await;
    assert!(
        r.body.contains("id=\"reason-network_fix-error\""),
        "the reason is asked at the field"
    );
    let network = async |c: &Circle| c.app.stored_family(&id).await.network;
    assert_eq!(
        network(&c).await[0].contact,
        "06-12345678",
        "nothing changed"
    );
    let with = fix("Nieuw telefoonnummer");
    let with: Vec<(&str, &str)> = with.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        b.post(&format!("/gezinnen/{id}/netwerk/corrigeren"), &with)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(network(&c).await[0].contact, "06-87654321");

    let token = c
        .app
        .session_token(&c.sanne, eenplan_store::SessionKind::Api)
        .await;
    let auth = [
        ("authorization", format!("Bearer {token}")),
        ("content-type", "application/json".to_owned()),
    ];
    let put = |path: String, body: &'static str| {
        let app = &c.app;
        let auth = auth.clone();
        async move { app.raw(Method::PUT, &path, &auth, body).await }
    };
    let path = format!("/api/v1/families/{id}/network/{fatma}");
    let r = put(path.clone(), r#"{"name":"Fatma","relation":"neighbour"}"#).await;
    assert_eq!(
        (r.status, r.json()["invalidParams"][0]["name"].as_str()),
        (StatusCode::BAD_REQUEST, Some("reason"))
    );
    let r = put(
        path.clone(),
        r#"{"name":"Fatma","relation":"cousin","reason":"x"}"#,
    )
    .await;
    assert_eq!(
        (r.status, r.json()["invalidParams"][0]["name"].as_str()),
        (StatusCode::BAD_REQUEST, Some("relation"))
    );
    let r = put(
        format!("/api/v1/families/{id}/network/geen-netwerklid"),
        r#"{"name":"Fatma","relation":"neighbour","reason":"x"}"#,
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = put(
        path,
        r#"{"name":"Fatma Yilmaz","relation":"friend","safety_role":"Haalt de kinderen op","contact":"06-87654321","reason":"Is een vriendin, geen buurvrouw"}"#,
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        network(&c).await[0].relation,
        eenplan_domain::family::NetworkRelation::Friend
    );
    let timeline = b.get(&format!("/gezinnen/{id}/tijdlijn")).await.body;
    assert!(timeline.contains(
        "corrigeerde de gegevens van netwerklid Fatma Yilmaz: Is een vriendin, geen buurvrouw"
    ));
    let journal = c
        .app
        .store
        .read()
        .await
        .unwrap()
        .timeline(&FamilyId::from(id.as_str()))
        .await
        .unwrap();
    let first = journal
        .iter()
        .find(|e| e.kind == "network_member_corrected")
        .expect("journaled");
    assert!(first.payload.contains("06-12345678") && first.payload.contains("06-87654321"));
    c.app.done().await;
}

#[tokio::test]
async fn a_refused_member_comes_back_as_typed() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get(&format!("/gezinnen/{id}")).await.csrf();
    let r = b
        .post(
            &format!("/gezinnen/{id}/leden"),
            &[
                ("csrf", csrf.as_str()),
                ("kind", "parent"),
                ("name", "Noor Jansen"),
                ("date_of_birth", "31-12-1990"),
                ("custody", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        common::field_error(&r.body, "date_of_birth").as_deref(),
        Some("Vul een datum in als jjjj-mm-dd.")
    );
    assert_eq!(selected_option(&r.body, "kind").as_deref(), Some("parent"));
    assert_eq!(
        control_value(&r.body, "name").as_deref(),
        Some("Noor Jansen")
    );
    assert_eq!(
        control_value(&r.body, "date_of_birth").as_deref(),
        Some("31-12-1990")
    );
    assert!(common::is_checked(&r.body, "custody-yes"));
}

#[tokio::test]
async fn a_refused_member_correction_comes_back_as_typed() {
    let c = circle().await;
    let id = open_file(&c).await;
    let sam = member_id(&c, &id, "Sam Jansen").await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get(&format!("/gezinnen/{id}")).await.csrf();
    // A child cannot hold parental authority: the domain refuses, at the tick box.
    let r = b
        .post(
            &format!("/gezinnen/{id}/leden/corrigeren"),
            &[
                ("csrf", csrf.as_str()),
                ("member", sam.as_str()),
                ("correct_kind", "child"),
                ("name", "Sam de Vries"),
                ("date_of_birth", "2016-04-03"),
                ("correct_custody", "yes"),
                ("reason", "Achternaam van de vader"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        common::field_error(&r.body, "correct_custody").as_deref(),
        Some("Alleen een ouder of opvoeder kan gezag hebben.")
    );
    assert_eq!(
        selected_option(&r.body, "member").as_deref(),
        Some(sam.as_str())
    );
    assert_eq!(
        selected_option(&r.body, "correct_kind").as_deref(),
        Some("child")
    );
    assert_eq!(
        control_value(&r.body, "name-correct").as_deref(),
        Some("Sam de Vries")
    );
    assert_eq!(
        control_value(&r.body, "date_of_birth-correct").as_deref(),
        Some("2016-04-03")
    );
    assert!(common::is_checked(&r.body, "correct_custody-yes"));
    assert_eq!(
        control_value(&r.body, "reason-correct").as_deref(),
        Some("Achternaam van de vader")
    );
}

#[tokio::test]
async fn refused_network_forms_come_back_as_typed() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get(&format!("/gezinnen/{id}")).await.csrf();
    let r = b
        .post(
            &format!("/gezinnen/{id}/netwerk"),
            &[
                ("csrf", csrf.as_str()),
                ("name", ""),
                ("relation", "neighbour"),
                ("safety_role", "Vangt Sam op na school"),
                ("contact", "06-11112222"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        common::field_error(&r.body, "name-network").as_deref(),
        Some("Vul dit veld in.")
    );
    assert_eq!(
        selected_option(&r.body, "relation").as_deref(),
        Some("neighbour")
    );
    assert_eq!(
        control_value(&r.body, "safety_role").as_deref(),
        Some("Vangt Sam op na school")
    );
    assert_eq!(
        control_value(&r.body, "contact").as_deref(),
        Some("06-11112222")
    );

    // The correction form of the same network member.
    let r = b
        .post(
            &format!("/gezinnen/{id}/netwerk"),
            &[
                ("csrf", csrf.as_str()),
                ("name", "Ria Bos"),
                ("relation", "neighbour"),
                ("safety_role", "Vangt Sam op"),
                ("contact", "06-11112222"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let ria = c.app.stored_family(&id).await.network[0].id.clone();
    let r = b
        .post(
            &format!("/gezinnen/{id}/netwerk/corrigeren"),
            &[
                ("csrf", csrf.as_str()),
                ("network_member", ria.as_str()),
                ("name", "Ria Bosch"),
                ("network_relation", "friend"),
                ("safety_role", "Vangt Sam op na school"),
                ("contact", "06-33334444"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        common::field_error(&r.body, "reason-network_fix").as_deref(),
        Some("Vul dit veld in.")
    );
    assert_eq!(
        selected_option(&r.body, "network_member").as_deref(),
        Some(ria.as_str())
    );
    assert_eq!(
        control_value(&r.body, "name-network_fix").as_deref(),
        Some("Ria Bosch")
    );
    assert_eq!(
        selected_option(&r.body, "network_relation").as_deref(),
        Some("friend")
    );
    assert_eq!(
        control_value(&r.body, "safety_role-network_fix").as_deref(),
        Some("Vangt Sam op na school")
    );
    assert_eq!(
        control_value(&r.body, "contact-network_fix").as_deref(),
        Some("06-33334444")
    );
}

#[tokio::test]
async fn a_refused_partner_comes_back_as_typed() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get(&format!("/gezinnen/{id}")).await.csrf();
    // Thomas's organisation needs the family's consent first: refused at the person.
    let r = b
        .post(
            &format!("/gezinnen/{id}/betrokkenen"),
            &[
                ("csrf", csrf.as_str()),
                ("user_id", c.thomas.user_id.as_str()),
                ("role", "partner"),
                ("expertise", "violence"),
                ("takes_over", ""),
                ("reason", "Geweld in huis, SAVE erbij"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        common::field_error(&r.body, "user_id")
            .is_some_and(|m| m.starts_with("Hiervoor is eerst toestemming van het gezin nodig"))
    );
    assert_eq!(
        selected_option(&r.body, "user_id").as_deref(),
        Some(c.thomas.user_id.as_str())
    );
    assert_eq!(selected_option(&r.body, "role").as_deref(), Some("partner"));
    assert_eq!(
        selected_option(&r.body, "expertise").as_deref(),
        Some("violence")
    );
    assert_eq!(
        control_value(&r.body, "reason").as_deref(),
        Some("Geweld in huis, SAVE erbij")
    );
}

#[tokio::test]
async fn a_refused_ending_keeps_whom_and_why() {
    let c = circle().await;
    let id = open_file(&c).await;
    let sam = member_id(&c, &id, "Sam Jansen").await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get(&format!("/gezinnen/{id}")).await.csrf();
    let who = format!("member:{sam}");
    let r = b
        .post(
            &format!("/gezinnen/{id}/beeindigen"),
            &[
                ("csrf", csrf.as_str()),
                ("who", who.as_str()),
                ("end_reason", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        common::field_error(&r.body, "end_reason").as_deref(),
        Some("Vul dit veld in.")
    );
    assert_eq!(
        selected_option(&r.body, "who").as_deref(),
        Some(who.as_str()),
        "the person chosen stays chosen"
    );

    // The lead cannot be ended: the reason typed stays, and so does the choice.
    let lead = format!(
        "involvement:{}",
        c.app.stored_family(&id).await.involvements[0].id
    );
    let r = b
        .post(
            &format!("/gezinnen/{id}/beeindigen"),
            &[
                ("csrf", csrf.as_str()),
                ("who", lead.as_str()),
                ("end_reason", "Sanne gaat met verlof"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, "who").is_some());
    assert_eq!(
        control_value(&r.body, "end_reason").as_deref(),
        Some("Sanne gaat met verlof")
    );
}
