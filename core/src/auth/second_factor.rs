//! The secrets of second factors: authenticator-app (TOTP, RFC 6238) secrets, kept encrypted
//! with a key derived from the deployment's secret; recovery codes, kept only as keyed hashes;
//! and the short-lived challenge that stands between a correct password and a session.

use super::SigningKey;
use crate::error::CoreError;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use secrecy::ExposeSecret;
use sha2::Sha256;
use totp_rs::{Algorithm, Secret, Totp};

/// What authenticator apps expect: SHA-1, 6 digits, 30-second steps; one step either side is
/// accepted for clocks that drift.
const DIGITS: u8 = 6;
const STEP_SECS: u64 = 30;
const SKEW_STEPS: u16 = 1;
/// 160 bits, as RFC 4226 recommends.
const SECRET_BYTES: usize = 20;
/// The name an authenticator app shows above the code.
const ISSUER: &str = "Pavilion";

/// How many recovery codes an enrolment gives, and their shape: ten characters from an alphabet
/// without look-alikes (0/o, 1/l/i), shown in two groups of five.
pub const RECOVERY_CODES: usize = 10;
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
const RECOVERY_LEN: usize = 10;

/// Marks the sealing scheme, so a later one can be told apart.
const SEALED_PREFIX: &str = "v1:";

/// Keys derived from the deployment's secret (`PAVILION_JWT_SECRET`) with HKDF, one per use:
/// changing that secret makes every enrolled authenticator app unreadable, so it must be kept.
pub struct SecondFactorKeys {
    sealing: [u8; 32],
    recovery: [u8; 32],
}

impl SecondFactorKeys {
    pub fn derive(key: &SigningKey) -> Self {
        let hkdf = hkdf::Hkdf::<Sha256>::new(Some(b"pavilion second factors"), key.secret.expose_secret());
        let mut sealing = [0u8; 32];
        let mut recovery = [0u8; 32];
        // HKDF-SHA256 refuses only outputs longer than 255 × 32 bytes.
        let too_long = |_| unreachable!("32 bytes is a valid HKDF-SHA256 length");
        hkdf.expand(b"totp secret sealing v1", &mut sealing).unwrap_or_else(too_long);
        hkdf.expand(b"recovery code hashing v1", &mut recovery).unwrap_or_else(too_long);
        Self { sealing, recovery }
    }

    /// Encrypts an authenticator secret for storage, bound to its account (a sealed secret moved
    /// to another account's row does not open).
    pub fn seal(&self, secret: &TotpSecret, user_id: &str) -> Result<String, CoreError> {
        let cipher = XChaCha20Poly1305::new((&self.sealing).into());
        let nonce_bytes: [u8; 24] = rand::random();
        let nonce = XNonce::from(nonce_bytes);
        let sealed = cipher
            .encrypt(&nonce, Payload { msg: &secret.0, aad: user_id.as_bytes() })
            .map_err(|_| CoreError::Internal(anyhow::anyhow!("sealing an authenticator secret failed")))?;
        let mut stored = nonce_bytes.to_vec();
        stored.extend_from_slice(&sealed);
        Ok(format!("{SEALED_PREFIX}{}", STANDARD.encode(stored)))
    }

    pub fn open(&self, sealed: &str, user_id: &str) -> Result<TotpSecret, CoreError> {
        let unreadable = || {
            CoreError::Internal(anyhow::anyhow!(
                "an authenticator secret cannot be opened (was PAVILION_JWT_SECRET changed?)"
            ))
        };
        let encoded = sealed.strip_prefix(SEALED_PREFIX).ok_or_else(unreadable)?;
        let bytes = STANDARD.decode(encoded).map_err(|_| unreadable())?;
        if bytes.len() < 24 {
            return Err(unreadable());
        }
        let (nonce, ciphertext) = bytes.split_at(24);
        let nonce: [u8; 24] = nonce.try_into().map_err(|_| unreadable())?;
        let cipher = XChaCha20Poly1305::new((&self.sealing).into());
        let secret = cipher
            .decrypt(&XNonce::from(nonce), Payload { msg: ciphertext, aad: user_id.as_bytes() })
            .map_err(|_| unreadable())?;
        Ok(TotpSecret(secret))
    }

