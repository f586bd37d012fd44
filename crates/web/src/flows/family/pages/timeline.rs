//! The timeline: the file's journal as sentences in the visitor's language.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use eenplan_domain::family::{
    ConsentStep, Expertise, Framework, InvolvementRole, MemberKind, NetworkRelation,
};

use super::file_and;
use super::timeline_portal::{Cast, portal_sentence};
use crate::auth::family::FamilyCtx;
use crate::auth::family_nav::{SubNav, sub_nav};
use crate::flows::family::timeline_texts::timeline_texts;
use crate::kit::dates::{dutch_date, when};
use crate::kit::form::code_label;
use crate::kit::i18n::Lang;
use crate::kit::texts::{fill, plural};
use crate::kit::{PageError, Shell, render};
use eenplan_domain::CodeList;
use eenplan_domain::journal::Entry;
use serde_json::Value;

#[derive(Template)]
#[template(path = "family/timeline.html")]
struct TimelinePage {
    shell: Shell,
    nav: SubNav,
    label: String,
    lines: Vec<(String, String)>,
}

pub async fn timeline(fam: FamilyCtx) -> Result<Response, PageError> {
    let lang = fam.lang;
    let (f, (entries, people, accounts)) = file_and(&fam, async |tx| {
        Ok((
            tx.timeline(fam.family_id()).await?,
            tx.principals().await?,
            tx.family_accounts(fam.family_id().as_str()).await?,
        ))
    })
    .await?;
    let cast = Cast {
        people: &people,
        family: &f,
        accounts: &accounts,
        entries: &entries,
    };
    let lines = entries
        .iter()
        .filter(|e| fam.grant.sees_event(&e.kind))
        .map(|e| sentence(lang, e, &cast))
        .collect();
    let page = TimelinePage {
        shell: fam.shell(&format!("/gezinnen/{}/tijdlijn", f.id)),
        nav: sub_nav(&fam, "/tijdlijn", &f.label),
        label: f.label.clone(),
        lines,
    };
    Ok(render(StatusCode::OK, &page))
}

/// A journal's code in `lang`: one this version does not know shows as "?", so no code
/// reaches a person.
fn label<K: CodeList + std::str::FromStr>(lang: Lang, code: &str) -> String {
    code.parse::<K>()
        .map_or_else(|_| "?".to_owned(), |k| code_label(lang, k))
}

