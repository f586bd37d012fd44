//! The pilots' metrics, per family (issue 16, section 1): is the chain shorter and
//! faster, with fewer handovers and the same faces?
//!
//! Every metric is a pure function of one family's [`FamilyHistory`], the dated facts
//! its journal entries give (see [`fact`]). A metric that has not ended yet (no joint
//! judgement, a guidance still running, an EVU referral not staffed) is `None`: not
//! counted as a lead time, never counted as zero. Day counts are calendar days between
//! the Amsterdam dates of the two events; an end dated before its start counts 0.
//! Aggregates over families use [`median`] and [`p90`] (nearest rank). The exact
//! definitions, with their sources, are in `docs/domain.md`, "Evaluatie: de maten".

mod fact;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

pub use fact::{DatedFact, Fact, fact, from_event, gives_facts};

use crate::family::Framework;
use crate::family::involvement::InvolvementRole;
use crate::protection_order::RequestState;
use crate::save_guidance::GuidanceOutcome;

/// One family's facts in the order they happened. Facts on the same day keep the
/// order they were given in (the journal's order), so "the first" is well defined.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FamilyHistory {
    facts: Vec<DatedFact>,
}

/// Lead times from the first signal, in days; `None` where the end has not happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeadTimes {
    pub first_signal: Date,
    pub to_joint_judgement: Option<i64>,
    pub to_first_agreed_plan: Option<i64>,
    pub to_help_started: Option<i64>,
}

/// Handovers in a family's file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Handovers {
    /// The regisseur changed.
    pub lead: u32,
    /// A partner's work moved to another professional.
    pub partner: u32,
    /// Of those, the ones where the work moved to another organisation.
    pub organisation_changes: u32,
}

impl Handovers {
    pub fn total(self) -> u32 {
        self.lead + self.partner
    }
}

/// The same faces: how many organisations and distinct professionals a family met.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Faces {
    pub organisations: usize,
    pub professionals: usize,
}

/// One SAVE-begeleiding: its start, and its end and outcome once it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guidance {
    pub guidance_id: String,
    pub started_on: Date,
    pub ended: Option<(Date, GuidanceOutcome)>,
}

impl Guidance {
    /// Days from start to end; `None` while it runs.
    pub fn duration_days(&self) -> Option<i64> {
        self.ended.map(|(on, _)| days(self.started_on, on))
    }
}

/// One EVU referral: time to staffing and the size of the combination staffed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvuReferral {
    pub referral_id: String,
    pub referred_on: Date,
    /// Days to the first combination assigned, and its number of distinct professionals.
    pub staffed: Option<(i64, usize)>,
}

/// One protection order request: time to the Raad's investigation, and its conclusion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaadRequest {
    pub request_id: String,
    pub requested_on: Date,
    pub to_investigation: Option<i64>,
    pub concluded: Option<RequestState>,
}

/// One Veilig Thuis contact: receipt to safety assessment, against its statutory date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VtAssessment {
    pub contact_id: String,
    pub received_on: Date,
    pub days: Option<i64>,
    /// Assessed on or before its due date; `None` while open or when no term applies.
    pub on_time: Option<bool>,
}

/// Calendar days from `from` to `to`, 0 when `to` lies before `from`.
fn days(from: Date, to: Date) -> i64 {
    from.until(to)
        .map(|span| i64::from(span.get_days()))
        .unwrap_or(0)
        .max(0)
}

/// A professional or organisation working with the family from one day until another
/// (`None`: still working with it).
struct Presence<'a> {
    organisation: Option<&'a str>,
    people: Vec<&'a str>,
    from: Date,
    until: Option<Date>,
}

impl FamilyHistory {
    /// A family's history from its facts, in any order: sorted by day, stable.
    pub fn new(facts: impl IntoIterator<Item = DatedFact>) -> Self {
        let mut facts: Vec<DatedFact> = facts.into_iter().collect();
        facts.sort_by_key(|f| f.on);
        FamilyHistory { facts }
    }

