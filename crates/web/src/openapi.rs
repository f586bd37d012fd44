//! The OpenAPI 3 document, generated from the same route table the router is built
//! from, so every operation is in it and nothing else is.

use eenplan_domain::policy::Policy;
use serde_json::{Map, Value, json};

use crate::kit::route::{ApiDoc, Route};
use crate::kit::schema::Schemas;

/// The schema of what the platform itself answers under /api/: problem details.
fn platform_schemas(s: &mut Schemas) {
    s.raw(json!({
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
        }
    }));
}

/// The document's named schemas: the platform's, and every body a route names with
/// the schemas it refers to.
fn schemas<'a>(docs: impl Iterator<Item = &'a ApiDoc>) -> Map<String, Value> {
    let mut s = Schemas::default();
    platform_schemas(&mut s);
    for doc in docs {
        let answers = doc
            .responses
            .iter()
            .filter_map(|(_, _, schema)| schema.as_ref());
        for schema in doc.request.iter().chain(answers) {
            if let Some(add) = schema.add {
                add(&mut s);
            }
        }
    }
    s.into_map()
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
        "searchFamilies" => vec![
            q(
                "name",
                false,
                json!({ "type": "string" }),
                "Naam (of een deel ervan) van een gezinslid",
            ),
            q(
                "dateOfBirth",
                false,
                json!({ "type": "string", "format": "date" }),
                "Geboortedatum van een gezinslid (jjjj-mm-dd)",
            ),
            q(
                "postcode",
                false,
                json!({ "type": "string" }),
                "Postcode, zoals 3581 AB",
            ),
            q(
                "framework",
                false,
                json!({ "type": "string", "enum": eenplan_domain::family::Framework::ALL.iter().map(|f| f.code()).collect::<Vec<_>>() }),
                "Alleen dossiers in dit kader",
            ),
            q(
                "area",
                false,
                json!({ "type": "string" }),
                "Alleen dossiers in dit gebied (id)",
            ),
            q(
                "role",
                false,
                json!({ "type": "string", "enum": ["regisseur", "partner", "team_lead"] }),
                "Alleen dossiers waarin jij deze rol hebt (team_lead: de regisseur zit in jouw team)",
            ),
            q(
                "state",
                false,
                json!({ "type": "string", "enum": ["active", "closed", "all"], "default": "active" }),
                "Actieve dossiers (standaard), afgesloten dossiers of alle",
            ),
            q(
                "sort",
                false,
                json!({ "type": "string", "enum": ["name", "next_due"], "default": "name" }),
                "Sorteren op naam of op wat het eerst moet gebeuren",
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

/// The parameters of every paged list (`kit::paging`).
fn paging_params() -> Vec<Value> {
    use crate::kit::paging::{DEFAULT_LIMIT, MAX_LIMIT};
    vec![
        json!({ "name": "limit", "in": "query", "required": false,
            "schema": { "type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT },
            "description": format!("Hoeveel rijen per pagina (1 tot en met {MAX_LIMIT}); daarbuiten een 400") }),
        json!({ "name": "cursor", "in": "query", "required": false, "schema": { "type": "string" },
            "description": "Waar de pagina begint: neem de link uit de Link-header van het vorige antwoord over; zonder cursor de eerste pagina" }),
    ]
}

fn operation(route: &Route, doc: &ApiDoc) -> Value {
    let mut responses = Map::new();
    for (status, description, schema) in &doc.responses {
        let content_type = if *status >= 400 {
            "application/problem+json"
        } else {
            "application/json"
        };
        let mut r = json!({ "description": description });
        if let Some(schema) = schema {
            r["content"] = json!({ content_type: { "schema": { "$ref": format!("#/components/schemas/{}", schema.name) } } });
        }
        responses.insert(status.to_string(), r);
    }
    // What the framing answers for every operation of its kind (crate::framing,
    // crate::extract, crate::auth), unless the route says it more precisely itself.
    let has_params =
        route.path.contains('{') || doc.paged || !query_params(doc.operation_id).is_empty();
    let generic = [
        (route.policy != Policy::Public, 401, "Niet aangemeld"),
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
        (
            doc.request.is_some(),
            415,
            if doc.multipart {
                "Body is geen multipart/form-data"
            } else {
                "Body is geen application/json"
            },
        ),
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
    for (status, response) in &mut responses {
        response["headers"] =
            json!({ "API-Version": { "$ref": "#/components/headers/API-Version" } });
        if doc.paged && status.starts_with('2') {
            response["headers"]["Link"] = json!({ "$ref": "#/components/headers/Link" });
            response["headers"]["X-Total-Count"] =
                json!({ "$ref": "#/components/headers/X-Total-Count" });
        }
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
    let paging = doc.paged.then(paging_params).into_iter().flatten();
    let params: Vec<Value> = path_params
        .into_iter()
        .chain(query_params(doc.operation_id))
        .chain(paging)
        .collect();
    if !params.is_empty() {
        op["parameters"] = Value::Array(params);
    }
    if let Some(schema) = &doc.request {
        let media = if doc.multipart {
            "multipart/form-data"
        } else {
            "application/json"
        };
        op["requestBody"] = json!({ "required": true, "content": { media: {
            "schema": { "$ref": format!("#/components/schemas/{}", schema.name) } } } });
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
    let mut docs = Vec::new();
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
        docs.push(doc);
    }
    json!({
        "openapi": "3.1.0",
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
            "schemas": schemas(docs.into_iter()),
            "headers": { "API-Version": {
                "description": "The API's full version (semantic versioning), on every answer",
                "required": true,
                "schema": { "type": "string", "example": crate::api_version::API_VERSION } },
                "Link": {
                    "description": "The next and previous page of a paged list (RFC 8288: rel=\"next\", rel=\"prev\"); absent on a list that fits one page",
                    "schema": { "type": "string", "example": "</api/v1/families?limit=50&cursor=bjpu>; rel=\"next\"" } },
                "X-Total-Count": {
                    "description": "How many rows the whole list has, over all its pages",
                    "schema": { "type": "integer", "minimum": 0 } } },
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } }
        }
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::Value;

    /// Every `$ref` in `v`, as the schema name it points at.
    fn refs(v: &Value, out: &mut BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                if let Some(name) = m
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix("#/components/schemas/"))
                {
                    out.insert(name.to_owned());
                }
                m.values().for_each(|v| refs(v, out));
            }
            Value::Array(a) => a.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }

    /// A schema the document holds but no operation reaches is a body nobody sends or
    /// gets (a leftover); a reference to a schema it lacks breaks every client generator.
    #[test]
    fn every_schema_is_reached_and_every_reference_resolves() {
        let table = crate::routes::table();
        let doc = super::document(table.iter().map(|(r, _)| r));
        let schemas = doc["components"]["schemas"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let mut reached = BTreeSet::new();
        refs(&doc["paths"], &mut reached);
        // What the reached schemas refer to is reached too.
        loop {
            let mut more = reached.clone();
            for name in &reached {
                if let Some(s) = schemas.get(name) {
                    refs(s, &mut more);
                }
            }
            if more == reached {
                break;
            }
            reached = more;
        }
        let defined: BTreeSet<String> = schemas.keys().cloned().collect();
        let missing: Vec<_> = reached.difference(&defined).collect();
        let orphans: Vec<_> = defined.difference(&reached).collect();
        assert!(
            missing.is_empty(),
            "referenced but not defined: {missing:?}"
        );
        assert!(orphans.is_empty(), "defined but never reached: {orphans:?}");
    }

    /// Where the document's object schemas say nothing of their members.
    fn objects_without_properties(at: &str, v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                let is_object = match m.get("type") {
                    Some(Value::String(t)) => t == "object",
                    Some(Value::Array(ts)) => ts.iter().any(|t| t == "object"),
                    _ => false,
                };
                // A map that says so (additionalProperties, as the timeline's payload:
                // the journal's own fields per kind) is documented, not forgotten.
                let declared =
                    m.contains_key("properties") || m.contains_key("additionalProperties");
                if is_object && !declared {
                    out.push(at.to_owned());
                }
                for (k, v) in m {
                    objects_without_properties(&format!("{at}/{k}"), v, out);
                }
            }
            Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    objects_without_properties(&format!("{at}/{i}"), v, out);
                }
            }
            _ => {}
        }
    }

    /// A client generated from the document gets a type with every member for every body,
    /// never an untyped map.
    #[test]
    fn every_object_schema_names_its_properties() {
        let table = crate::routes::table();
        let doc = super::document(table.iter().map(|(r, _)| r));
        let mut bare = Vec::new();
        objects_without_properties("#", &doc, &mut bare);
        assert!(
            bare.is_empty(),
            "object schemas without properties: {bare:#?}"
        );
    }
}
