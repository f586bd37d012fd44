//! The tables the bulk path writes (`bulk.rs`, `bulk_evu.rs`), each with its columns in
//! the order a recorded row holds them, and the positions of the values a later event
//! in the same batch changes.

/// A table the bulk path writes, with its columns in the order its rows hold them.
pub(crate) struct Table {
    pub(crate) name: &'static str,
    pub(crate) columns: &'static [&'static str],
}

pub(crate) const FAMILIES: Table = Table {
    name: "families",
    columns: &[
        "id",
        "label",
        "street",
        "house_number",
        "postcode",
        "city",
        "area_id",
        "opened_at",
        "label_sort",
        "framework",
        "framework_organisation_id",
        "closed_on",
        "closing_reason",
        "closing_note",
    ],
};
pub(crate) const MEMBERS: Table = Table {
    name: "family_members",
    columns: &[
        "id",
        "family_id",
        "kind",
        "name",
        "name_search",
        "date_of_birth",
        "has_custody",
        "started_at",
    ],
};
/// The name index of the members above (`name_tokens`).
pub(crate) const MEMBER_TOKENS: Table = Table {
    name: "family_member_tokens",
    columns: &["token", "family_id", "member_id"],
};
pub(crate) const INVOLVEMENTS: Table = Table {
    name: "involvements",
    columns: &[
        "id",
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
};
pub(crate) const PLANS: Table = Table {
    name: "plan_versions",
    columns: &[
        "family_id",
        "version",
        "content",
        "review_date",
        "saved_by",
        "saved_at",
    ],
};
pub(crate) const AGREEMENTS: Table = Table {
    name: "plan_agreements",
    columns: &[
        "family_id",
        "version",
        "member_id",
        "agreed_at",
        "recorded_by",
    ],
};
pub(crate) const CONSENTS: Table = Table {
    name: "consents",
    columns: &[
        "id",
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
    ],
};
pub(crate) const CONSENT_PEOPLE: Table = Table {
    name: "consent_people",
    columns: &["consent_id", "member_id", "part"],
};
pub(crate) const GUIDANCES: Table = Table {
    name: "save_guidances",
    columns: &[
        "id",
        "family_id",
        "organisation_id",
        "worker_id",
        "involvement_id",
        "expertise",
        "goals",
        "review_months",
        "started_on",
        "planned_end",
        "next_review_on",
        "started_by",
        "ended_on",
        "outcome",
        "end_reason",
        "ended_by",
    ],
};

/// Column positions of the values a later event changes.
pub(crate) const FAMILY_FRAMEWORK: usize = 9;
/// Where `closed_on` (then `closing_reason`, `closing_note`) sits in a families row.
pub(crate) const FAMILY_CLOSED: usize = 11;
pub(crate) const INVOLVEMENT_ENDED_AT: usize = 8;
pub(crate) const GUIDANCE_ENDED_ON: usize = 12;

pub(crate) const EVU_REFERRALS: Table = Table {
    name: "evu_referrals",
    columns: &[
        "id",
        "family_id",
        "source",
        "vt_contact_id",
        "organisation_id",
        "referred_by",
        "referred_on",
        "reason",
        "state",
        "decided_on",
        "decided_by",
        "decision_reason",
    ],
};
pub(crate) const EVU_ASSIGNMENTS: Table = Table {
    name: "evu_assignments",
    columns: &[
        "referral_id",
        "user_id",
        "organisation_id",
        "involvement_id",
    ],
};