/// One line of the timeline: when, and what happened, who did it.
pub fn sentence(lang: Lang, e: &Entry, cast: &Cast<'_>) -> (String, String) {
    let (people, family) = (cast.people, cast.family);
    let t = timeline_texts(lang);
    let p: Value = serde_json::from_str(&e.payload).unwrap_or(Value::Null);
    let s = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
    let person = |id: &str| {
        people.iter().find(|x| x.user_id == id).map_or_else(
            || "?".to_owned(),
            |x| format!("{} ({})", x.name, x.organisation_name),
        )
    };
    // A family member by their name in the file; an entry eenplan made itself (the
    // demo, a command) names eenplan. Never an id or a code.
    let actor = match e.actor.strip_prefix("user:") {
        Some(id) => person(id),
        None => cast
            .family_actor(t, &e.actor)
            .unwrap_or_else(|| t.system.to_owned()),
    };
    let actor = actor.as_str();
    if let Some(text) = portal_sentence(lang, e, &p, cast, actor) {
        return (when(lang, &e.recorded_at), capitalised(&text));
    }
    let reason = s("reason");
    let reason = reason.as_str();
    let text = match e.kind.as_str() {
        "family_opened" => fill(t.opened, &[("actor", actor)]),
        "member_added" => {
            let kind = label::<MemberKind>(lang, &s("kind")).to_lowercase();
            fill(t.member_added, &[("name", &s("name")), ("kind", &kind)])
        }
        kind @ ("member_corrected" | "network_member_corrected") => {
            // The name after the correction: the one the reader knows them by now.
            let name = p
                .get("after")
                .and_then(|a| a.get("name"))
                .and_then(Value::as_str)
                .unwrap_or("");
            let template = if kind == "network_member_corrected" {
                t.network_member_corrected
            } else {
                t.member_corrected
            };
            fill(
                template,
                &[("actor", actor), ("name", name), ("reason", reason)],
            )
        }
        "member_ended" => fill(t.member_ended, &[("reason", reason)]),
        "network_member_added" => {
            let relation = label::<NetworkRelation>(lang, &s("relation")).to_lowercase();
            fill(
                t.network_member_added,
                &[("name", &s("name")), ("relation", &relation)],
            )
        }
        "involvement_started" => {
            let role = label::<InvolvementRole>(lang, &s("role")).to_lowercase();
            let who = person(&s("user_id"));
            match p.get("expertise").and_then(Value::as_str) {
                Some(x) => {
                    let expertise = label::<Expertise>(lang, x).to_lowercase();
                    fill(
                        t.involvement_started_expertise,
                        &[("who", &who), ("role", &role), ("expertise", &expertise)],
                    )
                }
                None => fill(t.involvement_started, &[("who", &who), ("role", &role)]),
            }
        }
        "network_member_ended" => fill(t.network_member_ended, &[("reason", reason)]),
        "involvement_ended" => fill(t.involvement_ended, &[("reason", reason)]),
        "handover" => fill(t.handover, &[("actor", actor), ("reason", reason)]),
        "plan_saved" => {
            let v = p.get("version").and_then(Value::as_i64).unwrap_or(0);
            fill(
                t.plan_saved,
                &[("actor", actor), ("version", &v.to_string())],
            )
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
            let template = if names.len() == 1 {
                t.plan_agreed_one
            } else {
                t.plan_agreed_more
            };
            fill(
                template,
                &[("names", &names.join(", ")), ("version", &v.to_string())],
            )
        }
        "note_written" => {
            let how = label::<eenplan_domain::family::Interaction>(lang, &s("interaction"))
                .to_lowercase();
            fill(
                t.note_written,
                &[
                    ("actor", actor),
                    ("how", &how),
                    ("on", &day(lang, &s("happened_on"))),
                ],
            )
        }
        "note_changed" => {
            let corrected = p
                .get("correction")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            if corrected {
                fill(t.note_corrected, &[("actor", actor), ("reason", reason)])
            } else {
                fill(t.note_edited, &[("actor", actor)])
            }
        }
        kind @ ("save_guidance_started" | "save_guidance_reviewed") => {
            let template = if kind == "save_guidance_started" {
                t.guidance_started
            } else {
                t.guidance_reviewed
            };
            fill(
                template,
                &[
                    ("actor", actor),
                    ("who", &person(&s("worker_id"))),
                    ("end", &day(lang, &s("planned_end"))),
                    ("review", &day(lang, &s("next_review_on"))),
                ],
            )
        }
        "save_guidance_ended" => {
            let outcome =
                label::<eenplan_domain::save_guidance::GuidanceOutcome>(lang, &s("outcome"));
            fill(t.guidance_ended, &[("actor", actor), ("outcome", &outcome)])
        }
        "evu_referred" => {
            let source = label::<eenplan_domain::evu::ReferralSource>(lang, &s("source"));
            fill(t.evu_referred, &[("source", &source)])
        }
        "evu_combination_assigned" => {
            let names: Vec<String> = p
                .get("user_ids")
                .and_then(Value::as_array)
                .map(|ids| ids.iter().filter_map(Value::as_str).map(person).collect())
                .unwrap_or_default();
            fill(t.evu_combination_assigned, &[("names", &names.join(", "))])
        }
        "evu_referral_declined" => t.evu_referral_declined.to_owned(),
        "evu_referral_closed" => t.evu_referral_closed.to_owned(),
        // The joint assessment meeting's and the protection order request's events.
        kind if kind.starts_with("joint_assessment_") || kind.starts_with("protection_order_") => {
            chain_sentence(lang, kind, &p, actor)
        }
        "consent_given" => {
            let step = label::<ConsentStep>(lang, &s("step"));
            fill(t.consent_given, &[("actor", actor), ("step", &step)])
        }
        "consent_withdrawn" => fill(t.consent_withdrawn, &[("actor", actor), ("reason", reason)]),
        "framework_changed" => {
            let framework = label::<Framework>(lang, &s("framework"));
            fill(
                t.framework_changed,
                &[
                    ("actor", actor),
                    ("framework", &framework),
                    ("on", &day(lang, &s("effective_on"))),
                ],
            )
        }
        // Family accounts (issue 17 §1).
        "family_member_invited" => {
            let member = s("member_id");
            let name = family
                .members
                .iter()
                .find(|m| m.id == member)
                .map_or("?", |m| m.name.as_str());
            fill(t.family_invited, &[("actor", actor), ("name", name)])
        }
        "file_closed" => {
            let why = label::<eenplan_domain::family::ClosingReason>(lang, reason);
            let note = s("note");
            let on = day(lang, &s("closed_on"));
            let mut args = vec![
                ("actor", actor),
                ("on", on.as_str()),
                ("reason", why.as_str()),
            ];
            let template = if note.is_empty() {
                t.file_closed
            } else {
                args.push(("note", note.as_str()));
                t.file_closed_note
            };
            fill(template, &args)
        }
        "file_reopened" => fill(t.file_reopened, &[("actor", actor), ("reason", reason)]),
        // A kind this timeline has no sentence for yet: said in words, never its code.
        _ => fill(t.other, &[("actor", actor)]),
    };
    (when(lang, &e.recorded_at), text)
}

