//! Passkeys (WebAuthn) through webauthn-rs: the relying party this deployment is, named by its
//! public URL. Its host is the relying party id and its origin the one origin accepted, so a
//! passkey made for one deployment is useless to another. Browsers refuse passkeys on a bare IP
//! address: a deployment reached only by one has no passkeys (and says so).

use crate::error::CoreError;
use webauthn_rs::prelude::{Url, Webauthn, WebauthnBuilder};

pub struct RelyingParty {
    webauthn: Option<Webauthn>,
}

impl RelyingParty {
    pub fn for_public_url(public_url: &str) -> Self {
        let webauthn = Url::parse(public_url).ok().and_then(|origin| {
            let host = origin.domain()?.to_owned();
            WebauthnBuilder::new(&host, &origin).ok()?.rp_name("Pavilion").build().ok()
        });
        Self { webauthn }
    }

    /// Whether passkeys can be used here at all.
    pub fn available(&self) -> bool {
        self.webauthn.is_some()
    }

    pub(crate) fn webauthn(&self) -> Result<&Webauthn, CoreError> {
        self.webauthn.as_ref().ok_or_else(|| {
            CoreError::Conflict(
                "passkeys need PAVILION_PUBLIC_URL to name the site by a domain, not an IP address".into(),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::RelyingParty;

    #[test]
    fn the_public_urls_host_is_the_relying_party() {
        assert!(RelyingParty::for_public_url("https://fair.example.org").available());
        assert!(RelyingParty::for_public_url("http://localhost:8080").available());
        assert!(!RelyingParty::for_public_url("http://127.0.0.1:8080").available());
    }
}
