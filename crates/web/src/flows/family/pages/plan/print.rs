//! The plan on paper for the family.

use super::*;

/// A part of the plan on paper: its title and its lines as sentences.
pub struct PrintedPart {
    pub title: String,
    pub lines: Vec<String>,
}

#[derive(Template)]
#[template(path = "family/print.html")]
struct PrintPage {
    t: &'static Texts,
    x: &'static FamilyTexts,
    pt: &'static PlanTexts,
    label: String,
    version: i64,
    saved_on: String,
    review_date: String,
    parts: Vec<PrintedPart>,
    /// Those whose agreement the plan needs: a signature line each.
    signers: Vec<String>,
    /// The network drawn and listed, so the family's paper shows who stands around them.
    ecomap_title: &'static str,
    ecomap: super::super::ecomap::Ecomap,
}

/// The plan on paper for the family: every part in words, Dutch dates written out, and
/// a signature line for everyone whose agreement it needs.
pub async fn plan_print(fam: FamilyCtx) -> Result<Response, PageError> {
    let lang = fam.lang;
    let Stored {
        family,
        version,
        plan,
        history,
        may_agree,
        ..
    } = stored(&fam).await?;
    let page = PrintPage {
        t: lang.texts(),
        x: family_texts(lang),
        pt: plan_texts(lang),
        label: family.label.clone(),
        version,
        saved_on: history
            .first()
            .and_then(|v| eenplan_domain::UtcTime::parse(&v.saved_at).ok())
            .map(|t| long_date(lang, eenplan_domain::time::amsterdam_date(t)))
            .unwrap_or_default(),
        review_date: plan
            .review_date
            .map(|d| long_date(lang, d))
            .unwrap_or_default(),
        parts: printed_parts(lang, &plan),
        signers: may_agree
            .iter()
            .map(|id| member_name(&family, id))
            .collect(),
        ecomap_title: crate::flows::family::overview_texts::overview_texts(lang).ecomap_title,
        ecomap: super::super::ecomap::Ecomap::of(
            lang,
            &family,
            fam.grant
                .sees(eenplan_domain::family::DataCategory::Network),
            crate::kit::dates::today(),
        ),
    };
    Ok(render(StatusCode::OK, &page))
}

/// A life domain in the visitor's language.
pub(super) fn domain_label(lang: Lang, d: LifeDomain) -> &'static str {
    match lang {
        Lang::Nl => d.label_nl(),
        Lang::En => d.label_en(),
    }
}

/// "Kim — intake bij schuldhulp, uiterlijk op 15 december 2026 (gepland)".
pub(super) fn action_sentence(lang: Lang, a: &PlanAction) -> String {
    let pt = plan_texts(lang);
    let status = match lang {
        Lang::Nl => a.status.label_nl(),
        Lang::En => a.status.label_en(),
    };
    let due = a
        .due
        .map(|x| format!(", {} {}", pt.due.to_lowercase(), long_date(lang, x)))
        .unwrap_or_default();
    format!(
        "{} — {}{due} ({})",
        a.who.name,
        a.what,
        status.to_lowercase()
    )
}

/// "Kim: 4 (1 december 2026)".
pub(super) fn scale_sentence(lang: Lang, s: &Scale) -> String {
    let on =
        s.on.map(|d| format!(" ({})", long_date(lang, d)))
            .unwrap_or_default();
    format!("{}: {}{on}", s.who.name, s.score)
}

/// "Sam is veilig thuis (Veiligheid)".
pub(super) fn safety_goal_sentence(lang: Lang, g: &SafetyGoal) -> String {
    match g.domain {
        Some(d) => format!("{} ({})", g.text, domain_label(lang, d)),
        None => g.text.clone(),
    }
}

/// The plan as sentences on paper, part by part in the plan's order, in the family's
/// words and Dutch dates; every life domain with its goals and actions.
fn printed_parts(lang: Lang, plan: &Plan) -> Vec<PrintedPart> {
    let (ft, pt) = (family_texts(lang), plan_texts(lang));
    let part = |title: &str, lines: Vec<String>| PrintedPart {
        title: title.to_owned(),
        lines,
    };
    let mut out = vec![
        part(ft.p_worries, plan.worries.clone()),
        part(ft.p_danger, plan.danger_statements.clone()),
        part(ft.p_working_well, plan.working_well.clone()),
        part(ft.p_needs, plan.needs_to_happen.clone()),
        part(
            ft.p_goals,
            plan.safety_goals
                .iter()
                .map(|g| safety_goal_sentence(lang, g))
                .collect(),
        ),
        part(
            ft.p_scales,
            plan.family_score
                .map(|s| format!("{}: {s}", pt.family_score_short))
                .into_iter()
                .chain(plan.scales.iter().map(|s| scale_sentence(lang, s)))
                .collect(),
        ),
    ];
    for d in &plan.domains {
        out.push(part(
            domain_label(lang, d.domain),
            d.goals
                .iter()
                .map(|g| format!("{}: {g}", pt.goal))
                .chain(
                    d.actions
                        .iter()
                        .map(|a| format!("{}: {}", pt.action, action_sentence(lang, a))),
                )
                .collect(),
        ));
    }
    out.push(part(ft.p_conditions, plan.conditions.clone()));
    out.retain(|p| !p.lines.is_empty());
    out
}
