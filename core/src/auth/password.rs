use crate::domain::Password;
use crate::error::CoreError;
use argon2::password_hash::phc::Output;
use argon2::{Algorithm, Argon2, Block, Params, PasswordHash, PasswordHasher, Version};
use std::sync::OnceLock;

/// The one place the parameters are pinned: argon2id, m = 19 MiB, t = 2, p = 1 (OWASP's minimum).
fn hasher() -> Result<Argon2<'static>, CoreError> {
    let params = Params::new(19_456, 2, 1, None).map_err(|e| anyhow::anyhow!("argon2 params: {e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// A password's argon2id PHC string, ready to store. Only `hash_password` makes one, so a use case
/// that takes one cannot be handed a plain password by mistake.
#[derive(Debug, Clone)]
pub struct HashedPassword(String);

impl HashedPassword {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Hashes a password into a PHC string. Slow on purpose: call it on the hashing pool.
pub fn hash_password(password: &Password) -> Result<HashedPassword, CoreError> {
    let hash =
        hasher()?.hash_password(password.expose().as_bytes()).map_err(|e| anyhow::anyhow!("argon2 hash: {e}"))?;
    Ok(HashedPassword(hash.to_string()))
}

/// True when `password` matches `stored`. A malformed stored hash is an internal error, not a
/// failed login.
///
/// This is `PasswordVerifier::verify_password` with one difference: the 19 MiB of argon2 memory
/// is the calling thread's, kept between calls, instead of a fresh zeroed allocation each time.
/// A fresh one came from the kernel page by page (~5,000 page faults) and cost a quarter of a
/// login on the hashing threads. Argon2 overwrites every block before reading it, so the previous
/// contents do not matter; and after two passes (t = 2, pinned below) every block left behind
/// depends on a whole pass over memory, so it is no cheaper a way to test password guesses than
/// the stored hash itself.
pub fn verify_password(password: &Password, stored: &str) -> Result<bool, CoreError> {
    thread_local! {
        static MEMORY: std::cell::RefCell<Vec<Block>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    VERIFICATIONS.with(|count| count.set(count.get() + 1));
    let unreadable = |error: &dyn std::fmt::Display| anyhow::anyhow!("stored hash unreadable: {error}");
    let parsed = PasswordHash::new(stored).map_err(|e| unreadable(&e))?;
    let (Some(salt), Some(expected)) = (&parsed.salt, &parsed.hash) else {
        return Err(unreadable(&"no salt or no hash").into());
    };
    let algorithm = Algorithm::try_from(parsed.algorithm.as_str()).map_err(|e| unreadable(&e))?;
    let version = Version::try_from(parsed.version.unwrap_or(Version::V0x13.into())).map_err(|e| unreadable(&e))?;
    let params = Params::try_from(&parsed).map_err(|e| unreadable(&e))?;
    let blocks = params.block_count();
    let argon2 = Argon2::new(algorithm, version, params);
    let mut computed = [0u8; Output::MAX_LENGTH];
    let computed = &mut computed[..expected.len()];
    MEMORY
        .with_borrow_mut(|memory| {
            memory.resize(blocks, Block::new());
            argon2.hash_password_into_with_memory(
                password.expose().as_bytes(),
                salt.as_ref(),
                computed,
                &mut memory[..blocks],
            )
        })
        .map_err(|e| anyhow::anyhow!("argon2 verify: {e}"))?;
    // `Output`'s equality is constant-time.
    Ok(Output::new(computed).map_err(|e| unreadable(&e))? == *expected)
}

thread_local! {
    /// Verifications run on this thread: the hashing pool adds up its threads' counts, so that
    /// whether a sign-in ran one can be seen without timing it.
    static VERIFICATIONS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Password verifications run on the calling thread so far.
pub(crate) fn verifications_on_this_thread() -> u64 {
    VERIFICATIONS.with(std::cell::Cell::get)
}

/// Does the same work as a real verification, for an account that does not exist, so that the
/// response time does not tell whether an email is registered.
pub fn verify_against_dummy(password: &Password) -> Result<(), CoreError> {
    static DUMMY: OnceLock<HashedPassword> = OnceLock::new();
    let dummy = match DUMMY.get() {
        Some(hash) => hash,
        None => {
            let hash = hash_password(&Password::unchecked("an unguessable placeholder password"))?;
            DUMMY.get_or_init(|| hash)
        }
    };
    verify_password(password, dummy.as_str()).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_with_pinned_parameters_and_verifies() {
        let password = Password::unchecked("violet kettle marches sideways");
        let hash = hash_password(&password).unwrap().as_str().to_owned();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(verify_password(&password, &hash).unwrap());
        assert!(!verify_password(&Password::unchecked("wrong"), &hash).unwrap());
        // Again on the same thread, whose argon2 memory now holds the last computation.
        assert!(verify_password(&password, &hash).unwrap());
    }

    #[test]
    fn verifies_hashes_made_by_the_library_with_other_parameters() {
        // Hashes stored under older or stronger parameters keep working: the stored string says
        // how to verify it.
        let password = Password::unchecked("violet kettle marches sideways");
        for (m, t, p) in [(8_192, 3, 1), (19_456, 2, 1), (4_096, 1, 2)] {
            let params = Params::new(m, t, p, None).unwrap();
            let hash = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
                .hash_password(password.expose().as_bytes())
                .unwrap()
                .to_string();
            assert!(verify_password(&password, &hash).unwrap(), "{hash}");
            assert!(!verify_password(&Password::unchecked("violet kettle marches sideway"), &hash).unwrap());
        }
        let argon2i = Argon2::new(Algorithm::Argon2i, Version::V0x13, Params::new(8_192, 2, 1, None).unwrap())
            .hash_password(password.expose().as_bytes())
            .unwrap()
            .to_string();
        assert!(verify_password(&password, &argon2i).unwrap());
    }

    #[test]
    fn an_unreadable_stored_hash_is_an_error_not_a_mismatch() {
        let password = Password::unchecked("violet kettle marches sideways");
        assert!(verify_password(&password, "not a hash").is_err());
        assert!(verify_password(&password, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ").is_err());
    }
}
