//! A plan version as one family member reads it: each line asked of `sight` with the
//! marks that are on it, what is not shown left out without a word, and in plain
//! words (no codes, Dutch dates).

use eenplan_domain::family::portal::{
    FamilyFacts, Item, ItemKind, Mark, decides_sharing, marked, plan_lines, sight,
};
use eenplan_domain::family::{LifeDomain, Plan, PlanLine, PlanSection};
use jiff::civil::Date;

use super::plan_texts::PortalPlanTexts;
use crate::kit::Lang;
use crate::kit::dates::long_date;
use crate::kit::form::code_label;

/// The switch a young person of 16 or older has on a line that concerns only them.
pub struct Share {
    pub item_ref: String,
    pub on: bool,
}

pub struct LineView {
    pub text: String,
    pub share: Option<Share>,
}

pub struct SectionView {
    pub title: String,
    pub help: &'static str,
    pub lines: Vec<LineView>,
}

/// Who reads, on which day, with the family's facts and the marks on its items.
#[derive(Clone, Copy)]
pub struct Reader<'a> {
    pub facts: FamilyFacts<'a>,
    pub viewer: &'a str,
    pub on: Date,
    pub marks: &'a [Mark],
}

impl Reader<'_> {
    /// Whether the plan version as a whole shows (`agreed`: an agreed version).
    pub fn sees_plan(&self, agreed: bool) -> bool {
        let kind = if agreed {
            ItemKind::PlanAgreed
        } else {
            ItemKind::PlanDraft
        };
        sight(self.facts, self.viewer, &Item::family(kind), self.on).is_shown()
    }
}

fn title(lang: Lang, p: &PortalPlanTexts, section: PlanSection) -> (String, &'static str) {
    let plain = |s: &'static str| (s.to_owned(), "");
    match section {
        PlanSection::Worries => plain(p.s_worries),
        PlanSection::DangerStatements => plain(p.s_danger),
        PlanSection::WorkingWell => plain(p.s_well),
        PlanSection::NeedsToHappen => plain(p.s_needs),
        PlanSection::SafetyGoals => plain(p.s_goals),
        PlanSection::Conditions => plain(p.s_conditions),
        PlanSection::Scales => (p.s_scales.to_owned(), p.scale_help),
        PlanSection::Domain(d) => plain_domain(lang, d),
        PlanSection::ReviewDate => plain(p.review),
    }
}

fn plain_domain(lang: Lang, d: LifeDomain) -> (String, &'static str) {
    (code_label(lang, d), "")
}

fn line_text(lang: Lang, p: &PortalPlanTexts, line: &PlanLine) -> String {
    match line {
        PlanLine::Text(t) | PlanLine::Goal(t) => t.clone(),
        PlanLine::SafetyGoal(g) => g.text.clone(),
        PlanLine::Scale(s) => match s.on {
            Some(on) => format!("{}: {} ({})", s.who.name, s.score, long_date(lang, on)),
            None => format!("{}: {}", s.who.name, s.score),
        },
        PlanLine::FamilyScore(n) => format!("{}: {n}", p.family_score),
        PlanLine::Action(a) => {
            let mut out = format!(
                "{} ({}: {}; {})",
                a.what,
                p.who,
                a.who.name,
                code_label(lang, a.status).to_lowercase()
            );
            if let Some(due) = a.due {
                out = format!("{out}, {} {}", p.due, long_date(lang, due));
            }
            out
        }
        PlanLine::ReviewDate(d) => long_date(lang, *d),
    }
}

/// The sections of `plan` with the lines `reader` sees, in the plan's order; a section
/// without a line shown is left out.
pub fn sections(
    lang: Lang,
    p: &PortalPlanTexts,
    plan: &Plan,
    reader: Reader<'_>,
) -> Vec<SectionView> {
    let mut out: Vec<(PlanSection, SectionView)> = Vec::new();
    for line in plan_lines(plan) {
        let item = marked(
            Item::family(ItemKind::PlanItem),
            &line.reference,
            reader.marks,
        );
        if !sight(reader.facts, reader.viewer, &item, reader.on).is_shown() {
            continue;
        }
        let share = decides_sharing(reader.facts, reader.viewer, &item, reader.on).then(|| Share {
            item_ref: line.reference.clone(),
            on: !item.shared.is_empty(),
        });
        let view = LineView {
            text: line_text(lang, p, &line.line),
            share,
        };
        match out.last_mut() {
            Some((s, section)) if *s == line.section => section.lines.push(view),
            _ => {
                let (title, help) = title(lang, p, line.section);
                out.push((
                    line.section,
                    SectionView {
                        title,
                        help,
                        lines: vec![view],
                    },
                ));
            }
        }
    }
    out.into_iter().map(|(_, s)| s).collect()
}

/// The lines of `plan` as the professional's page of marks lists them: (reference,
/// "section: line").
pub fn all_lines(lang: Lang, p: &PortalPlanTexts, plan: &Plan) -> Vec<(String, String)> {
    plan_lines(plan)
        .into_iter()
        .map(|l| {
            let (title, _) = title(lang, p, l.section);
            (
                l.reference,
                format!("{title}: {}", line_text(lang, p, &l.line)),
            )
        })
        .collect()
}
