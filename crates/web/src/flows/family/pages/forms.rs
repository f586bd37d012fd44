//! The file page's forms, one per part of the file, each shown with what was typed
//! into it and its messages when it is the one that came back.

use eenplan_domain::family::{Expertise, InvolvementRole, MemberKind, NetworkRelation};
use eenplan_store::{Family, Principal};

use crate::flows::family::texts::family_texts;
use crate::kit::form::{
    Choice, ChoiceField, Errors, FormData, Input, TextField, choices, label_of, tick_box, with_none,
};
use crate::kit::i18n::{Lang, Texts};

/// One of the file's forms; each part of the file builds its own. A sub-page shows
/// each form closed behind its title, and open when it came back with messages or was
/// asked for (`?nieuw=` its anchor, as the overview's shortcuts link it).
pub(super) struct FamilyForm {
    pub title: &'static str,
    pub action: String,
    pub submit: &'static str,
    pub warning: bool,
    pub inputs: Vec<Input>,
    /// The `id` of its disclosure, and the `?nieuw=` value that opens it.
    pub anchor: &'static str,
    pub open: bool,
}

/// The sub-page a form stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    /// "Gezin en netwerk": the household and the network (the lead's work).
    Household,
    /// "Betrokkenen": who works with the family.
    Involvements,
}

impl Part {
    /// The sub-page's path under the file.
    pub fn path(self) -> &'static str {
        match self {
            Part::Household => "/gezin",
            Part::Involvements => "/betrokkenen",
        }
    }
}

/// A form coming back with errors (or a handover to confirm).
pub(super) struct Returned {
    /// Which form: "member", "network", "involvement", "correct", "network_fix", "end".
    pub form: &'static str,
    pub data: FormData,
    pub errors: Errors,
    pub warning: bool,
}

impl Returned {
    /// The form `form` back with what was typed and its messages.
    pub fn new(form: &'static str, data: FormData, errors: Errors) -> Self {
        Returned {
            form,
            data,
            errors,
            warning: false,
        }
    }

    /// The same, with the handover warning to confirm when `warning` holds.
    pub fn warned(self, warning: bool) -> Self {
        Returned { warning, ..self }
    }
}

static NOTHING_TYPED: FormData = FormData(Vec::new());

/// What one form of the page shows: what was typed into it and its messages when it is
/// the form that came back, nothing otherwise.
pub(super) struct Typed<'a> {
    data: &'a FormData,
    errors: Option<&'a Errors>,
}

impl<'a> Typed<'a> {
    pub fn of(returned: Option<&'a Returned>, form: &str) -> Self {
        match returned.filter(|r| r.form == form) {
            Some(r) => Typed {
                data: &r.data,
                errors: Some(&r.errors),
            },
            None => Typed {
                data: &NOTHING_TYPED,
                errors: None,
            },
        }
    }

    pub fn get(&self, name: &str) -> String {
        self.data.get(name)
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.data.all(name)
    }

    pub fn err(&self, id: &str) -> Option<&'static str> {
        self.errors.and_then(|e| e.get(id).copied())
    }

    /// The text field `name` with what was typed into it and its message.
    pub fn text(&self, name: &'static str, label: &'static str) -> TextField {
        TextField::new(name, label, &self.get(name), self.err(name))
    }
}

/// The box that confirms a step the page warned about (a handover, a possible
/// duplicate): never ticked when the page shows it.
pub(super) fn confirm_box(words: (&'static str, &'static str)) -> Input {
    tick_box("confirm", words, "yes", false, None)
}

/// A member's own details, as the add and the correct form both ask them. The correct
/// form submits kind and custody under other names and tags its text fields, so both
/// forms can stand on one page; a custody error is reported under `custody` for both.
fn member_fields(lang: Lang, t: &'static Texts, typed: &Typed, correct: bool) -> Vec<Input> {
    let ft = family_texts(lang);
    let (kind, custody) = if correct {
        ("correct_kind", "correct_custody")
    } else {
        ("kind", "custody")
    };
    let tag = |f: TextField| if correct { f.suffix("correct") } else { f };
    vec![
        Input::Select(ChoiceField {
            id: kind,
            label: ft.f_member_kind,
            options: choices(
                MemberKind::ALL,
                |k| k.code().into(),
                |k| label_of(lang, *k, MemberKind::label_nl, MemberKind::label_en),
                &typed.get(kind),
            ),
            error: None,
        }),
        Input::Text(tag(typed.text("name", t.f_name))),
        Input::Text(tag(typed
            .text("date_of_birth", t.f_birth_date)
            .kind("date"))),
        tick_box(
            custody,
            (ft.f_custody, ft.f_custody),
            "yes",
            !typed.all(custody).is_empty(),
            typed.err("custody"),
        ),
    ]
}

