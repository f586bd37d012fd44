//! The timeline: the file's journal as sentences in the visitor's language.

use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use eenplan_domain::family::{Expertise, InvolvementRole, MemberKind, NetworkRelation};
use eenplan_store::{Family, Principal, StoreError};

use crate::AppState;
use crate::auth::Visitor;
use crate::auth::family::FamilyGrant;
use crate::kit::dates::when;
use crate::kit::errors;
use crate::kit::i18n::Lang;
use crate::kit::{PageError, Shell, render};
use eenplan_domain::journal::Entry;
use serde_json::Value;

#[derive(Template)]
#[template(path = "family/timeline.html")]
struct TimelinePage {
    shell: Shell,
    family_id: String,
    label: String,
    lines: Vec<(String, String)>,
}

pub async fn timeline(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
) -> Result<Response, PageError> {
    let lang = Lang::from_headers(&headers);
    let loaded = async {
        let mut tx = state.store.read().await?;
        Ok::<_, StoreError>((
            tx.family(&grant.family_id).await?,
            tx.timeline(&grant.family_id).await?,
            tx.principals().await?,
        ))
    };
    Ok(match loaded.await {
        Ok((Some(f), entries, people)) => {
            let lines = entries
                .iter()
                .filter(|e| grant.sees_event(&e.kind))
                .map(|e| sentence(lang, e, &people, &f))
                .collect();
            render(
                StatusCode::OK,
                &TimelinePage {
                    shell: Shell::new(&headers, &visitor, &format!("/gezinnen/{}/tijdlijn", f.id)),
                    family_id: f.id.clone(),
                    label: f.label.clone(),
                    lines,
                },
            )
        }
        Ok((None, ..)) => errors::not_found_page(&headers, &visitor, "/gezinnen"),
        Err(e) => return Err(e.into()),
    })
}

fn label<T: std::str::FromStr + Copy>(
    lang: Lang,
    code: &str,
    nl: fn(T) -> &'static str,
    en: fn(T) -> &'static str,
) -> String {
    match code.parse::<T>() {
        Ok(v) => (if lang == Lang::Nl { nl(v) } else { en(v) }).to_owned(),
        Err(_) => code.to_owned(),
    }
}

