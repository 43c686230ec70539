use crate::error::CoreError;
use serde::Serialize;
use std::fmt;

/// A pavilion's URL name: `[a-z0-9-]{2,40}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    pub fn parse(raw: &str) -> Result<Self, CoreError> {
        let valid_chars = raw.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !(2..=40).contains(&raw.len()) || !valid_chars {
            return Err(CoreError::invalid(
                "slug",
                "invalid_slug",
                "must be 2 to 40 characters of lowercase letters a-z, digits and hyphens",
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Slug;

    #[test]
    fn accepts_the_documented_alphabet_and_lengths() {
        for ok in ["hz", "hangzhou", "jiang-su-2026", &"a".repeat(40)] {
            assert!(Slug::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", "h", "Hangzhou", "hang zhou", "杭州", "a_b", &"a".repeat(41), "hz/..", "hz\n"] {
            assert!(Slug::parse(bad).is_err(), "{bad:?}");
        }
    }
}
