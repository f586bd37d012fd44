//! The joint assessment meeting (methodische leerbijeenkomst, jeugdbeschermingstafel):
//! the professionals involved with a family, and the family wherever possible, sit at
//! one table to answer "what does this child, this family need in this situation?".
//! Each organisation writes its own view first, so the different ways of looking stay
//! visible; the meeting then records one joint judgement: what is needed, who does what
//! (written into the family's one plan as actions with owners) and where the views
//! differed. A state machine: scheduled → held | cancelled.
//!
//! Sources: the seed texts (pilot Jeugdbescherming Utrecht-West: "methodische
//! leerbijeenkomsten ... de professionals die bij een gezin betrokken zijn om de tafel";
//! "samen tot een oordeel komen"; "wat heeft dit gezin nodig en wie pakt dat op?";
//! the EVU: "bespreekt samen met het gezin en het buurtteam").

use jiff::civil::{Date, DateTime};

use crate::codes::code_list;
use crate::family::{
    ActionStatus, DomainPlan, LifeDomain, PersonKind, Plan, PlanAction, PlanPerson,
};
use crate::text::{DateKind, DateOutOfRange, check_date};

code_list! {
    MeetingKind, "meeting kind" {
        /// Utrecht-West's name: learning together while judging one family's situation.
        LearningMeeting = "learning_meeting", "Methodische leerbijeenkomst", "Methodical learning meeting";
        ProtectionTable = "protection_table", "Jeugdbeschermingstafel", "Child protection table";
    }
}

code_list! {
    MeetingState, "meeting state" {
        Scheduled = "scheduled", "Gepland", "Scheduled";
        /// Held: the joint judgement is recorded; it stands.
        Held = "held", "Gehouden, gezamenlijk oordeel vastgelegd", "Held, joint judgement recorded";
        Cancelled = "cancelled", "Afgelast", "Cancelled";
    }
}

/// A meeting being scheduled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule<'a> {
    pub kind: MeetingKind,
    /// Dutch local date and time of the meeting.
    pub meets_at: DateTime,
    /// The organisations invited.
    pub invited: &'a [String],
    /// The organisations with a running involvement in the family.
    pub involved: &'a [String],
    pub regisseur_organisation: Option<&'a str>,
    pub family_takes_part: bool,
    pub family_absence_reason: &'a str,
    pub today: Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MeetingError {
    #[error("a meeting is planned for today or later, not in the past")]
    InPast,
    #[error("the meeting's date {0}")]
    MeetingDateImplausible(DateOutOfRange),
    #[error(
        "invite at least two organisations involved in the family: it is a meeting of the chain, not of one organisation"
    )]
    TooFewOrganisations,
    #[error("only organisations involved in the family can be invited")]
    NotInvolved,
    #[error("the regisseur's organisation leads the family's help and is always invited")]
    RegisseurNotInvited,
    #[error("say why the family does not take part: the family joins wherever possible")]
    AbsenceReasonNeeded,
    #[error("only an organisation invited to the meeting records a view")]
    NotInvited,
    #[error("a view names the worries")]
    WorriesNeeded,
    #[error("a view names what is needed")]
    ViewNeedsNeeded,
    #[error("this meeting has been held: its joint judgement stands")]
    AlreadyHeld,
    #[error("this meeting was cancelled")]
    Cancelled,
    #[error("the joint judgement is recorded on or after the day of the meeting")]
    BeforeMeeting,
    #[error("state what this child and this family need")]
    NeedsRequired,
    #[error("write down who does what: at least one action")]
    NoActions,
    #[error("action {0}: describe what will be done")]
    ActionWhatNeeded(usize),
    #[error(
        "action {0}: the owner is someone in the family's circle: an involved professional or organisation, a family member or a network member"
    )]
    UnknownOwner(usize),
    #[error("action {0}: give a due date, on or after the day of the judgement")]
    DueDateNeeded(usize),
    #[error("action {0}: the due date {1}")]
    DueDateImplausible(usize, DateOutOfRange),
    #[error(
        "the organisations' views differ in what is needed: record where they differed and how the meeting weighed it"
    )]
    DifferencesNeeded,
    #[error("say why the meeting is cancelled")]
    CancelReasonNeeded,
}

