//! The family file in the browser: finding and opening files, the flower of familiar
//! faces, members and network, involvements and handovers, the plan with versions and
//! agreement, and the timeline. Access is decided before any of these run (the router's
//! family guard); rules come from `eenplan_domain::family`.

use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::family::{
    ConsentStep, DataCategory, Expertise, Interaction, InvolvementError, InvolvementRole,
    MemberError, MemberKind, NetworkRelation, NewMember, NoteError, Postcode,
};
use eenplan_store::{
    Family, FamilyQuery, NewFamily, NewInvolvement, NoteContent, Principal, StoreError,
};
use jiff::civil::Date;
use serde::Deserialize;

use super::form::{
    Choice, ChoiceField, Errors, FormData, Input, TextField, choices, text_errors, with_none,
};
use super::{Shell, errors, render};
use crate::AppState;
use crate::auth::Visitor;
use crate::auth::duplicates::Checked;
use crate::auth::family::{FamilyGrant, access_entry, visible_families};
use crate::client::Client;
use crate::i18n::{Lang, Texts};
pub(super) use crate::kit::dates::today;
pub(super) use crate::kit::form::{label_of, optional_date};
use eenplan_domain::text::{DateKind, TextKind, check_date, check_text};

/// What a store error becomes on a page when the handler has no better place for it: an
/// id in the path that names nothing (or nothing in this file) is a 404, never a 500.
pub(super) fn failed(e: &StoreError, headers: &HeaderMap) -> Response {
    if let StoreError::NotFound(_) = e {
        return errors::for_status(
            StatusCode::NOT_FOUND,
            headers,
            &Visitor::default(),
            "/",
            None,
        );
    }
    if let Some(r) = errors::text_refused(e, false, headers) {
        return r;
    }
    tracing::error!(error = %e, "family page failed on the database");
    errors::internal(false, headers)
}

pub(super) fn principal(visitor: &Visitor) -> Option<&Principal> {
    visitor.principal.as_ref()
}

fn parse_date(text: &str) -> Option<Date> {
    text.trim().parse::<Date>().ok()
}

/// Which field a member rule points at, and what to tell the professional.
fn member_error(t: &Texts, e: MemberError) -> (&'static str, &'static str) {
    match e {
        MemberError::Name => ("name", t.err_required),
        MemberError::NameText(p) => ("name", crate::input::page_message(t, p)),
        MemberError::CustodyNotParent => ("custody", t.err_custody),
        MemberError::ImplausiblyOld => ("date_of_birth", t.err_date_range),
        MemberError::ChildWithoutBirthDate | MemberError::BornInFuture => {
            ("date_of_birth", t.err_birth_date)
        }
    }
}

/// Access-log line for actions that are not about one file yet (search, create).
async fn log(
    state: &AppState,
    p: &Principal,
    event: eenplan_domain::access_log::AccessEvent,
    family_id: Option<String>,
    data: String,
    client: &str,
) -> Result<(), StoreError> {
    state
        .store
        .log_access(access_entry(p, event, None, family_id, data, client))
        .await
}

// ---- search ----

#[derive(Template)]
#[template(path = "families/search.html")]
struct SearchPage {
    shell: Shell,
    inputs: Vec<Input>,
    results: Vec<eenplan_store::FamilySummary>,
}

#[derive(Debug, Deserialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    naam: String,
    #[serde(default)]
    geboortedatum: String,
    #[serde(default)]
    postcode: String,
}

pub async fn search(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Query(q): Query<SearchQuery>,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let mut errs = Errors::new();
    // The search term is copied into the access log: short, one line, no control codes.
    if let Err(p) = check_text(TextKind::Search, &q.naam) {
        errs.insert("naam", crate::input::page_message(t, p));
    }
    let dob = if q.geboortedatum.trim().is_empty() {
        None
    } else {
        match parse_date(&q.geboortedatum) {
            Some(d) if check_date(DateKind::Birth, d, today()).is_ok() => Some(d),
            Some(_) => {
                errs.insert("geboortedatum", t.err_date_range);
                None
            }
            None => {
                errs.insert("geboortedatum", t.err_date);
                None
            }
        }
    };
    let postcode = if q.postcode.trim().is_empty() {
        None
    } else {
        Postcode::parse(&q.postcode)
            .map_err(|_| errs.insert("postcode", t.err_postcode))
            .ok()
    };
    // What was refused is not copied into the log: only that a search was refused.
    let logged = if errs.is_empty() {
        format!(
            "name={:?} birth={:?} postcode={:?}",
            q.naam, q.geboortedatum, q.postcode
        )
    } else {
        "refused input".to_owned()
    };
    let results = if errs.is_empty() {
        let query = FamilyQuery {
            name: q.naam.clone(),
            date_of_birth: dob,
            postcode,
        };
        let found = visible_families(&state, p, &query);
        match found.await {
            Ok(r) => r,
            Err(e) => return failed(&e, &headers),
        }
    } else {
        Vec::new()
    };
    if let Err(e) = log(
        &state,
        p,
        eenplan_domain::access_log::AccessEvent::Search,
        None,
        format!("{logged} results={}", results.len()),
        &client,
    )
    .await
    {
        return failed(&e, &headers);
    }
    let inputs = vec![
        Input::Text(TextField::new(
            "naam",
            t.f_family_name,
            &q.naam,
            errs.get("naam").copied(),
        )),
        Input::Text(
            TextField::new(
                "geboortedatum",
                t.f_birth_date,
                &q.geboortedatum,
                errs.get("geboortedatum").copied(),
            )
            .kind("date"),
        ),
        Input::Text(TextField::new(
            "postcode",
            t.f_postcode,
            &q.postcode,
            errs.get("postcode").copied(),
        )),
    ];
    let status = if errs.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(
        status,
        &SearchPage {
            shell: Shell::new(&headers, &visitor, "/gezinnen"),
            inputs,
            results,
        },
    )
}

// ---- opening a file ----

#[derive(Template)]
#[template(path = "families/new.html")]
struct NewPage {
    shell: Shell,
    a: &'static crate::access_texts::AccessTexts,
    has_errors: bool,
    /// Possible duplicates in the visitor's circle: (family id, label and address).
    in_circle: Vec<(String, String)>,
    /// Organisations leading a possible duplicate outside the circle: (name, phone).
    outside: Vec<(String, String)>,
    limited: bool,
    inputs: Vec<Input>,
}

/// What the duplicate check answered, for the page.
enum DuplicateAnswer {
    Nothing,
    Found(crate::auth::duplicates::Duplicates),
    Limited,
}

/// Where the visitor's organisation works: the places a new family can live.
async fn family_areas(
    state: &AppState,
    visitor: &Visitor,
) -> Result<Vec<(String, String)>, StoreError> {
    match principal(visitor) {
        Some(p) => {
            state
                .store
                .read()
                .await?
                .areas_within(&p.organisation_id)
                .await
        }
        None => Ok(Vec::new()),
    }
}

