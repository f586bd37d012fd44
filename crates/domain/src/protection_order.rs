//! The step to the Raad voor de Kinderbescherming when voluntary help does not reach
//! safety: a request for investigation (verzoek tot onderzoek), the Raad's
//! investigation and its outcome, and — when the Raad petitions the juvenile court — the
//! court's decision. A granted measure moves the family into the `court_order`
//! framework with the certified institution that carries it out as its legal basis;
//! the local team stays involved (the regisseur leads on, alongside the institution).
//!
//! State machine: requested → under investigation → no measure | petitioned →
//! granted | refused.
//!
//! Sources: BW 1:255 (ondertoezichtstelling) and 1:258 (for at most one year),
//! 1:265b–1:265c (machtiging uithuisplaatsing, at most one year, only with a
//! supervision order), 1:266–1:267 (gezagsbeëindiging; guardianship until the child
//! comes of age), 1:238 (the Raad investigates and petitions the court), 1:302 (a
//! certified institution carries out the order); Jeugdwet art. 3.4 (the certified
//! institution); the seed texts (Preventief Veilig Samen Verder: "De lokale
//! professional is en blijft bij het gezin betrokken, ongeacht het verdere traject").

use jiff::ToSpan;
use jiff::civil::Date;

use crate::codes::code_list;
use crate::organisation::OrganisationKind;

code_list! {
    /// The child protection measure the Raad asks of the court, and the court grants.
    Measure, "protection measure" {
        /// Ondertoezichtstelling: a certified institution supervises; parents keep custody.
        SupervisionOrder = "supervision_order", "Ondertoezichtstelling (OTS)", "Supervision order (OTS)";
        /// A placement authorisation exists only alongside a supervision order (BW 1:265b).
        OutOfHomePlacement = "out_of_home_placement", "Ondertoezichtstelling met machtiging uithuisplaatsing", "Supervision order with out-of-home placement";
        /// Gezagsbeëindigende maatregel: the institution becomes guardian.
        CustodyTermination = "custody_termination", "Gezagsbeëindigende maatregel (voogdij)", "Termination of parental authority (guardianship)";
    }
}

code_list! {
    RequestState, "request state" {
        Requested = "requested", "Verzoek ingediend, wacht op de Raad", "Requested, waiting for the Raad";
        UnderInvestigation = "under_investigation", "In onderzoek bij de Raad", "Under investigation by the Raad";
        /// The Raad sees no need for a measure: voluntary help goes on.
        NoMeasure = "no_measure", "Geen maatregel: verder in vrijwillige hulp", "No measure: voluntary help goes on";
        Petitioned = "petitioned", "Verzoek aan de kinderrechter", "Petitioned to the juvenile court";
        Granted = "granted", "Maatregel uitgesproken", "Measure granted";
        Refused = "refused", "Verzoek afgewezen door de rechter", "Petition refused by the court";
    }
}

/// What the Raad records next on a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RaadStep {
    /// Take the request up: the investigation starts.
    TakeUp,
    /// The investigation's outcome.
    Conclude,
    /// The court's decision on the petition.
    CourtDecision,
}

impl RequestState {
    /// Still running: the family has a request the Raad or the court has to act on.
    pub fn open(self) -> bool {
        self.next_step().is_some()
    }

    /// The one step the request's course allows next; `None` once it is closed.
    pub fn next_step(self) -> Option<RaadStep> {
        match self {
            RequestState::Requested => Some(RaadStep::TakeUp),
            RequestState::UnderInvestigation => Some(RaadStep::Conclude),
            RequestState::Petitioned => Some(RaadStep::CourtDecision),
            RequestState::NoMeasure | RequestState::Granted | RequestState::Refused => None,
        }
    }
}

impl Measure {
    /// A supervision order (also with placement) is given for at most a year and ends on
    /// a date; ending parental authority has no end date: the guardianship lasts until
    /// the child comes of age.
    pub fn has_end_date(self) -> bool {
        !matches!(self, Measure::CustodyTermination)
    }
}