/// One line of the timeline: when, and what happened, who did it.
pub fn sentence(lang: Lang, e: &Entry, people: &[Principal], family: &Family) -> (String, String) {
    let p: Value = serde_json::from_str(&e.payload).unwrap_or(Value::Null);
    let s = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
    let person = |id: &str| {
        people.iter().find(|x| x.user_id == id).map_or_else(
            || "?".to_owned(),
            |x| format!("{} ({})", x.name, x.organisation_name),
        )
    };
    let actor = e
        .actor
        .strip_prefix("user:")
        .map_or_else(|| e.actor.clone(), person);
    let nl = lang == Lang::Nl;
    let text = match e.kind.as_str() {
        "family_opened" => {
            if nl {
                format!("{actor} opende het dossier")
            } else {
                format!("{actor} opened the file")
            }
        }
        "member_added" => {
            let kind =
                label::<MemberKind>(lang, &s("kind"), MemberKind::label_nl, MemberKind::label_en)
                    .to_lowercase();
            if nl {
                format!("{} toegevoegd als {kind}", s("name"))
            } else {
                format!("{} added as {kind}", s("name"))
            }
        }
        kind @ ("member_corrected" | "network_member_corrected") => {
            // The name after the correction: the one the reader knows them by now.
            let name = p
                .get("after")
                .and_then(|a| a.get("name"))
                .and_then(Value::as_str)
                .unwrap_or("");
            let network = kind == "network_member_corrected";
            match (nl, network) {
                (true, false) => format!(
                    "{actor} corrigeerde de gegevens van {name}: {}",
                    s("reason")
                ),
                (true, true) => format!(
                    "{actor} corrigeerde de gegevens van netwerklid {name}: {}",
                    s("reason")
                ),
                (false, false) => {
                    format!("{actor} corrected the details of {name}: {}", s("reason"))
                }
                (false, true) => format!(
                    "{actor} corrected the details of network member {name}: {}",
                    s("reason")
                ),
            }
        }
        "member_ended" => {
            if nl {
                format!("Gezinslid beëindigd: {}", s("reason"))
            } else {
                format!("Family member ended: {}", s("reason"))
            }
        }
        "network_member_added" => {
            let relation = label::<NetworkRelation>(
                lang,
                &s("relation"),
                NetworkRelation::label_nl,
                NetworkRelation::label_en,
            )
            .to_lowercase();
            if nl {
                format!("{} toegevoegd aan het netwerk ({relation})", s("name"))
            } else {
                format!("{} added to the network ({relation})", s("name"))
            }
        }
        "involvement_started" => {
            let role = label::<InvolvementRole>(
                lang,
                &s("role"),
                InvolvementRole::label_nl,
                InvolvementRole::label_en,
            )
            .to_lowercase();
            let expertise = p
                .get("expertise")
                .and_then(Value::as_str)
                .map(|x| {
                    label::<Expertise>(lang, x, Expertise::label_nl, Expertise::label_en)
                        .to_lowercase()
                })
                .map(|x| format!(", expertise {x}"))
                .unwrap_or_default();
            let who = person(&s("user_id"));
            if nl {
                format!("{who} toegevoegd als {role}{expertise}")
            } else {
                format!("{who} added as {role}{expertise}")
            }
        }
        "network_member_ended" => {
            if nl {
                format!("Netwerklid beëindigd: {}", s("reason"))
            } else {
                format!("Network member ended: {}", s("reason"))
            }
        }
        "involvement_ended" => {
            if nl {
                format!("Betrokkenheid beëindigd: {}", s("reason"))
            } else {
                format!("Involvement ended: {}", s("reason"))
            }
        }
        "handover" => {
            if nl {
                format!("Overdracht door {actor}: {}", s("reason"))
            } else {
                format!("Handover by {actor}: {}", s("reason"))
            }
        }
        "plan_saved" => {
            let v = p.get("version").and_then(Value::as_i64).unwrap_or(0);
            if nl {
                format!("{actor} sloeg het plan op (versie {v})")
            } else {
                format!("{actor} saved the plan (version {v})")
            }
        }
        "plan_agreed" => {
            let v = p.get("version").and_then(Value::as_i64).unwrap_or(0);
            let names: Vec<String> = p
                .get("member_ids")
                .and_then(Value::as_array)
                .map(|ids| {
                    ids.iter()
                        .filter_map(Value::as_str)
                        .filter_map(|id| family.members.iter().find(|m| m.id == id))
                        .map(|m| m.name.clone())
                        .collect()
                })
                .unwrap_or_default();
            if nl {
                let verb = if names.len() == 1 { "ging" } else { "gingen" };
                format!(
                    "{} {verb} akkoord met versie {v} van het plan",
                    names.join(", ")
                )
            } else {
                format!("{} agreed to version {v} of the plan", names.join(", "))
            }
        }
        "note_written" => {
            let how = label::<eenplan_domain::family::Interaction>(
                lang,
                &s("interaction"),
                eenplan_domain::family::Interaction::label_nl,
                eenplan_domain::family::Interaction::label_en,
            )
            .to_lowercase();
            if nl {
                format!("{actor} schreef een notitie ({how}, {})", s("happened_on"))
            } else {
                format!("{actor} wrote a note ({how}, {})", s("happened_on"))
            }
        }
        "note_changed" => {
            let corrected = p
                .get("correction")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            match (nl, corrected) {
                (true, true) => format!("{actor} corrigeerde een notitie: {}", s("reason")),
                (true, false) => format!("{actor} wijzigde een notitie"),
                (false, true) => format!("{actor} corrected a note: {}", s("reason")),
                (false, false) => format!("{actor} edited a note"),
            }
        }
        "save_guidance_started" => {
            let who = person(&s("worker_id"));
            if nl {
                format!(
                    "{actor} startte SAVE-begeleiding door {who}; einddatum {}, eerste evaluatie {}",
                    s("planned_end"),
                    s("next_review_on")
                )
            } else {
                format!(
                    "{actor} started SAVE guidance by {who}; ends {}, first review {}",
                    s("planned_end"),
                    s("next_review_on")
                )
            }
        }
        "save_guidance_reviewed" => {
            if nl {
                format!(
                    "{actor} evalueerde de SAVE-begeleiding; einddatum {}, volgende evaluatie {}",
                    s("planned_end"),
                    s("next_review_on")
                )
            } else {
                format!(
                    "{actor} reviewed the SAVE guidance; ends {}, next review {}",
                    s("planned_end"),
                    s("next_review_on")
                )
            }
        }
        "save_guidance_ended" => {
            let outcome = label::<eenplan_domain::save_guidance::GuidanceOutcome>(
                lang,
                &s("outcome"),
                eenplan_domain::save_guidance::GuidanceOutcome::label_nl,
                eenplan_domain::save_guidance::GuidanceOutcome::label_en,
            );
            if nl {
                format!("{actor} sloot de SAVE-begeleiding af met als uitkomst: {outcome}")
            } else {
                format!("{actor} closed the SAVE guidance with the outcome: {outcome}")
            }
        }
        "evu_referred" => {
            let source = label::<eenplan_domain::evu::ReferralSource>(
                lang,
                &s("source"),
                eenplan_domain::evu::ReferralSource::label_nl,
                eenplan_domain::evu::ReferralSource::label_en,
            );
            if nl {
                format!("Aangemeld bij het EVU door {source}")
            } else {
                format!("Referred to the EVU by {source}")
            }
        }
        "evu_combination_assigned" => {
            let names: Vec<String> = p
                .get("user_ids")
                .and_then(Value::as_array)
                .map(|ids| ids.iter().filter_map(Value::as_str).map(person).collect())
                .unwrap_or_default();
            if nl {
                format!("Het EVU wees een combinatie toe: {}", names.join(", "))
            } else {
                format!("The EVU assigned a combination: {}", names.join(", "))
            }
        }
        "evu_referral_declined" => {
            if nl {
                "Het EVU pakte de aanmelding niet op".to_owned()
            } else {
                "The EVU declined the referral".to_owned()
            }
        }
        "evu_referral_closed" => {
            if nl {
                "De inzet van het EVU is afgesloten".to_owned()
            } else {
                "The EVU's work was closed".to_owned()
            }
        }
        // The joint assessment meeting's and the protection order request's events.
        kind if kind.starts_with("joint_assessment_") || kind.starts_with("protection_order_") => {
            chain_sentence(lang, kind, &p, &actor)
        }
        other => other.to_owned(),
    };
    (when(lang, &e.recorded_at), text)
}

