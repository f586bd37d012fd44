//! The timeline's sentences for what happens through the family portal (issue 17):
//! accounts, marks on the plan and the family's own additions, read by professionals.
//! A family member is named as the file names them, never by their account.
//!
//! A member's sign-in is not on the timeline: it is journaled against the account, not
//! the family, and one line per sign-in would bury the file's history; the access log
//! lists every page the member read.

use eenplan_domain::family::portal::{ItemKind, MarkKind};
use eenplan_domain::journal::Entry;
use eenplan_store::{Family, FamilyAccount, Principal};
use serde_json::Value;

use crate::flows::family::timeline_texts::{TimelineTexts, timeline_texts};
use crate::kit::i18n::Lang;
use crate::kit::texts::fill;

/// What the timeline knows besides an entry: the professionals, the file, its family
/// accounts, and every entry (a mark taken off names only the mark; what it was is in
/// the entry that set it).
pub struct Cast<'a> {
    pub people: &'a [Principal],
    pub family: &'a Family,
    pub accounts: &'a [FamilyAccount],
    pub entries: &'a [Entry],
}

impl Cast<'_> {
    /// A member's name in the file; `None` for one the file does not hold.
    fn member(&self, id: &str) -> Option<&str> {
        self.family
            .members
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.name.as_str())
    }

    /// The name of the member behind a family account.
    fn account(&self, id: &str) -> Option<&str> {
        self.accounts
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.member_name.as_str())
    }

    /// A family member as the journal's actor (`family:<account>`): "Kim Jansen
    /// (gezinslid)", or "een gezinslid" when the account is no longer known.
    pub fn family_actor(&self, t: &TimelineTexts, actor: &str) -> Option<String> {
        let account = actor.strip_prefix("family:")?;
        Some(match self.account(account) {
            Some(name) => fill(t.family_actor, &[("name", name)]),
            None => t.family_actor_unknown.to_owned(),
        })
    }

    /// The payload of the entry that set mark `mark_id`.
    fn mark(&self, mark_id: &str) -> Option<Value> {
        self.entries
            .iter()
            .filter(|e| e.kind == "portal_marked")
            .filter_map(|e| serde_json::from_str::<Value>(&e.payload).ok())
            .find(|p| p.get("mark_id").and_then(Value::as_str) == Some(mark_id))
    }
}

/// What a mark is on, in words ("een regel van het plan").
fn item(t: &TimelineTexts, code: &str) -> &'static str {
    match ItemKind::ALL.into_iter().find(|k| k.code() == code) {
        Some(ItemKind::PlanItem) => t.item_plan_line,
        Some(ItemKind::PlanDraft | ItemKind::PlanAgreed) => t.item_plan,
        _ => t.item_other,
    }
}

/// The sentence of a portal event, `None` for a kind this module does not word.
/// `actor` is the actor as the timeline names them.
pub fn portal_sentence(
    lang: Lang,
    e: &Entry,
    p: &Value,
    cast: &Cast<'_>,
    actor: &str,
) -> Option<String> {
    let t = timeline_texts(lang);
    let s = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
    let unknown = t.family_actor_unknown;
    let of_account = || cast.account(&s("account_id")).unwrap_or(unknown).to_owned();
    let of_member = |id: &str| cast.member(id).unwrap_or(unknown).to_owned();
    Some(match e.kind.as_str() {
        "family_invitation_revoked" => fill(
            t.family_invitation_revoked,
            &[("actor", actor), ("name", &of_account())],
        ),
        "family_account_activated" => fill(t.family_account_activated, &[("name", &of_account())]),
        "family_account_blocked" => fill(
            t.family_account_blocked,
            &[("actor", actor), ("name", &of_account())],
        ),
        "consent_withdrawn" if e.actor.starts_with("family:") => fill(
            t.consent_withdrawn_by_family,
            &[("actor", actor), ("reason", &s("reason"))],
        ),
        "portal_marked" => {
            let what = item(t, &s("item_kind"));
            let name = of_member(&s("member_id"));
            let args = [
                ("actor", actor),
                ("what", what),
                ("name", name.as_str()),
                ("reason", &s("reason")),
            ];
            match MarkKind::from_code(&s("kind")) {
                Some(MarkKind::Hidden) => fill(t.mark_hidden, &args),
                Some(MarkKind::OnlyChild) => fill(t.mark_only_child, &args),
                Some(MarkKind::Shared) => fill(t.mark_shared, &args),
                None => fill(t.mark_other, &args),
            }
        }
        "portal_mark_ended" => {
            let Some(mark) = cast.mark(&s("mark_id")) else {
                return Some(fill(t.mark_other_ended, &[("actor", actor)]));
            };
            let m = |k: &str| mark.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
            let what = item(t, &m("item_kind"));
            let name = of_member(&m("member_id"));
            let args = [("actor", actor), ("what", what), ("name", name.as_str())];
            match MarkKind::from_code(&m("kind")) {
                Some(MarkKind::Hidden) => fill(t.mark_hidden_ended, &args),
                Some(MarkKind::OnlyChild) => fill(t.mark_only_child_ended, &args),
                Some(MarkKind::Shared) => fill(t.mark_shared_ended, &args),
                None => fill(t.mark_other_ended, &args),
            }
        }
        "family_plan_added" => {
            let version = p.get("version").and_then(Value::as_i64).unwrap_or(0);
            let score = p.get("score").and_then(Value::as_i64).unwrap_or(0);
            fill(
                t.family_plan_added,
                &[
                    ("name", &of_member(&s("member_id"))),
                    ("score", &score.to_string()),
                    ("version", &version.to_string()),
                ],
            )
        }
        _ => return None,
    })
}