/// The longest a supervision order or placement authorisation runs per decision.
pub const MAX_ORDER_MONTHS: i64 = 12;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrderError {
    #[error("choose the child or children the request is about")]
    NoChild,
    #[error("'{0}' is not a current child of this family")]
    NotAChild(String),
    #[error("state why voluntary help did not reach safety")]
    GroundsNeeded,
    #[error("state what was tried in voluntary help")]
    TriedNeeded,
    #[error(
        "a request for investigation goes to the Raad voor de Kinderbescherming: choose a Raad organisation"
    )]
    NotRvdk,
    #[error("this family already has an open request with the Raad: follow that one")]
    OpenRequest,
    #[error("the Raad has taken up this request already")]
    AlreadyTakenUp,
    #[error("the Raad first takes up the request: the outcome follows its investigation")]
    NotYetInvestigated,
    #[error("this investigation has its outcome already")]
    OutcomeGiven,
    #[error("a court decision follows the Raad's petition to the court")]
    NotPetitioned,
    #[error("the court has decided already")]
    AlreadyDecided,
    #[error("a date cannot lie in the future")]
    InFuture,
    #[error("the investigation cannot start before the request was made")]
    BeforeRequest,
    #[error("the outcome cannot be dated before the investigation started")]
    BeforeInvestigation,
    #[error("the court cannot decide before the Raad petitioned it")]
    BeforePetition,
    #[error("no measure: say why voluntary help can go on")]
    ReasonNeeded,
    #[error("the court grants the measure petitioned or, instead, a supervision order")]
    MeasureNotPetitioned,
    #[error("a supervision order (also with placement) ends on a date: give it")]
    EndDateNeeded,
    #[error("the order ends after the day of the decision")]
    EndBeforeDecision,
    #[error(
        "a supervision order and a placement authorisation run at most one year from the decision (BW 1:258, 1:265c); an extension is a new decision"
    )]
    TooLong,
    #[error(
        "ending parental authority has no end date: the guardianship lasts until the child comes of age"
    )]
    NoEndForCustody,
    #[error(
        "a protection order is carried out by a certified institution (such as SAVE or William Schrikker): choose one"
    )]
    NotCertified,
}

impl OrderError {
    /// Refusals because of where the request is in its course (not because of input).
    pub fn is_transition(&self) -> bool {
        matches!(
            self,
            OrderError::OpenRequest
                | OrderError::AlreadyTakenUp
                | OrderError::NotYetInvestigated
                | OrderError::OutcomeGiven
                | OrderError::NotPetitioned
                | OrderError::AlreadyDecided
        )
    }
}

/// A request as the lead proposes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRequest<'a> {
    /// The children it concerns (member ids).
    pub children: &'a [String],
    /// The family's current children (member ids).
    pub family_children: &'a [String],
    /// Why voluntary help did not reach safety.
    pub grounds: &'a str,
    /// What was tried.
    pub tried: &'a str,
    pub addressee: OrganisationKind,
    /// The family has a request still open.
    pub open_request: bool,
}

/// The way into the state machine.
pub fn check_request(r: &NewRequest<'_>) -> Result<RequestState, OrderError> {
    if r.open_request {
        return Err(OrderError::OpenRequest);
    }
    if r.addressee != OrganisationKind::Rvdk {
        return Err(OrderError::NotRvdk);
    }
    if r.children.is_empty() {
        return Err(OrderError::NoChild);
    }
    if let Some(c) = r.children.iter().find(|c| !r.family_children.contains(c)) {
        return Err(OrderError::NotAChild(c.clone()));
    }
    if r.grounds.trim().is_empty() {
        return Err(OrderError::GroundsNeeded);
    }
    if r.tried.trim().is_empty() {
        return Err(OrderError::TriedNeeded);
    }
    Ok(RequestState::Requested)
}

/// The Raad takes up the request: its investigation starts on `on`.
pub fn accept(
    state: RequestState,
    requested_on: Date,
    on: Date,
    today: Date,
) -> Result<RequestState, OrderError> {
    if state != RequestState::Requested {
        return Err(OrderError::AlreadyTakenUp);
    }
    if on > today {
        return Err(OrderError::InFuture);
    }
    if on < requested_on {
        return Err(OrderError::BeforeRequest);
    }
    Ok(RequestState::UnderInvestigation)
}

code_list! {
    /// What the Raad concludes after its investigation, as a person or a program chooses
    /// it; the [`Conclusion`] it becomes carries the reason or the measure with it.
    ConclusionKind, "conclusion" {
        NoMeasure = "no_measure", "Geen maatregel", "No measure";
        Petition = "petition", "Verzoek aan de kinderrechter", "Petition to the juvenile court";
    }
}

