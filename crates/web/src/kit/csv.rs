//! CSV that a Dutch Excel opens right by a double click, for exports meant to be read
//! in a spreadsheet (the evaluation's figures).
//!
//! Dutch Excel takes its list separator and number format from the Windows region
//! settings: `;` between fields (the comma is the decimal sign) and a decimal comma.
//! Without a byte-order mark it reads the file as Windows-1252, so "één" breaks: the
//! file starts with the UTF-8 BOM. Lines end in CRLF (RFC 4180). A field holding `;`,
//! `"`, a line break or a leading or trailing space is quoted, with `"` doubled.
//!
//! Dates are written `dd-mm-jjjj` ("05-12-2026"): the short date pattern of the Dutch
//! region setting, so Excel NL reads the cell as a date (sortable, and shown the same
//! way), where an ISO date would be read as text by older versions and "5 dec 2026"
//! always is. A hidden number is the text "<5", as on the page and in the JSON.
//!
//! Text a person typed (an area's name) could start with `=`, `+`, `-` or `@`, which a
//! spreadsheet runs as a formula: such text gets a leading `'` (OWASP, "CSV
//! injection"). Numbers are written as numbers and never guarded.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;

/// The byte-order mark that makes Excel read the file as UTF-8.
pub const BOM: char = '\u{FEFF}';

/// One field of a line, by what it holds: each is written the way Excel NL reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    Text(String),
    Integer(i64),
    /// A number with this many decimals, with a decimal comma.
    Decimal(f64, usize),
    Date(Date),
    /// A number not shown because too few families are behind it: "<threshold".
    Hidden(u32),
    Empty,
}

impl Field {
    pub fn text(value: impl Into<String>) -> Self {
        Field::Text(value.into())
    }

    fn write(&self) -> String {
        match self {
            Field::Text(value) => quoted(&guarded(value)),
            Field::Integer(n) => n.to_string(),
            Field::Decimal(v, places) if v.is_finite() => {
                format!("{:.*}", places, v).replace('.', ",")
            }
            Field::Decimal(..) | Field::Empty => String::new(),
            Field::Date(d) => date(*d),
            Field::Hidden(threshold) => format!("<{threshold}"),
        }
    }
}

/// A date as Excel NL reads a date: "05-12-2026".
pub fn date(d: Date) -> String {
    format!("{:02}-{:02}-{:04}", d.day(), d.month(), d.year())
}

/// Typed text that would start a formula, made plain text.
fn guarded(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// A field quoted when it holds the separator, a quote, a line break, or spaces at
/// either end (which Excel would otherwise drop).
fn quoted(value: &str) -> String {
    if value.contains([';', '"', '\n', '\r']) || value.starts_with(' ') || value.ends_with(' ') {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// A CSV file being written: the BOM first, then a line at a time.
#[derive(Debug, Clone)]
pub struct Csv {
    out: String,
}

impl Default for Csv {
    fn default() -> Self {
        Self::new()
    }
}

impl Csv {
    pub fn new() -> Self {
        Csv {
            out: BOM.to_string(),
        }
    }

    /// One line of fields, ended by CRLF.
    pub fn line(&mut self, fields: &[Field]) -> &mut Self {
        let line: Vec<String> = fields.iter().map(Field::write).collect();
        self.out.push_str(&line.join(";"));
        self.out.push_str("\r\n");
        self
    }

    /// A line of text fields (a header, a sentence).
    pub fn texts(&mut self, texts: &[&str]) -> &mut Self {
        let fields: Vec<Field> = texts.iter().map(|t| Field::text(*t)).collect();
        self.line(&fields)
    }

    pub fn finish(self) -> String {
        self.out
    }

    /// The file as a download named `filename` (plain ASCII, chosen by the caller).
    pub fn download(self, filename: &str) -> Response {
        let mut response = (StatusCode::OK, self.finish()).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/csv; charset=utf-8"),
        );
        if let Ok(disposition) =
            HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
        {
            headers.insert(header::CONTENT_DISPOSITION, disposition);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn starts_with_the_bom_and_separates_with_semicolons_and_crlf() {
        let mut csv = Csv::new();
        csv.texts(&["Gebied", "Dossiers"]);
        csv.line(&[Field::text("Woerden"), Field::Integer(12)]);
        let out = csv.finish();
        assert!(out.starts_with('\u{FEFF}'));
        assert_eq!(
            out.trim_start_matches(BOM),
            "Gebied;Dossiers\r\nWoerden;12\r\n"
        );
        assert_eq!(out.as_bytes()[..3], [0xEF, 0xBB, 0xBF]);
    }

    #[test]
    fn quotes_what_would_break_a_line() {
        let out = |f: Field| f.write();
        assert_eq!(out(Field::text("a;b")), "\"a;b\"");
        assert_eq!(out(Field::text("zei \"nee\"")), "\"zei \"\"nee\"\"\"");
        assert_eq!(out(Field::text("twee\nregels")), "\"twee\nregels\"");
        assert_eq!(out(Field::text(" spatie")), "\" spatie\"");
        assert_eq!(
            out(Field::text("a,b")),
            "a,b",
            "a comma is no separator here"
        );
        assert_eq!(out(Field::text("één")), "één");
    }

    #[test]
    fn typed_text_is_never_a_formula_but_numbers_stay_numbers() {
        assert_eq!(Field::text("=HYPERLINK(1)").write(), "'=HYPERLINK(1)");
        assert_eq!(Field::text("-1+2").write(), "'-1+2");
        assert_eq!(Field::Integer(-3).write(), "-3");
        assert_eq!(Field::Decimal(-2.5, 1).write(), "-2,5");
    }

    #[test]
    fn dates_decimals_and_hidden_numbers_read_the_dutch_way() {
        assert_eq!(Field::Date(date(2026, 12, 5)).write(), "05-12-2026");
        assert_eq!(Field::Decimal(12.345, 1).write(), "12,3");
        assert_eq!(
            Field::Decimal(1234.0, 0).write(),
            "1234",
            "no thousands dot"
        );
        assert_eq!(Field::Decimal(f64::NAN, 1).write(), "");
        assert_eq!(Field::Hidden(5).write(), "<5");
        assert_eq!(Field::Empty.write(), "");
    }

    #[test]
    fn the_download_says_csv_and_its_name() {
        let response = Csv::new().download("evaluatie.csv");
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "text/csv; charset=utf-8"
        );
        assert_eq!(
            response.headers()[header::CONTENT_DISPOSITION],
            "attachment; filename=\"evaluatie.csv\""
        );
    }
}
