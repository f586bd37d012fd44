//! A signed-in family member's complaints (issue 17 §4): the public form's complaint,
//! filed with the member's contact details filled in from the account (they may change
//! them), about an organisation of the family's circle and, if they like, one of its
//! professionals; and the list of their own complaints with the status in sentences
//! (the complaints flow's `status_of`), without reference or code: the account is the
//! key. A complaint is no part of the family file (the store keeps it apart).
//!
//! The circle is family data: whether the member sees it is `sight` on a
//! `FlowerContact` item, and its read is an access-log line as the member. A member who
//! does not see the circle (a young person of 12 to 15, a parent without custody)
//! chooses from every organisation complaints are handled for, as on the public form,
//! and names a professional in their own words.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::calendar::written_date;
use eenplan_domain::complaint::procedure_for;
use eenplan_domain::family::portal::ItemKind;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_store::{AccessEntry, FamilyPrincipal, NewComplaint, Tx};
use serde::Deserialize;

use super::public::{Status, status_of};
use super::texts::{ComplaintTexts, complaints};
use super::texts::{PortalComplaintTexts, portal_complaints as texts};
use crate::auth::portal::{PortalCtx, member};
use crate::kit::dates::today;
use crate::kit::extract::Query;
use crate::kit::form::{
    Choice, ChoiceField, Errors, FormData, Input, TextField, code_label, text_errors,
};
use crate::kit::summary::ErrorSummary;
use crate::kit::texts::fill;
use crate::kit::{Ctx, Lang, PageError, form_status, render};

const FORM: &str = "/mijn-gezin/klacht";
const LIST: &str = "/mijn-gezin/klachten";

#[derive(Template)]
#[template(path = "family_portal/complaint_form.html")]
struct FormPage {
    shell: crate::kit::Shell,
    x: &'static ComplaintTexts,
    p: &'static PortalComplaintTexts,
    summary: ErrorSummary,
    inputs: Vec<Input>,
}

/// One complaint: its heading and the status in sentences, named as the complaints
/// flow's status block reads them.
struct Row {
    heading: String,
    filed_on: String,
    about: String,
    state: String,
    term: Option<String>,
    measures: Vec<String>,
}

#[derive(Template)]
#[template(path = "family_portal/complaints.html")]
struct ListPage {
    shell: crate::kit::Shell,
    x: &'static ComplaintTexts,
    p: &'static PortalComplaintTexts,
    notice: Option<&'static str>,
    rows: Vec<Row>,
}

#[derive(Debug, Deserialize)]
pub struct Done {
    klaar: Option<String>,
}

struct Organisation {
    id: String,
    name: String,
    kind: OrganisationKind,
}

/// A professional of the circle: the involvement's id is the form's value.
struct Professional {
    involvement_id: String,
    name: String,
    organisation_id: String,
    organisation_name: String,
}

/// What the member may choose from. `professionals` is `None` when the member does
/// not see the circle: the professional is then typed.
struct Circle {
    organisations: Vec<Organisation>,
    professionals: Option<Vec<Professional>>,
}

/// The member's circle, decided by `sight` and logged when read.
async fn circle(tx: &mut Tx, ctx: &Ctx, m: &FamilyPrincipal) -> Result<Circle, PageError> {
    let mut every: Vec<Organisation> = tx
        .organisations()
        .await?
        .into_iter()
        .filter(|o| procedure_for(o.kind).is_some())
        .map(|o| Organisation {
            id: o.id.to_string(),
            name: o.name,
            kind: o.kind,
        })
        .collect();
    every.sort_by(|a, b| a.name.cmp(&b.name));
    let Some(portal) = PortalCtx::load_in(tx, m.clone(), today()).await? else {
        return Err(PageError::not_found());
    };
    if !portal.sees(ItemKind::FlowerContact) {
        return Ok(Circle {
            organisations: every,
            professionals: None,
        });
    }
    let family = &portal.family;
    let current: Vec<_> = family.involvements.iter().filter(|i| !i.ended).collect();
    let organisations: Vec<Organisation> = every
        .into_iter()
        .filter(|o| current.iter().any(|i| i.organisation_id == o.id))
        .collect();
    let professionals = current
        .iter()
        .filter(|i| organisations.iter().any(|o| o.id == i.organisation_id))
        .map(|i| Professional {
            involvement_id: i.id.clone(),
            name: i.user_name.clone(),
            organisation_id: i.organisation_id.clone(),
            organisation_name: i.organisation_name.clone(),
        })
        .collect();
    tx.log_access(&AccessEntry::family_read(
        &m.account_id,
        &m.family_id,
        "betrokken organisaties en medewerkers (klachtformulier)".to_owned(),
        &ctx.client.0,
    ))
    .await?;
    Ok(Circle {
        organisations,
        professionals: Some(professionals),
    })
}

