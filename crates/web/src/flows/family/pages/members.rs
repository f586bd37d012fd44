//! The household: adding and correcting members.

use axum::response::Response;
use eenplan_domain::family::{MemberKind, NewMember};
use eenplan_store::StoreError;

use super::forms::{Part, Returned};
use super::parts::form_back;
use super::*;
use crate::kit::Lang;
use crate::kit::dates::today;
use crate::kit::form::{FormData, optional_date, text_errors};
use crate::kit::respond::require;

/// The member as the add or the correct form describes them (`correct` names the
/// kind and custody fields apart), with a date that is not one refused at its field.
fn member(data: &FormData, lang: Lang, errs: &mut Errors, correct: bool) -> NewMember {
    let (kind, custody) = if correct {
        ("correct_kind", "correct_custody")
    } else {
        ("kind", "custody")
    };
    NewMember {
        kind: data.get(kind).parse().unwrap_or(MemberKind::Child),
        name: data.get("name"),
        date_of_birth: optional_date(data, "date_of_birth", lang.texts(), errs),
        has_custody: !data.all(custody).is_empty(),
    }
}

pub async fn add_member(fam: FamilyCtx, data: FormData) -> Result<Response, PageError> {
    let (p, lang) = (fam.principal()?, fam.lang);
    let mut errs = text_errors(&data, lang.texts(), &["name", "date_of_birth"]);
    let member = member(&data, lang, &mut errs, false);
    let add = async |tx: &mut Tx| {
        tx.add_member(&p.actor(), fam.family_id(), member, today())
            .await
    };
    if let Some(done) = settle(&fam, Part::Household.path(), &mut errs, add, place(lang)).await? {
        return Ok(done);
    }
    form_back(&fam, Returned::new("member", data, errs)).await
}

/// Corrects a member's details; the journal keeps the old ones.
pub async fn correct_member(fam: FamilyCtx, data: FormData) -> Result<Response, PageError> {
    let (p, lang) = (fam.principal()?, fam.lang);
    let t = lang.texts();
    let mut errs = text_errors(&data, t, &["name", "date_of_birth", "reason"]);
    let member = member(&data, lang, &mut errs, true);
    require(&data, t, &mut errs, &["reason"]);
    let (id, reason) = (data.get("member"), data.get("reason"));
    let correct = async |tx: &mut Tx| {
        tx.correct_member(&p.actor(), fam.family_id(), &id, member, &reason, today())
            .await
    };
    let refused = |e, errs: &mut Errors| match e {
        StoreError::NotFound(_) => {
            errs.insert("member", t.err_choose);
            Ok(())
        }
        e => place(lang)(e, errs),
    };
    if let Some(done) = settle(&fam, Part::Household.path(), &mut errs, correct, refused).await? {
        return Ok(done);
    }
    form_back(&fam, Returned::new("correct", data, errs)).await
}
