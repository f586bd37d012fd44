//! The family's meetings and the form to schedule one (lead work).

use askama::Template;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::joint_assessment::MeetingKind;
use eenplan_store::{Family, NewMeeting, StoreError};
use jiff::civil::Date;

use super::{place, running_organisations, when};
use crate::auth::family::FamilyCtx;
use crate::auth::family_nav::{SubNav, sub_nav};
use crate::flows::joint_assessment::texts::{JaTexts, joint_assessment};
use crate::kit::form::{
    Choice, ChoiceField, Errors, FormData, Input, TextField, chosen, code_label, code_select,
    text_errors, tick_box,
};
use crate::kit::listing::Listing;
use crate::kit::summary::ErrorSummary;
use crate::kit::{Lang, PageError, Shell, render};

/// One meeting in the family's list.
struct Line {
    id: String,
    when: String,
    kind: String,
    state: String,
    views: String,
}

#[derive(Template)]
#[template(path = "joint_assessment/list.html")]
struct ListPage {
    shell: Shell,
    x: &'static JaTexts,
    /// The meetings, and the scheduling form for the lead.
    list: Listing<Line>,
    nav: SubNav,
    summary: ErrorSummary,
}

fn schedule_inputs(
    x: &'static JaTexts,
    lang: Lang,
    family: &Family,
    d: &FormData,
    errs: &Errors,
) -> Vec<Input> {
    let err = |id: &str| errs.get(id).copied();
    // A fresh form invites the whole circle and expects the family at the table.
    let fresh = d.0.is_empty();
    let invited = d.all("invited");
    vec![
        code_select::<MeetingKind>("kind", x.ja_kind, lang, d, errs),
        Input::Text(TextField::typed("date", x.ja_date, d, errs).kind("date")),
        Input::Text(TextField::typed("time", x.ja_time, d, errs).kind("time")),
        Input::Checks(ChoiceField {
            id: "invited",
            label: x.ja_invited,
            options: running_organisations(family)
                .into_iter()
                .map(|(id, name)| Choice {
                    selected: fresh || invited.contains(&id),
                    value: id,
                    label: name,
                })
                .collect(),
            error: err("invited"),
        }),
        tick_box(
            "family_takes_part",
            (x.ja_family_takes_part, x.ja_family_takes_part),
            "ja",
            fresh || !d.all("family_takes_part").is_empty(),
            None,
        ),
        Input::Text(
            TextField::typed("family_absence_reason", x.ja_absence_reason, d, errs)
                .kind("textarea"),
        ),
    ]
}

async fn list_page(fam: &FamilyCtx, data: &FormData, errs: &Errors) -> Result<Response, PageError> {
    let lang = fam.lang;
    let x = joint_assessment(lang);
    let mut tx = fam.store().read().await?;
    let family = tx
        .family(fam.family_id())
        .await?
        .ok_or_else(PageError::not_found)?;
    let meetings = tx.meetings(fam.family_id()).await?;
    drop(tx);
    let lines = meetings
        .iter()
        .map(|m| Line {
            id: m.id.clone(),
            when: when(lang, m.meets_at),
            kind: code_label(lang, m.kind),
            state: code_label(lang, m.state),
            views: format!("{} / {}", m.views.len(), m.invited.len()),
        })
        .collect();
    let inputs = fam
        .grant
        .lead
        .then(|| schedule_inputs(x, lang, &family, data, errs));
    let nav = sub_nav(fam, "/beoordeling", &family.label);
    let list = Listing::new(&family, lines, inputs, errs);
    let shell = fam.shell(&format!("/gezinnen/{}/beoordeling", list.family_id));
    let inputs = list.inputs.as_deref().unwrap_or_default();
    let summary = ErrorSummary::of_inputs(lang, inputs).or_refused(list.has_errors, inputs);
    Ok(render(
        list.status(),
        &ListPage {
            shell,
            x,
            list,
            nav,
            summary,
        },
    ))
}

pub async fn list(fam: FamilyCtx) -> Result<Response, PageError> {
    list_page(&fam, &FormData(vec![]), &Errors::new()).await
}

pub async fn schedule(fam: FamilyCtx, d: FormData) -> Result<Response, PageError> {
    let p = fam.principal()?;
    let (t, x) = (fam.t(), joint_assessment(fam.lang));
    let mut errs = text_errors(&d, t, &["date", "time", "family_absence_reason"]);
    let kind = chosen::<MeetingKind>(&d, "kind", t, &mut errs);
    let date = d.get("date");
    let date = if date.is_empty() {
        errs.insert("date", t.err_required);
        None
    } else {
        date.parse::<Date>()
            .map_err(|_| errs.insert("date", t.err_date))
            .ok()
    };
    let time = d
        .get("time")
        .parse::<jiff::civil::Time>()
        .map_err(|_| errs.insert("time", x.err_time))
        .ok();
    if let (Some(kind), Some(date), Some(time), true) = (kind, date, time, errs.is_empty()) {
        let meeting = NewMeeting {
            kind,
            meets_at: date.to_datetime(time),
            invited: d.all("invited"),
            family_takes_part: !d.all("family_takes_part").is_empty(),
            family_absence_reason: d.get("family_absence_reason"),
        };
        let scheduled = fam.change(p, async |tx, by| {
            tx.schedule_meeting(&by.actor, by.family, by.both(), &meeting, by.today)
                .await
        });
        match scheduled.await {
            Ok(id) => {
                let to = format!("/gezinnen/{}/beoordeling/{id}", fam.family_id());
                return Ok(Redirect::to(&to).into_response());
            }
            Err(StoreError::Meeting(e)) => place(fam.lang, &e, &mut errs),
            Err(e) => return Err(e.into()),
        }
    }
    list_page(&fam, &d, &errs).await
}
