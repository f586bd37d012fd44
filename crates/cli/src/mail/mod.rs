//! E-mail about notifications: the operator's configuration (`--smtp-url`,
//! `--mail-from`, `--public-url`) read into a [`Mailer`], and the sender task that
//! delivers the outbox ([`sender`]). What a mail says is the domain's rule
//! ([`eenplan_domain::mail::MailText`]); which rows go out is the store's outbox.

pub mod sender;

use std::time::Duration;

use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, Tokio1Executor};

use crate::cli::MailArgs;
use crate::error::{CliError, fail};

/// Everything the sender needs: the SMTP transport, the sender address and the app's
/// address for the link.
pub struct Mailer {
    pub transport: AsyncSmtpTransport<Tokio1Executor>,
    pub from: Mailbox,
    pub app_url: String,
    /// `smtp://host:port` without credentials, for the log.
    pub server: String,
    pub lease: Duration,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("server", &self.server)
            .field("from", &self.from.to_string())
            .field("app_url", &self.app_url)
            .finish_non_exhaustive()
    }
}

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Security {
    /// `smtp://`: none (a relay on this machine or a trusted network).
    Plain,
    /// `smtp://…?tls=starttls`: upgraded with STARTTLS, refused if the server cannot.
    StartTls,
    /// `smtps://`: TLS from the first byte.
    Implicit,
}

/// The least lease that leaves an SMTP conversation (its timeout is half the lease)
/// time to finish before another sender may take the mail over.
const MIN_LEASE_SECONDS: u64 = 4;

/// Reads the mail settings. `None` when e-mail is off (neither server nor sender
/// given); an error, for a one-line exit, when they are half given or malformed.
pub fn configure(args: &MailArgs) -> Result<Option<Mailer>, CliError> {
    let (url, from) = match (&args.smtp_url, &args.mail_from) {
        (None, None) => return Ok(None),
        (Some(url), Some(from)) => (url, from),
        (Some(_), None) => {
            return Err(fail(
                "--smtp-url needs --mail-from (EENPLAN_MAIL_FROM): the sender of every mail",
            ));
        }
        (None, Some(_)) => {
            return Err(fail(
                "--mail-from needs --smtp-url (EENPLAN_SMTP_URL): the server that sends the mail",
            ));
        }
    };
    let from: Mailbox = from.parse().map_err(|e| {
        fail(format!("--mail-from '{from}' is not an e-mail address ({e}); use e.g. \"eenplan <noreply@eenplan.example>\""))
    })?;
    let app_url = app_url(args.public_url.as_deref())?;
    if args.mail_lease_seconds < MIN_LEASE_SECONDS {
        return Err(fail(format!(
            "--mail-lease-seconds must be at least {MIN_LEASE_SECONDS}"
        )));
    }
    let lease = Duration::from_secs(args.mail_lease_seconds);
    let (transport, server) = transport(url, lease / 2)?;
    Ok(Some(Mailer {
        transport,
        from,
        app_url,
        server,
        lease,
    }))
}

