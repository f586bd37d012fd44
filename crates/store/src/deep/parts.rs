//! The covered tables: each table's share of a record, the columns it seals and the
//! columns it leaves out, with the reason.

use crate::{Row, StoreError};

/// Whose stretch of the journal a part's rows belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Owner {
    Family,
    User,
    StatutoryDay,
    /// A complaint: no part of a family file, journaled under its own id.
    Complaint,
    /// A family member's account, for its sessions (its row is the family's).
    FamilyAccount,
}

impl Owner {
    pub(super) const ALL: [Owner; 5] = [
        Owner::Family,
        Owner::User,
        Owner::StatutoryDay,
        Owner::Complaint,
        Owner::FamilyAccount,
    ];

    /// The journal's `subject_type` of this owner's entries.
    pub(super) fn subject(self) -> &'static str {
        match self {
            Owner::Family => "family",
            Owner::User => "user",
            Owner::StatutoryDay => "statutory_day",
            Owner::Complaint => "complaint",
            Owner::FamilyAccount => "family_account",
        }
    }

    /// The table whose keys list the owners.
    pub(super) fn table(self) -> (&'static str, &'static str) {
        match self {
            Owner::Family => ("families", "id"),
            Owner::User => ("users", "id"),
            Owner::StatutoryDay => ("statutory_days", "day"),
            Owner::Complaint => ("complaints", "id"),
            Owner::FamilyAccount => ("family_accounts", "id"),
        }
    }
}

/// One table's share of a record.
#[derive(Debug)]
pub(super) struct Part {
    pub(super) table: &'static str,
    pub(super) owner: Owner,
    /// FROM clause; the table itself is `t`.
    pub(super) from: &'static str,
    /// The record's key as SQL text.
    pub(super) key: &'static str,
    /// The owner's id.
    pub(super) scope: &'static str,
    /// Which rows count (active sessions only).
    pub(super) filter: &'static str,
    /// Column names, or an SQL expression over `t` (a column sealed only from a
    /// journaled moment on, as [`ONCE_ACTIVATED`]).
    pub(super) columns: &'static [&'static str],
    /// Row order within a record.
    pub(super) order: &'static str,
}

const FAMILY_KEY: &str = "t.id";

/// A family account's credentials and sign-in name, sealed once the account works. The
/// invited person chooses them before linking the app, in a step of their own that is
/// not journaled (nothing works yet: the code stays the key until the app is linked);
/// the activation's entry then seals them, and any later change is a finding.
const ONCE_ACTIVATED: [&str; 3] = [
    "CASE WHEN t.activated_at IS NULL THEN NULL ELSE t.sign_in_name END",
    "CASE WHEN t.activated_at IS NULL THEN NULL ELSE t.password_hash END",
    "CASE WHEN t.activated_at IS NULL THEN NULL ELSE t.totp_secret END",
];
const PLAN_KEY: &str = "t.family_id || ':' || CAST(t.version AS TEXT)";

