//! The picture an authenticator app scans to link itself, and the secret to type when
//! scanning fails: one rendering for every account that links an app (professionals at
//! their first sign-in, family members at activation).

use eenplan_domain::totp::{ISSUER, TotpSecret};

pub struct Qr {
    /// An SVG as a `data:` URI, for an `<img>`.
    pub image: String,
    pub secret: String,
}

/// The provisioning picture for `secret`, labelled in the app with `account`.
pub fn for_secret(secret: &TotpSecret, account: &str) -> Qr {
    let uri = secret.provisioning_uri(ISSUER, account);
    let svg = qrcode::QrCode::new(uri.as_bytes())
        .map(|code| {
            code.render::<qrcode::render::svg::Color>()
                .min_dimensions(240, 240)
                .build()
        })
        .unwrap_or_default();
    Qr {
        image: format!(
            "data:image/svg+xml;base64,{}",
            data_encoding::BASE64.encode(svg.as_bytes())
        ),
        secret: secret.to_base32(),
    }
}