    /// The stored form of a recovery code: a keyed hash, so the table alone (a stolen backup)
    /// does not let anyone try the 2^49 codes offline.
    pub fn hash_recovery_code(&self, user_id: &str, code: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.recovery)
            .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
        mac.update(user_id.as_bytes());
        mac.update(b":");
        mac.update(normalize_recovery_code(code).as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

/// An authenticator app's shared secret (raw bytes).
pub struct TotpSecret(Vec<u8>);

impl TotpSecret {
    pub fn generate() -> Self {
        let bytes: [u8; SECRET_BYTES] = rand::random();
        Self(bytes.to_vec())
    }

    fn totp(&self, account: &str) -> Result<Totp, CoreError> {
        totp_rs::Builder::new()
            .with_algorithm(Algorithm::SHA1)
            .with_digits(DIGITS)
            .with_skew(SKEW_STEPS)
            .with_step_duration(STEP_SECS)
            .with_secret(Secret::new(self.0.clone().into_boxed_slice()))
            .with_issuer(Some(ISSUER))
            .with_account_name(account.replace(':', " "))
            .build()
            .map_err(|error| CoreError::Internal(anyhow::anyhow!("authenticator settings: {error}")))
    }

    /// The secret as people type it into an app: base32, without padding.
    pub fn base32(&self) -> String {
        Secret::new(self.0.clone().into_boxed_slice()).to_base32()
    }

    /// The `otpauth://totp/…` address a QR code carries.
    pub fn otpauth_uri(&self, account: &str) -> Result<String, CoreError> {
        self.totp(account)?.to_url().map_err(|error| CoreError::Internal(anyhow::anyhow!("otpauth address: {error}")))
    }

    /// The time step a code belongs to, if it is right at `now` (one step of drift either way).
    /// Spaces people type between the digits are ignored. The caller refuses a step already used.
    pub fn matching_step(&self, code: &str, now: DateTime<Utc>) -> Option<i64> {
        let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        if code.len() != usize::from(DIGITS) || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let time = u64::try_from(now.timestamp()).ok()?;
        let step = self.totp("-").ok()?.check(&code, time)?;
        i64::try_from(step).ok()
    }

    /// The code an app shows at `time` (for tests and tools).
    pub fn code_at(&self, now: DateTime<Utc>) -> Result<String, CoreError> {
        let time =
            u64::try_from(now.timestamp()).map_err(|_| CoreError::Internal(anyhow::anyhow!("time before 1970")))?;
        Ok(self.totp("-")?.generate(time).to_string())
    }

    /// Reads a secret as an app would be given it (base32).
    pub fn from_base32(encoded: &str) -> Option<Self> {
        Secret::try_from_base32(encoded.trim()).ok().map(|secret| Self(secret.as_bytes().to_vec()))
    }
}

/// Fresh recovery codes, as shown to their owner once (`abcde-fghjk`).
pub fn generate_recovery_codes() -> Vec<String> {
    (0..RECOVERY_CODES)
        .map(|_| {
            let chars: String = (0..RECOVERY_LEN)
                .map(|_| char::from(RECOVERY_ALPHABET[rand::random_range(0..RECOVERY_ALPHABET.len())]))
                .collect();
            format!("{}-{}", &chars[..RECOVERY_LEN / 2], &chars[RECOVERY_LEN / 2..])
        })
        .collect()
}

/// A recovery code as typed: any case, with or without the hyphen and spaces.
fn normalize_recovery_code(code: &str) -> String {
    code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

/// Whether what someone typed has the shape of a recovery code rather than an app's code.
pub fn looks_like_recovery_code(typed: &str) -> bool {
    let normalized = normalize_recovery_code(typed);
    normalized.len() == RECOVERY_LEN && normalized.bytes().any(|b| b.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::SecretBox;

    fn keys(byte: u8) -> SecondFactorKeys {
        SecondFactorKeys::derive(&SigningKey { secret: SecretBox::new(Box::new(vec![byte; 32])), generated: false })
    }

    #[test]
    fn sealed_secrets_open_only_with_their_key_and_account() {
        let secret = TotpSecret::generate();
        let sealed = keys(1).seal(&secret, "u1").unwrap();
        assert!(!sealed.contains(&secret.base32()), "stored in clear");
        assert_eq!(keys(1).open(&sealed, "u1").unwrap().0, secret.0);
        assert!(keys(2).open(&sealed, "u1").is_err(), "another deployment's key");
        assert!(keys(1).open(&sealed, "u2").is_err(), "moved to another account");
    }

    #[test]
    fn codes_match_their_step_and_one_either_side_only() {
        // RFC 6238's SHA-1 test secret and vectors.
        let secret = TotpSecret(b"12345678901234567890".to_vec());
        let at = |secs: i64| DateTime::from_timestamp(secs, 0).unwrap();
        assert_eq!(secret.code_at(at(59)).unwrap(), "287082");
        assert_eq!(secret.matching_step("287082", at(59)), Some(1));
        assert_eq!(secret.matching_step("287 082", at(89)), Some(1), "one step late");
        assert_eq!(secret.matching_step("287082", at(120)), None, "two steps late");
        assert_eq!(secret.matching_step("28708", at(59)), None);
        assert_eq!(secret.matching_step("abcdef", at(59)), None);
    }

    #[test]
    fn recovery_codes_are_distinct_and_hash_whatever_their_spelling() {
        let codes = generate_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        assert_eq!(codes.iter().collect::<std::collections::HashSet<_>>().len(), RECOVERY_CODES);
        let keys = keys(1);
        let code = &codes[0];
        assert!(looks_like_recovery_code(code));
        assert!(!looks_like_recovery_code("123456"));
        let typed = code.to_uppercase().replace('-', " ");
        assert_eq!(keys.hash_recovery_code("u1", code), keys.hash_recovery_code("u1", &typed));
        assert_ne!(keys.hash_recovery_code("u1", code), keys.hash_recovery_code("u2", code));
    }
}
