//! The access log as CSV for the privacy officer: every line the filter gives, the
//! values as the log holds them (UTC, codes) for whoever processes them, and the export
//! itself logged before the file goes out.

use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use eenplan_domain::FamilyId;
use eenplan_domain::access_log::AccessEvent;
use eenplan_store::StoreError;

use super::pages::{EXPORT_LINES, day, filter};
use super::texts::privacy;
use crate::kit::dates::dutch_date;
use crate::kit::form::FormData;
use crate::kit::{Ctx, Lang, PageError};

/// One CSV field: quoted when needed, and never read as a formula by a spreadsheet.
fn csv_field(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// What an export of the access log records about itself: how many lines and the filter
/// in words (each value cut short: the filter is typed input).
fn export_description(data: &FormData, lines: usize) -> String {
    let short = |v: String| v.chars().take(100).collect::<String>();
    let mut parts = Vec::new();
    for (field, words) in [
        ("dossier", "dossier"),
        ("gebruiker", "gebruiker"),
        ("organisatie", "organisatie"),
    ] {
        let v = data.get(field);
        if !v.is_empty() {
            parts.push(format!("{words} {}", short(v)));
        }
    }
    for (field, words) in [("vanaf", "vanaf"), ("tot", "tot en met")] {
        if let Some(d) = day(data, field) {
            parts.push(format!("{words} {}", dutch_date(Lang::Nl, d)));
        }
    }
    if !data.all("nood").is_empty() {
        parts.push("alleen noodtoegang".to_owned());
    }
    if !data.all("geweigerd").is_empty() {
        parts.push("alleen geweigerde pogingen".to_owned());
    }
    let filter = if parts.is_empty() {
        String::new()
    } else {
        format!("; gefilterd op {}", parts.join(", "))
    };
    format!("GET /privacy/toegangslog.csv: toegangslog als CSV, {lines} regels{filter}")
}

/// The access log as CSV. The export is itself an access-log line (NEN 7513: every
/// export is logged), committed before the file goes out, so there is no export that
/// the log does not show. Filtered to one file, the line carries that file, so the
/// family's access overview shows it; otherwise it carries none (one line per file in
/// a region-wide export would swamp every family's overview with the officer's routine).
pub async fn export(ctx: Ctx, RawQuery(query): RawQuery) -> Result<Response, PageError> {
    let (principal, visitor, client) = (ctx.principal()?, &ctx.visitor, &ctx.client.0);
    let data = FormData::parse(&Bytes::from(query.unwrap_or_default()));
    let exported = async {
        let mut tx = ctx.store().read().await?;
        let lines = tx.access_log(&filter(&data, EXPORT_LINES, visitor)).await?;
        let wanted = data.get("dossier");
        let family_id = if wanted.is_empty() {
            None
        } else {
            tx.family(&FamilyId::from(wanted)).await?.map(|f| f.id)
        };
        drop(tx);
        let entry = crate::auth::family::access_entry(
            principal,
            AccessEvent::Export,
            None,
            family_id.map(FamilyId::into_string),
            export_description(&data, lines.len()),
            client,
        );
        ctx.store().log_access(entry).await?;
        Ok::<_, StoreError>(lines)
    };
    let lines = exported.await?;
    let mut out = format!("{}\r\n", privacy(ctx.lang).csv_header);
    for l in &lines {
        let fields = [
            l.at.as_str(),
            l.event.code(),
            &l.outcome,
            l.basis.map(|b| b.code()).unwrap_or(""),
            &l.user_id,
            &l.user_name,
            &l.user_email,
            &l.organisation_name,
            &l.role,
            l.on_behalf_of.as_deref().unwrap_or(""),
            l.family_id.as_deref().unwrap_or(""),
            &l.data,
            &l.client_address,
        ];
        out.push_str(
            &fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    let mut response = (StatusCode::OK, out).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"toegangslog.csv\""),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(csv_field("gewoon"), "gewoon");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("zei \"nee\""), "\"zei \"\"nee\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
