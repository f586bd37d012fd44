//! The file's overview: the family and its framework, the flower of familiar faces,
//! what is happening now (the crisis answer, what is due, the ways of working that run,
//! the plan and its agreement) and the network drawn. It changes nothing: each change
//! has its form on the sub-page where it belongs, one click from here.

use askama::Template;
use axum::response::Response;
use eenplan_domain::UtcTime;
use eenplan_domain::family::{
    DataCategory, DueItem, DueState, DueWhat, Expertise, Framework, InvolvementRole, LifeDomain,
};
use eenplan_domain::joint_assessment::MeetingKind;
use eenplan_store::{Family, StoreError};

use super::ecomap::{self, Ecomap};
use crate::auth::family::FamilyCtx;
use crate::auth::family_nav::{SubNav, sub_nav};
use crate::flows::family::overview_texts::{OverviewTexts, overview_texts};
use crate::flows::family::texts::{FamilyTexts, family_texts};
use crate::kit::dates::{dutch_date, today};
use crate::kit::form::kind_label;
use crate::kit::i18n::Lang;
use crate::kit::{PageError, Shell, render};

/// A professional as the flower shows them: at the heart (the regisseur) or as a petal.
pub(super) struct Petal {
    pub name: String,
    pub organisation: String,
    pub role: &'static str,
    pub expertise: String,
    pub since: String,
    pub phone: String,
    pub tel: String,
    pub email: String,
}

impl Petal {
    pub fn of(lang: Lang, i: &eenplan_store::Involvement) -> Petal {
        let phone = i.user_phone.clone().unwrap_or_default();
        Petal {
            name: i.user_name.clone(),
            organisation: i.organisation_name.clone(),
            role: kind_label(
                lang,
                i.role,
                InvolvementRole::label_nl,
                InvolvementRole::label_en,
            ),
            expertise: i
                .expertise
                .map(|e| kind_label(lang, e, Expertise::label_nl, Expertise::label_en).to_owned())
                .unwrap_or_default(),
            since: ecomap::since(lang, &i.started_at).unwrap_or_default(),
            tel: crate::kit::crisis::tel(&phone),
            phone,
            email: i.user_email.clone(),
        }
    }
}

/// Something due: what, when (a Dutch date), whether it is late, where to act on it.
struct Due {
    what: String,
    when: String,
    /// "over tijd", "nu aan de beurt", or nothing.
    flag: &'static str,
    href: String,
}

/// A way of working with its state now, and the page it runs on.
struct Way {
    title: &'static str,
    state: String,
    href: String,
}