/// What a correction form asks: whom it corrects (`who`: the field and the running
/// (id, name) pairs to choose from), their `fields`, and the reason, tagged with the
/// form's `suffix` like the fields are.
fn correction_inputs<'a>(
    lang: Lang,
    typed: &Typed,
    (id, who): (&'static str, impl Iterator<Item = (&'a str, &'a str)>),
    fields: Vec<Input>,
    suffix: &str,
) -> Vec<Input> {
    let ft = family_texts(lang);
    let chosen = typed.get(id);
    let mut inputs = vec![Input::Select(ChoiceField {
        id,
        label: ft.f_end_who,
        options: who
            .map(|(value, label)| Choice {
                value: value.to_owned(),
                label: label.to_owned(),
                selected: chosen == value,
            })
            .collect(),
        error: typed.err(id),
    })];
    inputs.extend(fields);
    inputs.push(Input::Text(
        typed.text("reason", ft.f_correct_reason).suffix(suffix),
    ));
    inputs
}

/// What the form that corrects a member's details asks.
fn member_correction(lang: Lang, t: &'static Texts, family: &Family, typed: &Typed) -> Vec<Input> {
    let running = family.members.iter().filter(|m| !m.ended);
    correction_inputs(
        lang,
        typed,
        ("member", running.map(|m| (m.id.as_str(), m.name.as_str()))),
        member_fields(lang, t, typed, true),
        "correct",
    )
}

/// A network member's details, as the add and the correct form both ask them. The
/// correct form submits the relation under another name and tags every text field;
/// the add form tags only the name (the member form asks a name too).
fn network_fields(lang: Lang, t: &'static Texts, typed: &Typed, fix: bool) -> Vec<Input> {
    let ft = family_texts(lang);
    let relation = if fix { "network_relation" } else { "relation" };
    let tag = |f: TextField| if fix { f.suffix("network_fix") } else { f };
    let name = typed.text("name", t.f_name);
    vec![
        Input::Text(if fix {
            tag(name)
        } else {
            name.suffix("network")
        }),
        Input::Select(ChoiceField {
            id: relation,
            label: ft.f_relation,
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
                &typed.get(relation),
            ),
            error: None,
        }),
        Input::Text(tag(typed.text("safety_role", ft.f_safety_role))),
        Input::Text(tag(typed.text("contact", ft.f_contact))),
    ]
}

/// What the form that corrects a network member's details asks.
fn network_correction(lang: Lang, t: &'static Texts, family: &Family, typed: &Typed) -> Vec<Input> {
    let running = family.network.iter().filter(|n| !n.ended);
    correction_inputs(
        lang,
        typed,
        (
            "network_member",
            running.map(|n| (n.id.as_str(), n.name.as_str())),
        ),
        network_fields(lang, t, typed, true),
        "network_fix",
    )
}

/// What the form that brings a professional into the circle asks (with `warning`,
/// also to confirm a handover). Only a care role joins the circle (the domain's
/// rule); nobody else is offered.
fn involvement(
    lang: Lang,
    t: &'static Texts,
    family: &Family,
    typed: &Typed,
    people: &[Principal],
    warning: bool,
) -> Vec<Input> {
    let ft = family_texts(lang);
    let active_people: Vec<&Principal> = people
        .iter()
        .filter(|p| p.active && eenplan_domain::role::is_care_role(&p.roles, p.organisation_kind))
        .collect();
    let running: Vec<&eenplan_store::Involvement> =
        family.involvements.iter().filter(|x| !x.ended).collect();
    let mut v = vec![
        Input::Select(ChoiceField {
            id: "user_id",
            label: ft.f_professional,
            options: choices(
                &active_people,
                |p| p.user_id.to_string(),
                |p| format!("{} — {}", p.name, p.organisation_name),
                &typed.get("user_id"),
            ),
            error: typed.err("user_id"),
        }),
        Input::Select(ChoiceField {
            id: "role",
            label: ft.f_role_in_family,
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
                &typed.get("role"),
            ),
            error: typed.err("role"),
        }),
        Input::Select(ChoiceField {
            id: "expertise",
            label: ft.f_expertise,
            options: with_none(
                t,
                choices(
                    Expertise::ALL,
                    |k| k.code().into(),
                    |k| label_of(lang, *k, Expertise::label_nl, Expertise::label_en),
                    &typed.get("expertise"),
                ),
                &typed.get("expertise"),
            ),
            error: typed.err("expertise"),
        }),
        Input::Select(ChoiceField {
            id: "takes_over",
            label: ft.f_takes_over,
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
                    &typed.get("takes_over"),
                ),
                &typed.get("takes_over"),
            ),
            error: typed.err("takes_over"),
        }),
        Input::Text(typed.text("reason", ft.f_reason)),
    ];
    if warning {
        v.push(confirm_box((ft.confirm_handover, ft.confirm_handover)));
    }
    v
}

