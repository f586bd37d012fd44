//! Who in the family sees what through the family's own door (the portal): one rule,
//! [`sight`], for every page and API answer the family gets, so a page cannot show a
//! member more than the law and the family's safety allow.
//!
//! The rule, in the order it is applied (the first that answers decides):
//! 1. **Safety first.** An item marked "niet zichtbaar voor <member>" is never shown to
//!    that member, whatever their rights (Jeugdwet art. 7.3.11 lid 3 and BW 7:457 lid 3:
//!    a professional leaves out what good care forbids).
//! 2. Professionals' working notes are not shown (they are part of a full copy on
//!    request, AVG art. 15, handled by the privacy officer within the term of
//!    [`copy_request`]).
//! 3. The viewer's standing on the day: a child sees from 12 (the plan and the consents
//!    that concern them), from 16 everything that concerns them; a parent or carer sees
//!    only while holding custody of a minor child of the family (a guardian counts as
//!    the parent with custody); a parent without custody has no standing access, only a
//!    request for information the professional decides ([`request`], BW 1:377c).
//! 4. What concerns only one child: below 16 the child's parents with custody see it;
//!    from 16 only those the young person chose to share it with (Jeugdwet art. 7.3.11
//!    lid 1 and 2(b), WGBO BW 7:457: from 16 the parents' consent is no longer needed,
//!    so they are "others" who need the young person's consent).
//! 5. Shown items lose what would harm someone else (Jeugdwet art. 7.3.11 lid 1, second
//!    sentence): another member's address and a Veilig Thuis reporter's identity.
//!
//! From 18 the young person is an adult (BW 1:233): custody over them ends, so their
//! parents see what concerns only them only when they shared it; the adult sees what
//! a 16-year-old sees, and the family's items while they are a member.

pub mod copy_request;
pub mod custody;
pub mod log_sentence;
pub mod marks;
pub mod plan_lines;
pub mod recorded;
pub mod request;
pub mod sight;

pub use copy_request::{
    CopyRequestError, ExtensionError, HandOverError, check_copy_request, check_extension,
    check_extension_allowed, check_hand_over, copy_due,
};
pub use custody::{
    ADULT_FROM, CustodyPeriod, FamilyFacts, Guardian, GuardianshipPeriod, Member, Relation, Stage,
    holds_custody, stage_on,
};
pub use log_sentence::{LogLine, LogObject, log_sentence, role_word};
pub use marks::{
    AdditionError, MAX_FAMILY_VIEW_CHARS, MAX_MARK_REASON_CHARS, Mark, MarkError, MarkKind,
    check_addition, check_mark, decides_sharing, marked, may_add_to_plan, parents_of,
};
pub use plan_lines::{PortalLine, carried_marks, line_ref, plan_lines};
pub use recorded::{RecordedFamily, RecordedMember};
pub use request::{
    Decision, DecisionError, InformationRequest, MIN_REASON_CHARS, RefusalGround, RequestError,
    check_decision, may_ask,
};
pub use sight::{
    Basis, Hidden, Item, ItemKind, NotShown, Redaction, Sensitive, Shared, Sight, sight,
};
