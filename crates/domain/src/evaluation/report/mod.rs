//! The evaluation's report (issue 16 §1–§3): one family's history as rows, and the
//! rows of many families as the figures a page, a CSV and the JSON publish.
//!
//! The store keeps one [`MetricRow`] per family, metric and item, rewritten from the
//! family's history with [`rows_for`] in the same transaction as the events that change
//! it. Percentiles cannot be added up from monthly figures, so a query reads counts of
//! rows per value ([`Counts`]) and [`evaluate`] computes the medians exactly from them.
//! Everything in an [`Evaluation`] has passed the small-cell rules of
//! [`suppression`](super::suppression).

mod cells;
mod consultations;
mod evaluate;
mod rows;
#[cfg(test)]
mod tests;

use jiff::civil::Date;
use serde::Serialize;

pub use cells::{Cell, FamilyOrganisations, PeriodParts, cell_changes, cells_of};
pub use consultations::{ConsultationCount, ConsultationTables, consultation_tables};
pub use evaluate::{
    AreaFigure, Counts, Evaluation, FamilyCount, MetricFigure, PilotCell, PilotComparison,
    SeriesPoint, TallyTable, ValueCount, evaluate, percentile_of, publishable, whole_months,
};
pub use rows::{framework_of, organisations_of, rows_for, transition_of, transition_value};

use super::suppression::Threshold;
use crate::codes::code_list;

code_list! {
    /// What one evaluation row measures. Lead times and other day counts are whole
    /// calendar days; a row whose end has not happened has no value.
    Metric, "evaluation metric" {
        LeadJointJudgement = "lead_joint_judgement", "Doorlooptijd van eerste signaal tot gezamenlijk oordeel (dagen)", "Lead time from first signal to joint judgement (days)";
        LeadAgreedPlan = "lead_agreed_plan", "Doorlooptijd van eerste signaal tot eerste akkoord op het plan (dagen)", "Lead time from first signal to first agreed plan (days)";
        LeadHelpStarted = "lead_help_started", "Doorlooptijd van eerste signaal tot start van de hulp (dagen)", "Lead time from first signal to help started (days)";
        VtAssessmentDays = "vt_assessment_days", "Veilig Thuis: van melding tot veiligheidsbeoordeling (dagen)", "Veilig Thuis: from receipt to safety assessment (days)";
        VtOnTime = "vt_on_time", "Veilig Thuis: veiligheidsbeoordeling binnen de wettelijke termijn", "Veilig Thuis: safety assessment within the statutory term";
        HandoversLead = "handovers_lead", "Overdrachten van de regie", "Handovers of the lead";
        HandoversPartner = "handovers_partner", "Overdrachten van het werk van een partner", "Handovers of a partner's work";
        OrganisationChanges = "organisation_changes", "Overdrachten naar een andere organisatie", "Handovers to another organisation";
        FacesOrganisations = "faces_organisations", "Organisaties per gezin in een jaar", "Organisations per family in a year";
        FacesProfessionals = "faces_professionals", "Professionals per gezin in een jaar", "Professionals per family in a year";
        SaveGuidanceStarted = "save_guidance_started", "SAVE-begeleidingen gestart", "SAVE guidances started";
        SaveGuidanceDays = "save_guidance_days", "Duur van de SAVE-begeleiding (dagen)", "Duration of SAVE guidance (days)";
        SaveGuidanceOutcome = "save_guidance_outcome", "Uitkomst van de SAVE-begeleiding", "Outcome of SAVE guidance";
        EvuReferred = "evu_referred", "Verwijzingen naar de EVU", "Referrals to the EVU";
        EvuStaffingDays = "evu_staffing_days", "EVU: van verwijzing tot bemensing (dagen)", "EVU: from referral to staffing (days)";
        EvuCombinationSize = "evu_combination_size", "EVU: professionals in de combinatie", "EVU: professionals in the combination";
        RaadRequested = "raad_requested", "Verzoeken tot onderzoek aan de Raad", "Requests for investigation to the Raad";
        RaadInvestigationDays = "raad_investigation_days", "Raad: van verzoek tot start van het onderzoek (dagen)", "Raad: from request to investigation started (days)";
        RaadOutcome = "raad_outcome", "Uitkomst van het onderzoek van de Raad", "Outcome of the Raad's investigation";
        Framework = "framework", "Dossiers per kader", "Files by framework";
        FrameworkTransition = "framework_transition", "Overgangen tussen kaders", "Transitions between frameworks";
    }
}

