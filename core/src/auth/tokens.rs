use super::SigningKey;
use crate::domain::{SessionId, UserId};
use crate::error::CoreError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

const ISSUER: &str = "pavilion";
const AUDIENCE: &str = "pavilion-api";
/// Clock skew tolerated between replicas when checking `exp`.
const LEEWAY_SECS: i64 = 30;

/// What an access token says; kept minimal, the session row holds the rest.
#[derive(Debug, Serialize, Deserialize)]
pub struct AccessClaims {
    pub sub: String,
    pub sid: String,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
}

/// Access token plus refresh token, as returned by login and refresh.
#[derive(Debug)]
pub struct TokenPair {
    pub access_token: String,
    pub expires_in: i64,
    pub refresh_token: String,
}

/// Signs and checks access tokens: HS256 only, issuer and audience pinned.
pub struct TokenIssuer {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    ttl: chrono::Duration,
}

impl TokenIssuer {
    pub fn new(key: &SigningKey, ttl: chrono::Duration) -> Self {
        let secret = key.secret.expose_secret();
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        // Expiry is checked below against the injected clock, with an explicit leeway, so tests
        // can move time; the library would read the wall clock.
        validation.validate_exp = false;
        validation.leeway = 0;
        Self { encoding: EncodingKey::from_secret(secret), decoding: DecodingKey::from_secret(secret), validation, ttl }
    }

    pub fn issue(&self, user: &UserId, session: &SessionId, now: DateTime<Utc>) -> Result<(String, i64), CoreError> {
        let claims = AccessClaims {
            sub: user.to_string(),
            sid: session.to_string(),
            iat: now.timestamp(),
            exp: (now + self.ttl).timestamp(),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| anyhow::anyhow!("signing access token: {e}"))?;
        Ok((token, self.ttl.num_seconds()))
    }

    /// Any defect (signature, algorithm, issuer, audience, expiry, shape) is the same 401.
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<AccessClaims, CoreError> {
        let data = jsonwebtoken::decode::<AccessClaims>(token, &self.decoding, &self.validation)
            .map_err(|_| CoreError::Unauthenticated)?;
        if data.claims.exp + LEEWAY_SECS < now.timestamp() {
            return Err(CoreError::Unauthenticated);
        }
        Ok(data.claims)
    }
}

/// An opaque refresh token `{session id}.{32 random bytes}`; only a SHA-256 of the random part
/// is stored, so a database leak does not hand out sessions.
pub struct RefreshToken {
    pub session_id: SessionId,
    secret: String,
}

impl RefreshToken {
    pub fn generate(session_id: SessionId) -> Self {
        let bytes: [u8; 32] = rand::random();
        Self { session_id, secret: URL_SAFE_NO_PAD.encode(bytes) }
    }

    pub fn parse(raw: &str) -> Result<Self, CoreError> {
        let (session, secret) = raw.split_once('.').ok_or(CoreError::Unauthenticated)?;
        if session.is_empty() || secret.len() != 43 {
            return Err(CoreError::Unauthenticated);
        }
        Ok(Self { session_id: SessionId::from_trusted(session.to_owned()), secret: secret.to_owned() })
    }

    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.secret.as_bytes()))
    }

    pub fn expose(&self) -> String {
        format!("{}.{}", self.session_id, self.secret)
    }
}

/// A random single-use token for a link (invitation, password reset): 256 bits, URL-safe. Only
/// its hash is stored.
pub fn link_token() -> (String, String) {
    let bytes: [u8; 32] = rand::random();
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_link_token(&token);
    (token, hash)
}

pub fn hash_link_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::SecretBox;

    fn issuer(secret: &[u8]) -> TokenIssuer {
        TokenIssuer::new(
            &SigningKey { secret: SecretBox::new(Box::new(secret.to_vec())), generated: false },
            chrono::Duration::minutes(15),
        )
    }

    #[test]
    fn round_trip_and_expiry_with_leeway() {
        let issuer = issuer(&[7; 32]);
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let (token, ttl) =
            issuer.issue(&UserId::from_trusted("u1".into()), &SessionId::from_trusted("s1".into()), now).unwrap();
        assert_eq!(ttl, 900);
        assert_eq!(issuer.verify(&token, now).unwrap().sid, "s1");
        assert!(issuer.verify(&token, now + chrono::Duration::seconds(900 + LEEWAY_SECS)).is_ok());
        assert!(issuer.verify(&token, now + chrono::Duration::seconds(900 + LEEWAY_SECS + 1)).is_err());
    }

    #[test]
    fn other_keys_and_tampering_are_refused() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let (token, _) = issuer(&[7; 32])
            .issue(&UserId::from_trusted("u1".into()), &SessionId::from_trusted("s1".into()), now)
            .unwrap();
        assert!(issuer(&[8; 32]).verify(&token, now).is_err());
        let mut tampered = token.clone();
        tampered.replace_range(token.len() - 2.., "AA");
        assert!(issuer(&[7; 32]).verify(&tampered, now).is_err());
    }

    #[test]
    fn refresh_tokens_round_trip() {
        let token = RefreshToken::generate(SessionId::from_trusted("s1".into()));
        let parsed = RefreshToken::parse(&token.expose()).unwrap();
        assert_eq!(parsed.hash(), token.hash());
        assert!(RefreshToken::parse("nonsense").is_err());
    }
}
