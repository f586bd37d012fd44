use std::fmt;

/// A failure to report to the operator as one line.
#[derive(Debug)]
pub struct CliError(pub String);

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<eenplan_store::StoreError> for CliError {
    fn from(e: eenplan_store::StoreError) -> Self {
        CliError(e.to_string())
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError(e.to_string())
    }
}

/// Shorthand for errors built from any displayable message.
pub fn fail(message: impl fmt::Display) -> CliError {
    CliError(message.to_string())
}
