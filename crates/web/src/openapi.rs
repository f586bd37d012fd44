//! The OpenAPI 3 document, generated from the same route table the router is built
//! from, so every operation is in it and nothing else is.

use eenplan_domain::policy::Policy;
use serde_json::{Map, Value, json};

use crate::kit::route::{ApiDoc, Route};

fn schemas() -> Value {
    let mut all = json!({
        "Problem": {
            "type": "object",
            "description": "RFC 9457 problem details",
            "properties": {
                "type": { "type": "string" }, "title": { "type": "string" },
                "status": { "type": "integer" }, "detail": { "type": "string" },
                "instance": { "type": "string" },
                "invalidParams": { "type": "array", "items": { "type": "object", "properties": {
                    "name": { "type": "string" }, "code": { "type": "string" }, "reason": { "type": "string" } } } }
            },
            "required": ["type", "title", "status"]
        },
        "SessionRequest": {
            "type": "object",
            "properties": {
                "email": { "type": "string", "format": "email" },
                "password": { "type": "string", "format": "password" },
                "totp": { "type": "string", "pattern": "^[0-9]{6}$" }
            },
            "required": ["email", "password", "totp"]
        },
        "Session": {
            "type": "object",
            "properties": { "token": { "type": "string" }, "expires_at": { "type": "string", "format": "date-time" } },
            "required": ["token", "expires_at"]
        },
        "Me": {
            "type": "object",
            "properties": {
                "id": { "type": "string" }, "email": { "type": "string" }, "name": { "type": "string" },
                "organisation": { "type": "object", "properties": {
                    "id": { "type": "string" }, "slug": { "type": "string" }, "name": { "type": "string" } } },
                "roles": { "type": "array", "items": { "type": "string", "enum": eenplan_domain::role::Role::ALL.iter().map(|r| r.code()).collect::<Vec<_>>() } }
            },
            "required": ["id", "email", "name", "organisation", "roles"]
        },
        "Health": { "type": "object", "properties": { "status": { "type": "string" }, "database": { "type": "string" } } },
        "Created": { "type": "object", "properties": { "id": { "type": "string" }, "handover": { "type": "boolean" } }, "required": ["id"] },
        "Version": { "type": "object", "properties": { "version": { "type": "integer" } }, "required": ["version"] },
        "FamilyList": { "type": "object", "properties": { "families": { "type": "array", "items": { "type": "object", "properties": {
            "id": { "type": "string" }, "label": { "type": "string" }, "postcode": { "type": "string" }, "house_number": { "type": "string" }, "city": { "type": "string" } } } } } },
        "NewFamily": { "type": "object", "properties": {
            "label": { "type": "string" }, "street": { "type": "string" }, "house_number": { "type": "string" },
            "postcode": { "type": "string", "example": "3562 JW" }, "city": { "type": "string" },
            "children": { "type": "array", "items": { "type": "object", "properties": { "name": { "type": "string" }, "date_of_birth": { "type": "string", "format": "date" } }, "required": ["name", "date_of_birth"] } },
            "area_id": { "type": "string", "description": "Wijk of gemeente waar de organisatie werkt (bepaalt o.a. of het EVU er werkt)" },
            "confirm_not_duplicate": { "type": "boolean" } },
            "required": ["label", "street", "house_number", "postcode", "city"] },
        "Family": { "type": "object", "properties": {
            "id": { "type": "string" }, "label": { "type": "string" }, "address": { "type": "object" },
            "members": { "type": "array", "items": { "type": "object" } }, "network": { "type": "array", "items": { "type": "object" } },
            "involvements": { "type": "array", "items": { "type": "object" } } } },
        "NewMember": { "type": "object", "properties": {
            "kind": { "type": "string", "enum": ["child", "parent", "household"] }, "name": { "type": "string" },
            "date_of_birth": { "type": "string", "format": "date" }, "has_custody": { "type": "boolean" } }, "required": ["kind", "name"] },
        "NewNetworkMember": { "type": "object", "properties": {
            "name": { "type": "string" }, "relation": { "type": "string", "enum": ["family", "friend", "neighbour", "other"] },
            "safety_role": { "type": "string" }, "contact": { "type": "string" } }, "required": ["name", "relation"] },
        "NewInvolvement": { "type": "object", "properties": {
            "user_id": { "type": "string" }, "role": { "type": "string", "enum": ["regisseur", "partner"] },
            "expertise": { "type": "string", "enum": ["safety", "development", "violence", "delinquency", "school_absenteeism"] },
            "takes_over": { "type": "string" }, "reason": { "type": "string" } }, "required": ["user_id", "role"] },
        "Plan": { "type": "object", "description": "Safety map, goals, scales (0-10), life domains with actions, conditions, review_date" },
        "PlanDocument": { "type": "object", "properties": { "version": { "type": "integer" }, "plan": { "$ref": "#/components/schemas/Plan" } } },
        "Agreement": { "type": "object", "description": "Who agrees follows the consent age rule per child (under 12 the parents with custody, 12-15 the child and the parents with custody, 16+ the child alone; a guardian institution in the parents' place). Under a court order give the family's view instead.", "properties": { "version": { "type": "integer" }, "member_ids": { "type": "array", "items": { "type": "string" } }, "view": { "type": "string", "maxLength": 5000 } }, "required": ["version"] },
        "NewNote": { "type": "object", "properties": {
            "interaction": { "type": "string", "enum": ["home_visit", "office", "phone", "consultation", "other"] },
            "happened_on": { "type": "string", "format": "date" }, "text": { "type": "string" },
            "reason": { "type": "string", "description": "Required for a correction, more than 24 hours after writing" } },
            "required": ["interaction", "happened_on", "text"] },
        "MemberCorrection": { "type": "object", "properties": {
            "kind": { "type": "string", "enum": ["child", "parent", "household"] }, "name": { "type": "string" },
            "date_of_birth": { "type": "string", "format": "date" }, "has_custody": { "type": "boolean" }, "reason": { "type": "string" } },
            "required": ["kind", "name", "reason"] },
        "NetworkCorrection": { "type": "object", "properties": {
            "name": { "type": "string" }, "relation": { "type": "string", "enum": ["family", "friend", "neighbour", "other"] },
            "safety_role": { "type": "string" }, "contact": { "type": "string" }, "reason": { "type": "string" } },
            "required": ["name", "relation", "reason"] },
        "Consents": { "type": "object", "properties": {
            "framework": { "type": "string", "enum": ["voluntary", "veilig_thuis", "court_order"] },
            "framework_organisation_id": { "type": "string", "nullable": true },
            "consents": { "type": "array", "items": { "type": "object" } } } },
        "NewConsent": { "type": "object", "properties": {
            "step": { "type": "string", "enum": ["named_consultation", "specialist_joins", "save_guidance", "network_members", "data_sharing", "evu", "plan_agreement"] },
            "organisation_id": { "type": "string" }, "purpose": { "type": "string" },
            "categories": { "type": "array", "items": { "type": "string", "enum": ["identity", "network", "plan", "notes"] } },
            "children": { "type": "array", "items": { "type": "string" } },
            "given_by": { "type": "array", "items": { "type": "string" } },
            "form": { "type": "string", "enum": ["spoken", "written"] },
            "given_on": { "type": "string", "format": "date" }, "ends_on": { "type": "string", "format": "date" } },
            "required": ["step", "purpose", "children", "given_by", "form", "given_on"] },
        "FrameworkChange": { "type": "object", "properties": {
            "framework": { "type": "string", "enum": ["voluntary", "veilig_thuis", "court_order"] },
            "organisation_id": { "type": "string" }, "ground": { "type": "string" },
            "effective_on": { "type": "string", "format": "date" } },
            "required": ["framework", "ground", "effective_on"] },
        "AnonymousSummary": { "type": "object", "properties": {
            "children_ages": { "type": "array", "items": { "type": "integer" } },
            "parents": { "type": "integer" }, "parents_with_custody": { "type": "integer" },
            "other_household_members": { "type": "integer" }, "framework": { "type": "string" },
            "safety_scales": { "type": "array", "items": { "type": "integer" } },
            "life_domains": { "type": "array", "items": { "type": "string" } },
            "involved": { "type": "array", "items": { "type": "object" } },
            "worries": { "type": "integer" }, "danger_statements": { "type": "integer" } } },
        "CrisisContact": { "type": "object", "properties": {
            "action": { "type": "string", "enum": eenplan_domain::crisis::CrisisAction::ALL.iter().map(|a| a.code()).collect::<Vec<_>>() },
            "phone": { "type": "string", "nullable": true, "enum": crisis_phones() },
            "office_hours": { "type": "boolean" }, "reason": { "type": "string" } },
            "required": ["action", "phone", "office_hours", "reason"] },
        "VtContact": { "type": "object", "properties": {
            "kind": { "type": "string", "enum": ["advice_request", "report"] }, "acute": { "type": "boolean" },
            "reporter": { "type": "string", "enum": ["police", "school", "health_care", "local_team", "citizen", "other"] },
            "reporter_name": { "type": "string" }, "reporter_contact": { "type": "string" },
            "child_name": { "type": "string" }, "child_birth": { "type": "string", "format": "date" },
            "postcode": { "type": "string" }, "house_number": { "type": "string" }, "concern": { "type": "string" } },
            "required": ["kind", "concern"] },
        "VtReceived": { "type": "object", "properties": { "id": { "type": "string" },
            "radar": { "type": "object", "properties": { "families": { "type": "array", "items": { "type": "object" } },
                "earlier": { "type": "array", "items": { "type": "object" } } } } } },
        "VtWorkList": { "type": "object", "properties": { "contacts": { "type": "array", "items": { "type": "object" } } } },
        "VtAssessment": { "type": "object", "properties": {
            "outcome": { "type": "string", "enum": ["close", "hand_to_local_team", "conditions_and_follow_up", "investigate", "ask_rvdk", "bring_into_evu"] },
            "follow_up_on": { "type": "string", "format": "date" } }, "required": ["outcome"] },
        "Emergency": { "type": "object", "properties": { "expires_at": { "type": "string", "format": "date-time" } } },
        "End": { "type": "object", "properties": { "reason": { "type": "string" } }, "required": ["reason"] },
        "Notes": { "type": "object", "properties": { "notes": { "type": "array", "items": { "type": "object" } } } },
        "Timeline": { "type": "object", "properties": { "events": { "type": "array", "items": { "type": "object" } } } }
    });
    if let (Some(all), Value::Object(more)) =
        (all.as_object_mut(), crate::flows::save_on_site::schemas())
    {
        all.extend(more);
    }
    all
}