impl MeetingError {
    /// Refusals because of where the meeting is in its course (not because of input):
    /// held, cancelled, or not held yet.
    pub fn is_transition(self) -> bool {
        matches!(
            self,
            MeetingError::AlreadyHeld | MeetingError::Cancelled | MeetingError::BeforeMeeting
        )
    }
}

/// The only way into the state machine: a scheduled meeting.
pub fn check_schedule(s: &Schedule<'_>) -> Result<MeetingState, MeetingError> {
    if s.meets_at.date() < s.today {
        return Err(MeetingError::InPast);
    }
    // Planned at most a year ahead (`text::DateKind::Event`): a mistyped year would
    // schedule the meeting for a child who has long grown up.
    check_date(DateKind::Event, s.meets_at.date(), s.today)
        .map_err(MeetingError::MeetingDateImplausible)?;
    if s.invited.iter().any(|o| !s.involved.contains(o)) {
        return Err(MeetingError::NotInvolved);
    }
    if let Some(lead) = s.regisseur_organisation
        && !s.invited.iter().any(|o| o == lead)
    {
        return Err(MeetingError::RegisseurNotInvited);
    }
    let mut distinct: Vec<&String> = s.invited.iter().collect();
    distinct.sort();
    distinct.dedup();
    if distinct.len() < 2 {
        return Err(MeetingError::TooFewOrganisations);
    }
    if !s.family_takes_part && s.family_absence_reason.trim().is_empty() {
        return Err(MeetingError::AbsenceReasonNeeded);
    }
    Ok(MeetingState::Scheduled)
}

impl MeetingState {
    /// Still to be held: views, the judgement or cancelling can follow.
    pub fn open(self) -> bool {
        self == MeetingState::Scheduled
    }
}

/// Whether `organisation_id` may write its view now (the page offers the form only
/// then; [`check_view`] also checks the view itself).
pub fn may_record_view(state: MeetingState, invited: &[String], organisation_id: &str) -> bool {
    state.open() && invited.iter().any(|o| o == organisation_id)
}

/// Scheduled meetings can still change course; the others cannot.
fn must_be_scheduled(state: MeetingState) -> Result<(), MeetingError> {
    match state {
        MeetingState::Scheduled => Ok(()),
        MeetingState::Held => Err(MeetingError::AlreadyHeld),
        MeetingState::Cancelled => Err(MeetingError::Cancelled),
    }
}

/// One organisation's own view, written before the meeting (Signs of Safety's three
/// columns). Worries and what is needed are required; strengths may honestly be empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    pub worries: String,
    pub strengths: String,
    pub needs: String,
}

/// Whether `organisation_id` may record (or revise) its view now: invited, and only
/// while the meeting has not been held (views are input to the judgement, not a
/// comment on it).
pub fn check_view(
    state: MeetingState,
    invited: &[String],
    organisation_id: &str,
    view: &View,
) -> Result<(), MeetingError> {
    must_be_scheduled(state)?;
    if !invited.iter().any(|o| o == organisation_id) {
        return Err(MeetingError::NotInvited);
    }
    if view.worries.trim().is_empty() {
        return Err(MeetingError::WorriesNeeded);
    }
    if view.needs.trim().is_empty() {
        return Err(MeetingError::ViewNeedsNeeded);
    }
    Ok(())
}

/// Who an action of the judgement belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Owner {
    /// An organisation in the family's circle.
    Organisation(String),
    /// A professional in the family's circle (user id).
    Professional(String),
    /// A family member (member id): the family does things too.
    Member(String),
    /// A network member (network member id): the safety network.
    Network(String),
}

impl Owner {
    /// Reads the form and API value `organisation:<id>`, `professional:<id>`,
    /// `member:<id>` or `network:<id>`.
    pub fn parse(text: &str) -> Option<Owner> {
        let (kind, id) = text.trim().split_once(':')?;
        let id = id.trim();
        if id.is_empty() {
            return None;
        }
        let id = id.to_owned();
        match kind {
            "organisation" => Some(Owner::Organisation(id)),
            "professional" => Some(Owner::Professional(id)),
            "member" => Some(Owner::Member(id)),
            "network" => Some(Owner::Network(id)),
            _ => None,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Owner::Organisation(_) => "organisation",
            Owner::Professional(_) => "professional",
            Owner::Member(_) => "member",
            Owner::Network(_) => "network",
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Owner::Organisation(id)
            | Owner::Professional(id)
            | Owner::Member(id)
            | Owner::Network(id) => id,
        }
    }

