//! Stepwise consent: the family agrees to each step of the chain's help, one at a time,
//! and the chain shares only what that consent covers.
//!
//! Sources: the SAVE way of working in the seed texts ("stapsgewijs toestemming
//! vragen": consultation, a specialist joining, SAVE-begeleiding, the network, the EVU,
//! the plan); who consents by the child's age: WGBO art. 7:447 and 7:450 BW and Jeugdwet
//! art. 7.3.4 and 7.3.11 (under 12 the parents with custody; 12 to 15 the child and the
//! parents with custody; from 16 the child alone). Withdrawing one (AVG art. 7(3)):
//! [`super::withdrawal`].

use jiff::civil::Date;

use super::member::MemberKind;
use crate::codes::code_list;
use crate::organisation::OrganisationKind;
use crate::text::{DateKind, check_date};

code_list! {
    /// The steps the family is asked to agree to, one at a time.
    ConsentStep, "consent step" {
        NamedConsultation = "named_consultation", "Overleg op naam met een specialistische organisatie", "Named consultation of a specialist organisation";
        SpecialistJoins = "specialist_joins", "Specialist sluit aan bij een gesprek", "Specialist joins a conversation";
        SaveGuidance = "save_guidance", "Start SAVE-begeleiding", "Start SAVE guidance";
        NetworkMembers = "network_members", "Netwerkleden betrekken", "Involve network members";
        DataSharing = "data_sharing", "Gegevens delen met een organisatie", "Share data with an organisation";
        Evu = "evu", "Expertiseteam Veiligheid Utrecht (EVU) betrekken", "Involve the EVU";
        PlanAgreement = "plan_agreement", "Instemmen met het plan", "Agree to the plan";
    }
}

code_list! {
    /// Parts of the family file a consent can open to another organisation.
    DataCategory, "data category" {
        /// Who the family is and who is involved: members, address, the flower.
        Identity = "identity", "Gezinssamenstelling, adres en betrokkenen", "Family members, address and who is involved";
        Network = "network", "Netwerk", "Network";
        Plan = "plan", "Plan en veiligheidskaart", "Plan and safety map";
        Notes = "notes", "Gespreksverslagen", "Case notes";
    }
}

code_list! {
    ConsentForm, "consent form" {
        Spoken = "spoken", "Mondeling", "Spoken";
        Written = "written", "Schriftelijk", "Written";
    }
}

impl ConsentStep {
    /// Steps that open the file to a named organisation, so name it and what it may see.
    pub fn names_organisation(self) -> bool {
        matches!(
            self,
            ConsentStep::NamedConsultation
                | ConsentStep::SpecialistJoins
                | ConsentStep::SaveGuidance
                | ConsentStep::DataSharing
        )
    }
}

/// A consent as recorded, as far as the access rules need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentFacts {
    pub step: ConsentStep,
    pub organisation_id: Option<String>,
    pub categories: Vec<DataCategory>,
    pub given_on: Date,
    pub ends_on: Option<Date>,
    pub withdrawn: bool,
}

impl ConsentFacts {
    /// Given, not ended, not withdrawn. The end date is the last day it holds.
    pub fn in_force(&self, today: Date) -> bool {
        !self.withdrawn && self.given_on <= today && self.ends_on.is_none_or(|end| today <= end)
    }

    /// In force and opening `category` to `organisation_id`.
    pub fn covers(&self, organisation_id: &str, category: DataCategory, today: Date) -> bool {
        self.in_force(today)
            && self.organisation_id.as_deref() == Some(organisation_id)
            && self.categories.contains(&category)
    }
}

/// A family member as the consent rules see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub kind: MemberKind,
    pub date_of_birth: Option<Date>,
    pub has_custody: bool,
}

/// A consent being recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewConsent {
    pub step: ConsentStep,
    pub organisation: Option<OrganisationKind>,
    pub purpose: String,
    pub categories: Vec<DataCategory>,
    /// The children the step concerns (member ids).
    pub children: Vec<String>,
    /// Who gave it (member ids).
    pub given_by: Vec<String>,
    pub form: ConsentForm,
    pub given_on: Date,
    pub ends_on: Option<Date>,
}