fn inputs(
    lang: Lang,
    t: &crate::kit::i18n::Texts,
    c: &Circle,
    data: &FormData,
    errors: &Errors,
) -> Vec<Input> {
    let (x, p) = (complaints(lang), texts(lang));
    let chosen = data.get("organisatie");
    let mut options = vec![Choice {
        value: String::new(),
        label: t.err_choose.to_owned(),
        selected: chosen.is_empty(),
    }];
    options.extend(c.organisations.iter().map(|o| Choice {
        value: o.id.clone(),
        label: format!("{} ({})", o.name, code_label(lang, o.kind)),
        selected: o.id == chosen,
    }));
    let professional = match &c.professionals {
        Some(list) => {
            let chosen = data.get("medewerker");
            let mut options = vec![Choice {
                value: String::new(),
                label: p.no_professional.to_owned(),
                selected: chosen.is_empty(),
            }];
            options.extend(list.iter().map(|pro| Choice {
                value: pro.involvement_id.clone(),
                label: format!("{}, {}", pro.name, pro.organisation_name),
                selected: pro.involvement_id == chosen,
            }));
            Input::Select(ChoiceField {
                id: "medewerker",
                label: x.f_professional,
                options,
                error: errors.get("medewerker").copied(),
            })
        }
        None => Input::Text(
            TextField::typed("medewerker", x.f_professional, data, errors)
                .hint(x.f_professional_hint),
        ),
    };
    vec![
        Input::Select(ChoiceField {
            id: "organisatie",
            label: x.f_organisation,
            options,
            error: errors.get("organisatie").copied(),
        }),
        professional,
        Input::Text(
            TextField::typed("wat", x.f_what, data, errors)
                .hint(x.f_what_hint)
                .kind("textarea"),
        ),
        Input::Text(TextField::typed("name", x.f_name, data, errors).hint(p.contact_hint)),
        Input::Text(
            TextField::typed("email", x.f_email, data, errors)
                .hint(x.f_contact_hint)
                .kind("email"),
        ),
        Input::Text(TextField::typed("phone", x.f_phone, data, errors).kind("tel")),
    ]
}

fn form_page(ctx: &Ctx, status: StatusCode, inputs: Vec<Input>, refused: bool) -> Response {
    render(
        status,
        &FormPage {
            shell: ctx.shell(FORM),
            x: complaints(ctx.lang),
            p: texts(ctx.lang),
            summary: ErrorSummary::of_inputs(ctx.lang, &inputs).or_refused(refused, &inputs),
            inputs,
        },
    )
}

pub async fn form(ctx: Ctx) -> Result<Response, PageError> {
    let m = member(&ctx)?.clone();
    let mut tx = ctx.store().write().await?;
    let c = circle(&mut tx, &ctx, &m).await?;
    let email = tx
        .family_credentials_by_id(&m.account_id)
        .await?
        .map(|c| c.sign_in_name)
        .unwrap_or_default();
    tx.commit().await?;
    let prefill = FormData(vec![
        ("name".to_owned(), m.name.clone()),
        ("email".to_owned(), email),
    ]);
    let inputs = inputs(ctx.lang, ctx.t(), &c, &prefill, &Errors::new());
    Ok(form_page(&ctx, StatusCode::OK, inputs, false))
}

pub async fn submit(ctx: Ctx, data: FormData) -> Result<Response, PageError> {
    let m = member(&ctx)?.clone();
    let (t, x, p) = (ctx.t(), complaints(ctx.lang), texts(ctx.lang));
    let mut tx = ctx.store().write().await?;
    let c = circle(&mut tx, &ctx, &m).await?;
    let typed = c.professionals.is_none();
    let mut fields = vec!["wat", "name", "email", "phone"];
    if typed {
        fields.push("medewerker");
    }
    let mut errors = text_errors(&data, t, &fields);
    let organisation = data.get("organisatie");
    let org = c.organisations.iter().find(|o| o.id == organisation);
    if org.is_none() {
        errors.insert("organisatie", t.err_choose);
    }
    let professional = match &c.professionals {
        Some(list) => {
            let chosen = data.get("medewerker");
            if chosen.is_empty() {
                None
            } else {
                match list.iter().find(|pro| pro.involvement_id == chosen) {
                    Some(pro) if org.is_none_or(|o| o.id == pro.organisation_id) => {
                        Some(pro.name.clone())
                    }
                    _ => {
                        errors.insert("medewerker", p.professional_elsewhere);
                        None
                    }
                }
            }
        }
        None => Some(data.get("medewerker")).filter(|v| !v.is_empty()),
    };
    for field in ["wat", "name"] {
        if data.get(field).is_empty() {
            errors.entry(field).or_insert(t.err_required);
        }
    }
    let (email, phone) = (data.get("email"), data.get("phone"));
    if email.is_empty() && phone.is_empty() {
        errors.entry("email").or_insert(x.err_contact);
    }
    let Some(org) = org.filter(|_| errors.is_empty()) else {
        tx.commit().await?;
        let inputs = inputs(ctx.lang, t, &c, &data, &errors);
        return Ok(form_page(&ctx, form_status(false), inputs, true));
    };
    let optional = |v: String| (!v.is_empty()).then_some(v);
    tx.file_family_complaint(
        &m.account_id,
        &NewComplaint {
            organisation_id: org.id.clone(),
            professional_name: professional,
            what_happened: data.get("wat"),
            complainant_name: data.get("name"),
            contact_email: optional(email),
            contact_phone: optional(phone),
        },
        today(),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("{LIST}?klaar=verstuurd")).into_response())
}

pub async fn list(ctx: Ctx, Query(done): Query<Done>) -> Result<Response, PageError> {
    let m = member(&ctx)?.clone();
    let lang = ctx.lang;
    let (x, p) = (complaints(lang), texts(lang));
    let mut tx = ctx.store().read().await?;
    let records = tx.family_member_complaints(&m.account_id).await?;
    let calendar = tx.statutory_calendar().await?;
    drop(tx);
    let rows = records
        .iter()
        .map(|r| {
            let Status {
                about,
                state,
                term,
                measures,
            } = status_of(lang, r, &calendar);
            Row {
                heading: fill(p.about, &[("organisation", &r.organisation_name)]),
                filed_on: written_date(r.course.received_on, lang == Lang::En),
                about,
                state,
                term,
                measures,
            }
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &ListPage {
            shell: ctx.shell(LIST),
            x,
            p,
            notice: (done.klaar.as_deref() == Some("verstuurd")).then_some(p.filed),
            rows,
        },
    ))
}
