//! Two versions of the plan compared in words.

use super::print::{action_sentence, domain_label, safety_goal_sentence, scale_sentence};
use super::*;

/// Which two versions to compare; opened without them (from a menu or a bookmark) the
/// page compares the newest version with the one before it.
#[derive(Debug, Deserialize)]
pub struct CompareQuery {
    van: Option<i64>,
    tot: Option<i64>,
}

#[derive(Template)]
#[template(path = "family/compare.html")]
struct ComparePage {
    x: &'static FamilyTexts,
    pt: &'static PlanTexts,
    shell: Shell,
    nav: crate::auth::family_nav::SubNav,
    family_id: String,
    label: String,
    from: i64,
    to: i64,
    versions: Vec<VersionView>,
    changes: Vec<ChangeView>,
}

/// Two versions side by side in words; the page offers the picker again, so another
/// pair is chosen from the list, not typed into the address.
pub async fn plan_compare(
    fam: FamilyCtx,
    Query(q): Query<CompareQuery>,
) -> Result<Response, PageError> {
    let (lang, family_id) = (fam.lang, fam.family_id());
    let (f, (history, versions)) = file_and(&fam, async |tx| {
        let history = tx.plan_history(family_id).await?;
        let newest = history.first().map_or(0, |v| v.version);
        let to = q.tot.unwrap_or(newest);
        let from = q.van.unwrap_or((to - 1).max(1));
        Ok((
            history,
            (
                tx.plan_version(family_id, from).await?.map(|p| (from, p)),
                tx.plan_version(family_id, to).await?.map(|p| (to, p)),
            ),
        ))
    })
    .await?;
    let (Some((from, a)), Some((to, b))) = versions else {
        return Err(PageError::not_found());
    };
    let page = ComparePage {
        x: family_texts(lang),
        pt: plan_texts(lang),
        shell: fam.shell(&format!("/gezinnen/{family_id}/plan")),
        nav: crate::auth::family_nav::sub_nav(&fam, "/plan", &f.label),
        family_id: family_id.to_string(),
        label: f.label,
        from,
        to,
        versions: history
            .iter()
            .map(|v| VersionView {
                number: v.version,
                saved_on: when(lang, &v.saved_at),
                saved_by: v.saved_by.clone(),
            })
            .collect(),
        changes: described(lang, &diff(&a, &b)),
    };
    Ok(render(StatusCode::OK, &page))
}

/// One part of a comparison between two versions, in words: the section's title and the
/// lines added and removed as sentences, with Dutch dates and no codes.
#[derive(Debug)]
pub struct ChangeView {
    pub title: String,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

pub(super) fn described(lang: Lang, changes: &[PlanChange]) -> Vec<ChangeView> {
    let (ft, pt) = (family_texts(lang), plan_texts(lang));
    let line = |l: &PlanLine| match l {
        PlanLine::Text(text) => text.clone(),
        PlanLine::SafetyGoal(g) => safety_goal_sentence(lang, g),
        PlanLine::Scale(s) => scale_sentence(lang, s),
        PlanLine::FamilyScore(score) => format!("{}: {score}", pt.family_score_short),
        PlanLine::Goal(goal) => format!("{}: {goal}", pt.goal),
        PlanLine::Action(a) => format!("{}: {}", pt.action, action_sentence(lang, a)),
        PlanLine::ReviewDate(d) => long_date(lang, *d),
    };
    changes
        .iter()
        .map(|c| ChangeView {
            title: match c.section {
                PlanSection::Worries => ft.p_worries,
                PlanSection::DangerStatements => ft.p_danger,
                PlanSection::WorkingWell => ft.p_working_well,
                PlanSection::NeedsToHappen => ft.p_needs,
                PlanSection::SafetyGoals => ft.p_goals,
                PlanSection::Conditions => ft.p_conditions,
                PlanSection::Scales => ft.p_scales,
                PlanSection::Domain(d) => domain_label(lang, d),
                PlanSection::ReviewDate => ft.p_review,
            }
            .to_owned(),
            added: c.added.iter().map(line).collect(),
            removed: c.removed.iter().map(line).collect(),
        })
        .collect()
}