/// What the Raad's investigation concludes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conclusion {
    /// No measure: back to (on in) voluntary help, with the reason.
    NoMeasure { reason: String },
    /// The Raad asks the juvenile court for this measure.
    Petition { measure: Measure },
}

/// The investigation's outcome, dated `on`.
pub fn conclude(
    state: RequestState,
    investigation_started: Date,
    on: Date,
    today: Date,
    c: &Conclusion,
) -> Result<RequestState, OrderError> {
    match state {
        RequestState::UnderInvestigation => {}
        RequestState::Requested => return Err(OrderError::NotYetInvestigated),
        _ => return Err(OrderError::OutcomeGiven),
    }
    if on > today {
        return Err(OrderError::InFuture);
    }
    if on < investigation_started {
        return Err(OrderError::BeforeInvestigation);
    }
    match c {
        Conclusion::NoMeasure { reason } if reason.trim().is_empty() => {
            Err(OrderError::ReasonNeeded)
        }
        Conclusion::NoMeasure { .. } => Ok(RequestState::NoMeasure),
        Conclusion::Petition { .. } => Ok(RequestState::Petitioned),
    }
}

/// The court's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ruling {
    Granted {
        measure: Measure,
        /// The last day of the order (none when ending parental authority).
        ends_on: Option<Date>,
        /// The kind of organisation named to carry it out.
        institution: OrganisationKind,
    },
    Refused,
}

