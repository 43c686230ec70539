use crate::error::CoreError;
use secrecy::{ExposeSecret, SecretString};

/// A password that passed the policy: 12–128 characters, no composition rules, and not guessable
/// (zxcvbn's estimate, which knows common passwords, names and keyboard patterns, must reach
/// "safely unguessable" = score 3).
pub struct Password(SecretString);

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 128;

impl Password {
    /// `context` holds words the user is known by (email, name): a password built from them is weak.
    pub fn parse(raw: &str, context: &[&str]) -> Result<Self, CoreError> {
        let chars = raw.chars().count();
        if chars < MIN_CHARS {
            return Err(CoreError::invalid(
                "password",
                "password_too_short",
                format!("must be at least {MIN_CHARS} characters"),
            ));
        }
        if chars > MAX_CHARS {
            return Err(CoreError::invalid(
                "password",
                "password_too_long",
                format!("must be at most {MAX_CHARS} characters"),
            ));
        }
        let estimate = zxcvbn::zxcvbn(raw, context);
        if (estimate.score() as u8) < 3 {
            let hint = estimate
                .feedback()
                .and_then(|feedback| feedback.warning().map(|warning| warning.to_string()))
                .unwrap_or_else(|| "it is too easy to guess".into());
            return Err(CoreError::invalid(
                "password",
                "password_too_weak",
                format!("choose a less guessable password: {hint}. A few unrelated words make a good one"),
            ));
        }
        Ok(Self(SecretString::from(raw)))
    }

    /// Wraps a password given at login: it is checked against the stored hash, not the policy.
    pub fn unchecked(raw: &str) -> Self {
        Self(SecretString::from(raw))
    }

    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

#[cfg(test)]
mod tests {
    use super::Password;

    #[test]
    fn length_and_guessability() {
        assert!(Password::parse("short", &[]).is_err());
        assert!(Password::parse(&"a".repeat(129), &[]).is_err());
        assert!(Password::parse("password1234", &[]).is_err(), "a common password");
        assert!(Password::parse("qwertyuiopasdf", &[]).is_err(), "a keyboard walk");
        assert!(
            Password::parse("hangzhoupavilion", &["hangzhou", "pavilion"]).is_err(),
            "built from the user's own words"
        );
        assert!(Password::parse("violet kettle marches sideways", &[]).is_ok());
    }
}
