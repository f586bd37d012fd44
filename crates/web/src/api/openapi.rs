//! The OpenAPI 3 document, generated from the same route table the router is built
//! from, so every operation is in it and nothing else is.

use axum::Json;
use axum::response::{IntoResponse, Response};
use eenplan_domain::policy::Policy;
use serde_json::{Map, Value, json};

use crate::routes::{Route, table};

/// API documentation attached to a route.
#[derive(Debug, Clone, Copy)]
pub struct ApiDoc {
    pub operation_id: &'static str,
    pub summary: &'static str,
    pub request: Option<&'static str>,
    pub responses: &'static [(u16, &'static str, Option<&'static str>)],
}

fn schemas() -> Value {
    json!({
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
        "Health": { "type": "object", "properties": { "status": { "type": "string" }, "database": { "type": "string" } } }
    })
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
    let mut op = json!({
        "operationId": doc.operation_id,
        "summary": doc.summary,
        "responses": responses,
    });
    op["security"] = match route.policy {
        Policy::Public => json!([]),
        _ => json!([{ "bearer": [] }]),
    };
    if let Some(schema) = doc.request {
        op["requestBody"] = json!({ "required": true, "content": { "application/json": {
            "schema": { "$ref": format!("#/components/schemas/{schema}") } } } });
    }
    op
}

pub fn document() -> Value {
    let mut paths = Map::new();
    for route in table().iter().map(|(r, _)| r) {
        let Some(doc) = &route.doc else { continue };
        let entry = paths
            .entry(route.path.to_owned())
            .or_insert_with(|| json!({}));
        entry[route.method.as_str().to_lowercase()] = operation(route, doc);
    }
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "eenplan API",
            "version": "1.0.0",
            "description": "eenplan: één gezin, één plan. Errors are application/problem+json (RFC 9457).",
            "contact": { "name": "eenplan" }
        },
        "servers": [{ "url": "/" }],
        "paths": paths,
        "components": {
            "schemas": schemas(),
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } }
        }
    })
}

pub async fn serve() -> Response {
    Json(document()).into_response()
}
