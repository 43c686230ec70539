//! Exhibitor profiles and works are documents: a client sends the whole document on create and
//! an RFC 7396 merge patch on update, and the merged result is validated as a whole. That way a
//! patch can never leave a document that a create would refuse. Here: reading a JSON document
//! into a typed shape with errors at their paths, merging a patch, and the checks that profile
//! and work fields share.

use crate::error::{CoreError, FieldError};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Deserializes a document, reporting a type error at its JSON path (`rights[2].media`).
pub fn from_json<T: DeserializeOwned>(value: Value) -> Result<T, CoreError> {
    if !value.is_object() {
        return Err(CoreError::invalid("", "invalid_type", "the body must be a JSON object"));
    }
    serde_path_to_error::deserialize(value).map_err(|error| {
        let field = error.path().to_string();
        let field = if field == "." { String::new() } else { field };
        let message = error.inner().to_string();
        // serde's own wording, minus the position (always 0:0 for a value already parsed).
        let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
        let code = if message.starts_with("unknown field") { "unknown_field" } else { "invalid_type" };
        CoreError::Validation(vec![FieldError::new(field, code, message)])
    })
}

/// Applies a merge patch (RFC 7396) to a stored document: present keys replace, `null` removes,
/// objects merge (so `{"name": {"zh-Hans": "…"}}` adds one translation and keeps the others).
pub fn merge_patch(mut document: Value, patch: &Value) -> Result<Value, CoreError> {
    if !patch.is_object() {
        return Err(CoreError::invalid("", "invalid_type", "the body must be a JSON object"));
    }
    json_patch::merge(&mut document, patch);
    Ok(document)
}

/// Language codes: ISO 639 (`en`, `zh`, `yue`), optionally with a region or script (`zh-Hant`).
pub fn check_languages(errors: &mut crate::error::Violations, field: &str, values: &[String]) -> Vec<String> {
    let mut clean: Vec<String> = Vec::new();
    for (index, value) in values.iter().enumerate() {
        let mut parts = value.split('-');
        let primary = parts.next().unwrap_or_default();
        let valid = (2..=3).contains(&primary.len())
            && primary.bytes().all(|b| b.is_ascii_lowercase())
            && parts.all(|part| (2..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric()));
        if !valid {
            errors.push(FieldError::new(
                format!("{field}[{index}]"),
                "invalid_language",
                "must be an ISO 639 language code such as en, zh or yue",
            ));
        } else if !clean.contains(value) {
            clean.push(value.clone());
        }
    }
    clean
}

/// A short list of single-line texts (names of people, festivals): trimmed, empty ones dropped.
pub fn check_lines(
    errors: &mut crate::error::Violations,
    field: &str,
    values: Vec<String>,
    max_items: usize,
    max_chars: usize,
) -> Vec<String> {
    if values.len() > max_items {
        errors.push(FieldError::new(field, "too_many", format!("at most {max_items} entries")));
        return Vec::new();
    }
    values
        .into_iter()
        .enumerate()
        .filter_map(|(index, value)| errors.check(super::clean_line(&format!("{field}[{index}]"), &value, max_chars)))
        .filter(|value| !value.is_empty())
        .collect()
}

/// An optional single line; empty means absent.
pub fn check_optional_line(
    errors: &mut crate::error::Violations,
    field: &str,
    value: Option<String>,
    max_chars: usize,
) -> Option<String> {
    value.and_then(|value| errors.check(super::clean_line(field, &value, max_chars))).filter(|v| !v.is_empty())
}

/// An optional absolute http(s) URL.
pub fn check_optional_url(errors: &mut crate::error::Violations, field: &str, value: Option<String>) -> Option<String> {
    let value = check_optional_line(errors, field, value, 2000)?;
    if is_http_url(&value) {
        Some(value)
    } else {
        errors.push(FieldError::new(field, "invalid_url", "must be an http:// or https:// URL"));
        None
    }
}

/// An absolute http(s) URL with a host and no spaces.
pub fn is_http_url(value: &str) -> bool {
    let Some(rest) = value.strip_prefix("https://").or_else(|| value.strip_prefix("http://")) else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty() && !value.chars().any(char::is_whitespace)
}

/// Lower-cased text for search: every language of every given text, one space apart.
pub fn search_text<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut text = String::new();
    for part in parts {
        if !part.is_empty() {
            text.push(' ');
            text.push_str(&part.to_lowercase());
        }
    }
    text.push(' ');
    text
}

/// Whether a character belongs to a script written without spaces between words (Han, kana,
/// Hangul), where a search word is matched as a substring.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x20000..=0x2FA1F) // CJK Extensions B–F, compatibility supplement
}

/// The character pairs of every run of CJK characters in `text`, space-separated with a space
/// at both ends: `" 西湖 湖之 之恋 "`. A two-character search is then a whole-token match,
/// `LIKE '% 西湖 %'`, which PostgreSQL's trigram index can answer (a bare two-character
/// substring has no trigram). Longer searches use the plain text.
pub fn cjk_bigrams<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = String::from(" ");
    for part in parts {
        let chars: Vec<char> = part.chars().collect();
        for pair in chars.windows(2) {
            if is_cjk(pair[0]) && is_cjk(pair[1]) {
                let bigram: String = pair.iter().collect();
                if seen.insert(bigram.clone()) {
                    out.push_str(&bigram);
                    out.push(' ');
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_cover_every_pair_of_chinese_characters_once() {
        assert_eq!(cjk_bigrams(["西湖之恋", "Love at West Lake", "重返西湖"]), " 西湖 湖之 之恋 重返 返西 ");
        assert_eq!(cjk_bigrams(["茶", "tea"]), " ");
        assert!(is_cjk('戀') && is_cjk('の') && !is_cjk('a') && !is_cjk('，'));
    }
}
