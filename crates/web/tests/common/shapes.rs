//! Records the shape of every JSON answer the API gives in these tests (which members,
//! of which JSON type), per operation and status, when `EENPLAN_API_SHAPES` names a
//! folder. `.ci/api-shapes` merges the records of all test binaries and compares them
//! with `tests/golden/api-shapes.json`: a change in what the API answers shows up there
//! even where no test asserts on that member.

use std::io::Write;
use std::sync::{Mutex, OnceLock};

use axum::http::{Method, header};
use serde_json::{Map, Value, json};

use super::Response;

/// The API's route templates, to name an operation by its template rather than by ids.
fn templates() -> &'static Vec<(Method, Vec<String>)> {
    static TEMPLATES: OnceLock<Vec<(Method, Vec<String>)>> = OnceLock::new();
    TEMPLATES.get_or_init(|| {
        eenplan_web::routes::table()
            .into_iter()
            .map(|(r, _)| (r.method, segments(r.path)))
            .filter(|(_, s)| s.first().is_some_and(|f| f == "api"))
            .collect()
    })
}

fn segments(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn template_of(method: &Method, path: &str) -> Option<String> {
    let asked = segments(path);
    templates()
        .iter()
        .filter(|(m, t)| {
            m == method
                && t.len() == asked.len()
                && t.iter()
                    .zip(&asked)
                    .all(|(t, a)| t.starts_with('{') || t == a)
        })
        // A literal segment beats a parameter (`/families/new` before `/families/{id}`).
        .max_by_key(|(_, t)| t.iter().filter(|s| !s.starts_with('{')).count())
        .map(|(_, t)| format!("/{}", t.join("/")))
}

/// The JSON type of every member, arrays by the union of their items.
pub fn shape(v: &Value) -> Value {
    match v {
        Value::Null => json!("null"),
        Value::Bool(_) => json!("boolean"),
        Value::Number(n) if n.is_i64() || n.is_u64() => json!("integer"),
        Value::Number(_) => json!("number"),
        Value::String(_) => json!("string"),
        Value::Array(items) => {
            let mut shapes: Vec<String> = items.iter().map(|i| shape(i).to_string()).collect();
            shapes.sort();
            shapes.dedup();
            json!({ "array": shapes.iter().map(|s| serde_json::from_str::<Value>(s).unwrap_or_default()).collect::<Vec<_>>() })
        }
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), shape(v)))
                .collect::<Map<_, _>>(),
        ),
    }
}

pub fn record(method: &Method, uri: &str, response: &Response) {
    let Ok(folder) = std::env::var("EENPLAN_API_SHAPES") else {
        return;
    };
    let path = uri.split('?').next().unwrap_or(uri);
    // The OpenAPI document is checked by Spectral and schemathesis, not as a shape.
    if !path.starts_with("/api/") || path.ends_with("/openapi.json") {
        return;
    }
    let json = response
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|c| c.contains("json"));
    let Some(operation) = template_of(method, path) else {
        return;
    };
    let body = if json {
        serde_json::from_str::<Value>(&response.body).map_or(json!("not json"), |v| shape(&v))
    } else {
        json!("no json")
    };
    let line = json!({
        "operation": format!("{method} {operation}"),
        "status": response.status.as_u16(),
        "shape": body,
    });
    static FILE: Mutex<()> = Mutex::new(());
    let _one_writer = FILE.lock();
    // A folder that is not there yet is made: recording nothing would pass unseen.
    let _ = std::fs::create_dir_all(&folder);
    let file = std::path::Path::new(&folder).join(format!("shapes-{}.jsonl", std::process::id()));
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file)
    {
        let _ = writeln!(f, "{line}");
    }
}
