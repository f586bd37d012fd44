//! The family file: members, network, address, involvements, the plan, and who may
//! open it. One family, one file, one plan (DESIGN rule 1).

pub mod access;
pub mod agreement;
pub mod anonymous;
pub mod closing;
pub mod consent;
pub mod document;
pub mod due;
pub mod duplicate;
pub mod emergency;
pub mod framework;
pub mod involvement;
pub mod member;
pub mod name_search;
pub mod note;
pub mod plan;
pub mod portal;
pub mod postcode;
pub mod sort;
pub mod withdrawal;

pub use access::{
    Basis, FamilyAccess, FileFacts, Involved, Need, Partner, Refusal, Viewer, family_access,
    may_join, missing_consents, regisseur_organisation, sees_some_part,
};
pub use agreement::{
    Agreement, AgreementError, AgreementFacts, AgreementInput, Guardianship, NotEntitled,
    check_plan_agreement, who_agrees,
};
pub use anonymous::{AnonymousSummary, anonymous_summary};
pub use closing::{
    CLOSING_NEEDS, ClosingError, ClosingFacts, ClosingReason, RETENTION_YEARS, check_close,
    check_reopen, retention_ends_on,
};
pub use consent::{
    ConsentError, ConsentFacts, ConsentForm, ConsentStep, DataCategory, Missing, MissingWhy,
    NewConsent, Person, age_on, check_consent, involvement_consented, step_for_involvement,
};
pub use document::{
    DEFAULT_MAX_DOCUMENT_BYTES, DocumentCategory, DocumentError, DocumentType, check_document,
    check_reason as check_document_reason, content_digest, may_end as may_end_document, sniff,
};
pub use due::{
    DueItem, DueKey, DueSources, DueState, DueWhat, SaveGuidanceDue, VeiligThuisDue,
    VeiligThuisStage, due_items, next_due_on,
};
pub use duplicate::{
    DUPLICATE_PROBE_WINDOW, DUPLICATE_PROBES_PER_WINDOW, SIGNAL_SHOWN_FOR, duplicate_check_allowed,
    name_key, name_key_token,
};
pub use emergency::{
    EMERGENCY_ACCESS, EmergencyError, EmergencyPick, check_emergency_request, grant_emergency,
    pick_emergency_file,
};
pub use framework::{Framework, FrameworkChange, FrameworkError, check_framework_change};
pub use involvement::{
    Active, Expertise, InvolvementError, InvolvementRole, Placement, Proposed, check_end,
    place_involvement,
};
pub use member::{MemberError, MemberKind, NetworkRelation, NewMember, check_member};
pub use note::{Interaction, NoteChange, NoteError, check_note, note_change};
pub use plan::{
    ActionStatus, DomainPlan, InFile, LifeDomain, MAX_SCALE, Nameable, Overdue, PersonKind, Plan,
    PlanAction, PlanChange, PlanError, PlanLine, PlanPerson, PlanSection, SafetyGoal, SaveOutcome,
    Scale, ScoreBy, check_save, diff, nameable_people,
};
pub use postcode::Postcode;
pub use sort::label_sort_key;
pub use withdrawal::{WithdrawalError, basis_that_remains, check_withdrawal, may_withdraw};
