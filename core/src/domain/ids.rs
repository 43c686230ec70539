//! Ids are UUIDs in their canonical text form. One that comes from outside (a path, a request
//! body) is parsed here first: a malformed id names nothing, so it is "not found", and no odd
//! byte of it ever reaches a query.

use crate::error::CoreError;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// Whether `raw` is a UUID as this server writes them: lowercase, hyphenated.
fn is_canonical_uuid(raw: &str) -> bool {
    uuid::Uuid::try_parse(raw).is_ok_and(|uuid| uuid.hyphenated().to_string() == raw)
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $entity:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

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

        impl $name {
            /// A new time-ordered id (UUIDv7), so ids sort roughly by creation.
            pub fn generate() -> Self {
                Self(uuid::Uuid::now_v7().to_string())
            }

            /// Wraps an id read back from storage or a token; not a validation.
            pub fn from_trusted(raw: String) -> Self {
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

id_type!(
    /// A pavilion (tenant).
    PavilionId,
    "pavilion"
);
id_type!(
    /// A user account, organiser or pavilion member.
    UserId,
    "user"
);
id_type!(
    /// One login; holds the rotating refresh token.
    SessionId,
    "session"
);
id_type!(
    /// An exhibitor company inside one pavilion.
    ExhibitorId,
    "exhibitor"
);
id_type!(
    /// One entry of an exhibitor's catalogue.
    WorkId,
    "work"
);
id_type!(
    /// An invitation link (its row, not its secret token).
    InvitationId,
    "invitation"
);
id_type!(
    /// A message of the outbox.
    MessageId,
    "message"
);

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
