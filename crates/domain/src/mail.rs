//! E-mail about notifications (issue 15 §2) and the family's invitation (issue 17 §1).
//! A mail leaves the system, travels over servers nobody in the chain controls and
//! lands in inboxes that are shared, forwarded and read on phones in public: so it says
//! only that something is waiting, and links to the app, where access is checked
//! again. Never a name, a family label or a kind of event: the rule is in
//! [`MailText`], which takes nothing it could leak. An invitation carries its one-time
//! code in the link (that is its point), and nothing about the family.

use std::time::Duration;

use crate::UtcTime;
use crate::codes::code_list;

code_list! {
    /// How a person wants to hear about new notifications by e-mail. Right away by
    /// default: a notification that nobody sees until they happen to sign in is a
    /// signal lost, and the mail carries nothing that needs protecting.
    #[derive(Default)]
    MailPreference, "mail preference" {
        /// One mail soon after a notification (several close together make one mail).
        #[default]
        Immediately = "immediately", "Direct een e-mail", "An e-mail right away";
        /// One mail a day at 08:00 Amsterdam time, when something new came in.
        DailyDigest = "daily_digest", "Eén e-mail per dag, om 8.00 uur", "One e-mail a day, at 8:00";
        /// Notifications stay in the app.
        Off = "off", "Geen e-mail", "No e-mail";
    }
}

code_list! {
    /// The language a person reads eenplan in, recorded when they sign in, so what
    /// reaches them outside the app (e-mail) speaks it too.
    Language, "language" {
        Nl = "nl", "Nederlands", "Dutch";
        En = "en", "Engels", "English";
    }
}

/// What a mail says: the subject and the plain-text body. Built only from the
/// language, a count and the link to the app's inbox, so no family data can reach it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailText {
    pub subject: String,
    pub body: String,
}

/// What a mail is about: one (or a few coalesced) new notifications, the day's
/// digest of `count` unread ones, or an invitation to a family account with its
/// one-time code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailAbout {
    New,
    Digest { count: i64 },
    FamilyInvitation { code: String },
}

/// The path of the app's inbox page, which the mail links to.
pub const INBOX_PATH: &str = "/berichten";

/// The public page where an invited family member redeems the code; the invitation's
/// link fills the code in (`?code=`).
pub const ACTIVATE_PATH: &str = "/gezin/activeren";

impl MailText {
    /// The neutral mail in `lang`, linking to the inbox under `app_url` (the address
    /// people open eenplan at, without a trailing slash).
    pub fn compose(lang: Language, about: &MailAbout, app_url: &str) -> MailText {
        let app_url = app_url.trim_end_matches('/');
        let link = format!("{app_url}{INBOX_PATH}");
        let (subject, sentence, open, why) = match (lang, about) {
            (Language::Nl, MailAbout::New) | (Language::Nl, MailAbout::Digest { count: ..=1 }) => (
                "Nieuw bericht in eenplan".to_owned(),
                "Er staat een nieuw bericht voor je klaar in eenplan.".to_owned(),
                "Bekijk het na het aanmelden:",
                NL_WHY,
            ),
            (Language::Nl, MailAbout::Digest { count }) => (
                "Nieuwe berichten in eenplan".to_owned(),
                format!("Er staan {count} nieuwe berichten voor je klaar in eenplan."),
                "Bekijk ze na het aanmelden:",
                NL_WHY,
            ),
            (Language::En, MailAbout::New) | (Language::En, MailAbout::Digest { count: ..=1 }) => (
                "New message in eenplan".to_owned(),
                "There is a new message waiting for you in eenplan.".to_owned(),
                "Read it after signing in:",
                EN_WHY,
            ),
            (Language::En, MailAbout::Digest { count }) => (
                "New messages in eenplan".to_owned(),
                format!("There are {count} new messages waiting for you in eenplan."),
                "Read them after signing in:",
                EN_WHY,
            ),
            (_, MailAbout::FamilyInvitation { code }) => {
                return Self::invitation(lang, code, app_url);
            }
        };
        MailText {
            subject,
            body: format!("{sentence}\n\n{open} {link}\n\n{why}\n"),
        }
    }