/// Every covered table and column. Left out on purpose: `users.totp_last_step` (the
/// replay guard of the second factor, moved by every sign-in and unjournaled by design:
/// it cannot grant anything), `sessions.last_seen_at`/`ended_at` (activity, not a
/// credential), sessions still at the second-factor stage (no one acting yet) and
/// `families.next_due_on` (derived from sealed rows by the domain's rule and recomputed
/// with them, so it says nothing they do not), `users.mail_preference` and
/// `users.language` (a person's own settings for e-mail, which grant nothing), and the
/// mail outbox (delivery bookkeeping that holds no family data; a family invitation's
/// address and code are kept there only while the mail waits and cleared on sending).
/// The family portal's tables (issue 17) likewise leave out `family_accounts.totp_last_step`
/// (the same replay guard), a family account's credentials before activation (see
/// [`ONCE_ACTIVATED`]), and of `family_sessions` the CSRF token, last activity and end
/// and the sessions not yet signed in (stage `activate` or `second_factor`), as for the
/// professionals' sessions. The name index `family_member_tokens` is derived from the
/// sealed names and left out like `next_due_on`.
pub(super) const PARTS: &[Part] = &[
    Part {
        table: "families",
        owner: Owner::Family,
        from: "families t",
        key: FAMILY_KEY,
        scope: "t.id",
        filter: "",
        columns: &[
            "label",
            "street",
            "house_number",
            "postcode",
            "city",
            "area_id",
            "opened_at",
            "closed_on",
            "closing_reason",
            "closing_note",
            "framework",
            "framework_organisation_id",
        ],
        order: "t.id",
    },
    Part {
        table: "family_members",
        owner: Owner::Family,
        from: "family_members t",
        key: "t.id",
        scope: "t.family_id",
        filter: "",
        columns: &[
            "family_id",
            "kind",
            "name",
            "name_search",
            "date_of_birth",
            "has_custody",
            "started_at",
            "ended_at",
            "end_reason",
        ],
        order: "t.id",
    },
    Part {
        table: "network_members",
        owner: Owner::Family,
        from: "network_members t",
        key: "t.id",
        scope: "t.family_id",
        filter: "",
        columns: &[
            "family_id",
            "name",
            "relation",
            "safety_role",
            "contact",
            "started_at",
            "ended_at",
            "end_reason",
        ],
        order: "t.id",
    },
    Part {
        table: "involvements",
        owner: Owner::Family,
        from: "involvements t",
        key: "t.id",
        scope: "t.family_id",
        filter: "",
        columns: &[
            "family_id",
            "role",
            "organisation_id",
            "user_id",
            "expertise",
            "takes_over",
            "started_at",
            "ended_at",
            "end_reason",
        ],
        order: "t.id",
    },
    Part {
        table: "consents",
        owner: Owner::Family,
        from: "consents t",
        key: "t.id",
        scope: "t.family_id",
        filter: "",
        columns: &[
            "family_id",
            "step",
            "organisation_id",
            "purpose",
            "categories",
            "form",
            "given_on",
            "ends_on",
            "recorded_by",
            "recorded_at",
            "withdrawn_at",
            "withdrawn_by",
            "withdrawal_reason",
        ],
        order: "t.id",
    },
    Part {
        table: "consent_people",
        owner: Owner::Family,
        from: "consent_people t JOIN consents c ON c.id = t.consent_id",
        key: "t.consent_id",
        scope: "c.family_id",
        filter: "",
        columns: &["part", "member_id"],
        order: "t.part, t.member_id",
    },
    Part {
        table: "plan_versions",
        owner: Owner::Family,
        from: "plan_versions t",
        key: PLAN_KEY,
        scope: "t.family_id",
        filter: "",
        columns: &["content", "review_date", "saved_by", "saved_at"],
        order: "t.version",
    },
    Part {
        table: "plan_agreements",
        owner: Owner::Family,
        from: "plan_agreements t",
        key: PLAN_KEY,
        scope: "t.family_id",
        filter: "",
        columns: &["member_id", "agreed_at", "recorded_by"],
        order: "t.member_id",
    },
    Part {
        table: "plan_family_views",
        owner: Owner::Family,
        from: "plan_family_views t",
        key: PLAN_KEY,
        scope: "t.family_id",
        filter: "",
        columns: &["id", "view", "member_ids", "recorded_at", "recorded_by"],
        order: "t.id",
    },
    Part {
        table: "case_notes",
        owner: Owner::Family,
        from: "case_notes t",
        key: "t.id",
        scope: "t.family_id",
        filter: "",
        columns: &["family_id", "author_id", "created_at"],
        order: "t.id",
    },
    Part {
        table: "case_note_versions",
        owner: Owner::Family,
        from: "case_note_versions t JOIN case_notes n ON n.id = t.note_id",
        key: "t.note_id",
        scope: "n.family_id",
        filter: "",
        columns: &[
            "version",
            "interaction",
            "happened_on",
            "text",
            "correction",
            "reason",
            "saved_at",
        ],
        order: "t.version",
    },
    // A document's metadata; its content is checked against `sha256` apart
    // ([`Tx::verify_document_content`]), so the seal holds no copy of the bytes.
    Part {
        table: "documents",
        owner: Owner::Family,
        from: "documents t",
        key: "t.id",
        scope: "t.family_id",
        filter: "",
        columns: &[
            "family_id",
            "category",
            "title",
            "media_type",
            "size",
            "sha256",
            "plan_version",
            "uploaded_by",
            "uploaded_at",
            "ended_at",
            "ended_by",
            "end_reason",
            "destroyed_at",
            "destroyed_by",
            "destroy_reason",
        ],
        order: "t.id",
    },
    Part {
        table: "emergency_access",
        owner: Owner::Family,
        from: "emergency_access t",
        key: "t.id",
        scope: "t.family_id",
        filter: "",
        columns: &[
            "family_id",
            "user_id",
            "organisation_id",
            "reason",
            "started_at",
            "expires_at",
            "reviewed_at",
            "reviewed_by",
            "review_note",
        ],
        order: "t.id",
    },
    Part {
        table: "family_accounts",
        owner: Owner::Family,
        from: "family_accounts t",
        key: "t.id",
        scope: "t.family_id",
        filter: "",
        columns: &[
            "family_id",
            "member_id",
            "invited_by",
            "invited_at",
            "by_mail",
            "invitation_code_hash",
            "invitation_expires_at",
            "revoked_at",
            "activated_at",
            "blocked_at",
            ONCE_ACTIVATED[0],
            ONCE_ACTIVATED[1],
            ONCE_ACTIVATED[2],
            "external_issuer",
            "external_subject",
        ],
        order: "t.id",
    },
    Part {
        table: "portal_marks",
        owner: Owner::Family,
        from: "portal_marks t",
        key: "t.id",
        scope: "t.family_id",
        filter: "",
        columns: &[
            "family_id",
            "item_kind",
            "item_ref",
            "kind",
            "member_id",
            "reason",
            "by_user",
            "by_member",
            "by_account",
            "at",
            "ended_at",
            "ended_by",
        ],
        order: "t.id",
    },
    Part {
        table: "family_plan_additions",
        owner: Owner::Family,
        from: "family_plan_additions t",
        key: PLAN_KEY,
        scope: "t.family_id",
        filter: "",
        columns: &[
            "id",
            "member_id",
            "account_id",
            "score",
            "view",
            "on_date",
            "at",
        ],
        order: "t.id",
    },
    Part {
        table: "family_plan_agreements",
        owner: Owner::Family,
        from: "family_plan_agreements t",
        key: PLAN_KEY,
        scope: "t.family_id",
        filter: "",
        columns: &["member_id", "account_id", "agreed_at"],
        order: "t.member_id",
    },
    Part {
        table: "copy_requests",
        owner: Owner::Family,
        from: "copy_requests t",
        key: "t.id",
        scope: "t.family_id",
        filter: "",
        columns: &[
            "family_id",
            "member_id",
            "account_id",
            "organisation_id",
            "note",
            "received_on",
            "requested_at",
            "extended_on",
            "extension_reason",
            "handed_over_on",
        ],
        order: "t.id",
    },
    Part {
        table: "information_requests",
        owner: Owner::Family,
        from: "information_requests t",
        key: "t.id",
        scope: "t.family_id",
        filter: "",
        columns: &[
            "family_id",
            "asker_id",
            "child_id",
            "asked_on",
            "question",
            "recorded_by",
            "recorded_at",
            "decided_on",
            "decided_by",
            "decision",
            "information",
            "ground",
            "reason",
        ],
        order: "t.id",
    },
    Part {
        table: "users",
        owner: Owner::User,
        from: "users t",
        key: "t.id",
        scope: "t.id",
        filter: "",
        columns: &[
            "email",
            "name",
            "organisation_id",
            "team_id",
            "password_hash",
            "totp_secret",
            "totp_confirmed_at",
            "active",
            "phone",
            "created_at",
            "must_change_password",
            "enrolment_code_hash",
            "enrolment_code_expires_at",
        ],
        order: "t.id",
    },
    Part {
        table: "user_roles",
        owner: Owner::User,
        from: "user_roles t",
        key: "t.user_id",
        scope: "t.user_id",
        filter: "",
        columns: &["role"],
        order: "t.role",
    },
    Part {
        table: "sessions",
        owner: Owner::User,
        from: "sessions t",
        key: "t.token_hash",
        scope: "t.user_id",
        filter: "t.stage = 'active'",
        columns: &["user_id", "kind", "stage", "created_at"],
        order: "t.token_hash",
    },
    Part {
        table: "statutory_days",
        owner: Owner::StatutoryDay,
        from: "statutory_days t",
        key: "t.day",
        scope: "t.day",
        filter: "",
        columns: &["reference", "added_by"],
        order: "t.day",
    },
    Part {
        table: "complaints",
        owner: Owner::Complaint,
        from: "complaints t",
        key: "t.id",
        scope: "t.id",
        filter: "",
        columns: &[
            "reference",
            "code_hash",
            "organisation_id",
            "procedure",
            "professional_name",
            "what_happened",
            "complainant_name",
            "contact_email",
            "contact_phone",
            "received_on",
            "filed_at",
            "confirmed_on",
            "extended_on",
            "extension_reason",
            "decided_on",
            "outcome",
            "theme",
            "family_account_id",
        ],
        order: "t.id",
    },
    Part {
        table: "complaint_measures",
        owner: Owner::Complaint,
        from: "complaint_measures t",
        key: "t.complaint_id",
        scope: "t.complaint_id",
        filter: "",
        columns: &["position", "measure"],
        order: "t.position",
    },
    Part {
        table: "family_sessions",
        owner: Owner::FamilyAccount,
        from: "family_sessions t",
        key: "t.token_hash",
        scope: "t.account_id",
        filter: "t.stage = 'active'",
        columns: &["account_id", "stage", "created_at"],
        order: "t.token_hash",
    },
];

/// The tables `verify --deep` covers, for the operator's documentation and output.
pub fn covered_tables() -> Vec<&'static str> {
    PARTS.iter().map(|p| p.table).collect()
}

pub(super) fn part(table: &str) -> &'static Part {
    PARTS.iter().find(|p| p.table == table).unwrap_or(&PARTS[0])
}

pub(super) fn select_columns(p: &Part) -> String {
    p.columns
        .iter()
        .map(|c| {
            if c.contains(' ') {
                format!("CAST(({c}) AS TEXT)")
            } else {
                format!("CAST(t.{c} AS TEXT)")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A sealed part's columns, read by position: the part lists them, the query selects
/// them in that order after the owner and the key.
pub(super) fn values(row: &Row, from: usize, n: usize) -> Result<Vec<Option<String>>, StoreError> {
    (from..from + n).map(|i| row.opt_text(i)).collect()
}