/// The schemas of the chain's ways of working, kept apart from the file's.
fn chain_schemas() -> Value {
    json!({
        "NewSaveGuidance": { "type": "object", "properties": {
            "worker_id": { "type": "string", "description": "Een professional van een gecertificeerde instelling" },
            "expertise": { "type": "string", "enum": ["safety", "development", "violence", "delinquency", "school_absenteeism"] },
            "goals": { "type": "array", "items": { "type": "string" }, "description": "Komen in het plan (veiligheidsdoelen)" },
            "planned_end": { "type": "string", "format": "date" },
            "review_months": { "type": "integer", "minimum": 1, "maximum": 3 } },
            "required": ["worker_id", "expertise", "goals", "planned_end"] },
        "SaveGuidanceReview": { "type": "object", "properties": {
            "reviewed_on": { "type": "string", "format": "date", "description": "Standaard vandaag" },
            "planned_end": { "type": "string", "format": "date" }, "note": { "type": "string" } },
            "required": ["planned_end", "note"] },
        "SaveGuidanceEnd": { "type": "object", "properties": {
            "outcome": { "type": "string", "enum": ["safety_restored", "scaled_up", "ended_without_result"] },
            "reason": { "type": "string" } }, "required": ["outcome"] },
        "NextReview": { "type": "object", "properties": { "next_review_on": { "type": "string", "format": "date" } } },
        "SaveGuidanceList": { "type": "object", "properties": { "guidances": { "type": "array", "items": { "type": "object" } } } },
        "Reason": { "type": "object", "properties": { "reason": { "type": "string" } }, "required": ["reason"] },
        "EvuReferralList": { "type": "object", "properties": { "referrals": { "type": "array", "items": { "type": "object" } } } },
        "EvuWorkList": { "type": "object", "properties": {
            "referrals": { "type": "array", "items": { "type": "object" } },
            "candidates": { "type": "array", "items": { "type": "object" } } } },
        "EvuCombination": { "type": "object", "properties": {
            "user_ids": { "type": "array", "items": { "type": "string" }, "minItems": 2 } }, "required": ["user_ids"] },
        // Joint assessment meeting and protection order request.
        "JointAssessments": { "type": "object", "properties": { "meetings": { "type": "array", "items": { "type": "object", "properties": {
            "id": { "type": "string" }, "kind": { "type": "string", "enum": ["learning_meeting", "protection_table"] },
            "meets_at": { "type": "string", "example": "2026-12-01T14:00" },
            "state": { "type": "string", "enum": ["scheduled", "held", "cancelled"] },
            "family_takes_part": { "type": "boolean" }, "family_absence_reason": { "type": "string", "nullable": true },
            "invited": { "type": "array", "items": { "type": "object" } }, "views": { "type": "array", "items": { "type": "object" } },
            "judgement": { "type": "object", "nullable": true }, "cancelled": { "type": "object", "nullable": true } } } } } },
        "NewJointAssessment": { "type": "object", "properties": {
            "kind": { "type": "string", "enum": ["learning_meeting", "protection_table"] },
            "meets_at": { "type": "string", "description": "Dutch local date and time, jjjj-mm-ddTuu:mm", "example": "2026-12-01T14:00" },
            "invited": { "type": "array", "items": { "type": "string" }, "description": "Organisation ids in the family's circle: the regisseur's and at least one other" },
            "family_takes_part": { "type": "boolean" },
            "family_absence_reason": { "type": "string", "description": "Required when the family does not take part" } },
            "required": ["kind", "meets_at", "invited", "family_takes_part"] },
        "JointAssessmentView": { "type": "object", "properties": {
            "worries": { "type": "string" }, "strengths": { "type": "string" }, "needs": { "type": "string" } },
            "required": ["worries", "needs"] },
        "JointJudgement": { "type": "object", "properties": {
            "needs": { "type": "string", "description": "What this child and this family need" },
            "differences": { "type": "string", "description": "Where the views differed; required when the recorded views differ in what is needed" },
            "actions": { "type": "array", "minItems": 1, "items": { "type": "object", "properties": {
                "domain": { "type": "string", "enum": ["safety", "development", "school", "income", "health", "housing", "network"] },
                "what": { "type": "string" },
                "owner": { "type": "string", "description": "organisation:<id>, professional:<id>, member:<id> or network:<id>" },
                "due_on": { "type": "string", "format": "date" } }, "required": ["domain", "what", "owner", "due_on"] } } },
            "required": ["needs", "actions"] },
        "JointJudgementRecorded": { "type": "object", "properties": { "state": { "type": "string" }, "plan_version": { "type": "integer" } } },
        "ProtectionOrderRequest": { "type": "object", "properties": {
            "id": { "type": "string" }, "family_id": { "type": "string" }, "family_label": { "type": "string" },
            "rvdk": { "type": "object" }, "requested_by": { "type": "object" }, "requested_on": { "type": "string", "format": "date" },
            "children": { "type": "array", "items": { "type": "object", "properties": { "id": { "type": "string" }, "name": { "type": "string" }, "date_of_birth": { "type": "string", "format": "date" } } } },
            "grounds": { "type": "string" }, "tried": { "type": "string" },
            "state": { "type": "string", "enum": ["requested", "under_investigation", "no_measure", "petitioned", "granted", "refused"] },
            "investigation_on": { "type": "string", "format": "date", "nullable": true }, "concluded_on": { "type": "string", "format": "date", "nullable": true },
            "no_measure_reason": { "type": "string", "nullable": true },
            "petitioned_measure": { "type": "string", "nullable": true, "enum": ["supervision_order", "out_of_home_placement", "custody_termination", null] },
            "decided_on": { "type": "string", "format": "date", "nullable": true },
            "granted_measure": { "type": "string", "nullable": true, "enum": ["supervision_order", "out_of_home_placement", "custody_termination", null] },
            "ends_on": { "type": "string", "format": "date", "nullable": true }, "institution": { "type": "object", "nullable": true } } },
        "ProtectionOrderRequests": { "type": "object", "properties": { "requests": { "type": "array", "items": { "$ref": "#/components/schemas/ProtectionOrderRequest" } } } },
        "NewProtectionOrderRequest": { "type": "object", "properties": {
            "rvdk_organisation_id": { "type": "string" }, "children": { "type": "array", "items": { "type": "string" } },
            "grounds": { "type": "string", "description": "Why voluntary help did not reach safety" },
            "tried": { "type": "string", "description": "What was tried" } },
            "required": ["rvdk_organisation_id", "children", "grounds", "tried"] },
        "RaadInvestigation": { "type": "object", "properties": { "started_on": { "type": "string", "format": "date" } }, "required": ["started_on"] },
        "RaadOutcome": { "type": "object", "properties": {
            "outcome": { "type": "string", "enum": ["no_measure", "petition"] },
            "measure": { "type": "string", "enum": ["supervision_order", "out_of_home_placement", "custody_termination"] },
            "reason": { "type": "string", "description": "Required for no_measure" },
            "concluded_on": { "type": "string", "format": "date" } }, "required": ["outcome", "concluded_on"] },
        "CourtDecision": { "type": "object", "properties": {
            "decided_on": { "type": "string", "format": "date" }, "granted": { "type": "boolean" },
            "measure": { "type": "string", "enum": ["supervision_order", "out_of_home_placement", "custody_termination"] },
            "ends_on": { "type": "string", "format": "date", "description": "Supervision order (with placement): at most one year after the decision; none for custody termination" },
            "institution_id": { "type": "string", "description": "A certified institution" } },
            "required": ["decided_on", "granted"] }
    })
}