/// The sentences of the meeting's and the request's events: ids, codes and dates only,
/// as the journal holds them.
fn chain_sentence(lang: Lang, kind: &str, p: &Value, actor: &str) -> String {
    use eenplan_domain::joint_assessment::MeetingKind;
    use eenplan_domain::protection_order::Measure;
    let s = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
    let n = |k: &str| p.get(k).and_then(Value::as_i64).unwrap_or(0);
    let measure = |k: &str| label::<Measure>(lang, &s(k), Measure::label_nl, Measure::label_en);
    let nl = lang == Lang::Nl;
    match kind {
        "joint_assessment_scheduled" => {
            let what = label::<MeetingKind>(
                lang,
                &s("kind"),
                MeetingKind::label_nl,
                MeetingKind::label_en,
            );
            let at = s("meets_at").replace('T', " ");
            let at = at.get(..16).unwrap_or(&at);
            if nl {
                format!("{actor} plande een {} op {at}", what.to_lowercase())
            } else {
                format!("{actor} scheduled a {} on {at}", what.to_lowercase())
            }
        }
        "joint_assessment_view_recorded" => {
            if nl {
                format!(
                    "{actor} legde de visie van de organisatie vast voor de gezamenlijke beoordeling (versie {})",
                    n("version")
                )
            } else {
                format!(
                    "{actor} recorded the organisation's view for the joint assessment (version {})",
                    n("version")
                )
            }
        }
        "joint_assessment_held" => {
            if nl {
                let actions = match n("actions") {
                    1 => "1 actie".to_owned(),
                    more => format!("{more} acties"),
                };
                format!(
                    "{actor} legde het gezamenlijk oordeel vast: {actions} in het plan (versie {})",
                    n("plan_version")
                )
            } else {
                let actions = match n("actions") {
                    1 => "1 action".to_owned(),
                    more => format!("{more} actions"),
                };
                format!(
                    "{actor} recorded the joint judgement: {actions} in the plan (version {})",
                    n("plan_version")
                )
            }
        }
        "joint_assessment_cancelled" => {
            if nl {
                format!("{actor} gelastte de gezamenlijke beoordeling af")
            } else {
                format!("{actor} cancelled the joint assessment")
            }
        }
        "protection_order_requested" => {
            if nl {
                format!("{actor} vroeg de Raad voor de Kinderbescherming om onderzoek")
            } else {
                format!("{actor} asked the Child Protection Board to investigate")
            }
        }
        "protection_order_investigation_started" => {
            if nl {
                format!("De Raad nam het verzoek in onderzoek ({})", s("started_on"))
            } else {
                format!("The Board started its investigation ({})", s("started_on"))
            }
        }
        "protection_order_concluded" => match (nl, s("state").as_str()) {
            (true, "no_measure") => {
                "De Raad ziet geen maatregel nodig: verder in vrijwillige hulp".to_owned()
            }
            (false, "no_measure") => {
                "The Board sees no need for a measure: voluntary help goes on".to_owned()
            }
            (true, _) => format!(
                "De Raad vroeg de kinderrechter om: {}",
                measure("measure").to_lowercase()
            ),
            (false, _) => format!(
                "The Board petitioned the juvenile court for: {}",
                measure("measure").to_lowercase()
            ),
        },
        "protection_order_decided" => {
            let granted = p.get("granted").and_then(Value::as_bool).unwrap_or(false);
            let until = s("ends_on");
            match (nl, granted) {
                (true, true) if until.is_empty() => format!(
                    "De kinderrechter sprak uit: {}",
                    measure("measure").to_lowercase()
                ),
                (true, true) => format!(
                    "De kinderrechter sprak uit: {}, tot en met {until}",
                    measure("measure").to_lowercase()
                ),
                (false, true) if until.is_empty() => format!(
                    "The juvenile court granted: {}",
                    measure("measure").to_lowercase()
                ),
                (false, true) => format!(
                    "The juvenile court granted: {}, until {until}",
                    measure("measure").to_lowercase()
                ),
                (true, false) => "De kinderrechter wees het verzoek af".to_owned(),
                (false, false) => "The juvenile court refused the petition".to_owned(),
            }
        }
        other => other.to_owned(),
    }
}
