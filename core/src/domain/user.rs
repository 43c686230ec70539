use super::{EmailAddress, ExhibitorId, Locale, PavilionId, UserId};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Oversees the whole market; belongs to no pavilion.
    Organiser,
    /// Runs one pavilion.
    PavilionAdmin,
    /// Keeps one company's profile in one pavilion.
    Exhibitor,
    /// A professional who buys works (a distributor, a broadcaster, a platform): belongs to the
    /// whole market, like the organiser, but holds none of its powers. Every pavilion's and the
    /// organiser's routes refuse it.
    Buyer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Organiser => "organiser",
            Role::PavilionAdmin => "pavilion_admin",
            Role::Exhibitor => "exhibitor",
            Role::Buyer => "buyer",
        }
    }

    pub fn from_stored(raw: &str) -> Option<Self> {
        [Role::Organiser, Role::PavilionAdmin, Role::Exhibitor, Role::Buyer]
            .into_iter()
            .find(|role| role.as_str() == raw)
    }
}

/// Who holds a session: an API client (an access token and a refresh token) or a browser (one
/// opaque cookie). A credential of one kind never opens a session of the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    Api,
    Browser,
}

impl SessionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Api => "api",
            Self::Browser => "browser",
        }
    }

    pub fn from_stored(raw: &str) -> Option<Self> {
        [Self::Api, Self::Browser].into_iter().find(|kind| kind.as_str() == raw)
    }
}

#[derive(Debug, Clone)]
pub struct User {
    pub id: UserId,
    pub pavilion_id: Option<PavilionId>,
    pub email: EmailAddress,
    pub name: String,
    pub role: Role,
    /// The company of an exhibitor account; `None` for every other role.
    pub exhibitor_id: Option<ExhibitorId>,
    pub locale: Locale,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}