fn merged(mut base: Value, extra: Value) -> Value {
    if let (Some(b), Value::Object(e)) = (base.as_object_mut(), extra) {
        b.extend(e);
    }
    base
}

/// Query parameters of the operations that take them.
fn query_params(operation_id: &str) -> Vec<Value> {
    let q = |name: &str, required: bool, schema: Value, description: &str| json!({ "name": name, "in": "query", "required": required, "schema": schema, "description": description });
    match operation_id {
        "getCrisisContact" => vec![
            q(
                "danger",
                true,
                json!({ "type": "boolean" }),
                "Is er direct levensgevaar?",
            ),
            q(
                "client",
                true,
                json!({ "type": "string", "enum": ["none", "veilig_thuis", "save"] }),
                "Cliënt van Veilig Thuis Utrecht, SAVE Jeugdbescherming, of geen van beide",
            ),
            q(
                "province",
                false,
                json!({ "type": "string", "enum": ["utrecht", "flevoland"] }),
                "Nodig voor SAVE-cliënten buiten kantooruren",
            ),
            q(
                "at",
                false,
                json!({ "type": "string", "format": "date-time" }),
                "Tijdstip (RFC 3339); standaard nu",
            ),
        ],
        "saveOnSiteDay" => vec![q(
            "date",
            false,
            json!({ "type": "string", "format": "date" }),
            "De dag (jjjj-mm-dd); standaard vandaag",
        )],
        _ => Vec::new(),
    }
}