/// How a metric's rows become a published figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    /// Median and 90th percentile of day counts.
    Days,
    /// Median and 90th percentile of a count per family (faces, combination size).
    Distribution,
    /// The share of rows with value 1 (on time), in whole percent.
    Share,
    /// The number of events per 100 files counted in the period.
    PerHundredFiles,
    /// The number of rows (guidances started, referrals, requests).
    Count,
    /// A count table by value (an outcome, a framework, a transition) × area, published
    /// with complementary suppression.
    Tally,
}

impl Metric {
    pub fn aggregate(self) -> Aggregate {
        use Metric::*;
        match self {
            LeadJointJudgement
            | LeadAgreedPlan
            | LeadHelpStarted
            | VtAssessmentDays
            | SaveGuidanceDays
            | EvuStaffingDays
            | RaadInvestigationDays => Aggregate::Days,
            FacesOrganisations | FacesProfessionals | EvuCombinationSize => Aggregate::Distribution,
            VtOnTime => Aggregate::Share,
            HandoversLead | HandoversPartner | OrganisationChanges => Aggregate::PerHundredFiles,
            SaveGuidanceStarted | EvuReferred | RaadRequested => Aggregate::Count,
            SaveGuidanceOutcome | RaadOutcome | Framework | FrameworkTransition => Aggregate::Tally,
        }
    }

    /// The three lead times from the first signal: the ones with a monthly series and a
    /// pilot comparison.
    pub fn is_lead_time(self) -> bool {
        matches!(
            self,
            Metric::LeadJointJudgement | Metric::LeadAgreedPlan | Metric::LeadHelpStarted
        )
    }

    /// A person-readable label for one value of a [`Aggregate::Tally`] metric ("Veiligheid
    /// hersteld", "Vrijwillig kader → Jeugdbeschermingsmaatregel"); `None` for a value
    /// this eenplan does not know, or a metric that is no tally.
    pub fn value_label(self, value: i64, english: bool) -> Option<String> {
        fn pick<T: crate::codes::CodeList>(all: &[T], value: i64, english: bool) -> Option<String> {
            let item = *all.get(usize::try_from(value).ok()?)?;
            Some(
                if english {
                    item.label_en()
                } else {
                    item.label_nl()
                }
                .to_owned(),
            )
        }
        use crate::family::Framework as F;
        match self {
            Metric::SaveGuidanceOutcome => {
                pick(crate::save_guidance::GuidanceOutcome::ALL, value, english)
            }
            Metric::RaadOutcome => pick(crate::protection_order::RequestState::ALL, value, english),
            Metric::Framework => pick(F::ALL, value, english),
            Metric::FrameworkTransition => {
                let (from, to) = transition_of(value)?;
                let name = |f: F| if english { f.label_en() } else { f.label_nl() };
                let start = if english { "(none)" } else { "(geen)" };
                Some(format!("{} → {}", from.map_or(start, name), name(to)))
            }
            _ => None,
        }
    }
}

/// One family's figure for one metric: what the store keeps, one per (family, metric,
/// item).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct MetricRow {
    pub family_id: String,
    pub metric: Metric,
    /// What the row is about within the family: "" for once per family, a contact,
    /// guidance, referral or request id for one per item, a year ("2025") for faces, a
    /// sequence number ("1", "2", …) for handovers.
    pub item: String,
    /// The day the row counts in: for a duration the day it ended (the month a case
    /// completed), while running the day it started; for an event its day; for faces
    /// 1 January of the year.
    pub on: Date,
    /// The family's area (its neighbourhood or municipality) when the row was written.
    pub area_id: Option<String>,
    /// `None`: the end has not happened yet. Never counted, not even as 0.
    pub value: Option<i64>,
}

/// Which areas a query covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaFilter {
    All,
    /// Only families in these areas.
    Within(Vec<String>),
    /// Every family outside these areas (a policy officer's comparison: all other areas
    /// together), including families without an area.
    Outside(Vec<String>),
}

impl AreaFilter {
    pub fn admits(&self, area_id: Option<&str>) -> bool {
        match self {
            AreaFilter::All => true,
            AreaFilter::Within(areas) => area_id.is_some_and(|a| areas.iter().any(|x| x == a)),
            AreaFilter::Outside(areas) => area_id.is_none_or(|a| areas.iter().all(|x| x != a)),
        }
    }
}

/// What an evaluation is asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvaluationQuery {
    pub from: Date,
    /// Inclusive.
    pub to: Date,
    pub areas: AreaFilter,
    /// Only families whose circle ever had someone of this organisation (an involvement
    /// or a SAVE-begeleiding).
    pub organisation: Option<String>,
    pub threshold: Threshold,
}
