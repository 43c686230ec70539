//! Domain types, parsed at the boundary: once a value of one of these types exists, it is valid.
//! No diesel, no actix, no lettre here.

pub mod document;
mod email;
mod exhibitor;
mod ids;
mod localized;
mod password;
mod pavilion;
mod slug;
mod user;
mod work;

pub use email::EmailAddress;
pub use exhibitor::{COMPANY_TYPES, Completeness, Contact, Exhibitor, ExhibitorProfile, ExhibitorStatus};
pub use ids::{ExhibitorId, InvitationId, MessageId, PavilionId, SessionId, UserId, WorkId};
pub use localized::{Locale, LocalizedText};
pub use password::Password;
pub use pavilion::{BrandColor, NewPavilion, Pavilion, PavilionChanges, PavilionStatus, PavilionSummary};
pub use slug::Slug;
pub use user::{Role, User};
pub use work::{GENRES, MEDIA, PRODUCTION_STATUSES, REGIONS, Rights, WORK_KINDS, Work, WorkDetails, parse_territory};

use crate::error::CoreError;

/// Text typed by anyone, made safe to store and show as it was typed: each control character
/// becomes U+FFFD (the replacement character).
pub fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { char::REPLACEMENT_CHARACTER } else { c }).collect()
}

/// Trims a free-text field and checks its length in characters.
pub fn clean_text(field: &str, value: &str, max_chars: usize) -> Result<String, CoreError> {
    let value = value.trim();
    if value.chars().count() > max_chars {
        return Err(CoreError::invalid(field, "too_long", format!("must be at most {max_chars} characters")));
    }
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(CoreError::invalid(field, "invalid_characters", "must not contain control characters"));
    }
    Ok(value.to_owned())
}

/// A single-line text: like [`clean_text`], and no line breaks (safe in an email header).
pub fn clean_line(field: &str, value: &str, max_chars: usize) -> Result<String, CoreError> {
    let value = clean_text(field, value, max_chars)?;
    if value.contains(['\n', '\r', '\t']) {
        return Err(CoreError::invalid(field, "invalid_characters", "must be a single line"));
    }
    Ok(value)
}