    /// The invitation: who sent it (the family's regisseur, unnamed), the link with the
    /// code filled in, how long it works, and what to do with an unexpected one. Plain
    /// language (B1): a parent reads it, not a professional.
    fn invitation(lang: Language, code: &str, app_url: &str) -> MailText {
        let code: String = code
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let link = format!("{app_url}{ACTIVATE_PATH}?code={code}");
        let (subject, body) = match lang {
            Language::Nl => (
                "Uitnodiging voor je gezinsaccount in eenplan",
                format!(
                    "De regisseur van jullie gezin nodigt je uit voor een eigen account in eenplan. \
                     Daarmee kun je zelf meekijken.\n\n\
                     Open deze link om je account te maken:\n{link}\n\n\
                     Je kiest daar een wachtwoord en koppelt een app voor de inlogcode. \
                     De link werkt 14 dagen en maar één keer.\n\n\
                     Verwachtte je deze e-mail niet? Klik dan niet op de link en gooi de e-mail weg.\n\n\
                     Deze e-mail noemt bewust geen namen of gegevens.\n"
                ),
            ),
            Language::En => (
                "Invitation to your family account in eenplan",
                format!(
                    "Your family's lead professional invites you to an account of your own in eenplan. \
                     With it you can look along yourself.\n\n\
                     Open this link to make your account:\n{link}\n\n\
                     There you choose a password and link an app for the sign-in code. \
                     The link works for 14 days, and only once.\n\n\
                     Did you not expect this e-mail? Then do not click the link and delete the e-mail.\n\n\
                     This e-mail deliberately names no one and holds no details.\n"
                ),
            ),
        };
        MailText {
            subject: subject.to_owned(),
            body,
        }
    }
}

const NL_WHY: &str = "Deze e-mail noemt bewust geen namen of gegevens. Wil je minder e-mail? \
Kies in eenplan onder Berichten hoe vaak je e-mail krijgt.";
const EN_WHY: &str = "This e-mail deliberately names no one and holds no details. Fewer \
e-mails? Choose how often you get them in eenplan, under Messages.";

/// How long the sender waits before trying a mail again after its `attempts`-th
/// failure: 30 seconds, doubling, at most an hour. An SMTP server that is down for
/// maintenance is tried again soon; one that stays down is not hammered.
pub fn retry_delay(attempts: i64) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 16)).unwrap_or(16);
    let secs = 30u64.saturating_mul(1u64 << doublings);
    Duration::from_secs(secs.min(3600))
}

/// How many tries a mail gets: about two days at the hourly cap of [`retry_delay`],
/// long enough for an SMTP server's weekend outage, short enough that an address that
/// will never work stops costing a try every hour. The notification stays in the app.
pub const MAIL_ATTEMPTS: i64 = 48;

/// Whether a mail that failed its `attempts`-th try is given up on.
pub fn gives_up(attempts: i64) -> bool {
    attempts >= MAIL_ATTEMPTS
}

/// The hour (Amsterdam time) the daily digest goes out.
pub const DIGEST_HOUR: i8 = 8;

