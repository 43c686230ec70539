//! Ids are UUIDs in their canonical text form. One that comes from outside (a path, a request
//! body) is parsed here first: a malformed id names nothing, so it is "not found", and no odd
//! byte of it ever reaches a query.
//!
//! A pavilion is a tenant: code outside `core` can never make a `PavilionId` from a string, so
//! no request field can be turned into a tenant without going through the policy. This does not
//! compile:
//!
//! ```compile_fail
//! let tenant = pavilion_core::domain::PavilionId::from_trusted("someone-elses".to_owned());
//! ```
//!
//! and neither does this:
//!
//! ```compile_fail
//! let tenant: pavilion_core::domain::PavilionId = serde_json::from_str("\"0190c0de-0000-7000-8000-000000000000\"").unwrap();
//! ```

use crate::error::CoreError;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// Whether `raw` is a UUID as this server writes them: lowercase, hyphenated.
fn is_canonical_uuid(raw: &str) -> bool {
    uuid::Uuid::try_parse(raw).is_ok_and(|uuid| uuid.hyphenated().to_string() == raw)
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// A new time-ordered id (UUIDv7), so ids sort roughly by creation.
            pub fn generate() -> Self {
                Self(uuid::Uuid::now_v7().to_string())
            }

            /// Wraps an id read back from storage or a token; not a validation, so only `core`
            /// may do it.
            #[allow(dead_code, reason = "invitation and message rows still carry their ids as text")]
            pub(crate) fn from_trusted(raw: String) -> Self {
                Self(raw)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

/// An id a request may name (in its path or body): parsed at the boundary, where a malformed one
/// is `NotFound`. A pavilion is never named by id from outside (only by its slug, which the
/// tenancy check resolves), so `PavilionId` has none of this.
macro_rules! parsed_from_requests {
    ($name:ident, $entity:literal) => {
        impl $name {
            /// Parses an id from outside; a malformed one is `NotFound`, as if it did not exist.
            pub fn parse(raw: &str) -> Result<Self, CoreError> {
                if is_canonical_uuid(raw) { Ok(Self(raw.to_owned())) } else { Err(CoreError::NotFound($entity)) }
            }
        }

        /// Deserializing parses: a path or body field that is no id is refused at the boundary.
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = String::deserialize(deserializer)?;
                Self::parse(&raw).map_err(|_| serde::de::Error::custom(concat!("No such ", $entity)))
            }
        }
    };
}

id_type!(
    /// A pavilion (tenant).
    PavilionId
);
id_type!(
    /// A user account, organiser or pavilion member.
    UserId
);
parsed_from_requests!(UserId, "user");
id_type!(
    /// One login; holds the rotating refresh token.
    SessionId
);
parsed_from_requests!(SessionId, "session");
id_type!(
    /// An exhibitor company inside one pavilion.
    ExhibitorId
);
parsed_from_requests!(ExhibitorId, "exhibitor");
id_type!(
    /// One entry of an exhibitor's catalogue.
    WorkId
);
parsed_from_requests!(WorkId, "work");
id_type!(
    /// An invitation link (its row, not its secret token).
    InvitationId
);
parsed_from_requests!(InvitationId, "invitation");
id_type!(
    /// A message of the outbox.
    MessageId
);
parsed_from_requests!(MessageId, "message");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_canonical_uuids_are_ids() {
        let id = WorkId::generate();
        assert_eq!(WorkId::parse(id.as_str()).unwrap(), id);
        for bad in ["", "\0", "1", "x".repeat(36).as_str(), &id.as_str().to_uppercase(), &id.as_str().replace('-', "")]
        {
            assert!(matches!(WorkId::parse(bad), Err(CoreError::NotFound("work"))), "{bad:?}");
        }
        assert!(serde_json::from_str::<WorkId>("\"\\u0000\"").is_err());
    }
}
