//! Interface text in three languages, from the Fluent catalogs in `api/locales/`, compiled into
//! the binary.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use pavilion_core::domain::Locale;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

fluent_templates::static_loader! {
    static CATALOGS = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around values: they would show up in the HTML.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

fn language(locale: Locale) -> &'static LanguageIdentifier {
    static IDS: OnceLock<[LanguageIdentifier; 3]> = OnceLock::new();
    let ids = IDS.get_or_init(|| {
        ["en", "zh-Hans", "zh-Hant"].map(|id| id.parse().unwrap_or_else(|_| LanguageIdentifier::default()))
    });
    match locale {
        Locale::En => &ids[0],
        Locale::ZhHans => &ids[1],
        Locale::ZhHant => &ids[2],
    }
}

/// The languages the catalogs have names for (`language-{code}`), offered as choices: in the
/// directory's filter and the editors' checkboxes.
pub const NAMED_LANGUAGES: [&str; 19] = [
    "en", "zh", "yue", "ja", "ko", "fr", "de", "es", "pt", "it", "ru", "ar", "hi", "th", "vi", "id", "ms", "nan", "wuu",
];

/// The interface text of one page, in its language.
#[derive(Debug, Clone, Copy)]
pub struct Text(pub Locale);

impl Text {
    pub fn get(&self, key: &str) -> String {
        CATALOGS.lookup(language(self.0), key)
    }

    /// A language a company or a work uses, in words when the catalog has them (`language-yue`),
    /// else its code.
    pub fn language(&self, code: &str) -> String {
        CATALOGS.try_lookup(language(self.0), &format!("language-{code}")).unwrap_or_else(|| code.to_owned())
    }

    /// Languages in words, comma-separated.
    pub fn languages(&self, codes: &[String]) -> String {
        codes.iter().map(|code| self.language(code)).collect::<Vec<_>>().join(", ")
    }

    /// A message with arguments: `with("work-by", &[("company", name)])`.
    pub fn with(&self, key: &str, args: &[(&'static str, &str)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> =
            args.iter().map(|(name, value)| (Cow::Borrowed(*name), FluentValue::from(*value))).collect();
        CATALOGS.lookup_with_args(language(self.0), key, &args)
    }

    /// A message with a number (`count-works`), plural rules of the language applied.
    pub fn count(&self, key: &str, name: &'static str, count: i64) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> =
            HashMap::from([(Cow::Borrowed(name), FluentValue::from(count))]);
        CATALOGS.lookup_with_args(language(self.0), key, &args)
    }
}

/// A role in words.
pub fn role_name(t: &Text, role: pavilion_core::domain::Role) -> String {
    t.get(&format!("role-{}", role.as_str()))
}

/// "Try again in 2 minutes", in words a person reads: seconds under two minutes, then minutes.
pub fn wait_message(t: &Text, seconds: i64) -> String {
    if seconds < 120 {
        t.count("rate-limited-seconds", "count", seconds.max(1))
    } else {
        t.count("rate-limited-minutes", "count", (seconds + 59) / 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pavilion_core::domain::{CompanyType, Genre, Medium, ProductionStatus, Region, Role, Vocabulary, WorkKind};
    use std::collections::BTreeSet;

    fn keys(locale: &str) -> BTreeSet<String> {
        let path = format!("{}/locales/{locale}/main.ftl", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        text.lines()
            .filter(|line| line.starts_with(|c: char| c.is_ascii_alphabetic()))
            .filter_map(|line| line.split_once(" =").map(|(key, _)| key.trim().to_owned()))
            .collect()
    }

    #[test]
    fn every_key_exists_in_every_language() {
        let english = keys("en");
        assert!(english.len() > 100, "read the catalog: {}", english.len());
        for locale in ["zh-Hans", "zh-Hant"] {
            let other = keys(locale);
            let missing: Vec<_> = english.difference(&other).collect();
            let extra: Vec<_> = other.difference(&english).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{locale}: missing {missing:?}, not in en {extra:?}");
        }
    }

    #[test]
    fn every_value_of_every_vocabulary_and_every_built_key_has_words() {
        let english = keys("en");
        let mut wanted = Vec::new();
        wanted.extend(WorkKind::NAMES.iter().map(|name| format!("kind-{name}")));
        wanted.extend(ProductionStatus::NAMES.iter().map(|name| format!("status-{name}")));
        wanted.extend(Genre::NAMES.iter().map(|name| format!("genre-{name}")));
        wanted.extend(Medium::NAMES.iter().map(|name| format!("medium-{name}")));
        wanted.extend(Region::NAMES.iter().map(|name| format!("region-{name}")));
        wanted.extend(CompanyType::NAMES.iter().map(|name| format!("company-type-{name}")));
        wanted.extend(
            [Role::Organiser, Role::PavilionAdmin, Role::Exhibitor].map(|role| format!("role-{}", role.as_str())),
        );
        wanted.extend(["session-kind-browser".to_owned(), "session-kind-api".to_owned()]);
        for link in [
            "invitation-used",
            "invitation-revoked",
            "invitation-expired",
            "invitation-has-account",
            "invitation-unknown",
            "reset-used",
            "reset-replaced",
            "reset-expired",
            "reset-unknown",
        ] {
            wanted.extend([format!("link-{link}-title"), format!("link-{link}-text")]);
        }
        let missing: Vec<_> = wanted.iter().filter(|key| !english.contains(*key)).collect();
        assert!(missing.is_empty(), "no words for {missing:?}");
    }

    /// Every key a page or a template names literally (`t.get("…")`, `t.with("…"`, `t.count("…"`).
    fn keys_used() -> BTreeSet<(String, String)> {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut files = Vec::new();
        let mut folders: Vec<std::path::PathBuf> =
            ["src/pages", "templates"].map(|f| format!("{root}/{f}").into()).into();
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() { folders.push(path) } else { files.push(path) }
            }
        }
        let mut used = BTreeSet::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for call in ["t.get(\"", "t.with(\"", "t.count(\""] {
                for (start, _) in text.match_indices(call) {
                    let rest = &text[start + call.len()..];
                    let key: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
                    if rest[key.len()..].starts_with('"') {
                        used.insert((key, file.file_name().unwrap().to_string_lossy().into_owned()));
                    }
                }
            }
        }
        used
    }

    #[test]
    fn every_key_the_pages_name_is_in_the_catalogs() {
        let english = keys("en");
        let used = keys_used();
        assert!(used.len() > 100, "read the pages: {}", used.len());
        let missing: Vec<_> = used.iter().filter(|(key, _)| !english.contains(key)).collect();
        assert!(missing.is_empty(), "keys without words: {missing:?}");
    }

    #[test]
    fn messages_resolve_with_their_arguments_and_plurals() {
        assert_eq!(Text(Locale::En).count("count-works", "count", 1), "1 work");
        assert_eq!(Text(Locale::En).count("count-works", "count", 3), "3 works");
        assert_eq!(Text(Locale::ZhHant).count("count-works", "count", 3), "3 部作品");
        assert_eq!(Text(Locale::ZhHans).with("work-by", &[("company", "西湖影业")]), "出品：西湖影业");
    }
}