    pub fn facts(&self) -> &[DatedFact] {
        &self.facts
    }

    fn first(&self, wanted: impl Fn(&Fact) -> bool) -> Option<Date> {
        self.facts.iter().find(|f| wanted(&f.fact)).map(|f| f.on)
    }

    fn cancelled_consultations(&self) -> BTreeSet<&str> {
        self.facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::SaveConsultationCancelled { consultation_id } => {
                    Some(consultation_id.as_str())
                }
                _ => None,
            })
            .collect()
    }

    /// The first signal: the earliest of the first Veilig Thuis contact, the first SAVE
    /// op locatie consultation about the family that was not cancelled, and the file's
    /// opening. `None` for a history without any of them.
    pub fn first_signal(&self) -> Option<Date> {
        let cancelled = self.cancelled_consultations();
        self.first(|f| match f {
            Fact::FileOpened | Fact::VtContactReceived { .. } => true,
            Fact::SaveConsultation { consultation_id } => {
                !cancelled.contains(consultation_id.as_str())
            }
            _ => false,
        })
    }

    /// Lead times from the first signal to the first joint judgement, the first agreed
    /// plan, and help started (the first partner joining, or the first SAVE-begeleiding
    /// starting, whichever came first; the regisseur joining is not help started).
    pub fn lead_times(&self) -> Option<LeadTimes> {
        let signal = self.first_signal()?;
        let since = |end: Option<Date>| end.map(|end| days(signal, end));
        Some(LeadTimes {
            first_signal: signal,
            to_joint_judgement: since(self.first(|f| matches!(f, Fact::JointJudgement))),
            to_first_agreed_plan: since(self.first(|f| matches!(f, Fact::PlanAgreed))),
            to_help_started: since(self.first(|f| match f {
                Fact::InvolvementStarted { role, .. } => *role == InvolvementRole::Partner,
                Fact::SaveGuidanceStarted { .. } => true,
                _ => false,
            })),
        })
    }

    fn involvement_organisations(&self) -> BTreeMap<&str, &str> {
        self.facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::InvolvementStarted {
                    involvement_id,
                    organisation_id,
                    ..
                } => Some((involvement_id.as_str(), organisation_id.as_str())),
                _ => None,
            })
            .collect()
    }

    /// Every handover in order, dated, with its kind and whether it moved the work to
    /// another organisation (the two involvements' organisations differ; a handover
    /// whose involvements are unknown is not counted as one).
    pub fn handover_events(&self) -> Vec<(Date, InvolvementRole, bool)> {
        let organisations = self.involvement_organisations();
        self.facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::Handover {
                    from_involvement,
                    to_involvement,
                    role,
                } => {
                    let from = organisations.get(from_involvement.as_str());
                    let to = organisations.get(to_involvement.as_str());
                    let moved = matches!((from, to), (Some(from), Some(to)) if from != to);
                    Some((f.on, *role, moved))
                }
                _ => None,
            })
            .collect()
    }

    /// Handovers by kind (the lead, a partner's work), and how many of them moved the
    /// work to another organisation ([`FamilyHistory::handover_events`]).
    pub fn handovers(&self) -> Handovers {
        let mut count = Handovers::default();
        for (_, role, moved) in self.handover_events() {
            match role {
                InvolvementRole::Regisseur => count.lead += 1,
                InvolvementRole::Partner => count.partner += 1,
            }
            count.organisation_changes += u32::from(moved);
        }
        count
    }

    /// Everyone who worked with the family, and from when until when: involvements
    /// (ended by `involvement_ended` or by a handover away from them),
    /// SAVE-begeleiding (its worker) and the EVU combinations (until the referral closed).
    fn presences(&self) -> Vec<Presence<'_>> {
        let mut ends: BTreeMap<&str, Date> = BTreeMap::new();
        let mut guidance_ends: BTreeMap<&str, Date> = BTreeMap::new();
        let mut evu_ends: BTreeMap<&str, Date> = BTreeMap::new();
        for f in &self.facts {
            match &f.fact {
                Fact::InvolvementEnded { involvement_id }
                | Fact::Handover {
                    from_involvement: involvement_id,
                    ..
                } => {
                    ends.entry(involvement_id).or_insert(f.on);
                }
                Fact::SaveGuidanceEnded { guidance_id, .. } => {
                    guidance_ends.entry(guidance_id).or_insert(f.on);
                }
                Fact::EvuReferralClosed { referral_id } => {
                    evu_ends.entry(referral_id).or_insert(f.on);
                }
                _ => {}
            }
        }
        self.facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::InvolvementStarted {
                    involvement_id,
                    organisation_id,
                    user_id,
                    ..
                } => Some(Presence {
                    organisation: Some(organisation_id),
                    people: vec![user_id],
                    from: f.on,
                    until: ends.get(involvement_id.as_str()).copied(),
                }),
                Fact::SaveGuidanceStarted {
                    guidance_id,
                    organisation_id,
                    worker_id,
                } => Some(Presence {
                    organisation: Some(organisation_id),
                    people: vec![worker_id],
                    from: f.on,
                    until: guidance_ends.get(guidance_id.as_str()).copied(),
                }),
                Fact::EvuCombinationAssigned {
                    referral_id,
                    user_ids,
                } => Some(Presence {
                    organisation: None,
                    people: user_ids.iter().map(String::as_str).collect(),
                    from: f.on,
                    until: evu_ends.get(referral_id.as_str()).copied(),
                }),
                _ => None,
            })
            .collect()
    }

    fn faces_where(&self, counted: impl Fn(&Presence<'_>) -> bool) -> Faces {
        let mut organisations = BTreeSet::new();
        let mut people = BTreeSet::new();
        for presence in self.presences().iter().filter(|p| counted(p)) {
            organisations.extend(presence.organisation);
            people.extend(presence.people.iter().copied());
        }
        Faces {
            organisations: organisations.len(),
            professionals: people.len(),
        }
    }

    /// Organisations and distinct professionals over the file's whole life: everyone
    /// who joined (an involvement, a SAVE-begeleiding worker, an EVU combination's
    /// members; the EVU's organisations are the members' own, counted by their
    /// involvements). The same person twice is one face.
    pub fn faces(&self) -> Faces {
        self.faces_where(|_| true)
    }

    /// The same, for one calendar year: everyone whose work with the family overlaps
    /// that year (started on or before 31 December, not ended before 1 January).
    pub fn faces_in_year(&self, year: i16) -> Faces {
        self.faces_where(|p| p.from.year() <= year && p.until.is_none_or(|u| u.year() >= year))
    }

    /// Every SAVE-begeleiding, in order of start, with its end and outcome once ended.
    pub fn save_guidances(&self) -> Vec<Guidance> {
        let mut ended: BTreeMap<&str, (Date, GuidanceOutcome)> = BTreeMap::new();
        for f in &self.facts {
            if let Fact::SaveGuidanceEnded {
                guidance_id,
                outcome,
            } = &f.fact
            {
                ended.entry(guidance_id).or_insert((f.on, *outcome));
            }
        }
        self.facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::SaveGuidanceStarted { guidance_id, .. } => Some(Guidance {
                    guidance_id: guidance_id.clone(),
                    started_on: f.on,
                    ended: ended.get(guidance_id.as_str()).copied(),
                }),
                _ => None,
            })
            .collect()
    }

    /// Every EVU referral: days from referral to the first combination assigned, and
    /// that combination's number of distinct professionals.
    pub fn evu_referrals(&self) -> Vec<EvuReferral> {
        let mut staffed: BTreeMap<&str, (Date, usize)> = BTreeMap::new();
        for f in &self.facts {
            if let Fact::EvuCombinationAssigned {
                referral_id,
                user_ids,
            } = &f.fact
            {
                let size = user_ids.iter().collect::<BTreeSet<_>>().len();
                staffed.entry(referral_id).or_insert((f.on, size));
            }
        }
        self.facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::EvuReferred { referral_id } => Some(EvuReferral {
                    referral_id: referral_id.clone(),
                    referred_on: f.on,
                    staffed: staffed
                        .get(referral_id.as_str())
                        .map(|(on, size)| (days(f.on, *on), *size)),
                }),
                _ => None,
            })
            .collect()
    }

    /// Every protection order request: days from the request to the Raad's
    /// investigation starting, and the Raad's conclusion once given.
    pub fn raad_requests(&self) -> Vec<RaadRequest> {
        let mut started: BTreeMap<&str, Date> = BTreeMap::new();
        let mut concluded: BTreeMap<&str, RequestState> = BTreeMap::new();
        for f in &self.facts {
            match &f.fact {
                Fact::InvestigationStarted { request_id } => {
                    started.entry(request_id).or_insert(f.on);
                }
                Fact::ProtectionOrderConcluded { request_id, state } => {
                    concluded.entry(request_id).or_insert(*state);
                }
                _ => {}
            }
        }
        self.facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::ProtectionOrderRequested { request_id } => Some(RaadRequest {
                    request_id: request_id.clone(),
                    requested_on: f.on,
                    to_investigation: started.get(request_id.as_str()).map(|s| days(f.on, *s)),
                    concluded: concluded.get(request_id.as_str()).copied(),
                }),
                _ => None,
            })
            .collect()
    }

    /// Every Veilig Thuis contact: days from receipt to the safety assessment, and
    /// whether that was on or before the statutory due date.
    pub fn vt_assessments(&self) -> Vec<VtAssessment> {
        let mut assessed: BTreeMap<&str, Date> = BTreeMap::new();
        for f in &self.facts {
            if let Fact::VtContactAssessed { contact_id } = &f.fact {
                assessed.entry(contact_id).or_insert(f.on);
            }
        }
        self.facts
            .iter()
            .filter_map(|f| match &f.fact {
                Fact::VtContactReceived { contact_id, due_on } => {
                    let done = assessed.get(contact_id.as_str()).copied();
                    Some(VtAssessment {
                        contact_id: contact_id.clone(),
                        received_on: f.on,
                        days: done.map(|d| days(f.on, d)),
                        on_time: done.zip(*due_on).map(|(d, due)| d <= due),
                    })
                }
                _ => None,
            })
            .collect()
    }

    /// The framework's transitions, in order: (day, from, to); the first framework a
    /// file gets has no `from`. A change to the framework it already had is no
    /// transition.
    pub fn framework_transitions(&self) -> Vec<(Date, Option<Framework>, Framework)> {
        let mut current = None;
        let mut out = Vec::new();
        for f in &self.facts {
            if let Fact::FrameworkChanged { framework } = &f.fact
                && current != Some(*framework)
            {
                out.push((f.on, current, *framework));
                current = Some(*framework);
            }
        }
        out
    }
}

/// The value at nearest rank `ceil(p/100 * n)` (1-based) of the sorted values: always
/// one of the values, never interpolated, so a median of day counts is a day count.
/// For an even count the median is the lower of the two middle values. `None` for no
/// values.
pub fn percentile(values: &[i64], p: u8) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    let rank = (usize::from(p.clamp(1, 100)) * n).div_ceil(100);
    sorted.get(rank.max(1) - 1).copied()
}

/// The median of day counts (nearest rank, the lower middle for an even count).
pub fn median(values: &[i64]) -> Option<i64> {
    percentile(values, 50)
}

/// The 90th percentile of day counts (nearest rank).
pub fn p90(values: &[i64]) -> Option<i64> {
    percentile(values, 90)
}