/// A sentence that may begin with a name or a word in lower case ("een gezinslid").
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The sentences of the meeting's and the request's events: ids, codes and dates only,
/// as the journal holds them.
fn chain_sentence(lang: Lang, kind: &str, p: &Value, actor: &str) -> String {
    use eenplan_domain::joint_assessment::MeetingKind;
    use eenplan_domain::protection_order::Measure;
    let t = timeline_texts(lang);
    let s = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
    let n = |k: &str| p.get(k).and_then(Value::as_i64).unwrap_or(0);
    let measure = || label::<Measure>(lang, &s("measure")).to_lowercase();
    match kind {
        "joint_assessment_scheduled" => {
            let what = label::<MeetingKind>(lang, &s("kind")).to_lowercase();
            let at = day(lang, &s("meets_at"));
            fill(
                t.meeting_scheduled,
                &[("actor", actor), ("what", &what), ("at", &at)],
            )
        }
        "joint_assessment_view_recorded" => fill(
            t.view_recorded,
            &[("actor", actor), ("version", &n("version").to_string())],
        ),
        "joint_assessment_held" => {
            let actions = plural(n("actions"), t.actions_one, t.actions_more);
            fill(
                t.meeting_held,
                &[
                    ("actor", actor),
                    ("actions", &actions),
                    ("version", &n("plan_version").to_string()),
                ],
            )
        }
        "joint_assessment_cancelled" => fill(t.meeting_cancelled, &[("actor", actor)]),
        "protection_order_requested" => fill(t.order_requested, &[("actor", actor)]),
        "protection_order_investigation_started" => fill(
            t.investigation_started,
            &[("on", &day(lang, &s("started_on")))],
        ),
        "protection_order_concluded" => match s("state").as_str() {
            "no_measure" => t.no_measure.to_owned(),
            _ => fill(t.petitioned, &[("measure", &measure())]),
        },
        "protection_order_decided" => {
            let granted = p.get("granted").and_then(Value::as_bool).unwrap_or(false);
            let until = day(lang, &s("ends_on"));
            match (granted, until.is_empty()) {
                (true, true) => fill(t.granted, &[("measure", &measure())]),
                (true, false) => fill(
                    t.granted_until,
                    &[("measure", &measure()), ("until", &until)],
                ),
                (false, _) => t.refused.to_owned(),
            }
        }
        _ => fill(t.other, &[("actor", actor)]),
    }
}

/// A stored date ("2026-04-02") or date and time ("2026-04-02T14:00") as a person reads
/// it ("2 apr 2026", "2 apr 2026 14:00"); anything else as it is.
fn day(lang: Lang, text: &str) -> String {
    if !text.contains(':')
        && let Ok(d) = text.parse::<jiff::civil::Date>()
    {
        return dutch_date(lang, d);
    }
    match text.replace(' ', "T").parse::<jiff::civil::DateTime>() {
        Ok(t) => format!(
            "{} {:02}:{:02}",
            dutch_date(lang, t.date()),
            t.hour(),
            t.minute()
        ),
        Err(_) => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whole dates and times, also with a two-digit day and with seconds stored.
    #[test]
    fn stored_dates_and_times_read_as_dutch_dates() {
        assert_eq!(day(Lang::Nl, "2026-12-15"), "15 dec 2026");
        assert_eq!(day(Lang::Nl, "2026-12-15T10:00"), "15 dec 2026 10:00");
        assert_eq!(day(Lang::Nl, "2026-12-15T10:05:00"), "15 dec 2026 10:05");
        assert_eq!(day(Lang::En, "2026-04-02 14:00"), "2 Apr 2026 14:00");
        assert_eq!(day(Lang::Nl, "morgen"), "morgen");
    }

    /// The meeting's time is said whole, whatever the length of the date before it.
    #[test]
    fn a_meeting_on_a_two_digit_day_keeps_its_minutes() {
        let p = serde_json::json!({"kind": "protection_table", "meets_at": "2026-12-15T10:00:00"});
        let sentence = chain_sentence(Lang::Nl, "joint_assessment_scheduled", &p, "Sanne");
        assert!(sentence.ends_with("15 dec 2026 10:00"), "{sentence}");
    }
}