fn operation(route: &Route, doc: &ApiDoc) -> Value {
    let mut responses = Map::new();
    for (status, description, schema) in doc.responses {
        let content_type = if *status >= 400 {
            "application/problem+json"
        } else {
            "application/json"
        };
        let mut r = json!({ "description": description });
        if let Some(schema) = schema {
            r["content"] = json!({ content_type: { "schema": { "$ref": format!("#/components/schemas/{schema}") } } });
        }
        responses.insert(status.to_string(), r);
    }
    // What the framing answers for every operation of its kind (crate::framing,
    // crate::extract, crate::auth), unless the route says it more precisely itself.
    let has_params = route.path.contains('{') || !query_params(doc.operation_id).is_empty();
    let generic = [
        (
            route.policy != Policy::Public,
            401,
            "Niet aangemeld: alleen Authorization: Bearer telt, een sessiecookie niet",
        ),
        (has_params, 400, "Ongeldige of dubbele parameter (met naam)"),
        (
            route.policy != Policy::Public,
            403,
            "Niet toegestaan, of eerst een eigen wachtwoord kiezen (password-change-required)",
        ),
        (
            doc.request.is_some(),
            408,
            "Body niet binnen de tijd ontvangen",
        ),
        (doc.request.is_some(), 413, "Body te groot"),
        (doc.request.is_some(), 415, "Body is geen application/json"),
        (true, 414, "URI te lang"),
        (
            doc.request.is_some() || has_params,
            422,
            "Ongeldige invoer: een teken dat niet kan worden opgeslagen, te lange tekst of een onwaarschijnlijke datum (met veldnaam)",
        ),
    ];
    for (applies, status, description) in generic {
        if applies {
            responses.entry(status.to_string()).or_insert_with(|| {
                json!({ "description": description, "content": { "application/problem+json": {
                    "schema": { "$ref": "#/components/schemas/Problem" } } } })
            });
        }
    }
    // Every answer under /api/ carries the version (crate::api_version), whatever its status.
    for response in responses.values_mut() {
        response["headers"] =
            json!({ "API-Version": { "$ref": "#/components/headers/API-Version" } });
    }
    let mut op = json!({
        "operationId": doc.operation_id,
        "summary": doc.summary,
        "responses": responses,
    });
    op["security"] = match route.policy {
        Policy::Public => json!([]),
        _ => json!([{ "bearer": [] }]),
    };
    let path_params: Vec<Value> = route
        .path
        .split('/')
        .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .map(|name| json!({ "name": name, "in": "path", "required": true, "schema": { "type": if name == "version" { "integer" } else { "string" } } }))
        .collect();
    let params: Vec<Value> = path_params
        .into_iter()
        .chain(query_params(doc.operation_id))
        .collect();
    if !params.is_empty() {
        op["parameters"] = Value::Array(params);
    }
    if let Some(schema) = doc.request {
        op["requestBody"] = json!({ "required": true, "content": { "application/json": {
            "schema": { "$ref": format!("#/components/schemas/{schema}") } } } });
    }
    op
}

