//! Tokens that tie a web form to the one who was shown it, so that another site cannot post it
//! in their name: for a signed-in browser, a token derived from its session; before sign-in, one
//! derived from a random cookie (a signed double submit: a site that can plant a cookie still
//! cannot make the token that goes with it).

use super::SigningKey;
use crate::domain::SessionId;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretBox};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Makes and checks form tokens with a key of their own, derived from the deployment's secret.
pub struct FormTokens {
    key: SecretBox<Vec<u8>>,
}

impl FormTokens {
    pub fn new(signing: &SigningKey) -> Self {
        // A key for this purpose only: a form token can never pass for anything signed with the
        // access-token key, nor the other way round.
        let key = mac(signing.secret.expose_secret(), b"pavilion form tokens v1");
        Self { key: SecretBox::new(Box::new(key)) }
    }

    /// The token of every form a signed-in browser is shown.
    pub fn for_session(&self, session: &SessionId) -> String {
        URL_SAFE_NO_PAD.encode(self.tag("session", session.as_str()))
    }

    /// The token of a form shown before sign-in, for the random value of the visitor's cookie.
    pub fn for_visitor(&self, cookie: &str) -> String {
        URL_SAFE_NO_PAD.encode(self.tag("visitor", cookie))
    }

    /// A new random value for the visitor's cookie.
    pub fn visitor_cookie() -> String {
        URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
    }

    /// Whether `given` is the token of the session, compared in constant time.
    pub fn check_session(&self, session: &SessionId, given: &str) -> bool {
        self.check("session", session.as_str(), given)
    }

    /// Whether `given` is the token for the visitor's cookie, compared in constant time.
    pub fn check_visitor(&self, cookie: &str, given: &str) -> bool {
        !cookie.is_empty() && self.check("visitor", cookie, given)
    }

    fn tag(&self, purpose: &str, value: &str) -> Vec<u8> {
        let mut message = Vec::with_capacity(purpose.len() + 1 + value.len());
        message.extend_from_slice(purpose.as_bytes());
        message.push(b':');
        message.extend_from_slice(value.as_bytes());
        mac(self.key.expose_secret(), &message)
    }

    fn check(&self, purpose: &str, value: &str, given: &str) -> bool {
        let Ok(given) = URL_SAFE_NO_PAD.decode(given.trim()) else { return false };
        let Ok(mut verifier) = HmacSha256::new_from_slice(self.key.expose_secret()) else { return false };
        verifier.update(purpose.as_bytes());
        verifier.update(b":");
        verifier.update(value.as_bytes());
        verifier.verify_slice(&given).is_ok()
    }
}

fn mac(key: &[u8], message: &[u8]) -> Vec<u8> {
    // HMAC takes a key of any length; this cannot fail.
    let mut mac = HmacSha256::new_from_slice(key).unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(secret: &[u8]) -> FormTokens {
        FormTokens::new(&SigningKey { secret: SecretBox::new(Box::new(secret.to_vec())), generated: false })
    }

    #[test]
    fn a_token_fits_only_its_session_or_cookie_and_only_this_deployment() {
        let forms = tokens(b"0123456789abcdef0123456789abcdef");
        let (one, two) = (SessionId::from_trusted("one".into()), SessionId::from_trusted("two".into()));
        let token = forms.for_session(&one);
        assert!(forms.check_session(&one, &token));
        assert!(!forms.check_session(&two, &token));
        assert!(!tokens(b"another deployment's secret key!!").check_session(&one, &token));
        // A session's token is not a visitor's token for the same text.
        assert!(!forms.check_visitor("one", &token));
        let cookie = FormTokens::visitor_cookie();
        assert!(forms.check_visitor(&cookie, &forms.for_visitor(&cookie)));
        assert!(!forms.check_visitor(&cookie, "") && !forms.check_visitor("", &forms.for_visitor("")));
        assert!(!forms.check_visitor(&cookie, "not base64 !"));
    }
}