/// The court decides on `on` on the petition for `petitioned`.
pub fn decide(
    state: RequestState,
    petitioned: Measure,
    petitioned_on: Date,
    on: Date,
    today: Date,
    ruling: &Ruling,
) -> Result<RequestState, OrderError> {
    match state {
        RequestState::Petitioned => {}
        RequestState::Granted | RequestState::Refused => return Err(OrderError::AlreadyDecided),
        _ => return Err(OrderError::NotPetitioned),
    }
    if on > today {
        return Err(OrderError::InFuture);
    }
    if on < petitioned_on {
        return Err(OrderError::BeforePetition);
    }
    let Ruling::Granted {
        measure,
        ends_on,
        institution,
    } = ruling
    else {
        return Ok(RequestState::Refused);
    };
    if *measure != petitioned && *measure != Measure::SupervisionOrder {
        return Err(OrderError::MeasureNotPetitioned);
    }
    match (measure.has_end_date(), ends_on) {
        (true, None) => return Err(OrderError::EndDateNeeded),
        (false, Some(_)) => return Err(OrderError::NoEndForCustody),
        (true, Some(end)) => {
            if *end <= on {
                return Err(OrderError::EndBeforeDecision);
            }
            let latest = on.checked_add(MAX_ORDER_MONTHS.months()).unwrap_or(on);
            if *end > latest {
                return Err(OrderError::TooLong);
            }
        }
        (false, None) => {}
    }
    if *institution != OrganisationKind::CertifiedInstitution {
        return Err(OrderError::NotCertified);
    }
    Ok(RequestState::Granted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn today() -> Date {
        date(2026, 11, 23)
    }

    #[test]
    fn a_request_names_the_children_the_grounds_what_was_tried_and_the_raad() {
        let family = ids(&["sam", "noor"]);
        let children = ids(&["sam"]);
        let ok = NewRequest {
            children: &children,
            family_children: &family,
            grounds: "Ondanks SAVE-begeleiding blijft geweld thuis voorkomen",
            tried: "Buurtteam, SAVE-begeleiding van zes maanden, veiligheidsplan",
            addressee: OrganisationKind::Rvdk,
            open_request: false,
        };
        assert_eq!(check_request(&ok), Ok(RequestState::Requested));
        let none: Vec<String> = vec![];
        assert_eq!(
            check_request(&NewRequest {
                children: &none,
                ..ok.clone()
            }),
            Err(OrderError::NoChild)
        );
        let parent = ids(&["kim"]);
        assert_eq!(
            check_request(&NewRequest {
                children: &parent,
                ..ok.clone()
            }),
            Err(OrderError::NotAChild("kim".into()))
        );
        assert_eq!(
            check_request(&NewRequest {
                grounds: " ",
                ..ok.clone()
            }),
            Err(OrderError::GroundsNeeded)
        );
        assert_eq!(
            check_request(&NewRequest {
                tried: "",
                ..ok.clone()
            }),
            Err(OrderError::TriedNeeded)
        );
        assert_eq!(
            check_request(&NewRequest {
                addressee: OrganisationKind::CertifiedInstitution,
                ..ok.clone()
            }),
            Err(OrderError::NotRvdk)
        );
        let open = NewRequest {
            open_request: true,
            ..ok
        };
        assert_eq!(check_request(&open), Err(OrderError::OpenRequest));
        assert!(OrderError::OpenRequest.is_transition());
    }

    #[test]
    fn the_raad_takes_up_a_request_once_dated_between_request_and_today() {
        let requested = date(2026, 11, 2);
        assert_eq!(
            accept(
                RequestState::Requested,
                requested,
                date(2026, 11, 9),
                today()
            ),
            Ok(RequestState::UnderInvestigation)
        );
        assert_eq!(
            accept(RequestState::Requested, requested, requested, requested),
            Ok(RequestState::UnderInvestigation)
        );
        assert_eq!(
            accept(
                RequestState::Requested,
                requested,
                date(2026, 11, 1),
                today()
            ),
            Err(OrderError::BeforeRequest)
        );
        assert_eq!(
            accept(
                RequestState::Requested,
                requested,
                date(2026, 11, 24),
                today()
            ),
            Err(OrderError::InFuture)
        );
        for state in [
            RequestState::UnderInvestigation,
            RequestState::NoMeasure,
            RequestState::Petitioned,
            RequestState::Granted,
            RequestState::Refused,
        ] {
            assert_eq!(
                accept(state, requested, today(), today()),
                Err(OrderError::AlreadyTakenUp),
                "{state:?}"
            );
        }
    }

    #[test]
    fn the_investigation_ends_in_no_measure_with_a_reason_or_a_petition() {
        let started = date(2026, 9, 1);
        let no = Conclusion::NoMeasure {
            reason: "Ouders werken nu mee met het buurtteam en SAVE".into(),
        };
        let ots = Conclusion::Petition {
            measure: Measure::SupervisionOrder,
        };
        let on = date(2026, 11, 2);
        assert_eq!(
            conclude(RequestState::UnderInvestigation, started, on, today(), &no),
            Ok(RequestState::NoMeasure)
        );
        assert_eq!(
            conclude(RequestState::UnderInvestigation, started, on, today(), &ots),
            Ok(RequestState::Petitioned)
        );
        assert_eq!(
            conclude(
                RequestState::UnderInvestigation,
                started,
                on,
                today(),
                &Conclusion::NoMeasure { reason: " ".into() }
            ),
            Err(OrderError::ReasonNeeded)
        );
        assert_eq!(
            conclude(
                RequestState::UnderInvestigation,
                started,
                date(2026, 8, 31),
                today(),
                &ots
            ),
            Err(OrderError::BeforeInvestigation)
        );
        assert_eq!(
            conclude(
                RequestState::UnderInvestigation,
                started,
                date(2026, 11, 24),
                today(),
                &ots
            ),
            Err(OrderError::InFuture)
        );
        assert_eq!(
            conclude(RequestState::Requested, started, on, today(), &ots),
            Err(OrderError::NotYetInvestigated)
        );
        for state in [
            RequestState::NoMeasure,
            RequestState::Petitioned,
            RequestState::Granted,
            RequestState::Refused,
        ] {
            assert_eq!(
                conclude(state, started, on, today(), &ots),
                Err(OrderError::OutcomeGiven),
                "{state:?}"
            );
        }
    }

    #[test]
    fn the_court_decides_after_the_petition_never_in_the_future() {
        let petitioned = date(2026, 10, 1);
        let on = date(2026, 11, 2);
        let granted = Ruling::Granted {
            measure: Measure::SupervisionOrder,
            ends_on: Some(date(2027, 11, 2)),
            institution: OrganisationKind::CertifiedInstitution,
        };
        let d = |state, measure, on, ruling: &Ruling| {
            decide(state, measure, petitioned, on, today(), ruling)
        };
        let ots = Measure::SupervisionOrder;
        assert_eq!(
            d(RequestState::Petitioned, ots, on, &granted),
            Ok(RequestState::Granted)
        );
        assert_eq!(
            d(RequestState::Petitioned, ots, on, &Ruling::Refused),
            Ok(RequestState::Refused)
        );
        for state in [
            RequestState::Requested,
            RequestState::UnderInvestigation,
            RequestState::NoMeasure,
        ] {
            assert_eq!(
                d(state, ots, on, &granted),
                Err(OrderError::NotPetitioned),
                "a decision before the petition: {state:?}"
            );
        }
        for state in [RequestState::Granted, RequestState::Refused] {
            assert_eq!(
                d(state, ots, on, &Ruling::Refused),
                Err(OrderError::AlreadyDecided)
            );
        }
        assert_eq!(
            d(RequestState::Petitioned, ots, date(2026, 11, 24), &granted),
            Err(OrderError::InFuture)
        );
        assert_eq!(
            d(RequestState::Petitioned, ots, date(2026, 9, 30), &granted),
            Err(OrderError::BeforePetition)
        );
    }

    #[test]
    fn a_granted_order_names_its_measure_end_and_certified_institution() {
        let petitioned = date(2026, 10, 1);
        let on = date(2026, 11, 2);
        let grant = |measure, ends_on, institution| Ruling::Granted {
            measure,
            ends_on,
            institution,
        };
        let ci = OrganisationKind::CertifiedInstitution;
        let d = |asked, ruling: Ruling| {
            decide(
                RequestState::Petitioned,
                asked,
                petitioned,
                on,
                today(),
                &ruling,
            )
        };
        use Measure::*;
        // At most one year, to the day.
        assert_eq!(
            d(
                OutOfHomePlacement,
                grant(OutOfHomePlacement, Some(date(2027, 11, 2)), ci)
            ),
            Ok(RequestState::Granted)
        );
        assert_eq!(
            d(
                SupervisionOrder,
                grant(SupervisionOrder, Some(date(2027, 11, 3)), ci)
            ),
            Err(OrderError::TooLong)
        );
        assert_eq!(
            d(SupervisionOrder, grant(SupervisionOrder, None, ci)),
            Err(OrderError::EndDateNeeded)
        );
        assert_eq!(
            d(SupervisionOrder, grant(SupervisionOrder, Some(on), ci)),
            Err(OrderError::EndBeforeDecision)
        );
        // Guardianship has no end date.
        assert_eq!(
            d(CustodyTermination, grant(CustodyTermination, None, ci)),
            Ok(RequestState::Granted)
        );
        assert_eq!(
            d(
                CustodyTermination,
                grant(CustodyTermination, Some(date(2027, 1, 1)), ci)
            ),
            Err(OrderError::NoEndForCustody)
        );
        // Instead of what was asked, the court may give a supervision order; nothing heavier.
        assert_eq!(
            d(
                CustodyTermination,
                grant(SupervisionOrder, Some(date(2027, 5, 1)), ci)
            ),
            Ok(RequestState::Granted)
        );
        assert_eq!(
            d(
                SupervisionOrder,
                grant(OutOfHomePlacement, Some(date(2027, 5, 1)), ci)
            ),
            Err(OrderError::MeasureNotPetitioned)
        );
        for kind in [
            OrganisationKind::LocalTeam,
            OrganisationKind::VeiligThuis,
            OrganisationKind::Rvdk,
        ] {
            assert_eq!(
                d(
                    SupervisionOrder,
                    grant(SupervisionOrder, Some(date(2027, 5, 1)), kind)
                ),
                Err(OrderError::NotCertified)
            );
        }
    }

    #[test]
    fn open_states_and_end_dates() {
        let open: Vec<RequestState> = RequestState::ALL
            .iter()
            .copied()
            .filter(|s| s.open())
            .collect();
        assert_eq!(
            open,
            [
                RequestState::Requested,
                RequestState::UnderInvestigation,
                RequestState::Petitioned
            ]
        );
        assert_eq!(
            RequestState::ALL
                .iter()
                .map(|s| s.next_step())
                .collect::<Vec<_>>(),
            [
                Some(RaadStep::TakeUp),
                Some(RaadStep::Conclude),
                None,
                Some(RaadStep::CourtDecision),
                None,
                None
            ]
        );
        assert!(Measure::SupervisionOrder.has_end_date());
        assert!(!Measure::CustodyTermination.has_end_date());
    }
}
