//! The demo's documents: a signed plan now and then, as a one-page PDF that says it is
//! synthetic, so the documents page and its download have something to show.

use eenplan_domain::family::{DEFAULT_MAX_DOCUMENT_BYTES, DocumentCategory};
use eenplan_domain::journal::Actor;
use eenplan_store::{NewDocument, StoreError, Tx};

/// A one-page PDF with `lines` of text (ASCII), with a correct cross-reference table so
/// any reader opens it.
pub fn pdf(lines: &[&str]) -> Vec<u8> {
    let mut text = String::from("BT /F1 14 Tf 72 760 Td 18 TL");
    for line in lines {
        let escaped = line
            .replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)");
        text.push_str(&format!(" ({escaped}) Tj T*"));
    }
    text.push_str(" ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// The signed plan of version `version`, filed by the regisseur.
pub async fn signed_plan(
    tx: &mut Tx,
    actor: &Actor,
    regisseur: &eenplan_domain::UserId,
    family_id: &eenplan_domain::FamilyId,
    version: i64,
) -> Result<(), StoreError> {
    let title = format!("Ondertekend plan, versie {version}");
    let bytes = pdf(&[
        &format!("Plan versie {version}"),
        "Ondertekend door het gezin en de regisseur.",
        "Synthetisch demovoorbeeld: geen echte personen.",
    ]);
    tx.attach_document(
        actor,
        family_id,
        regisseur,
        NewDocument {
            category: DocumentCategory::SignedPlan,
            title: &title,
            bytes: &bytes,
            plan_version: Some(version),
        },
        DEFAULT_MAX_DOCUMENT_BYTES,
    )
    .await
    .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_pdf_is_a_pdf_with_its_cross_references_where_they_say() {
        let bytes = pdf(&["Gezin (demo)"]);
        assert_eq!(
            eenplan_domain::family::sniff(&bytes),
            Some(eenplan_domain::family::DocumentType::Pdf)
        );
        let text = String::from_utf8(bytes.clone()).unwrap();
        let xref: usize = text
            .rsplit("startxref\n")
            .next()
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(text[xref..].starts_with("xref"));
        let second = text.find("2 0 obj").unwrap();
        assert!(text.contains(&format!("{second:010} 00000 n")));
    }
}