/// The Dutch day whose digest is due at `now`: today once it is 08:00 in Amsterdam
/// (whatever the season), none before. A sender that was down at 08:00 still sends
/// today's digest when it comes back; the day is the key that keeps it to one.
pub fn digest_day(now: UtcTime) -> Option<jiff::civil::Date> {
    let tz = jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap_or(jiff::tz::TimeZone::UTC);
    let local = now.timestamp().to_zoned(tz);
    (local.hour() >= DIGEST_HOUR).then(|| local.date())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> UtcTime {
        UtcTime::parse(text).expect("valid time")
    }

    #[test]
    fn the_mail_is_the_neutral_sentence_and_the_link_in_the_persons_language() {
        let nl = MailText::compose(Language::Nl, &MailAbout::New, "https://eenplan.example/");
        assert_eq!(nl.subject, "Nieuw bericht in eenplan");
        assert!(
            nl.body
                .starts_with("Er staat een nieuw bericht voor je klaar in eenplan.")
        );
        assert!(nl.body.contains("https://eenplan.example/berichten"));
        let en = MailText::compose(Language::En, &MailAbout::New, "https://eenplan.example");
        assert!(en.body.starts_with("There is a new message waiting"));
        assert!(en.body.contains("https://eenplan.example/berichten"));
    }

    #[test]
    fn the_invitation_links_to_the_door_with_the_code_and_names_no_one() {
        let about = MailAbout::FamilyInvitation {
            code: "K7QM-3XRT-ABCD-EFGH".to_owned(),
        };
        let nl = MailText::compose(Language::Nl, &about, "https://eenplan.example/");
        assert_eq!(nl.subject, "Uitnodiging voor je gezinsaccount in eenplan");
        assert!(
            nl.body
                .contains("https://eenplan.example/gezin/activeren?code=K7QM-3XRT-ABCD-EFGH\n"),
            "{}",
            nl.body
        );
        assert!(nl.body.contains("14 dagen"));
        assert!(!nl.body.contains("/berichten"));
        let en = MailText::compose(Language::En, &about, "https://eenplan.example");
        assert!(
            en.body
                .starts_with("Your family's lead professional invites you")
        );
        // Whatever reaches the code, the link stays one link.
        let odd = MailAbout::FamilyInvitation {
            code: "AB CD&x=1".to_owned(),
        };
        let text = MailText::compose(Language::Nl, &odd, "https://e.example");
        assert!(text.body.contains("/gezin/activeren?code=ABCDx1\n"));
    }

    #[test]
    fn the_digest_counts_and_one_reads_as_one() {
        let three = MailText::compose(
            Language::Nl,
            &MailAbout::Digest { count: 3 },
            "https://e.example",
        );
        assert!(
            three
                .body
                .starts_with("Er staan 3 nieuwe berichten voor je klaar")
        );
        let one = MailText::compose(
            Language::En,
            &MailAbout::Digest { count: 1 },
            "https://e.example",
        );
        assert!(one.body.starts_with("There is a new message"));
    }

    #[test]
    fn retries_back_off_doubling_to_an_hour() {
        assert_eq!(retry_delay(1), Duration::from_secs(30));
        assert_eq!(retry_delay(2), Duration::from_secs(60));
        assert_eq!(retry_delay(4), Duration::from_secs(240));
        assert_eq!(retry_delay(8), Duration::from_secs(3600));
        assert_eq!(retry_delay(1000), Duration::from_secs(3600));
        assert_eq!(retry_delay(0), Duration::from_secs(30));
    }

    #[test]
    fn a_mail_is_given_up_after_about_two_days_of_tries() {
        assert!(!gives_up(MAIL_ATTEMPTS - 1));
        assert!(gives_up(MAIL_ATTEMPTS));
        let waited: u64 = (1..MAIL_ATTEMPTS).map(|a| retry_delay(a).as_secs()).sum();
        assert!((36 * 3600..=60 * 3600).contains(&waited), "{waited}");
    }

    #[test]
    fn the_digest_is_due_from_eight_in_amsterdam_summer_and_winter() {
        // Winter: 08:00 in Amsterdam is 07:00 UTC.
        assert_eq!(digest_day(at("2026-12-07T06:59:59Z")), None);
        assert_eq!(
            digest_day(at("2026-12-07T07:00:00Z")),
            Some(jiff::civil::date(2026, 12, 7))
        );
        // Summer: 08:00 in Amsterdam is 06:00 UTC.
        assert_eq!(digest_day(at("2026-07-01T05:59:00Z")), None);
        assert_eq!(
            digest_day(at("2026-07-01T06:00:00Z")),
            Some(jiff::civil::date(2026, 7, 1))
        );
        // Late in the evening (UTC) it is already the next day in Amsterdam, before 8.
        assert_eq!(digest_day(at("2026-12-07T23:30:00Z")), None);
    }
}
