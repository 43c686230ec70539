//! Domain types, parsed at the boundary: once a value of one of these types exists, it is valid.
//! No diesel, no actix, no lettre here.

mod audit;
mod buyer;
pub mod document;
mod email;
mod exhibitor;
mod ids;
mod invitation;
mod localized;
pub mod password;
mod pavilion;
mod slug;
mod upload;
mod user;
pub mod vocabulary;
mod work;

pub use audit::AuditEvent;
pub use buyer::{BuyerProfile, BuyerProfileInput, BuyerStatus, BuyerType};
pub use email::EmailAddress;
pub use exhibitor::{
    COMPANY_TYPES, Completeness, Contact, ContactInput, Exhibitor, ExhibitorFilter, ExhibitorProfile, ExhibitorStatus,
    ProfileInput, PublishedExhibitor,
};
pub use ids::{ExhibitorId, InvitationId, MessageId, PavilionId, SessionId, UserId, WorkId};
pub use invitation::Invitation;
pub use localized::{Locale, LocalizedText};
pub use password::Password;
pub use pavilion::{
    BrandColor, NewPavilion, Pavilion, PavilionChanges, PavilionStatus, PavilionSummary, ReminderDays,
    SecondFactorRequired, TimeZone,
};
pub use slug::Slug;
pub use upload::UploadKey;
pub use user::{Role, SessionKind, User};
pub use vocabulary::{CompanyType, Genre, Medium, ProductionStatus, Region, Territory, Vocabulary, WorkKind};
pub use work::{
    GENRES, MEDIA, PRODUCTION_STATUSES, PublishedWork, REGIONS, Rights, RightsInput, WORK_KINDS, Work, WorkDetails,
    WorkInput, parse_territory,
};

use crate::error::CoreError;

/// Text typed by anyone, made safe to store and show as it was typed: each control character
/// becomes U+FFFD (the replacement character).
pub fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { char::REPLACEMENT_CHARACTER } else { c }).collect()
}

/// Trims a free-text field, normalises it to NFC (so equal text is stored as equal bytes, however
/// it was typed) and stores line breaks as LF (browsers send a textarea's with CRLF); then checks
/// its length in characters and that it holds no other control character.
pub fn clean_text(field: &str, value: &str, max_chars: usize) -> Result<String, CoreError> {
    use unicode_normalization::UnicodeNormalization;
    let value: String = value.replace("\r\n", "\n").replace('\r', "\n").nfc().collect();
    let value = value.trim();
    if value.chars().count() > max_chars {
        return Err(CoreError::invalid(field, "too_long", format!("must be at most {max_chars} characters")));
    }
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(CoreError::invalid(field, "invalid_characters", "must not contain control characters"));
    }
    Ok(value.to_owned())
}

/// A single-line text: like [`clean_text`], with no line breaks (safe in an email header) and
/// nothing that hides or reorders what a reader sees: no bidirectional controls (a right-to-left
/// override turns `gnp.exe` into `exe.png` on screen) and no zero-width characters.
pub fn clean_line(field: &str, value: &str, max_chars: usize) -> Result<String, CoreError> {
    let value = clean_text(field, value, max_chars)?;
    if value.contains(['\n', '\r', '\t']) {
        return Err(CoreError::invalid(field, "invalid_characters", "must be a single line"));
    }
    if value.chars().any(is_invisible_control) {
        return Err(CoreError::invalid(
            field,
            "invalid_characters",
            "must not contain invisible formatting characters (direction overrides, zero-width spaces)",
        ));
    }
    Ok(value)
}

/// Characters that change how text around them is shown without showing themselves.
fn is_invisible_control(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' // zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
        | '\u{202A}'..='\u{202E}' // bidirectional embeddings and overrides
        | '\u{2060}'..='\u{2064}' // word joiner and invisible operators
        | '\u{2066}'..='\u{2069}' // bidirectional isolates
        | '\u{061C}' // Arabic letter mark
        | '\u{FEFF}' // zero-width no-break space (byte-order mark)
    )
}

/// A name shown as an email's sender (`"Hangzhou Pavilion" <no-reply@…>`): a single line with
/// nothing that looks like an address, so that no admin can make mail seem to come from
/// someone else.
pub fn clean_sender_name(field: &str, value: &str, max_chars: usize) -> Result<String, CoreError> {
    let value = clean_line(field, value, max_chars)?;
    if value.contains(['<', '>', '@', '"', '\u{FF1C}', '\u{FF1E}', '\u{FF20}', '\u{FF02}']) {
        return Err(CoreError::invalid(field, "invalid_characters", "must not contain <, >, @ or quotation marks"));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_normalised_and_line_breaks_are_lf() {
        assert_eq!(clean_text("f", "  one\r\ntwo\rthree ", 100).unwrap(), "one\ntwo\nthree");
        assert_eq!(clean_text("f", "Cafe\u{301}", 100).unwrap(), "Caf\u{E9}", "NFC");
        assert!(clean_text("f", "a\u{0}b", 100).is_err());
    }

    #[test]
    fn single_lines_refuse_invisible_formatting() {
        for sneaky in ["West Lake\u{202E}gnp.exe", "a\u{200B}b", "\u{2067}x\u{2069}", "a\u{FEFF}", "a\nb"] {
            assert!(clean_line("name", sneaky, 100).is_err(), "{sneaky:?}");
        }
        assert_eq!(clean_line("name", "西湖影业 · Xi'an", 100).unwrap(), "西湖影业 · Xi'an");
    }

    #[test]
    fn sender_names_hold_no_address() {
        for fake in ["Bank <security@bank.example>", "a@b", "\"Organiser\"", "Bank ＜x＞"] {
            assert!(clean_sender_name("sender_name", fake, 100).is_err(), "{fake}");
        }
        assert!(clean_sender_name("sender_name", "Xi'an Pavilion, FILMART", 100).is_ok());
    }
}