/// Whose consent is missing, and why it is needed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub member_id: String,
    pub name: String,
    pub why: MissingWhy,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MissingWhy {
    /// The child is 12 or older on the day of consent.
    ChildAged { child: String, age: i16 },
    /// A parent with custody of a child under 16.
    Custodian { child: String },
    /// The guardian institution of a child under 16 (it holds custody in the
    /// parents' place).
    Guardian { child: String },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConsentError {
    #[error("this step opens the file to an organisation: name the organisation")]
    OrganisationNeeded,
    #[error("this step names no organisation")]
    NoOrganisationForStep,
    #[error("state the purpose: what the consent is for")]
    PurposeNeeded,
    #[error("choose the data the organisation may see")]
    CategoriesNeeded,
    #[error("choose the child or children the step concerns")]
    NoChild,
    #[error("'{0}' is not a current child of this family")]
    NotAChild(String),
    #[error("'{0}' is not a current member of this family")]
    NotAMember(String),
    #[error("a consent cannot be given in the future")]
    InFuture,
    #[error("the consent is dated before {child} was born")]
    BeforeBirth { child: String },
    #[error("the end date lies before the day the consent was given")]
    EndsBeforeGiven,
    #[error("the day the consent was given {0}: check the year")]
    GivenOnImplausible(crate::text::DateOutOfRange),
    #[error("the end date {0}: check the year")]
    EndsOnImplausible(crate::text::DateOutOfRange),
    #[error(
        "{child} is under 16 but no parent with custody is registered: record who holds custody first"
    )]
    NoCustodian { child: String },
    #[error("consent is missing from: {}", names(.0))]
    Missing(Vec<Missing>),
}