/// Whom an API client asks (the NL API Design Rules want a name, a URL and an e-mail
/// address, /core/doc-openapi-contact). The project has no public home yet, so these are
/// reserved `.example` names, like the demo's, that no client can mistake for a real
/// mailbox; a deployment that publishes its API replaces them.
const CONTACT_URL: &str = "https://eenplan.example/api";
const CONTACT_EMAIL: &str = "api@eenplan.example";

/// Where the API lives: the document's server URL, which the NL API Design Rules want
/// to end in the major version (/core/uri-version); its paths are relative to it.
pub const BASE_PATH: &str = "/api/v1";

/// A route's path as the document names it: relative to [`BASE_PATH`].
pub fn documented_path(route_path: &str) -> &str {
    route_path.strip_prefix(BASE_PATH).unwrap_or(route_path)
}

/// The document of `routes` (the route table's API routes; page routes are skipped).
pub fn document<'a>(routes: impl Iterator<Item = &'a Route>) -> Value {
    let mut paths = Map::new();
    for route in routes {
        let Some(doc) = &route.doc else { continue };
        assert!(
            route.path.starts_with(BASE_PATH),
            "API route {} {} lies outside {BASE_PATH}",
            route.method,
            route.path
        );
        let entry = paths
            .entry(documented_path(route.path).to_owned())
            .or_insert_with(|| json!({}));
        entry[route.method.as_str().to_lowercase()] = operation(route, doc);
    }
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "eenplan API",
            "version": crate::api_version::API_VERSION,
            "description": "eenplan: één gezin, één plan. Errors are application/problem+json (RFC 9457). Authentication is Authorization: Bearer only (a token from POST /api/v1/session); the pages' session cookie is ignored under /api/. Request bodies are application/json only (415 otherwise). Responses are not to be stored (Cache-Control: no-store).",
            "contact": {
                "name": "eenplan",
                "url": CONTACT_URL,
                "email": CONTACT_EMAIL
            }
        },
        "servers": [{ "url": BASE_PATH, "description": "This server; paths are relative to it" }],
        "paths": paths,
        "components": {
            "schemas": merged(schemas(), chain_schemas()),
            "headers": { "API-Version": {
                "description": "The API's full version (semantic versioning), on every answer",
                "required": true,
                "schema": { "type": "string", "example": crate::api_version::API_VERSION } } },
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } }
        }
    })
}

/// The numbers a crisis answer can give, from the domain, and none (the assigned SAVE
/// worker's number comes from the family's file).
fn crisis_phones() -> Value {
    let mut phones: Vec<Value> = eenplan_domain::crisis::PHONES
        .iter()
        .map(|p| Value::from(*p))
        .collect();
    phones.push(Value::Null);
    Value::Array(phones)
}