fn app_url(raw: Option<&str>) -> Result<String, CliError> {
    let raw = raw.ok_or_else(|| {
        fail("--smtp-url needs --public-url (EENPLAN_PUBLIC_URL): the address people open eenplan at, for the link in a mail")
    })?;
    let bad = |why: &str| {
        fail(format!(
            "--public-url '{raw}' {why}; use e.g. https://eenplan.example"
        ))
    };
    let url = url::Url::parse(raw).map_err(|_| bad("is not a URL"))?;
    if !matches!(url.scheme(), "https" | "http") || url.host_str().is_none() {
        return Err(bad("is not an http(s) address"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("has a query or fragment"));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// The SMTP transport for `raw`, and the server's address without credentials.
fn transport(
    raw: &str,
    timeout: Duration,
) -> Result<(AsyncSmtpTransport<Tokio1Executor>, String), CliError> {
    let shape =
        "use smtp://HOST:PORT, smtp://HOST:PORT?tls=starttls or smtps://USER:PASSWORD@HOST:PORT";
    // The URL may hold a password: it is never repeated in a message.
    let bad = |why: &str| fail(format!("--smtp-url is not usable: {why}; {shape}"));
    let url = url::Url::parse(raw).map_err(|_| bad("not a URL"))?;
    let mut security = match url.scheme() {
        "smtp" => Security::Plain,
        "smtps" => Security::Implicit,
        other => return Err(bad(&format!("unknown scheme '{other}'"))),
    };
    for (key, value) in url.query_pairs() {
        match (key.as_ref(), value.as_ref(), security) {
            ("tls", "starttls", Security::Plain) => security = Security::StartTls,
            ("tls", "starttls", _) => {
                return Err(bad("tls=starttls goes with smtp://, not smtps://"));
            }
            _ => return Err(bad(&format!("unknown setting '{key}'"))),
        }
    }
    let host = url
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| bad("no host"))?
        .to_owned();
    let port = url.port().unwrap_or(match security {
        Security::Plain => 25,
        Security::StartTls => 587,
        Security::Implicit => 465,
    });
    let tls_err = |e: lettre::transport::smtp::Error| bad(&format!("TLS set-up failed ({e})"));
    let builder = match security {
        Security::Plain => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&host),
        Security::StartTls => {
            AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&host).map_err(tls_err)?
        }
        Security::Implicit => {
            AsyncSmtpTransport::<Tokio1Executor>::relay(&host).map_err(tls_err)?
        }
    };
    let mut builder = builder.port(port).timeout(Some(timeout));
    if !url.username().is_empty() {
        let decode = |s: &str| {
            percent_decode(s)
                .ok_or_else(|| bad("the user or password is not valid percent-encoded UTF-8"))
        };
        let user = decode(url.username())?;
        let password = decode(url.password().unwrap_or(""))?;
        builder = builder.credentials(Credentials::new(user, password));
    }
    let scheme = url.scheme();
    let starttls = if security == Security::StartTls {
        "?tls=starttls"
    } else {
        ""
    };
    Ok((
        builder.build(),
        format!("{scheme}://{host}:{port}{starttls}"),
    ))
}

/// `%XX` escapes in a URL's user or password, decoded.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(url: Option<&str>, from: Option<&str>, public: Option<&str>) -> MailArgs {
        MailArgs {
            smtp_url: url.map(str::to_owned),
            mail_from: from.map(str::to_owned),
            public_url: public.map(str::to_owned),
            mail_lease_seconds: 120,
        }
    }

    fn error(a: &MailArgs) -> String {
        match configure(a) {
            Err(e) => e.0,
            Ok(m) => panic!("expected an error, got {m:?}"),
        }
    }

    #[test]
    fn off_without_settings_and_each_form_of_the_url_reads() {
        assert!(configure(&args(None, None, None)).expect("off").is_none());
        let from = Some("eenplan <noreply@eenplan.example>");
        let public = Some("https://eenplan.example/");
        for (url, server) in [
            ("smtp://127.0.0.1:2525", "smtp://127.0.0.1:2525"),
            (
                "smtp://mail.example?tls=starttls",
                "smtp://mail.example:587?tls=starttls",
            ),
            (
                "smtps://u%40x:p%20w@mail.example:465",
                "smtps://mail.example:465",
            ),
            ("smtps://mail.example", "smtps://mail.example:465"),
        ] {
            let m = configure(&args(Some(url), from, public))
                .expect("valid")
                .expect("on");
            assert_eq!(m.server, server);
            assert_eq!(m.app_url, "https://eenplan.example");
        }
    }

    #[test]
    fn bad_settings_are_one_line_and_never_repeat_the_password() {
        let from = Some("noreply@eenplan.example");
        let public = Some("https://eenplan.example");
        for (a, expected) in [
            (args(Some("smtp://h:25"), None, public), "needs --mail-from"),
            (args(None, from, public), "needs --smtp-url"),
            (
                args(Some("http://h:25"), from, public),
                "unknown scheme 'http'",
            ),
            (
                args(Some("smtp://h:25?tls=maybe"), from, public),
                "unknown setting 'tls'",
            ),
            (
                args(Some("smtps://h?tls=starttls"), from, public),
                "goes with smtp://",
            ),
            (args(Some("smtps://user:geheim@"), from, public), "smtp"),
            (
                args(Some("smtp://h"), Some("not an address"), public),
                "not an e-mail address",
            ),
            (args(Some("smtp://h"), from, None), "needs --public-url"),
            (
                args(Some("smtp://h"), from, Some("ftp://x")),
                "not an http(s) address",
            ),
        ] {
            let message = error(&a);
            assert!(message.contains(expected), "{message}");
            assert!(!message.contains('\n'), "{message}");
            assert!(!message.contains("geheim"), "{message}");
        }
        let mut short = args(Some("smtp://h"), from, public);
        short.mail_lease_seconds = 1;
        assert!(error(&short).contains("--mail-lease-seconds"));
    }
}