fn names(missing: &[Missing]) -> String {
    missing
        .iter()
        .map(|m| m.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Full years between `born` and `on`. Someone born on 29 February has their birthday
/// on 1 March in other years.
pub fn age_on(born: Date, on: Date) -> i16 {
    let before_birthday = (on.month(), on.day()) < (born.month(), born.day());
    on.year() - born.year() - i16::from(before_birthday)
}

/// The age from which a child consents (with the parents with custody until
/// [`DECIDES_ALONE_FROM`]); the family portal shows a child their own from this age too.
pub const CONSENTS_FROM: i16 = 12;
/// The age from which a child decides alone: the parents' consent is no longer asked,
/// so the parents are "others" who see what concerns only the child by the child's leave.
pub const DECIDES_ALONE_FROM: i16 = 16;

/// Who must consent for `child` on `on`: the child from 12, the parents with custody
/// below 16.
pub fn required_for(child: &Person, custodians: &[&Person], on: Date) -> Vec<(String, MissingWhy)> {
    let age = child.date_of_birth.map_or(0, |dob| age_on(dob, on));
    let mut needed = Vec::new();
    if age >= CONSENTS_FROM {
        needed.push((
            child.id.clone(),
            MissingWhy::ChildAged {
                child: child.name.clone(),
                age,
            },
        ));
    }
    if age < DECIDES_ALONE_FROM {
        for parent in custodians {
            needed.push((
                parent.id.clone(),
                MissingWhy::Custodian {
                    child: child.name.clone(),
                },
            ));
        }
    }
    needed
}

/// Checks a consent against the family's current members and `today`; on refusal, the
/// error names who or what is missing.
pub fn check_consent(c: &NewConsent, members: &[Person], today: Date) -> Result<(), ConsentError> {
    match (c.step.names_organisation(), c.organisation.is_some()) {
        (true, false) => return Err(ConsentError::OrganisationNeeded),
        (false, true) if c.step != ConsentStep::Evu => {
            return Err(ConsentError::NoOrganisationForStep);
        }
        _ => {}
    }
    if c.purpose.trim().is_empty() {
        return Err(ConsentError::PurposeNeeded);
    }
    if c.organisation.is_some() && c.categories.is_empty() {
        return Err(ConsentError::CategoriesNeeded);
    }
    if c.given_on > today {
        return Err(ConsentError::InFuture);
    }
    check_date(DateKind::Event, c.given_on, today).map_err(ConsentError::GivenOnImplausible)?;
    if let Some(end) = c.ends_on {
        check_date(DateKind::Until, end, today).map_err(ConsentError::EndsOnImplausible)?;
    }
    if c.ends_on.is_some_and(|end| end < c.given_on) {
        return Err(ConsentError::EndsBeforeGiven);
    }
    if c.children.is_empty() {
        return Err(ConsentError::NoChild);
    }
    let member = |id: &str| members.iter().find(|m| m.id == id);
    for giver in &c.given_by {
        if member(giver).is_none() {
            return Err(ConsentError::NotAMember(giver.clone()));
        }
    }
    let custodians: Vec<&Person> = members
        .iter()
        .filter(|m| m.kind == MemberKind::Parent && m.has_custody)
        .collect();
    let mut missing: Vec<Missing> = Vec::new();
    for child_id in &c.children {
        let child = member(child_id)
            .filter(|m| m.kind == MemberKind::Child)
            .ok_or_else(|| ConsentError::NotAChild(child_id.clone()))?;
        if child.date_of_birth.is_some_and(|born| c.given_on < born) {
            return Err(ConsentError::BeforeBirth {
                child: child.name.clone(),
            });
        }
        let needed = required_for(child, &custodians, c.given_on);
        let age = child.date_of_birth.map_or(0, |dob| age_on(dob, c.given_on));
        if age < DECIDES_ALONE_FROM && custodians.is_empty() {
            return Err(ConsentError::NoCustodian {
                child: child.name.clone(),
            });
        }
        for (id, why) in needed {
            let given = c.given_by.contains(&id);
            if !given && !missing.iter().any(|m| m.member_id == id) {
                let name = member(&id).map(|m| m.name.clone()).unwrap_or_default();
                missing.push(Missing {
                    member_id: id,
                    name,
                    why,
                });
            }
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(ConsentError::Missing(missing))
    }
}

/// The consent step an organisation needs before one of its professionals joins the
/// family's circle in the voluntary framework: SAVE-begeleiding for a certified
/// institution, data sharing for everyone else. A specialist joining a conversation
/// is also enough for a (temporary) involvement.
pub fn step_for_involvement(kind: OrganisationKind) -> ConsentStep {
    match kind {
        OrganisationKind::CertifiedInstitution => ConsentStep::SaveGuidance,
        _ => ConsentStep::DataSharing,
    }
}

/// Whether the consents in force let a professional of `organisation_id` join.
pub fn involvement_consented(
    consents: &[ConsentFacts],
    organisation_id: &str,
    kind: OrganisationKind,
    today: Date,
) -> bool {
    let wanted = step_for_involvement(kind);
    consents.iter().any(|c| {
        c.in_force(today)
            && c.organisation_id.as_deref() == Some(organisation_id)
            && (c.step == wanted || c.step == ConsentStep::SpecialistJoins)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn person(id: &str, kind: MemberKind, born: Option<Date>, custody: bool) -> Person {
        Person {
            id: id.into(),
            name: id.to_uppercase(),
            kind,
            date_of_birth: born,
            has_custody: custody,
        }
    }

    fn family() -> Vec<Person> {
        vec![
            person("mama", MemberKind::Parent, Some(date(1988, 1, 1)), true),
            person("papa", MemberKind::Parent, Some(date(1986, 1, 1)), true),
            person("stiefvader", MemberKind::Parent, None, false),
            // 11 until 2026-05-10, 12 from then.
            person("sam", MemberKind::Child, Some(date(2014, 5, 10)), false),
            // 16 on 2026-03-01.
            person("noor", MemberKind::Child, Some(date(2010, 3, 1)), false),
        ]
    }

    fn consent(children: &[&str], given_by: &[&str], on: Date) -> NewConsent {
        NewConsent {
            step: ConsentStep::DataSharing,
            organisation: Some(OrganisationKind::CertifiedInstitution),
            purpose: "Afstemmen van de begeleiding".into(),
            categories: vec![DataCategory::Identity, DataCategory::Plan],
            children: children.iter().map(|s| (*s).to_owned()).collect(),
            given_by: given_by.iter().map(|s| (*s).to_owned()).collect(),
            form: ConsentForm::Spoken,
            given_on: on,
            ends_on: None,
        }
    }

    fn missing_ids(r: Result<(), ConsentError>) -> Vec<String> {
        match r {
            Err(ConsentError::Missing(m)) => m.into_iter().map(|m| m.member_id).collect(),
            other => panic!("expected missing consent, got {other:?}"),
        }
    }

    #[test]
    fn ages_count_full_years_and_leap_day_birthdays_fall_on_1_march() {
        assert_eq!(age_on(date(2014, 5, 10), date(2026, 5, 9)), 11);
        assert_eq!(age_on(date(2014, 5, 10), date(2026, 5, 10)), 12);
        assert_eq!(age_on(date(2012, 2, 29), date(2028, 2, 28)), 15);
        assert_eq!(age_on(date(2012, 2, 29), date(2028, 2, 29)), 16);
        assert_eq!(age_on(date(2012, 2, 29), date(2027, 2, 28)), 14);
        assert_eq!(age_on(date(2012, 2, 29), date(2027, 3, 1)), 15);
    }

    #[test]
    fn under_12_every_parent_with_custody() {
        let today = date(2026, 5, 9);
        let members = family();
        assert_eq!(
            check_consent(
                &consent(&["sam"], &["mama", "papa"], today),
                &members,
                today
            ),
            Ok(())
        );
        assert_eq!(
            missing_ids(check_consent(
                &consent(&["sam"], &["mama"], today),
                &members,
                today
            )),
            ["papa"]
        );
        // A parent without custody does not stand in for one with it.
        assert_eq!(
            missing_ids(check_consent(
                &consent(&["sam"], &["mama", "stiefvader"], today),
                &members,
                today
            )),
            ["papa"]
        );
    }

    #[test]
    fn from_12_to_15_the_child_and_every_parent_with_custody() {
        let birthday = date(2026, 5, 10);
        let members = family();
        let err = check_consent(
            &consent(&["sam"], &["mama", "papa"], birthday),
            &members,
            birthday,
        );
        assert_eq!(missing_ids(err.clone()), ["sam"]);
        assert!(matches!(
            err,
            Err(ConsentError::Missing(ref m)) if m[0].why == MissingWhy::ChildAged { child: "SAM".into(), age: 12 }
        ));
        assert_eq!(
            check_consent(
                &consent(&["sam"], &["sam", "mama", "papa"], birthday),
                &members,
                birthday
            ),
            Ok(())
        );
        assert_eq!(
            missing_ids(check_consent(
                &consent(&["sam"], &["sam"], birthday),
                &members,
                birthday
            )),
            ["mama", "papa"]
        );
    }

    #[test]
    fn from_16_the_child_alone() {
        let members = family();
        let day_before = date(2026, 2, 28);
        let sixteen = date(2026, 3, 1);
        assert_eq!(
            check_consent(&consent(&["noor"], &["noor"], sixteen), &members, sixteen),
            Ok(())
        );
        assert_eq!(
            missing_ids(check_consent(
                &consent(&["noor"], &["noor"], day_before),
                &members,
                sixteen
            )),
            ["mama", "papa"]
        );
        assert_eq!(
            missing_ids(check_consent(
                &consent(&["noor"], &["mama", "papa"], sixteen),
                &members,
                sixteen
            )),
            ["noor"]
        );
    }

    #[test]
    fn a_step_for_several_children_needs_each_childs_combination() {
        let on = date(2026, 6, 1);
        let members = family();
        assert_eq!(
            missing_ids(check_consent(
                &consent(&["sam", "noor"], &["mama", "papa"], on),
                &members,
                on
            )),
            ["sam", "noor"]
        );
        assert_eq!(
            check_consent(
                &consent(&["sam", "noor"], &["sam", "noor", "mama", "papa"], on),
                &members,
                on
            ),
            Ok(())
        );
    }

    #[test]
    fn refusals_name_what_to_fix() {
        let on = date(2026, 6, 1);
        let members = family();
        let mut c = consent(&["sam"], &["sam", "mama", "papa"], on);
        c.organisation = None;
        assert_eq!(
            check_consent(&c, &members, on),
            Err(ConsentError::OrganisationNeeded)
        );
        let mut c = consent(&["sam"], &["sam", "mama", "papa"], on);
        c.categories.clear();
        assert_eq!(
            check_consent(&c, &members, on),
            Err(ConsentError::CategoriesNeeded)
        );
        let mut c = consent(&["sam"], &["sam", "mama", "papa"], on);
        c.purpose = " ".into();
        assert_eq!(
            check_consent(&c, &members, on),
            Err(ConsentError::PurposeNeeded)
        );
        assert_eq!(
            check_consent(&consent(&[], &["mama"], on), &members, on),
            Err(ConsentError::NoChild)
        );
        assert_eq!(
            check_consent(&consent(&["mama"], &["mama"], on), &members, on),
            Err(ConsentError::NotAChild("mama".into()))
        );
        assert_eq!(
            check_consent(&consent(&["sam"], &["buurman"], on), &members, on),
            Err(ConsentError::NotAMember("buurman".into()))
        );
        assert_eq!(
            check_consent(
                &consent(&["sam"], &["sam", "mama", "papa"], date(2026, 6, 2)),
                &members,
                on
            ),
            Err(ConsentError::InFuture)
        );
        assert_eq!(
            check_consent(
                &consent(&["sam"], &["mama", "papa"], date(2014, 5, 9)),
                &members,
                on
            ),
            Err(ConsentError::BeforeBirth {
                child: "SAM".into()
            }),
            "the day before Sam was born"
        );
        assert_eq!(
            check_consent(
                &consent(&["sam"], &["mama", "papa"], date(2014, 5, 10)),
                &members,
                on
            ),
            Ok(()),
            "the day Sam was born"
        );
        let mut c = consent(&["sam"], &["sam", "mama", "papa"], on);
        c.ends_on = Some(date(2026, 5, 31));
        assert_eq!(
            check_consent(&c, &members, on),
            Err(ConsentError::EndsBeforeGiven)
        );
        let orphans = vec![person(
            "sam",
            MemberKind::Child,
            Some(date(2020, 1, 1)),
            false,
        )];
        assert_eq!(
            check_consent(&consent(&["sam"], &["sam"], on), &orphans, on),
            Err(ConsentError::NoCustodian {
                child: "SAM".into()
            })
        );
        let mut network = consent(&["sam"], &["sam", "mama", "papa"], on);
        network.step = ConsentStep::NetworkMembers;
        assert_eq!(
            check_consent(&network, &members, on),
            Err(ConsentError::NoOrganisationForStep)
        );
        network.organisation = None;
        network.categories.clear();
        assert_eq!(check_consent(&network, &members, on), Ok(()));
    }

    #[test]
    fn a_consent_holds_from_the_day_given_through_its_end_date_until_withdrawn() {
        let mut c = ConsentFacts {
            step: ConsentStep::DataSharing,
            organisation_id: Some("save".into()),
            categories: vec![DataCategory::Plan],
            given_on: date(2026, 1, 10),
            ends_on: Some(date(2026, 4, 1)),
            withdrawn: false,
        };
        assert!(!c.in_force(date(2026, 1, 9)));
        assert!(c.covers("save", DataCategory::Plan, date(2026, 1, 10)));
        assert!(c.covers("save", DataCategory::Plan, date(2026, 4, 1)));
        assert!(!c.in_force(date(2026, 4, 2)));
        assert!(!c.covers("save", DataCategory::Notes, date(2026, 2, 1)));
        assert!(!c.covers("vt", DataCategory::Plan, date(2026, 2, 1)));
        c.withdrawn = true;
        assert!(!c.in_force(date(2026, 2, 1)));
    }

    #[test]
    fn joining_needs_the_step_for_the_kind_of_organisation() {
        let today = date(2026, 2, 1);
        let sharing = ConsentFacts {
            step: ConsentStep::DataSharing,
            organisation_id: Some("save".into()),
            categories: vec![DataCategory::Identity],
            given_on: date(2026, 1, 10),
            ends_on: None,
            withdrawn: false,
        };
        let ci = OrganisationKind::CertifiedInstitution;
        assert!(!involvement_consented(
            std::slice::from_ref(&sharing),
            "save",
            ci,
            today
        ));
        assert!(involvement_consented(
            std::slice::from_ref(&sharing),
            "save",
            OrganisationKind::CareProvider,
            today
        ));
        let guidance = ConsentFacts {
            step: ConsentStep::SaveGuidance,
            ..sharing
        };
        assert!(involvement_consented(
            std::slice::from_ref(&guidance),
            "save",
            ci,
            today
        ));
        assert!(!involvement_consented(
            std::slice::from_ref(&guidance),
            "wss",
            ci,
            today
        ));
        assert_eq!(step_for_involvement(ci), ConsentStep::SaveGuidance);
    }
}