async fn new_page(
    state: &AppState,
    headers: &HeaderMap,
    visitor: &Visitor,
    form: &FormData,
    errs: &Errors,
    duplicates: DuplicateAnswer,
) -> Response {
    let lang = Lang::from_headers(headers);
    let (t, a) = (lang.texts(), crate::access_texts::texts(lang));
    let (in_circle, outside, limited) = match duplicates {
        DuplicateAnswer::Nothing => (vec![], vec![], false),
        DuplicateAnswer::Limited => (vec![], vec![], true),
        DuplicateAnswer::Found(d) => (
            d.in_circle
                .into_iter()
                .map(|f| {
                    let text = format!(
                        "{} — {} {}, {}",
                        f.label, f.postcode, f.house_number, f.city
                    );
                    (f.id, text)
                })
                .collect(),
            d.outside
                .into_iter()
                .map(|o| {
                    (
                        o.name,
                        o.phone.unwrap_or_else(|| a.duplicates_no_phone.to_owned()),
                    )
                })
                .collect(),
            false,
        ),
    };
    let any_duplicate = !in_circle.is_empty() || !outside.is_empty();
    let areas = match family_areas(state, visitor).await {
        Ok(a) => a,
        Err(e) => return failed(&e, headers),
    };
    let field = |id: &'static str, label: &'static str| {
        Input::Text(TextField::new(
            id,
            label,
            &form.get(id),
            errs.get(id).copied(),
        ))
    };
    let mut inputs = vec![
        Input::Text(
            TextField::new(
                "label",
                t.f_label,
                &form.get("label"),
                errs.get("label").copied(),
            )
            .hint(t.f_label_hint),
        ),
        field("street", t.f_street),
        field("house_number", t.f_house_number),
        field("postcode", t.f_postcode),
        field("city", t.f_city),
        Input::Select(ChoiceField {
            id: "area_id",
            label: t.f_family_area,
            options: super::form::with_none(
                t,
                areas
                    .iter()
                    .map(|(id, label)| Choice {
                        selected: form.get("area_id") == *id,
                        value: id.clone(),
                        label: label.clone(),
                    })
                    .collect(),
                &form.get("area_id"),
            ),
            error: errs.get("area_id").copied(),
        }),
        field("child_name", t.f_child_name),
        Input::Text(
            TextField::new(
                "child_birth",
                t.f_child_birth,
                &form.get("child_birth"),
                errs.get("child_birth").copied(),
            )
            .kind("date"),
        ),
    ];
    if any_duplicate {
        inputs.push(Input::Checks(ChoiceField {
            id: "confirm",
            label: t.duplicates_title,
            options: vec![Choice {
                value: "yes".into(),
                label: t.duplicates_confirm.into(),
                selected: false,
            }],
            error: None,
        }));
    }
    let status = if limited {
        StatusCode::TOO_MANY_REQUESTS
    } else if errs.is_empty() && !any_duplicate {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(
        status,
        &NewPage {
            shell: Shell::new(headers, visitor, "/gezinnen/nieuw"),
            a,
            has_errors: !errs.is_empty(),
            in_circle,
            outside,
            limited,
            inputs,
        },
    )
}

pub async fn new_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
) -> Response {
    new_page(
        &state,
        &headers,
        &visitor,
        &FormData(vec![]),
        &Errors::new(),
        DuplicateAnswer::Nothing,
    )
    .await
}

pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let form = FormData::parse(&body);
    let mut errs = Errors::new();
    for id in ["label", "street", "house_number", "city", "child_name"] {
        if let Err(p) = check_text(crate::input::field_kind(id), &form.raw(id)) {
            errs.insert(id, crate::input::page_message(t, p));
        } else if form.get(id).is_empty() && id != "child_name" {
            errs.insert(id, t.err_required);
        }
    }
    let postcode = Postcode::parse(&form.get("postcode"))
        .map_err(|_| errs.insert("postcode", t.err_postcode))
        .ok();
    let child_name = form.get("child_name");
    let child_birth = form.get("child_birth");
    let child = match (child_name.is_empty(), child_birth.is_empty()) {
        (true, true) => None,
        (false, false) => match parse_date(&child_birth) {
            Some(d) if check_date(DateKind::Birth, d, today()).is_ok() => {
                Some((child_name.clone(), d))
            }
            Some(_) => {
                errs.insert("child_birth", t.err_date_range);
                None
            }
            None => {
                errs.insert("child_birth", t.err_birth_date);
                None
            }
        },
        (true, false) => {
            errs.insert("child_name", t.err_required);
            None
        }
        (false, true) => {
            errs.insert("child_birth", t.err_birth_date);
            None
        }
    };
    let area_id = Some(form.get("area_id")).filter(|a| !a.is_empty());
    let Some(postcode) = postcode.filter(|_| errs.is_empty()) else {
        return new_page(
            &state,
            &headers,
            &visitor,
            &form,
            &errs,
            DuplicateAnswer::Nothing,
        )
        .await;
    };
    if form.all("confirm").is_empty() {
        let children: Vec<(String, Date)> = child.iter().cloned().collect();
        let house_number = form.get("house_number");
        let checked = crate::auth::duplicates::check(
            &state,
            p,
            &children,
            (&postcode, &house_number),
            ("POST /gezinnen/nieuw", &client),
        );
        match checked.await {
            Ok(Checked::Answer(d)) if !d.is_empty() => {
                let found = DuplicateAnswer::Found(d);
                return new_page(&state, &headers, &visitor, &form, &errs, found).await;
            }
            Ok(Checked::Answer(_)) => {}
            Ok(Checked::RateLimited(wait)) => {
                let limited = DuplicateAnswer::Limited;
                let mut r = new_page(&state, &headers, &visitor, &form, &errs, limited).await;
                if let Ok(v) = axum::http::HeaderValue::from_str(
                    &crate::auth::duplicates::retry_after_seconds(wait),
                ) {
                    r.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
                }
                return r;
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    let opened = async {
        let mut tx = state.store.write().await?;
        let id = tx
            .open_family(
                &p.actor(),
                NewFamily {
                    label: form.get("label"),
                    street: form.get("street"),
                    house_number: form.get("house_number"),
                    postcode,
                    city: form.get("city"),
                    area_id,
                },
                &p.user_id,
                &p.organisation_id,
            )
            .await?;
        if let Some((name, dob)) = &child {
            tx.add_member(
                &p.actor(),
                &id,
                NewMember {
                    kind: MemberKind::Child,
                    name: name.clone(),
                    date_of_birth: Some(*dob),
                    has_custody: false,
                },
                today(),
            )
            .await?;
        }
        tx.commit().await?;
        Ok::<_, StoreError>(id)
    };
    match opened.await {
        Ok(id) => {
            if let Err(e) = log(
                &state,
                p,
                eenplan_domain::access_log::AccessEvent::Create,
                Some(id.clone()),
                "family file opened".into(),
                &client,
            )
            .await
            {
                return failed(&e, &headers);
            }
            Redirect::to(&format!("/gezinnen/{id}")).into_response()
        }
        Err(StoreError::Involvement(InvolvementError::RegisseurMustBeLocalTeam)) => {
            errs.insert("label", t.err_not_local_team);
            new_page(
                &state,
                &headers,
                &visitor,
                &form,
                &errs,
                DuplicateAnswer::Nothing,
            )
            .await
        }
        // An area the organisation does not work in (the domain's rule, in the store).
        Err(StoreError::AreaOutside(_)) => {
            errs.insert("area_id", t.err_choose);
            new_page(
                &state,
                &headers,
                &visitor,
                &form,
                &errs,
                DuplicateAnswer::Nothing,
            )
            .await
        }
        // The child's details broke a member rule: nothing was opened (one transaction).
        Err(StoreError::Member(e)) => {
            let (field, msg) = member_error(t, e);
            errs.insert(
                if field == "name" {
                    "child_name"
                } else {
                    "child_birth"
                },
                msg,
            );
            new_page(
                &state,
                &headers,
                &visitor,
                &form,
                &errs,
                DuplicateAnswer::Nothing,
            )
            .await
        }
        Err(e) => failed(&e, &headers),
    }
}

// ---- the file page ----

struct Face {
    name: String,
    organisation: String,
    email: String,
    expertise: String,
}

struct FamilyForm {
    title: &'static str,
    action: String,
    submit: &'static str,
    warning: bool,
    inputs: Vec<Input>,
}

#[derive(Template)]
#[template(path = "families/show.html")]
struct ShowPage {
    shell: Shell,
    family: Family,
    regisseur: Option<Face>,
    partners: Vec<Face>,
    members: Vec<String>,
    network: Vec<String>,
    forms: Vec<FamilyForm>,
    /// For a partner: why the household and network forms are not there.
    household_note: Option<&'static str>,
    error: Option<&'static str>,
    /// Whom this family calls now; `None` when the province is unknown outside office
    /// hours (the page then lists both provinces' numbers).
    crisis: Option<crate::kit::crisis::Call>,
}

/// The crisis answer from the family's real status: whose client it is, its province,
/// and the assigned SAVE worker's name and number during office hours.
fn family_crisis(
    lang: Lang,
    family: &Family,
    province: Option<&str>,
    now: UtcTime,
) -> Option<crate::kit::crisis::Call> {
    use eenplan_domain::crisis::{Province, crisis_contact, family_client};
    let running: Vec<&eenplan_store::Involvement> =
        family.involvements.iter().filter(|i| !i.ended).collect();
    let kinds: Vec<_> = running.iter().map(|i| i.organisation_kind).collect();
    let client = family_client(family.framework, &kinds);
    let province = province.and_then(Province::from_cbs_code);
    let answer = crisis_contact(
        false,
        client,
        province,
        now,
        &eenplan_domain::calendar::Calendar::default(),
    )
    .ok()?;
    let worker = running
        .iter()
        .find(|i| {
            i.organisation_kind
                == eenplan_domain::organisation::OrganisationKind::CertifiedInstitution
        })
        .map(|i| (i.user_name.as_str(), i.user_phone.as_deref().unwrap_or("")));
    Some(crate::kit::crisis::call(lang, &answer, worker))
}

/// A form coming back with errors (or a handover to confirm).
struct Returned {
    form: &'static str,
    data: FormData,
    errors: Errors,
    warning: bool,
}

async fn show_page(
    state: &AppState,
    headers: &HeaderMap,
    visitor: &Visitor,
    grant: &FamilyGrant,
    returned: Option<Returned>,
) -> Response {
    let lang = Lang::from_headers(headers);
    let t = lang.texts();
    let family_id = grant.family_id.as_str();
    let loaded = async {
        let mut tx = state.store.read().await?;
        let family = tx.family(family_id).await?;
        let province = match family.as_ref().and_then(|f| f.area_id.clone()) {
            Some(area) => tx.province_code(&area).await?,
            None => None,
        };
        Ok::<_, StoreError>((family, tx.principals().await?, province))
    };
    let (mut family, people, province) = match loaded.await {
        Ok((Some(f), people, province)) => (f, people, province),
        Ok((None, ..)) => return errors::not_found_page(headers, visitor, "/gezinnen"),
        Err(e) => return failed(&e, headers),
    };
    let crisis = family_crisis(lang, &family, province.as_deref(), UtcTime::now());
    // A partner whose consent does not cover the network sees none of it, not even in
    // the forms' choices.
    let sees_network = grant.sees(DataCategory::Network);
    if !sees_network {
        family.network.clear();
    }
    let face = |i: &eenplan_store::Involvement| Face {
        name: i.user_name.clone(),
        organisation: i.organisation_name.clone(),
        email: i.user_email.clone(),
        expertise: i
            .expertise
            .map(|e| label_of(lang, e, Expertise::label_nl, Expertise::label_en))
            .unwrap_or_default(),
    };
    let members = family
        .members
        .iter()
        .filter(|m| !m.ended)
        .map(|m| {
            let mut s = format!(
                "{} ({})",
                m.name,
                label_of(lang, m.kind, MemberKind::label_nl, MemberKind::label_en)
            );
            if let Some(d) = m.date_of_birth {
                s.push_str(&format!(", {d}"));
            }
            if m.has_custody {
                s.push_str(&format!(", {}", t.f_custody.to_lowercase()));
            }
            s
        })
        .collect();
    let network = family
        .network
        .iter()
        .filter(|n| !n.ended)
        .map(|n| {
            format!(
                "{} ({}): {} — {}",
                n.name,
                label_of(
                    lang,
                    n.relation,
                    NetworkRelation::label_nl,
                    NetworkRelation::label_en
                ),
                n.safety_role,
                n.contact
            )
        })
        .collect();
    let r = returned.as_ref();
    let data_for = |form: &str| r.filter(|r| r.form == form).map(|r| &r.data);
    let err = |form: &str, id: &str| {
        r.filter(|r| r.form == form)
            .and_then(|r| r.errors.get(id).copied())
    };
    let empty = FormData(vec![]);
    let m = data_for("member").unwrap_or(&empty);
    let n = data_for("network").unwrap_or(&empty);
    let i = data_for("involvement").unwrap_or(&empty);
    // Only a care role joins the circle (the domain's rule); nobody else is offered.
    let active_people: Vec<&Principal> = people
        .iter()
        .filter(|p| p.active && eenplan_domain::role::is_care_role(&p.roles, p.organisation_kind))
        .collect();
    let running: Vec<&eenplan_store::Involvement> =
        family.involvements.iter().filter(|x| !x.ended).collect();
    let mut forms = vec![
        FamilyForm {
            title: t.add_member,
            action: format!("/gezinnen/{}/leden", family.id),
            submit: t.add_member,
            warning: false,
            inputs: vec![
                Input::Select(ChoiceField {
                    id: "kind",
                    label: t.f_member_kind,
                    options: choices(
                        MemberKind::ALL,
                        |k| k.code().into(),
                        |k| label_of(lang, *k, MemberKind::label_nl, MemberKind::label_en),
                        &m.get("kind"),
                    ),
                    error: None,
                }),
                Input::Text(TextField::new(
                    "name",
                    t.f_name,
                    &m.get("name"),
                    err("member", "name"),
                )),
                Input::Text(
                    TextField::new(
                        "date_of_birth",
                        t.f_birth_date,
                        &m.get("date_of_birth"),
                        err("member", "date_of_birth"),
                    )
                    .kind("date"),
                ),
                Input::Checks(ChoiceField {
                    id: "custody",
                    label: t.f_custody,
                    options: vec![Choice {
                        value: "yes".into(),
                        label: t.f_custody.into(),
                        selected: !m.all("custody").is_empty(),
                    }],
                    error: err("member", "custody"),
                }),
            ],
        },
        FamilyForm {
            title: t.add_network,
            action: format!("/gezinnen/{}/netwerk", family.id),
            submit: t.add_network,
            warning: false,
            inputs: vec![
                Input::Text(
                    TextField::new("name", t.f_name, &n.get("name"), err("network", "name"))
                        .suffix("network"),
                ),
                Input::Select(ChoiceField {
                    id: "relation",
                    label: t.f_relation,
                    options: choices(
                        NetworkRelation::ALL,
                        |k| k.code().into(),
                        |k| {
                            label_of(
                                lang,
                                *k,
                                NetworkRelation::label_nl,
                                NetworkRelation::label_en,
                            )
                        },
                        &n.get("relation"),
                    ),
                    error: None,
                }),
                Input::Text(TextField::new(
                    "safety_role",
                    t.f_safety_role,
                    &n.get("safety_role"),
                    err("network", "safety_role"),
                )),
                Input::Text(TextField::new(
                    "contact",
                    t.f_contact,
                    &n.get("contact"),
                    err("network", "contact"),
                )),
            ],
        },
        FamilyForm {
            title: t.add_partner,
            action: format!("/gezinnen/{}/betrokkenen", family.id),
            submit: if r.is_some_and(|r| r.warning) {
                t.confirm_handover
            } else {
                t.add_partner
            },
            warning: r.is_some_and(|r| r.warning),
            inputs: {
                let mut v = vec![
                    Input::Select(ChoiceField {
                        id: "user_id",
                        label: t.f_professional,
                        options: choices(
                            &active_people,
                            |p| p.user_id.clone(),
                            |p| format!("{} — {}", p.name, p.organisation_name),
                            &i.get("user_id"),
                        ),
                        error: err("involvement", "user_id"),
                    }),
                    Input::Select(ChoiceField {
                        id: "role",
                        label: t.f_role_in_family,
                        options: choices(
                            &[InvolvementRole::Partner, InvolvementRole::Regisseur],
                            |k| k.code().into(),
                            |k| {
                                label_of(
                                    lang,
                                    *k,
                                    InvolvementRole::label_nl,
                                    InvolvementRole::label_en,
                                )
                            },
                            &i.get("role"),
                        ),
                        error: err("involvement", "role"),
                    }),
                    Input::Select(ChoiceField {
                        id: "expertise",
                        label: t.f_expertise,
                        options: with_none(
                            t,
                            choices(
                                Expertise::ALL,
                                |k| k.code().into(),
                                |k| label_of(lang, *k, Expertise::label_nl, Expertise::label_en),
                                &i.get("expertise"),
                            ),
                            &i.get("expertise"),
                        ),
                        error: err("involvement", "expertise"),
                    }),
                    Input::Select(ChoiceField {
                        id: "takes_over",
                        label: t.f_takes_over,
                        options: with_none(
                            t,
                            choices(
                                &running,
                                |x| x.id.clone(),
                                |x| {
                                    format!(
                                        "{} — {} ({})",
                                        x.user_name,
                                        x.organisation_name,
                                        label_of(
                                            lang,
                                            x.role,
                                            InvolvementRole::label_nl,
                                            InvolvementRole::label_en
                                        )
                                    )
                                },
                                &i.get("takes_over"),
                            ),
                            &i.get("takes_over"),
                        ),
                        error: err("involvement", "takes_over"),
                    }),
                    Input::Text(TextField::new(
                        "reason",
                        t.f_reason,
                        &i.get("reason"),
                        err("involvement", "reason"),
                    )),
                ];
                if r.is_some_and(|r| r.warning) {
                    v.push(Input::Checks(ChoiceField {
                        id: "confirm",
                        label: t.confirm_handover,
                        options: vec![Choice {
                            value: "yes".into(),
                            label: t.confirm_handover.into(),
                            selected: false,
                        }],
                        error: None,
                    }));
                }
                v
            },
        },
        FamilyForm {
            title: t.correct_member,
            action: format!("/gezinnen/{}/leden/corrigeren", family.id),
            submit: t.correct_member,
            warning: false,
            inputs: {
                let d = data_for("correct").unwrap_or(&empty);
                vec![
                    Input::Select(ChoiceField {
                        id: "member",
                        label: t.f_end_who,
                        options: family
                            .members
                            .iter()
                            .filter(|m| !m.ended)
                            .map(|m| Choice {
                                value: m.id.clone(),
                                label: m.name.clone(),
                                selected: d.get("member") == m.id,
                            })
                            .collect(),
                        error: err("correct", "member"),
                    }),
                    Input::Select(ChoiceField {
                        id: "correct_kind",
                        label: t.f_member_kind,
                        options: choices(
                            MemberKind::ALL,
                            |k| k.code().into(),
                            |k| label_of(lang, *k, MemberKind::label_nl, MemberKind::label_en),
                            &d.get("correct_kind"),
                        ),
                        error: None,
                    }),
                    Input::Text(
                        TextField::new("name", t.f_name, &d.get("name"), err("correct", "name"))
                            .suffix("correct"),
                    ),
                    Input::Text(
                        TextField::new(
                            "date_of_birth",
                            t.f_birth_date,
                            &d.get("date_of_birth"),
                            err("correct", "date_of_birth"),
                        )
                        .kind("date")
                        .suffix("correct"),
                    ),
                    Input::Checks(ChoiceField {
                        id: "correct_custody",
                        label: t.f_custody,
                        options: vec![Choice {
                            value: "yes".into(),
                            label: t.f_custody.into(),
                            selected: !d.all("correct_custody").is_empty(),
                        }],
                        error: err("correct", "custody"),
                    }),
                    Input::Text(
                        TextField::new(
                            "reason",
                            t.f_correct_reason,
                            &d.get("reason"),
                            err("correct", "reason"),
                        )
                        .suffix("correct"),
                    ),
                ]
            },
        },
        FamilyForm {
            title: t.correct_network,
            action: format!("/gezinnen/{}/netwerk/corrigeren", family.id),
            submit: t.correct_network,
            warning: false,
            inputs: {
                let d = data_for("network_fix").unwrap_or(&empty);
                let err = |id| err("network_fix", id);
                vec![
                    Input::Select(ChoiceField {
                        id: "network_member",
                        label: t.f_end_who,
                        options: family
                            .network
                            .iter()
                            .filter(|n| !n.ended)
                            .map(|n| Choice {
                                value: n.id.clone(),
                                label: n.name.clone(),
                                selected: d.get("network_member") == n.id,
                            })
                            .collect(),
                        error: err("network_member"),
                    }),
                    Input::Text(
                        TextField::new("name", t.f_name, &d.get("name"), err("name"))
                            .suffix("network_fix"),
                    ),
                    Input::Select(ChoiceField {
                        id: "network_relation",
                        label: t.f_relation,
                        options: choices(
                            NetworkRelation::ALL,
                            |k| k.code().into(),
                            |k| {
                                label_of(
                                    lang,
                                    *k,
                                    NetworkRelation::label_nl,
                                    NetworkRelation::label_en,
                                )
                            },
                            &d.get("network_relation"),
                        ),
                        error: None,
                    }),
                    Input::Text(
                        TextField::new(
                            "safety_role",
                            t.f_safety_role,
                            &d.get("safety_role"),
                            err("safety_role"),
                        )
                        .suffix("network_fix"),
                    ),
                    Input::Text(
                        TextField::new("contact", t.f_contact, &d.get("contact"), err("contact"))
                            .suffix("network_fix"),
                    ),
                    Input::Text(
                        TextField::new(
                            "reason",
                            t.f_correct_reason,
                            &d.get("reason"),
                            err("reason"),
                        )
                        .suffix("network_fix"),
                    ),
                ]
            },
        },
        FamilyForm {
            title: t.end_title,
            action: format!("/gezinnen/{}/beeindigen", family.id),
            submit: t.end,
            warning: false,
            inputs: {
                // Whom the refused ending was about stays chosen.
                let chosen = data_for("end").map(|d| d.get("who")).unwrap_or_default();
                vec![
                    Input::Select(ChoiceField {
                        id: "who",
                        label: t.f_end_who,
                        options: family
                            .members
                            .iter()
                            .filter(|m| !m.ended)
                            .map(|m| Choice {
                                value: format!("member:{}", m.id),
                                label: format!(
                                    "{} ({})",
                                    m.name,
                                    label_of(
                                        lang,
                                        m.kind,
                                        MemberKind::label_nl,
                                        MemberKind::label_en
                                    )
                                ),
                                selected: chosen == format!("member:{}", m.id),
                            })
                            .chain(family.network.iter().filter(|n| !n.ended).map(|n| Choice {
                                value: format!("network:{}", n.id),
                                label: format!("{} ({})", n.name, t.network.to_lowercase()),
                                selected: chosen == format!("network:{}", n.id),
                            }))
                            .chain(family.partners().map(|i| Choice {
                                value: format!("involvement:{}", i.id),
                                label: format!("{} — {}", i.user_name, i.organisation_name),
                                selected: chosen == format!("involvement:{}", i.id),
                            }))
                            .collect(),
                        error: err("end", "who"),
                    }),
                    Input::Text(TextField::new(
                        "end_reason",
                        t.f_end_reason,
                        &data_for("end")
                            .map(|d| d.get("end_reason"))
                            .unwrap_or_default(),
                        err("end", "end_reason"),
                    )),
                ]
            },
        },
    ];
    forms.retain(|f| sees_network || !f.action.contains("/netwerk"));
    // Household and network are the lead's work: a partner reads them, without the forms
    // to change them, and may end only involvements.
    let household_note = (!grant.lead).then(|| {
        forms.retain(|f| !f.action.contains("/leden") && !f.action.contains("/netwerk"));
        for f in forms
            .iter_mut()
            .filter(|f| f.action.ends_with("/beeindigen"))
        {
            for input in &mut f.inputs {
                if let Input::Select(choice) = input {
                    choice
                        .options
                        .retain(|o| o.value.starts_with("involvement:"));
                }
            }
        }
        crate::access_texts::texts(lang).household_lead_only
    });
    let has_errors = r.is_some_and(|r| !r.errors.is_empty() || r.warning);
    let page = ShowPage {
        shell: Shell::new(headers, visitor, &format!("/gezinnen/{family_id}")),
        regisseur: family.regisseur().map(face),
        partners: family.partners().map(face).collect(),
        members,
        network,
        forms,
        household_note,
        error: has_errors.then_some(t.admin_fix),
        crisis,
        family,
    };
    render(
        if has_errors {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        },
        &page,
    )
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
) -> Response {
    show_page(&state, &headers, &visitor, &grant, None).await
}

pub(super) fn back(family_id: &str) -> Response {
    Redirect::to(&format!("/gezinnen/{family_id}")).into_response()
}

pub async fn add_member(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let data = FormData::parse(&body);
    let mut errs = text_errors(&data, t, &["name", "date_of_birth"]);
    let kind = data
        .get("kind")
        .parse::<MemberKind>()
        .unwrap_or(MemberKind::Child);
    let dob = optional_date(&data, "date_of_birth", t, &mut errs);
    if errs.is_empty() {
        let member = NewMember {
            kind,
            name: data.get("name"),
            date_of_birth: dob,
            has_custody: !data.all("custody").is_empty(),
        };
        let added = async {
            let mut tx = state.store.write().await?;
            tx.add_member(&p.actor(), &grant.family_id, member, today())
                .await?;
            tx.commit().await
        };
        match added.await {
            Ok(()) => return back(&grant.family_id),
            Err(StoreError::Member(e)) => {
                let (field, msg) = member_error(t, e);
                errs.insert(field, msg);
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    show_page(
        &state,
        &headers,
        &visitor,
        &grant,
        Some(Returned {
            form: "member",
            data,
            errors: errs,
            warning: false,
        }),
    )
    .await
}

pub async fn add_network(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let data = FormData::parse(&body);
    let mut errs = text_errors(&data, t, &["name", "safety_role", "contact"]);
    if data.get("name").is_empty() {
        errs.entry("name").or_insert(t.err_required);
    }
    if errs.is_empty() {
        let relation = data
            .get("relation")
            .parse::<NetworkRelation>()
            .unwrap_or(NetworkRelation::Other);
        let added = async {
            let mut tx = state.store.write().await?;
            tx.add_network_member(
                &p.actor(),
                &grant.family_id,
                &network_details(&data, relation),
            )
            .await?;
            tx.commit().await
        };
        match added.await {
            Ok(()) => return back(&grant.family_id),
            Err(e) => return failed(&e, &headers),
        }
    }
    show_page(
        &state,
        &headers,
        &visitor,
        &grant,
        Some(Returned {
            form: "network",
            data,
            errors: errs,
            warning: false,
        }),
    )
    .await
}

/// Corrects a member's details; the journal keeps the old ones.
pub async fn correct_member(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let data = FormData::parse(&body);
    let mut errs = text_errors(&data, t, &["name", "date_of_birth", "reason"]);
    let kind = data
        .get("correct_kind")
        .parse::<MemberKind>()
        .unwrap_or(MemberKind::Child);
    let dob = optional_date(&data, "date_of_birth", t, &mut errs);
    if data.get("reason").is_empty() {
        errs.entry("reason").or_insert(t.err_required);
    }
    if errs.is_empty() {
        let member = NewMember {
            kind,
            name: data.get("name"),
            date_of_birth: dob,
            has_custody: !data.all("correct_custody").is_empty(),
        };
        let corrected = async {
            let mut tx = state.store.write().await?;
            tx.correct_member(
                &p.actor(),
                &grant.family_id,
                &data.get("member"),
                member,
                &data.get("reason"),
                today(),
            )
            .await?;
            tx.commit().await
        };
        match corrected.await {
            Ok(()) => return back(&grant.family_id),
            Err(StoreError::Member(e)) => {
                let (field, msg) = member_error(t, e);
                errs.insert(field, msg);
            }
            Err(StoreError::NotFound(_)) => {
                errs.insert("member", t.err_choose);
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    show_page(
        &state,
        &headers,
        &visitor,
        &grant,
        Some(Returned {
            form: "correct",
            data,
            errors: errs,
            warning: false,
        }),
    )
    .await
}

/// Corrects a network member's details; the journal keeps the old ones.
pub async fn correct_network(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let data = FormData::parse(&body);
    let mut errs = text_errors(&data, t, &["name", "safety_role", "contact", "reason"]);
    for field in ["name", "reason"] {
        if data.get(field).is_empty() {
            errs.entry(field).or_insert(t.err_required);
        }
    }
    if errs.is_empty() {
        let relation = data
            .get("network_relation")
            .parse::<NetworkRelation>()
            .unwrap_or(NetworkRelation::Other);
        let corrected = async {
            let mut tx = state.store.write().await?;
            tx.correct_network_member(
                &p.actor(),
                &grant.family_id,
                &data.get("network_member"),
                &network_details(&data, relation),
                &data.get("reason"),
            )
            .await?;
            tx.commit().await
        };
        match corrected.await {
            Ok(()) => return back(&grant.family_id),
            Err(StoreError::NotFound(_)) => {
                errs.insert("network_member", t.err_choose);
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    show_page(
        &state,
        &headers,
        &visitor,
        &grant,
        Some(Returned {
            form: "network_fix",
            data,
            errors: errs,
            warning: false,
        }),
    )
    .await
}

/// What the add and correct forms submit about a network member.
fn network_details(data: &FormData, relation: NetworkRelation) -> eenplan_store::NetworkDetails {
    eenplan_store::NetworkDetails {
        name: data.get("name"),
        relation,
        safety_role: data.get("safety_role"),
        contact: data.get("contact"),
    }
}

/// Ends a member's, network member's or partner's part: kept, marked ended, journaled.
pub async fn end_someone(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let data = FormData::parse(&body);
    let mut errs = text_errors(&data, t, &["end_reason"]);
    let reason = data.get("end_reason");
    if reason.is_empty() {
        errs.entry("end_reason").or_insert(t.err_required);
    }
    let who = data.get("who");
    let Some((kind, id)) = who.split_once(':') else {
        errs.insert("who", t.err_choose);
        return show_page(
            &state,
            &headers,
            &visitor,
            &grant,
            Some(Returned {
                form: "end",
                data,
                errors: errs,
                warning: false,
            }),
        )
        .await;
    };
    // Ending a member or network member changes the household: the lead's work. A
    // partner may end involvements (their own part) only.
    if matches!(kind, "member" | "network") && !grant.lead {
        return crate::auth::family::lead_only(&headers, &visitor, &grant.family_id, &state).await;
    }
    if errs.is_empty() {
        let ended = async {
            let mut tx = state.store.write().await?;
            match kind {
                "member" => {
                    tx.end_member(&p.actor(), &grant.family_id, id, &reason)
                        .await?
                }
                "network" => {
                    tx.end_network_member(&p.actor(), &grant.family_id, id, &reason)
                        .await?
                }
                _ => {
                    tx.end_involvement(&p.actor(), &grant.family_id, id, &reason)
                        .await?
                }
            }
            tx.commit().await
        };
        match ended.await {
            Ok(()) => return back(&grant.family_id),
            Err(StoreError::Involvement(InvolvementError::RegisseurCannotLeave)) => {
                errs.insert("who", t.err_regisseur_leaves);
            }
            Err(StoreError::NotFound(_) | StoreError::Involvement(_)) => {
                errs.insert("who", t.err_choose);
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    show_page(
        &state,
        &headers,
        &visitor,
        &grant,
        Some(Returned {
            form: "end",
            data,
            errors: errs,
            warning: false,
        }),
    )
    .await
}

pub async fn add_involvement(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let data = FormData::parse(&body);
    let text = text_errors(&data, t, &["reason"]);
    let takes_over = Some(data.get("takes_over")).filter(|s| !s.is_empty());
    // The working model avoids handovers: warn first, proceed only once confirmed.
    if takes_over.is_some() && data.all("confirm").is_empty() {
        return show_page(
            &state,
            &headers,
            &visitor,
            &grant,
            Some(Returned {
                form: "involvement",
                data,
                errors: text,
                warning: true,
            }),
        )
        .await;
    }
    let user_id = data.get("user_id");
    let people = match async { state.store.read().await?.principal(&user_id).await }.await {
        Ok(p) => p,
        Err(e) => return failed(&e, &headers),
    };
    let mut errs = text;
    // A choice that is not on the list is refused at its field, never read as a default.
    let role = data
        .get("role")
        .parse::<InvolvementRole>()
        .map_err(|_| errs.insert("role", t.err_choose))
        .ok();
    let expertise = match data.get("expertise") {
        none if none.is_empty() => Some(None),
        code => code
            .parse::<Expertise>()
            .map_err(|_| errs.insert("expertise", t.err_choose))
            .ok()
            .map(Some),
    };
    let person = people.filter(|u| u.active);
    if person.is_none() {
        errs.insert("user_id", t.err_choose);
    }
    if let (Some(person), Some(role), Some(expertise)) = (person, role, expertise)
        && errs.is_empty()
    {
        let new = NewInvolvement {
            role,
            organisation_id: person.organisation_id.clone(),
            user_id: person.user_id.clone(),
            expertise,
            takes_over: takes_over.clone(),
            reason: Some(data.get("reason")).filter(|s| !s.is_empty()),
        };
        let added = async {
            let mut tx = state.store.write().await?;
            tx.add_involvement(&p.actor(), &grant.family_id, new)
                .await?;
            tx.commit().await
        };
        match added.await {
            Ok(()) => return back(&grant.family_id),
            Err(StoreError::ConsentNeeded(step)) => {
                errs.insert(
                    "user_id",
                    if step == ConsentStep::SaveGuidance {
                        t.err_needs_save_guidance
                    } else {
                        t.err_needs_data_sharing
                    },
                );
            }
            Err(StoreError::Involvement(e)) => {
                let (field, msg) = match e {
                    InvolvementError::RegisseurExists => ("takes_over", t.err_regisseur_exists),
                    InvolvementError::HandoverNeedsReason => ("reason", t.err_reason_needed),
                    InvolvementError::RegisseurMustBeLocalTeam => {
                        ("user_id", t.err_regisseur_local)
                    }
                    InvolvementError::AlreadyInvolved => ("user_id", t.err_already_involved),
                    InvolvementError::NotACareRole => (
                        "user_id",
                        crate::access_texts::texts(Lang::from_headers(&headers)).err_not_care_role,
                    ),
                    InvolvementError::TakeoverRoleMismatch | InvolvementError::UnknownTakeover => {
                        ("takes_over", t.err_takeover_role)
                    }
                    InvolvementError::RegisseurCannotLeave | InvolvementError::NoRegisseur => {
                        ("takes_over", t.err_regisseur_exists)
                    }
                };
                errs.insert(field, msg);
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    let warning = takes_over.is_some();
    show_page(
        &state,
        &headers,
        &visitor,
        &grant,
        Some(Returned {
            form: "involvement",
            data,
            errors: errs,
            warning,
        }),
    )
    .await
}

// ---- timeline ----

#[derive(Template)]
#[template(path = "families/timeline.html")]
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
) -> Response {
    let lang = Lang::from_headers(&headers);
    let loaded = async {
        let mut tx = state.store.read().await?;
        Ok::<_, StoreError>((
            tx.family(&grant.family_id).await?,
            tx.timeline(&grant.family_id).await?,
            tx.principals().await?,
        ))
    };
    match loaded.await {
        Ok((Some(f), entries, people)) => {
            let lines = entries
                .iter()
                .filter(|e| grant.sees_event(&e.kind))
                .map(|e| super::timeline::sentence(lang, e, &people, &f))
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
        Err(e) => failed(&e, &headers),
    }
}

// ---- case notes ----

struct NoteView {
    id: String,
    heading: String,
    text: String,
    earlier: Vec<String>,
    editable: bool,
    open: bool,
    inputs: Vec<Input>,
}

#[derive(Template)]
#[template(path = "families/notes.html")]
struct NotesPage {
    shell: Shell,
    family_id: String,
    label: String,
    has_errors: bool,
    inputs: Vec<Input>,
    notes: Vec<NoteView>,
}

/// A notes form coming back with errors: the new-note form (`note: None`) or a change.
struct NoteReturn {
    note: Option<String>,
    data: FormData,
    errors: Errors,
}

async fn notes_page(
    state: &AppState,
    headers: &HeaderMap,
    visitor: &Visitor,
    family_id: &str,
    back: Option<NoteReturn>,
) -> Response {
    let lang = Lang::from_headers(headers);
    let t = lang.texts();
    let Some(p) = principal(visitor) else {
        return errors::internal(false, headers);
    };
    let loaded = async {
        let mut tx = state.store.read().await?;
        Ok::<_, StoreError>((tx.family(family_id).await?, tx.notes(family_id).await?))
    };
    let (family, notes) = match loaded.await {
        Ok((Some(f), n)) => (f, n),
        Ok((None, _)) => return errors::not_found_page(headers, visitor, "/gezinnen"),
        Err(e) => return failed(&e, headers),
    };
    let interaction =
        |i: Interaction| label_of(lang, i, Interaction::label_nl, Interaction::label_en);
    let empty = FormData(vec![]);
    let new_data = back
        .as_ref()
        .filter(|b| b.note.is_none())
        .map_or(&empty, |b| &b.data);
    let new_err = |id: &str| {
        back.as_ref()
            .filter(|b| b.note.is_none())
            .and_then(|b| b.errors.get(id).copied())
    };
    let happened = new_data.get("happened_on");
    let inputs = vec![
        Input::Select(ChoiceField {
            id: "interaction",
            label: t.f_interaction,
            options: choices(
                Interaction::ALL,
                |i| i.code().into(),
                |i| interaction(*i),
                &new_data.get("interaction"),
            ),
            error: None,
        }),
        Input::Text(
            TextField::new(
                "happened_on",
                t.f_happened_on,
                if happened.is_empty() { "" } else { &happened },
                new_err("happened_on"),
            )
            .kind("date"),
        ),
        Input::Text(
            TextField::new(
                "text",
                t.f_note_text,
                &new_data.raw("text"),
                new_err("text"),
            )
            .kind("textarea"),
        ),
    ];
    let views = notes
        .iter()
        .filter_map(|n| {
            let current = n.current()?;
            let returned = back
                .as_ref()
                .filter(|b| b.note.as_deref() == Some(n.id.as_str()));
            let err = |id: &str| returned.and_then(|b| b.errors.get(id).copied());
            let value = |id: &str, default: String| returned.map_or(default, |b| b.data.raw(id));
            let mark = if current.correction {
                format!(" ({})", t.corrected)
            } else {
                String::new()
            };
            Some(NoteView {
                id: n.id.clone(),
                heading: format!(
                    "{} · {} · {}{mark}",
                    current.happened_on,
                    interaction(current.interaction),
                    n.author_name
                ),
                text: current.text.clone(),
                earlier: n
                    .versions
                    .iter()
                    .rev()
                    .skip(1)
                    .map(|v| {
                        format!(
                            "{} — {}{}",
                            &v.saved_at[..16].replace('T', " "),
                            v.text,
                            v.reason
                                .as_ref()
                                .map(|r| format!(" ({r})"))
                                .unwrap_or_default()
                        )
                    })
                    .collect(),
                editable: n.author_id == p.user_id,
                open: returned.is_some(),
                inputs: vec![
                    Input::Text(
                        TextField::new(
                            "happened_on",
                            t.f_happened_on,
                            &value("happened_on", current.happened_on.to_string()),
                            err("happened_on"),
                        )
                        .kind("date")
                        .suffix(&n.id),
                    ),
                    Input::Text(
                        TextField::new(
                            "text",
                            t.f_note_text,
                            &value("text", current.text.clone()),
                            err("text"),
                        )
                        .kind("textarea")
                        .suffix(&n.id),
                    ),
                    Input::Text(
                        TextField::new(
                            "reason",
                            t.f_correction_reason,
                            &value("reason", String::new()),
                            err("reason"),
                        )
                        .suffix(&n.id),
                    ),
                ],
            })
        })
        .collect();
    let has_errors = back.as_ref().is_some_and(|b| !b.errors.is_empty());
    let page = NotesPage {
        shell: Shell::new(headers, visitor, &format!("/gezinnen/{family_id}/notities")),
        family_id: family_id.to_owned(),
        label: family.label,
        has_errors,
        inputs,
        notes: views,
    };
    render(
        if has_errors {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        },
        &page,
    )
}

pub async fn notes(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
) -> Response {
    notes_page(&state, &headers, &visitor, &grant.family_id, None).await
}

/// Reads a note form; the date must be a date, the rest is the domain's to judge.
fn note_content(
    t: &Texts,
    data: &FormData,
    interaction: Option<Interaction>,
    errs: &mut Errors,
) -> Option<NoteContent> {
    let happened_on = parse_date(&data.get("happened_on")).or_else(|| {
        errs.insert("happened_on", t.err_date);
        None
    });
    let interaction = interaction
        .or_else(|| data.get("interaction").parse().ok())
        .unwrap_or(Interaction::Other);
    happened_on.map(|happened_on| NoteContent {
        interaction,
        happened_on,
        text: data.raw("text"),
    })
}

/// Which field a note rule points at, and what to tell the professional.
fn note_error(t: &Texts, e: NoteError) -> (&'static str, &'static str) {
    match e {
        NoteError::InFuture => ("happened_on", t.err_not_future),
        NoteError::TooOld => ("happened_on", t.err_date_range),
        NoteError::Text(p) => ("text", crate::input::page_message(t, p)),
        NoteError::CorrectionNeedsReason => ("reason", t.err_note_reason),
        NoteError::Empty | NoteError::NotAuthor => ("text", t.err_required),
    }
}

pub async fn write_note(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let data = FormData::parse(&body);
    let mut errs = Errors::new();
    if let Some(content) = note_content(t, &data, None, &mut errs) {
        let written = async {
            let mut tx = state.store.write().await?;
            tx.write_note(&p.actor(), &grant.family_id, &p.user_id, content)
                .await?;
            tx.commit().await
        };
        match written.await {
            Ok(()) => {
                return Redirect::to(&format!("/gezinnen/{}/notities", grant.family_id))
                    .into_response();
            }
            Err(StoreError::Note(e)) => {
                let (field, msg) = note_error(t, e);
                errs.insert(field, msg);
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    notes_page(
        &state,
        &headers,
        &visitor,
        &grant.family_id,
        Some(NoteReturn {
            note: None,
            data,
            errors: errs,
        }),
    )
    .await
}

pub async fn change_note(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    axum::extract::Path((_, note_id)): axum::extract::Path<(String, String)>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let data = FormData::parse(&body);
    let mut errs = text_errors(&data, t, &["happened_on", "text", "reason"]);
    let current = match async { state.store.read().await?.notes(&grant.family_id).await }.await {
        Ok(notes) => notes.into_iter().find(|n| n.id == note_id),
        Err(e) => return failed(&e, &headers),
    };
    let Some(current) = current else {
        return errors::not_found_page(&headers, &visitor, "/gezinnen");
    };
    let interaction = current.current().map(|v| v.interaction);
    let content = note_content(t, &data, interaction, &mut errs);
    if let Some(content) = content.filter(|_| errs.is_empty()) {
        let reason = data.get("reason");
        let changed = async {
            let mut tx = state.store.write().await?;
            tx.change_note(
                &p.actor(),
                &grant.family_id,
                &note_id,
                &p.user_id,
                content,
                Some(reason.as_str()).filter(|r| !r.is_empty()),
            )
            .await?;
            tx.commit().await
        };
        match changed.await {
            Ok(()) => {
                return Redirect::to(&format!("/gezinnen/{}/notities", grant.family_id))
                    .into_response();
            }
            Err(StoreError::Note(NoteError::NotAuthor)) => {
                return errors::forbidden(&headers, &visitor);
            }
            Err(StoreError::Note(e)) => {
                let (field, msg) = note_error(t, e);
                errs.insert(field, msg);
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    notes_page(
        &state,
        &headers,
        &visitor,
        &grant.family_id,
        Some(NoteReturn {
            note: Some(note_id),
            data,
            errors: errs,
        }),
    )
    .await
}

#[cfg(test)]
mod tests {
    use eenplan_domain::UtcTime;
    use eenplan_domain::family::{Framework, InvolvementRole};
    use eenplan_domain::organisation::OrganisationKind;
    use eenplan_store::{Family, Involvement};

    use super::family_crisis;
    use crate::i18n::Lang;

    fn involved(kind: OrganisationKind, name: &str, phone: Option<&str>) -> Involvement {
        Involvement {
            id: name.into(),
            role: InvolvementRole::Partner,
            organisation_id: name.into(),
            organisation_name: name.into(),
            user_id: name.into(),
            user_name: name.into(),
            user_email: format!("{name}@example.org"),
            user_phone: phone.map(str::to_owned),
            organisation_kind: kind,
            expertise: None,
            started_at: String::new(),
            ended: false,
        }
    }

    fn family(involvements: Vec<Involvement>) -> Family {
        Family {
            id: "f".into(),
            label: "Gezin".into(),
            street: String::new(),
            house_number: String::new(),
            postcode: String::new(),
            city: String::new(),
            area_id: None,
            framework: Framework::Voluntary,
            framework_organisation_id: None,
            members: vec![],
            network: vec![],
            involvements,
        }
    }

    #[test]
    fn a_save_family_calls_its_worker_in_office_hours_and_its_provinces_line_after() {
        let monday_10h = UtcTime::parse("2026-11-23T09:00:00Z").unwrap();
        let monday_night = UtcTime::parse("2026-11-23T21:00:00Z").unwrap();
        let save = family(vec![
            involved(OrganisationKind::LocalTeam, "Sanne", None),
            involved(
                OrganisationKind::CertifiedInstitution,
                "Thomas",
                Some("06-0000 0123"),
            ),
        ]);
        let call = family_crisis(Lang::Nl, &save, Some("PV24"), monday_10h).unwrap();
        assert_eq!(
            (call.title.as_str(), call.tel.as_str()),
            ("Bel je SAVE-medewerker Thomas", "0600000123")
        );
        let call = family_crisis(Lang::Nl, &save, Some("PV24"), monday_night).unwrap();
        assert_eq!(call.tel, "0889963000");
        let call = family_crisis(Lang::Nl, &save, Some("PV26"), monday_night).unwrap();
        assert_eq!(call.tel, "08002000");
        assert!(
            family_crisis(Lang::Nl, &save, None, monday_night).is_none(),
            "province unknown: both numbers shown"
        );
        let plain = family(vec![involved(OrganisationKind::LocalTeam, "Sanne", None)]);
        assert_eq!(
            family_crisis(Lang::Nl, &plain, None, monday_night)
                .unwrap()
                .tel,
            "08002000"
        );
        let no_phone = family(vec![involved(
            OrganisationKind::CertifiedInstitution,
            "Eva",
            None,
        )]);
        let call = family_crisis(Lang::Nl, &no_phone, None, monday_10h).unwrap();
        assert_eq!(
            (call.title.as_str(), call.phone.as_str()),
            ("Bel je SAVE-medewerker Eva", "")
        );
    }
}