    /// The value [`Owner::parse`] reads.
    pub fn code(&self) -> String {
        format!("{}:{}", self.kind(), self.id())
    }
}

/// Everyone an action can be given to: the family's circle as it is on the day.
#[derive(Debug, Clone, Copy, Default)]
pub struct Circle<'a> {
    pub organisations: &'a [String],
    pub professionals: &'a [String],
    pub members: &'a [String],
    pub network: &'a [String],
}

impl Circle<'_> {
    pub fn contains(&self, owner: &Owner) -> bool {
        let list = match owner {
            Owner::Organisation(_) => self.organisations,
            Owner::Professional(_) => self.professionals,
            Owner::Member(_) => self.members,
            Owner::Network(_) => self.network,
        };
        list.iter().any(|x| x == owner.id())
    }
}

/// One "who does what" of the judgement. The life domain says where in the plan it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JudgementAction {
    pub domain: LifeDomain,
    pub what: String,
    pub owner: Owner,
    pub due: Option<Date>,
}

/// The joint judgement as proposed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    /// What this child and this family need.
    pub needs: String,
    /// Where the views differed (and how the meeting weighed that).
    pub differences: String,
    pub actions: Vec<JudgementAction>,
}

/// Whether the organisations' views differ in what is needed. Views written apart
/// almost always differ in wording; only the same text (ignoring case, spacing and a
/// closing full stop) counts as the same view.
pub fn views_differ(needs: &[&str]) -> bool {
    let normal = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches('.')
            .to_lowercase()
    };
    let mut seen: Vec<String> = needs.iter().map(|n| normal(n)).collect();
    seen.sort();
    seen.dedup();
    seen.len() > 1
}

/// The one transition to `Held`: on or after the meeting's day, once, with what is
/// needed, at least one action with an owner in the circle and a due date, and — when
/// the recorded views differed in what is needed — where they differed.
pub fn check_judgement(
    state: MeetingState,
    meets_on: Date,
    today: Date,
    j: &Judgement,
    view_needs: &[&str],
    circle: Circle<'_>,
) -> Result<MeetingState, MeetingError> {
    must_be_scheduled(state)?;
    if today < meets_on {
        return Err(MeetingError::BeforeMeeting);
    }
    if j.needs.trim().is_empty() {
        return Err(MeetingError::NeedsRequired);
    }
    if j.actions.is_empty() {
        return Err(MeetingError::NoActions);
    }
    for (i, a) in j.actions.iter().enumerate() {
        let n = i + 1;
        if a.what.trim().is_empty() {
            return Err(MeetingError::ActionWhatNeeded(n));
        }
        if !circle.contains(&a.owner) {
            return Err(MeetingError::UnknownOwner(n));
        }
        match a.due {
            Some(due) if due >= today => {
                // Due within a year (`text::DateKind::Event`), as every action in the plan.
                check_date(DateKind::Event, due, today)
                    .map_err(|range| MeetingError::DueDateImplausible(n, range))?;
            }
            _ => return Err(MeetingError::DueDateNeeded(n)),
        }
    }
    if views_differ(view_needs) && j.differences.trim().is_empty() {
        return Err(MeetingError::DifferencesNeeded);
    }
    Ok(MeetingState::Held)
}

/// The way out of `Scheduled` without a judgement.
pub fn check_cancel(state: MeetingState, reason: &str) -> Result<MeetingState, MeetingError> {
    must_be_scheduled(state)?;
    if reason.trim().is_empty() {
        return Err(MeetingError::CancelReasonNeeded);
    }
    Ok(MeetingState::Cancelled)
}

