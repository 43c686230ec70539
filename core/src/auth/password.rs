use crate::domain::Password;
use crate::error::CoreError;
use argon2::{Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version};
use std::sync::OnceLock;

/// The one place the parameters are pinned: argon2id, m = 19 MiB, t = 2, p = 1 (OWASP's minimum).
fn hasher() -> Result<Argon2<'static>, CoreError> {
    let params = Params::new(19_456, 2, 1, None).map_err(|e| anyhow::anyhow!("argon2 params: {e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a password into a PHC string. Slow on purpose: call it off the async threads.
pub fn hash_password(password: &Password) -> Result<String, CoreError> {
    let hash =
        hasher()?.hash_password(password.expose().as_bytes()).map_err(|e| anyhow::anyhow!("argon2 hash: {e}"))?;
    Ok(hash.to_string())
}

/// True when `password` matches `stored`. A malformed stored hash is an internal error, not a
/// failed login.
pub fn verify_password(password: &Password, stored: &str) -> Result<bool, CoreError> {
    let parsed = PasswordHash::new(stored).map_err(|e| anyhow::anyhow!("stored hash unreadable: {e}"))?;
    Ok(hasher()?.verify_password(password.expose().as_bytes(), &parsed).is_ok())
}

/// Does the same work as a real verification, for an account that does not exist, so that the
/// response time does not tell whether an email is registered.
pub fn verify_against_dummy(password: &Password) -> Result<(), CoreError> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = match DUMMY.get() {
        Some(hash) => hash,
        None => {
            let hash = hash_password(&Password::unchecked("an unguessable placeholder password"))?;
            DUMMY.get_or_init(|| hash)
        }
    };
    verify_password(password, dummy).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_with_pinned_parameters_and_verifies() {
        let password = Password::unchecked("violet kettle marches sideways");
        let hash = hash_password(&password).unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(verify_password(&password, &hash).unwrap());
        assert!(!verify_password(&Password::unchecked("wrong"), &hash).unwrap());
    }
}
