//! Property tests of what parses the outside world: for any input, a parser either refuses it
//! or returns a value it would parse again to itself, and never panics.

use crate::domain::document::{cjk_bigrams, is_cjk};
use crate::domain::{EmailAddress, Locale, Slug, parse_territory};
use crate::services::Cursor;
use proptest::prelude::*;

proptest! {
    #[test]
    fn slugs_are_exactly_the_documented_alphabet(raw in "\\PC{0,45}|[a-z0-9-]{0,45}") {
        let documented = (2..=40).contains(&raw.len())
            && raw.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        match Slug::parse(&raw) {
            Ok(slug) => prop_assert!(documented && slug.as_str() == raw),
            Err(_) => prop_assert!(!documented, "{raw:?} refused"),
        }
    }

    #[test]
    fn an_email_address_parses_to_a_fixed_point(raw in "\\PC{0,30}|[A-Za-z0-9._%+-]{1,20}@[A-Za-z0-9-]{1,15}\\.[A-Za-z]{2,6}") {
        if let Ok(email) = EmailAddress::parse(&raw) {
            let again = EmailAddress::parse(email.as_str()).expect("a parsed address parses again");
            prop_assert_eq!(&again, &email);
            prop_assert_eq!(email.as_str(), email.as_str().trim().to_lowercase());
            prop_assert!(!email.as_str().chars().any(|c| c.is_whitespace() || c.is_control()));
        }
    }

    #[test]
    fn a_territory_parses_to_a_fixed_point(raw in "\\PC{0,12}|[a-zA-Z]{2}|[A-Z_]{2,14}") {
        if let Ok(territory) = parse_territory("territory", &raw) {
            let code = territory.code();
            prop_assert_eq!(parse_territory("territory", code).expect("parses again"), territory);
            prop_assert_eq!(code.to_owned(), code.to_ascii_uppercase());
        }
    }

    #[test]
    fn only_the_three_locales_parse(raw in "\\PC{0,10}|en|zh-Hans|zh-Hant|zh-hans") {
        match Locale::parse("locale", &raw) {
            Ok(locale) => prop_assert_eq!(locale.as_str(), raw.as_str()),
            Err(_) => prop_assert!(!Locale::ALL.iter().any(|l| l.as_str() == raw)),
        }
    }

    #[test]
    fn a_page_cursor_round_trips_and_a_forged_one_is_refused_cleanly(key in "[^\\p{Cc}]{0,60}", forged in "\\PC{0,40}") {
        let cursor = Cursor::encode(&key);
        let decoded = Cursor::decode(&cursor).expect("our own cursor decodes");
        prop_assert_eq!(decoded.key(), key.as_str());
        if let Ok(decoded) = Cursor::decode(&forged) {
            prop_assert!(!decoded.key().chars().any(char::is_control));
        }
    }

    #[test]
    fn a_two_character_chinese_search_finds_exactly_the_texts_that_contain_it(
        text in proptest::collection::vec(cjk_or_latin(), 0..12),
        query in proptest::collection::vec(cjk(), 2),
    ) {
        let text: String = text.into_iter().collect();
        let query: String = query.into_iter().collect();
        // The index: `LIKE '% 西湖 %'` on the bigram column. The truth: a substring search.
        let by_index = cjk_bigrams([text.as_str()]).contains(&format!(" {query} "));
        prop_assert_eq!(by_index, text.contains(&query), "text {:?}, query {:?}", text, query);
    }
}

/// A few Chinese characters, so that random texts and queries meet often.
fn cjk() -> impl Strategy<Value = char> {
    prop::sample::select(vec!['西', '湖', '之', '恋', '茶', '路'])
}

fn cjk_or_latin() -> impl Strategy<Value = char> {
    prop_oneof![cjk(), prop::sample::select(vec!['a', ' ', '-', 'Z'])].prop_map(|c| {
        debug_assert!(is_cjk(c) || c.is_ascii());
        c
    })
}
