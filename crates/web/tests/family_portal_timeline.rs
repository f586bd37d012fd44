//! What happens through the family portal (issue 17) on the professionals' timeline, on
//! both backends: accounts, a line hidden from a parent with its reason and lifted
//! again, a young person's sharing, the family's own scale and view, each a sentence
//! that names the member as the file does; never the account, a code or the generic
//! "legde een wijziging vast".

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{App, Backend};
use eenplan_domain::family::portal::{ItemKind, MarkKind, line_ref};
use eenplan_domain::family::{MemberKind, NewMember, Plan, PlanSection};
use eenplan_domain::journal::Actor;
use eenplan_store::NewMark;

const WORRY: &str = "Kim woont tijdelijk op een ander adres";
const REASON: &str = "Rob mag het adres van Kim niet weten";

async fn the_timeline_says_what_happened_through_the_portal(backend: Backend) {
    let app = App::on(backend).await;
    let (regie, lokalis) = app.lokalis_regisseur().await;
    let (family, _sam, kim) = app.jansen(&regie, &lokalis, None).await;
    let system = Actor::System { component: "test" };
    let as_regie = Actor::User {
        user_id: regie.user_id.to_string(),
        organisation_id: lokalis.clone(),
    };
    let today = eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now());
    let rob = {
        let mut tx = app.store.write().await.unwrap();
        let rob = tx
            .add_member(
                &system,
                &family,
                NewMember {
                    kind: MemberKind::Parent,
                    name: "Rob Jansen".into(),
                    date_of_birth: None,
                    has_custody: true,
                },
                today,
            )
            .await
            .unwrap();
        let plan = Plan {
            worries: vec![WORRY.into()],
            ..Plan::default()
        };
        tx.save_plan(&system, &regie.user_id, &family, 0, &plan)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        rob
    };
    let kim_account = app
        .family_account(&regie, family.as_str(), &kim, "kim@thuis.example")
        .await;

    let mut tx = app.store.write().await.unwrap();
    let code = eenplan_domain::enrolment::code_hash("een-code-voor-rob");
    let until = eenplan_domain::UtcTime::from_timestamp(
        eenplan_domain::family_account::invitation_expires(
            eenplan_domain::UtcTime::now().timestamp(),
        ),
    );
    let rob_invitation = tx
        .invite_family_member(
            &as_regie,
            regie.user_id.as_str(),
            (family.as_str(), &rob),
            &code,
            until,
            false,
        )
        .await
        .unwrap();
    tx.revoke_family_invitation(&as_regie, family.as_str(), &rob_invitation)
        .await
        .unwrap();
    let mark = tx
        .mark_portal_item(
            &as_regie,
            regie.user_id.as_str(),
            family.as_str(),
            &NewMark {
                item_kind: ItemKind::PlanItem,
                item_ref: line_ref(PlanSection::Worries, WORRY),
                kind: MarkKind::Hidden,
                member_id: rob.clone(),
                reason: REASON.into(),
            },
        )
        .await
        .unwrap();
    tx.end_portal_mark(&as_regie, family.as_str(), &mark, regie.user_id.as_str())
        .await
        .unwrap();
    tx.add_family_plan_view(
        &Actor::Family {
            account_id: kim_account.clone(),
        },
        (&kim, &kim_account),
        family.as_str(),
        1,
        ("6", "Het gaat beter sinds de afspraken met school"),
    )
    .await
    .unwrap();
    tx.block_family_account(&as_regie, family.as_str(), &kim_account)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut browser = app.signed_in_browser(&regie).await;
    let timeline = browser.get(&format!("/gezinnen/{family}/tijdlijn")).await;
    assert_eq!(timeline.status, StatusCode::OK);
    let body = &timeline.body;
    common::scan::assert_clean("the timeline", body);
    for sentence in [
        "Kim Jansen activeerde het gezinsaccount en kan nu inloggen op Mijn gezin",
        "trok de uitnodiging van Rob Jansen voor een gezinsaccount in",
        "Een regel van het plan afgeschermd voor Rob Jansen door",
        &format!("Reden: {REASON}"),
        "hief de afscherming van een regel van het plan voor Rob Jansen op",
        "Kim Jansen gaf via Mijn gezin een eigen schaalscore (6) en kijk bij versie 1 van het plan",
        "blokkeerde het gezinsaccount van Kim Jansen",
    ] {
        assert!(body.contains(sentence), "{sentence:?} in {body}");
    }
    for never in [
        "legde een wijziging in het dossier vast",
        kim_account.as_str(),
        rob_invitation.as_str(),
        "family:",
        "eenplan activeerde",
    ] {
        assert!(!body.contains(never), "{never:?} in {body}");
    }
}

on_both_backends!(the_timeline_says_what_happened_through_the_portal);