/// What the form that ends a part asks: on the household page a member's or network
/// member's, on the involvements page a partner's.
fn end(lang: Lang, t: &'static Texts, family: &Family, typed: &Typed, part: Part) -> Vec<Input> {
    let ft = family_texts(lang);
    // Whom the refused ending was about stays chosen.
    let chosen = typed.get("who");
    let household = family
        .members
        .iter()
        .filter(|m| !m.ended)
        .map(|m| Choice {
            value: format!("member:{}", m.id),
            label: format!(
                "{} ({})",
                m.name,
                label_of(lang, m.kind, MemberKind::label_nl, MemberKind::label_en)
            ),
            selected: chosen == format!("member:{}", m.id),
        })
        .chain(family.network.iter().filter(|n| !n.ended).map(|n| Choice {
            value: format!("network:{}", n.id),
            label: format!("{} ({})", n.name, t.network.to_lowercase()),
            selected: chosen == format!("network:{}", n.id),
        }));
    let partners = family.partners().map(|i| Choice {
        value: format!("involvement:{}", i.id),
        label: format!("{} — {}", i.user_name, i.organisation_name),
        selected: chosen == format!("involvement:{}", i.id),
    });
    vec![
        Input::Select(ChoiceField {
            id: "who",
            label: ft.f_end_who,
            options: match part {
                Part::Household => household.collect(),
                Part::Involvements => partners.collect(),
            },
            error: typed.err("who"),
        }),
        Input::Text(typed.text("end_reason", ft.f_end_reason)),
    ]
}

/// The sub-page an ending belongs to, by whom it ends (`who`: `member:…`, `network:…`
/// or `involvement:…`).
pub(super) fn part_of_ending(who: &str) -> Part {
    if who.starts_with("involvement:") {
        Part::Involvements
    } else {
        Part::Household
    }
}

/// The forms of sub-page `part`, each with what was typed into it and its messages
/// when it is the one that came back (`returned`), open when it came back or `asked`
/// names its anchor.
pub(super) fn file_forms(
    lang: Lang,
    family: &Family,
    people: &[Principal],
    returned: Option<&Returned>,
    (part, asked): (Part, &str),
) -> Vec<FamilyForm> {
    let (t, ft) = (lang.texts(), family_texts(lang));
    let typed = |form: &str| Typed::of(returned, form);
    let warning = returned.is_some_and(|r| r.warning);
    let came_back = |key: &str| returned.is_some_and(|r| r.form == key);
    let form =
        |(title, submit), (path, key, anchor): (&str, &str, &'static str), inputs| FamilyForm {
            title,
            action: format!("/gezinnen/{}/{path}", family.id),
            submit,
            warning: false,
            inputs,
            anchor,
            open: came_back(key) || asked == anchor,
        };
    let joining = (
        ft.add_partner,
        if warning {
            ft.confirm_handover
        } else {
            ft.add_partner
        },
    );
    let ending = form(
        (ft.end_title, ft.end),
        ("beeindigen", "end", "beeindigen"),
        end(lang, t, family, &typed("end"), part),
    );
    match part {
        Part::Household => vec![
            form(
                (t.add_member, t.add_member),
                ("leden", "member", "lid"),
                member_fields(lang, t, &typed("member"), false),
            ),
            form(
                (ft.add_network, ft.add_network),
                ("netwerk", "network", "netwerklid"),
                network_fields(lang, t, &typed("network"), false),
            ),
            form(
                (ft.correct_member, ft.correct_member),
                ("leden/corrigeren", "correct", "lid-corrigeren"),
                member_correction(lang, t, family, &typed("correct")),
            ),
            form(
                (ft.correct_network, ft.correct_network),
                ("netwerk/corrigeren", "network_fix", "netwerklid-corrigeren"),
                network_correction(lang, t, family, &typed("network_fix")),
            ),
            ending,
        ],
        Part::Involvements => vec![
            FamilyForm {
                warning,
                ..form(
                    joining,
                    ("betrokkenen", "involvement", "betrokkene"),
                    involvement(lang, t, family, &typed("involvement"), people, warning),
                )
            },
            ending,
        ],
    }
}
