use crate::error::CoreError;
use serde::Serialize;
use std::fmt;

/// A syntactically valid address, trimmed and lower-cased so that uniqueness checks agree with
/// what people mean.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, CoreError> {
        Self::parse_field("email", raw)
    }

    pub fn parse_field(field: &str, raw: &str) -> Result<Self, CoreError> {
        let value = raw.trim().to_lowercase();
        let options = email_address::Options::default().without_display_text();
        let valid = value.len() <= 254
            && !value.chars().any(|c| c.is_whitespace() || c.is_control())
            && email_address::EmailAddress::parse_with_options(&value, options).is_ok();
        if !valid {
            return Err(CoreError::invalid(
                field,
                "invalid_email",
                "must be an email address such as name@example.com",
            ));
        }
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::EmailAddress;

    #[test]
    fn normalises_and_refuses_header_injection() {
        assert_eq!(EmailAddress::parse("  Ann@Example.COM ").unwrap().as_str(), "ann@example.com");
        for bad in ["", "ann", "ann@", "@x.com", "a b@x.com", "ann@x.com\r\nBcc: eve@x.com", "Ann <ann@x.com>"] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?}");
        }
    }
}