/// The family's plan with the judgement's actions added under their life domains, as
/// planned actions; `owners` are the names the plan shows, in the order of the actions.
/// Nothing already in the plan changes: one family, one plan.
pub fn plan_with_actions(plan: &Plan, actions: &[JudgementAction], owners: &[String]) -> Plan {
    let mut out = plan.clone();
    for (a, who) in actions.iter().zip(owners) {
        // The owner is chosen from the file, so the plan keeps the reference; an
        // organisation is not a person in the plan and is named only.
        let who = match &a.owner {
            Owner::Professional(id) => PlanPerson::chosen(PersonKind::Professional, id, who),
            Owner::Member(id) => PlanPerson::chosen(PersonKind::Member, id, who),
            Owner::Network(id) => PlanPerson::chosen(PersonKind::Network, id, who),
            Owner::Organisation(_) => PlanPerson::other(who),
        };
        let action = PlanAction {
            who,
            what: a.what.trim().to_owned(),
            due: a.due,
            status: ActionStatus::Planned,
        };
        match out.domains.iter_mut().find(|d| d.domain == a.domain) {
            Some(d) => d.actions.push(action),
            None => out.domains.push(DomainPlan {
                domain: a.domain,
                goals: Vec::new(),
                actions: vec![action],
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn orgs(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn today() -> Date {
        date(2026, 11, 23)
    }

    fn schedule<'a>(invited: &'a [String], involved: &'a [String]) -> Schedule<'a> {
        Schedule {
            kind: MeetingKind::ProtectionTable,
            meets_at: date(2026, 12, 1).at(14, 0, 0, 0),
            invited,
            involved,
            regisseur_organisation: Some("lokalis"),
            family_takes_part: true,
            family_absence_reason: "",
            today: today(),
        }
    }

    fn view(needs: &str) -> View {
        View {
            worries: "Harde ruzies waar Sam bij is".into(),
            strengths: String::new(),
            needs: needs.into(),
        }
    }

    fn action(owner: Owner, due: Option<Date>) -> JudgementAction {
        JudgementAction {
            domain: LifeDomain::Safety,
            what: "Veiligheidsplan met oma als noodadres".into(),
            owner,
            due,
        }
    }

    fn judgement(actions: Vec<JudgementAction>) -> Judgement {
        Judgement {
            needs: "Sam heeft rust en een vast noodadres nodig".into(),
            differences: String::new(),
            actions,
        }
    }

    const CIRCLE_ORGS: &[&str] = &["lokalis", "save"];

    fn circle_lists() -> [Vec<String>; 4] {
        [
            orgs(CIRCLE_ORGS),
            orgs(&["sanne", "thomas"]),
            orgs(&["kim", "sam"]),
            orgs(&["oma"]),
        ]
    }

    fn circle(l: &[Vec<String>; 4]) -> Circle<'_> {
        Circle {
            organisations: &l[0],
            professionals: &l[1],
            members: &l[2],
            network: &l[3],
        }
    }

    #[test]
    fn scheduling_invites_the_circle_with_the_regisseur_and_the_family_where_possible() {
        let involved = orgs(&["lokalis", "save", "vt"]);
        let invited = orgs(&["lokalis", "save"]);
        assert_eq!(
            check_schedule(&schedule(&invited, &involved)),
            Ok(MeetingState::Scheduled)
        );
        let mut today = schedule(&invited, &involved);
        today.meets_at = today.today.at(8, 30, 0, 0);
        assert_eq!(check_schedule(&today), Ok(MeetingState::Scheduled));
        let mut past = schedule(&invited, &involved);
        past.meets_at = date(2026, 11, 22).at(14, 0, 0, 0);
        assert_eq!(check_schedule(&past), Err(MeetingError::InPast));
        let mut far = schedule(&invited, &involved);
        far.meets_at = date(2206, 12, 1).at(14, 0, 0, 0);
        assert!(matches!(
            check_schedule(&far),
            Err(MeetingError::MeetingDateImplausible(_))
        ));
        let stranger = orgs(&["lokalis", "ggz"]);
        assert_eq!(
            check_schedule(&schedule(&stranger, &involved)),
            Err(MeetingError::NotInvolved)
        );
        let without_lead = orgs(&["save", "vt"]);
        assert_eq!(
            check_schedule(&schedule(&without_lead, &involved)),
            Err(MeetingError::RegisseurNotInvited)
        );
        let alone = orgs(&["lokalis", "lokalis"]);
        assert_eq!(
            check_schedule(&schedule(&alone, &involved)),
            Err(MeetingError::TooFewOrganisations)
        );
        let mut absent = schedule(&invited, &involved);
        absent.family_takes_part = false;
        absent.family_absence_reason = "  ";
        assert_eq!(
            check_schedule(&absent),
            Err(MeetingError::AbsenceReasonNeeded)
        );
        absent.family_absence_reason = "Moeder wil eerst alleen met de regisseur praten";
        assert_eq!(check_schedule(&absent), Ok(MeetingState::Scheduled));
    }

    #[test]
    fn views_only_from_invited_organisations_and_only_before_the_meeting_is_held() {
        let invited = orgs(CIRCLE_ORGS);
        let v = view("Een vast noodadres");
        assert_eq!(
            check_view(MeetingState::Scheduled, &invited, "save", &v),
            Ok(())
        );
        assert_eq!(
            check_view(MeetingState::Scheduled, &invited, "ggz", &v),
            Err(MeetingError::NotInvited)
        );
        assert_eq!(
            check_view(MeetingState::Held, &invited, "save", &v),
            Err(MeetingError::AlreadyHeld)
        );
        assert_eq!(
            check_view(MeetingState::Cancelled, &invited, "save", &v),
            Err(MeetingError::Cancelled)
        );
        let mut no_worries = v.clone();
        no_worries.worries = " ".into();
        assert_eq!(
            check_view(MeetingState::Scheduled, &invited, "save", &no_worries),
            Err(MeetingError::WorriesNeeded)
        );
        assert_eq!(
            check_view(MeetingState::Scheduled, &invited, "save", &view("")),
            Err(MeetingError::ViewNeedsNeeded)
        );
        assert!(may_record_view(MeetingState::Scheduled, &invited, "save"));
        assert!(!may_record_view(MeetingState::Scheduled, &invited, "ggz"));
        assert!(!may_record_view(MeetingState::Held, &invited, "save"));
        assert!(!may_record_view(MeetingState::Cancelled, &invited, "save"));
    }

    #[test]
    fn the_judgement_once_on_or_after_the_day_with_owned_actions() {
        let l = circle_lists();
        let c = circle(&l);
        let meets_on = date(2026, 12, 1);
        let on = date(2026, 12, 1);
        let due = Some(date(2026, 12, 15));
        let ok = judgement(vec![
            action(Owner::Organisation("save".into()), due),
            action(Owner::Professional("sanne".into()), due),
            action(Owner::Member("kim".into()), due),
            action(Owner::Network("oma".into()), on.into()),
        ]);
        assert_eq!(
            check_judgement(MeetingState::Scheduled, meets_on, on, &ok, &[], c),
            Ok(MeetingState::Held)
        );
        assert_eq!(
            check_judgement(MeetingState::Held, meets_on, on, &ok, &[], c),
            Err(MeetingError::AlreadyHeld)
        );
        assert_eq!(
            check_judgement(MeetingState::Cancelled, meets_on, on, &ok, &[], c),
            Err(MeetingError::Cancelled)
        );
        assert_eq!(
            check_judgement(
                MeetingState::Scheduled,
                meets_on,
                date(2026, 11, 30),
                &ok,
                &[],
                c
            ),
            Err(MeetingError::BeforeMeeting)
        );
        let mut no_needs = ok.clone();
        no_needs.needs = "\n".into();
        assert_eq!(
            check_judgement(MeetingState::Scheduled, meets_on, on, &no_needs, &[], c),
            Err(MeetingError::NeedsRequired)
        );
        assert_eq!(
            check_judgement(
                MeetingState::Scheduled,
                meets_on,
                on,
                &judgement(vec![]),
                &[],
                c
            ),
            Err(MeetingError::NoActions)
        );
        let mut vague = ok.clone();
        vague.actions[1].what = " ".into();
        assert_eq!(
            check_judgement(MeetingState::Scheduled, meets_on, on, &vague, &[], c),
            Err(MeetingError::ActionWhatNeeded(2))
        );
        for stranger in [
            Owner::Organisation("ggz".into()),
            Owner::Professional("gina".into()),
            Owner::Member("oma".into()),
            Owner::Network("kim".into()),
        ] {
            let j = judgement(vec![action(stranger.clone(), due)]);
            assert_eq!(
                check_judgement(MeetingState::Scheduled, meets_on, on, &j, &[], c),
                Err(MeetingError::UnknownOwner(1)),
                "{stranger:?}"
            );
        }
        for bad_due in [None, Some(date(2026, 11, 30))] {
            let j = judgement(vec![
                action(Owner::Organisation("save".into()), due),
                action(Owner::Organisation("save".into()), bad_due),
            ]);
            assert_eq!(
                check_judgement(MeetingState::Scheduled, meets_on, on, &j, &[], c),
                Err(MeetingError::DueDateNeeded(2))
            );
        }
        let j = judgement(vec![action(
            Owner::Organisation("save".into()),
            Some(date(2206, 12, 1)),
        )]);
        assert!(matches!(
            check_judgement(MeetingState::Scheduled, meets_on, on, &j, &[], c),
            Err(MeetingError::DueDateImplausible(1, _))
        ));
    }

    #[test]
    fn differing_views_need_to_be_named_in_the_judgement() {
        let l = circle_lists();
        let c = circle(&l);
        let on = date(2026, 12, 1);
        let j = judgement(vec![action(
            Owner::Organisation("lokalis".into()),
            Some(on),
        )]);
        let differ = ["Een vast noodadres", "Een ondertoezichtstelling"];
        assert_eq!(
            check_judgement(MeetingState::Scheduled, on, on, &j, &differ, c),
            Err(MeetingError::DifferencesNeeded)
        );
        let mut named = j.clone();
        named.differences =
            "SAVE zag een OTS als nodig; samen gekozen voor eerst een noodadres".into();
        assert_eq!(
            check_judgement(MeetingState::Scheduled, on, on, &named, &differ, c),
            Ok(MeetingState::Held)
        );
        // The same view in other words of spacing and case, or a single view: nothing differs.
        let same = ["Een vast noodadres.", "een  vast noodadres"];
        assert!(!views_differ(&same));
        assert!(!views_differ(&["Een vast noodadres"]));
        assert!(!views_differ(&[]));
        assert_eq!(
            check_judgement(MeetingState::Scheduled, on, on, &j, &same, c),
            Ok(MeetingState::Held)
        );
    }

    #[test]
    fn cancelling_needs_a_reason_and_only_a_scheduled_meeting() {
        assert_eq!(
            check_cancel(MeetingState::Scheduled, "Vader ziek; nieuwe datum volgt"),
            Ok(MeetingState::Cancelled)
        );
        assert_eq!(
            check_cancel(MeetingState::Scheduled, " "),
            Err(MeetingError::CancelReasonNeeded)
        );
        assert_eq!(
            check_cancel(MeetingState::Held, "te laat"),
            Err(MeetingError::AlreadyHeld)
        );
        assert_eq!(
            check_cancel(MeetingState::Cancelled, "nogmaals"),
            Err(MeetingError::Cancelled)
        );
        assert!(MeetingError::AlreadyHeld.is_transition());
        assert!(!MeetingError::CancelReasonNeeded.is_transition());
    }

    #[test]
    fn owners_read_back_from_their_codes() {
        for owner in [
            Owner::Organisation("o1".into()),
            Owner::Professional("u1".into()),
            Owner::Member("m1".into()),
            Owner::Network("n1".into()),
        ] {
            assert_eq!(Owner::parse(&owner.code()), Some(owner));
        }
        for bad in ["", "o1", "team:o1", "member:", "member: "] {
            assert_eq!(Owner::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_actions_go_into_the_plan_under_their_life_domain() {
        let mut plan = Plan {
            worries: vec!["Ruzie thuis".into()],
            domains: vec![DomainPlan {
                domain: LifeDomain::Income,
                goals: vec!["Schulden in beeld".into()],
                actions: vec![],
            }],
            ..Plan::default()
        };
        let due = Some(date(2026, 12, 15));
        let actions = vec![
            JudgementAction {
                domain: LifeDomain::Income,
                what: " Aanmelden bij schuldhulp ".into(),
                owner: Owner::Member("kim".into()),
                due,
            },
            action(Owner::Organisation("save".into()), due),
        ];
        let owners = vec!["Kim Jansen".to_owned(), "SAVE".to_owned()];
        let new = plan_with_actions(&plan, &actions, &owners);
        assert_eq!(new.check(jiff::civil::date(2026, 12, 6)), Ok(()));
        assert_eq!(new.worries, plan.worries, "nothing else changes");
        assert_eq!(new.domains.len(), 2);
        assert_eq!(
            new.domains[0].actions,
            vec![PlanAction {
                who: PlanPerson::chosen(PersonKind::Member, "kim", "Kim Jansen"),
                what: "Aanmelden bij schuldhulp".into(),
                due,
                status: ActionStatus::Planned,
            }]
        );
        assert_eq!(new.domains[1].domain, LifeDomain::Safety);
        assert_eq!(new.domains[1].actions[0].who, PlanPerson::other("SAVE"));
        plan.domains.clear();
        assert_eq!(
            plan_with_actions(&plan, &actions[..1], &owners).domains[0].domain,
            LifeDomain::Income
        );
    }
}