#[derive(Template)]
#[template(path = "family/show.html")]
struct ShowPage {
    x: &'static FamilyTexts,
    o: &'static OverviewTexts,
    shell: Shell,
    nav: SubNav,
    family: Family,
    framework: String,
    ground: &'static str,
    members: Vec<String>,
    regisseur: Option<Petal>,
    partners: Vec<Petal>,
    due: Vec<Due>,
    ways: Vec<Way>,
    /// The plan's version and its agreement; `None` for whom the plan is not visible.
    plan: Option<PlanState>,
    /// The overview's shortcuts to the forms (href, label), only those the visitor may use.
    shortcuts: Vec<(String, &'static str)>,
    ecomap: Ecomap,
    /// Whom this family calls now; `None` when the province is unknown outside office
    /// hours (the page then lists both provinces' numbers).
    crisis: Option<crate::kit::crisis::Call>,
    /// The numbers the crisis block always shows, from the domain.
    emergency: crate::kit::crisis::Number,
    veilig_thuis: crate::kit::crisis::Number,
    save_flevoland: crate::kit::crisis::Number,
    /// Veilig Thuis's hand-overs the lead has not acknowledged yet.
    handovers: Vec<crate::kit::vt_handover::HandoverItem>,
    w: &'static crate::kit::vt_handover::VtHandoverTexts,
    /// The hand-over block names the file only on the start page.
    show_family: bool,
}

struct PlanState {
    version: i64,
    /// Names of who agreed to this version, with the Dutch date.
    agreed: Vec<String>,
    /// Names of whose agreement is still needed.
    needed: Vec<String>,
}

/// The current plan with its version, who agreed to it (member id, when) and, while
/// nobody has, whose agreement it needs.
struct PlanRead {
    version: i64,
    agreed: Vec<(String, String)>,
    needed: Vec<String>,
}

/// What the overview reads of the file beyond the family itself, in one transaction;
/// each part only when the visitor may see it.
#[derive(Default)]
struct Now {
    province: Option<String>,
    framework_organisation: Option<String>,
    plan: Option<PlanRead>,
    guidances: Vec<eenplan_store::Guidance>,
    evu: Vec<eenplan_store::EvuReferral>,
    meetings: Vec<eenplan_store::Meeting>,
    raad: Vec<eenplan_store::ProtectionOrderRequest>,
    /// What is due in the file (only for whom the plan is visible).
    due: Vec<DueItem>,
    handovers: Vec<eenplan_store::VtHandover>,
}

async fn read_now(fam: &FamilyCtx) -> Result<(Option<Family>, Now), StoreError> {
    let id = &fam.grant.family_id;
    let mut tx = fam.store().read().await?;
    let Some(family) = tx.family(id).await? else {
        return Ok((None, Now::default()));
    };
    let mut now = Now {
        province: match &family.area_id {
            Some(area) => tx.province_code(area).await?,
            None => None,
        },
        handovers: tx.vt_handovers_of_family(id).await?,
        ..Now::default()
    };
    if let Some(org) = &family.framework_organisation_id {
        now.framework_organisation = tx
            .organisations()
            .await?
            .into_iter()
            .find(|o| o.id.as_str() == org)
            .map(|o| o.name);
    }
    if fam.grant.sees(DataCategory::Plan) {
        let (version, _) = tx.current_plan(id).await?;
        let agreed = tx.plan_agreements(id, version).await?;
        // Under a court order nobody agrees (the family's view is recorded instead), as
        // on the plan page: the refusal says so, it is not a failure of the page.
        let needed = if version > 0 && agreed.is_empty() {
            match tx.who_agrees(id).await {
                Ok(ids) => ids,
                Err(StoreError::Agreement(_)) => Vec::new(),
                Err(e) => return Err(e),
            }
        } else {
            Vec::new()
        };
        now.plan = Some(PlanRead {
            version,
            agreed,
            needed,
        });
        now.guidances = tx.save_guidances(id).await?;
        now.evu = tx.evu_referrals_of(id).await?;
        now.meetings = tx.meetings(id).await?;
        now.due = tx.file_due_items(id).await?;
    }
    if fam.grant.lead {
        now.raad = tx.protection_order_requests(id).await?;
    }
    Ok((Some(family), now))
}

/// What is due in the file, soonest first, as the domain lists it (the same items the
/// families list's "next due" takes the first of): each in words, with its Dutch date,
/// marked when late or today, and leading to where it is done. A Veilig Thuis contact
/// opens only for Veilig Thuis; others see a follow-up's date without a link and no
/// assessment still awaited (`DueItem::shown_outside_veilig_thuis`).
fn due_list(
    lang: Lang,
    family_id: &str,
    items: &[DueItem],
    today: jiff::civil::Date,
    is_veilig_thuis: bool,
) -> Vec<Due> {
    let o = overview_texts(lang);
    let page = |part: &str| format!("/gezinnen/{family_id}/{part}");
    let contact = |id: &str| {
        if is_veilig_thuis {
            format!("/veilig-thuis/{id}")
        } else {
            String::new()
        }
    };
    items
        .iter()
        .filter(|item| is_veilig_thuis || item.shown_outside_veilig_thuis())
        .map(|item| {
            let (what, href) = match &item.what {
                DueWhat::PlanReview => (o.plan_review.to_owned(), page("plan")),
                DueWhat::PlanAction { domain, what, who } => {
                    let domain =
                        kind_label(lang, *domain, LifeDomain::label_nl, LifeDomain::label_en);
                    (
                        format!("{} ({domain}): {what} — {who}", o.action),
                        page("plan"),
                    )
                }
                DueWhat::SaveGuidanceReview { worker, .. } => (
                    format!("{} ({worker})", o.save_review),
                    page("save-begeleiding"),
                ),
                DueWhat::VeiligThuisAssessment { contact_id, .. } => {
                    (o.vt_assessment.to_owned(), contact(contact_id))
                }
                DueWhat::VeiligThuisFollowUp { contact_id, .. } => {
                    (o.vt_follow_up.to_owned(), contact(contact_id))
                }
            };
            Due {
                what,
                when: dutch_date(lang, item.on),
                flag: match item.state(today) {
                    DueState::Late => o.overdue,
                    DueState::Today => o.due_now,
                    DueState::Upcoming => "",
                },
                href,
            }
        })
        .collect()
}

/// The ways of working beside the plan, each with its state now and its page.
fn ways(lang: Lang, fam: &FamilyCtx, now: &Now, shell: &Shell) -> Vec<Way> {
    use eenplan_domain::evu::ReferralState;
    use eenplan_domain::protection_order::RequestState;
    let o = overview_texts(lang);
    let id = fam.family_id().as_str();
    let href = |part: &str| format!("/gezinnen/{id}/{part}");
    let or_not = |states: Vec<String>| {
        if states.is_empty() {
            o.not_running.to_owned()
        } else {
            states.join("; ")
        }
    };
    let mut out = Vec::new();
    if fam.grant.sees(DataCategory::Plan) {
        out.push(Way {
            title: shell.c.sg_title,
            state: or_not(
                now.guidances
                    .iter()
                    .filter(|g| g.running())
                    .map(|g| {
                        format!(
                            "{} {}, {} ({}), {} {}",
                            o.running_since,
                            dutch_date(lang, g.started_on),
                            g.worker_name,
                            g.organisation_name,
                            o.next_review,
                            dutch_date(lang, g.next_review_on)
                        )
                    })
                    .collect(),
            ),
            href: href("save-begeleiding"),
        });
        out.push(Way {
            title: shell.c.evu_family_title,
            state: or_not(
                now.evu
                    .iter()
                    .filter(|r| r.state.is_open())
                    .map(|r| {
                        format!(
                            "{}, {} {}",
                            kind_label(
                                lang,
                                r.state,
                                ReferralState::label_nl,
                                ReferralState::label_en
                            ),
                            o.referred_on,
                            dutch_date(lang, r.referred_on)
                        )
                    })
                    .collect(),
            ),
            href: href("evu"),
        });
        out.push(Way {
            title: shell.t.ja_title,
            state: or_not(
                now.meetings
                    .iter()
                    .filter(|m| m.state.open())
                    .map(|m| {
                        format!(
                            "{} {} {} {:02}:{:02}",
                            kind_label(lang, m.kind, MeetingKind::label_nl, MeetingKind::label_en),
                            o.meets_on,
                            dutch_date(lang, m.meets_at.date()),
                            m.meets_at.hour(),
                            m.meets_at.minute()
                        )
                    })
                    .collect(),
            ),
            href: href("beoordeling"),
        });
    }
    if fam.grant.lead {
        out.push(Way {
            title: shell.t.po_title,
            state: or_not(
                now.raad
                    .iter()
                    .filter(|r| r.state.open())
                    .map(|r| {
                        format!(
                            "{} ({} {})",
                            kind_label(
                                lang,
                                r.state,
                                RequestState::label_nl,
                                RequestState::label_en
                            ),
                            o.requested_on,
                            dutch_date(lang, r.requested_on)
                        )
                    })
                    .collect(),
            ),
            href: href("verzoek-raad"),
        });
    }
    out
}

/// The plan's version and who agreed to it (by name, with the date) or still has to.
fn plan_state(lang: Lang, family: &Family, now: &Now) -> Option<PlanState> {
    let PlanRead {
        version,
        agreed,
        needed,
        ..
    } = now.plan.as_ref()?;
    let name = |id: &str| {
        family
            .members
            .iter()
            .find(|m| m.id == id)
            .map_or_else(|| id.to_owned(), |m| m.name.clone())
    };
    Some(PlanState {
        version: *version,
        agreed: agreed
            .iter()
            .map(|(member, at)| {
                let on = eenplan_domain::UtcTime::parse(at)
                    .map(|t| dutch_date(lang, eenplan_domain::time::amsterdam_date(t)))
                    .unwrap_or_default();
                format!("{} ({on})", name(member))
            })
            .collect(),
        needed: needed.iter().map(|m| name(m)).collect(),
    })
}

pub async fn show(fam: FamilyCtx) -> Result<Response, PageError> {
    let (lang, grant) = (fam.lang, &fam.grant);
    let (o, ft) = (overview_texts(lang), family_texts(lang));
    let family_id = grant.family_id.as_str().to_owned();
    let today = today();
    let (family, now) = read_now(&fam).await?;
    let mut family = family.ok_or_else(PageError::not_found)?;
    let crisis =
        crate::kit::crisis::for_family(lang, &family, now.province.as_deref(), UtcTime::now());
    // A partner whose consent does not cover the network sees none of it.
    let sees_network = grant.sees(DataCategory::Network);
    if !sees_network {
        family.network.clear();
    }
    let shell = fam.shell(&format!("/gezinnen/{family_id}"));
    let members = family
        .members
        .iter()
        .filter(|m| !m.ended)
        .map(|m| {
            let mut s = format!("{} — {}", m.name, ecomap::member_note(lang, m, today));
            if m.has_custody {
                s.push_str(", ");
                s.push_str(o.has_custody);
            }
            s
        })
        .collect();
    let mut shortcuts = Vec::new();
    let to = |part: &str| format!("/gezinnen/{family_id}/{part}");
    if grant.sees(DataCategory::Notes) {
        shortcuts.push((to("notities#nieuwe-notitie"), o.write_note));
    }
    if grant.lead {
        shortcuts.push((to("gezin?nieuw=lid#lid"), o.add_member));
        if sees_network {
            shortcuts.push((to("gezin?nieuw=netwerklid#netwerklid"), o.add_network));
        }
    }
    shortcuts.push((
        to("betrokkenen?nieuw=betrokkene#betrokkene"),
        o.add_professional,
    ));
    // Closing is the lead's; a closed file's banner offers reopening instead.
    if grant.lead && family.closed.is_none() {
        let c = crate::flows::family::closing_texts::closing_texts(lang);
        shortcuts.push((to("afsluiten"), c.shortcut));
    }
    let (framework_label, ground) = framework_words(lang, family.framework);
    let framework = match &now.framework_organisation {
        Some(org) => format!("{framework_label} — {} {org}", o.carried_out_by),
        None => framework_label.to_owned(),
    };
    let page = ShowPage {
        x: ft,
        o,
        nav: sub_nav(&fam, "", &family.label),
        due: due_list(lang, &family_id, &now.due, today, shell.is_veilig_thuis),
        ways: ways(lang, &fam, &now, &shell),
        plan: plan_state(lang, &family, &now),
        shortcuts,
        ecomap: Ecomap::of(lang, &family, sees_network, today),
        emergency: crate::kit::crisis::Number::new(eenplan_domain::crisis::EMERGENCY),
        veilig_thuis: crate::kit::crisis::Number::veilig_thuis(),
        save_flevoland: crate::kit::crisis::Number::new(
            eenplan_domain::crisis::SAVE_FLEVOLAND_AFTER_HOURS,
        ),
        shell,
        framework,
        ground,
        members,
        regisseur: family.regisseur().map(|i| Petal::of(lang, i)),
        partners: family.partners().map(|i| Petal::of(lang, i)).collect(),
        handovers: now
            .handovers
            .iter()
            .map(|h| crate::kit::vt_handover::HandoverItem::new(lang, h, grant.lead, "file"))
            .collect(),
        w: crate::kit::vt_handover::vt_handover_texts(lang),
        show_family: false,
        crisis,
        family,
    };
    Ok(render(axum::http::StatusCode::OK, &page))
}

/// The framework's name and what the work rests on, in the visitor's language.
fn framework_words(lang: Lang, f: Framework) -> (&'static str, &'static str) {
    let (nl, en) = f.ground();
    match lang {
        Lang::Nl => (f.label_nl(), nl),
        Lang::En => (f.label_en(), en),
    }
}
