use crate::error::CoreError;
use serde::{Deserialize, Serialize};

/// The three locales of every public text and every email.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Locale {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-Hans")]
    ZhHans,
    #[serde(rename = "zh-Hant")]
    ZhHant,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::En, Locale::ZhHans, Locale::ZhHant];

    pub fn as_str(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::ZhHans => "zh-Hans",
            Locale::ZhHant => "zh-Hant",
        }
    }

    pub fn parse(field: &str, raw: &str) -> Result<Self, CoreError> {
        Self::ALL
            .into_iter()
            .find(|locale| locale.as_str() == raw)
            .ok_or_else(|| CoreError::invalid(field, "invalid_locale", "must be one of en, zh-Hans, zh-Hant"))
    }
}

/// A text in up to three languages; readers fall back to whichever is filled.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LocalizedText {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub en: Option<String>,
    #[serde(rename = "zh-Hans", skip_serializing_if = "Option::is_none", default)]
    pub zh_hans: Option<String>,
    #[serde(rename = "zh-Hant", skip_serializing_if = "Option::is_none", default)]
    pub zh_hant: Option<String>,
}

/// Read from an object only. serde's derive would also take an array and fill the languages by
/// position (`["x", null]` as English "x"), which no client means.
impl<'de> Deserialize<'de> for LocalizedText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Translations {
            #[serde(default)]
            en: Option<String>,
            #[serde(rename = "zh-Hans", default)]
            zh_hans: Option<String>,
            #[serde(rename = "zh-Hant", default)]
            zh_hant: Option<String>,
        }
        struct ObjectOnly;
        impl<'de> serde::de::Visitor<'de> for ObjectOnly {
            type Value = LocalizedText;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of translations keyed en, zh-Hans and zh-Hant")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<LocalizedText, A::Error> {
                let Translations { en, zh_hans, zh_hant } =
                    Translations::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(LocalizedText { en, zh_hans, zh_hant })
            }
        }
        deserializer.deserialize_map(ObjectOnly)
    }
}

impl LocalizedText {
    /// Trims each translation, drops empty ones and checks lengths; multi-line text (a
    /// description, a synopsis). `required` means at least one language must remain.
    pub fn clean(self, field: &str, max_chars: usize, required: bool) -> Result<Self, CoreError> {
        self.clean_with(super::clean_text, field, max_chars, required)
    }

    /// As [`Self::clean`], for a name or a title: each translation one line (`clean_line`).
    pub fn clean_line(self, field: &str, max_chars: usize, required: bool) -> Result<Self, CoreError> {
        self.clean_with(super::clean_line, field, max_chars, required)
    }

    fn clean_with(
        self,
        clean_one: fn(&str, &str, usize) -> Result<String, CoreError>,
        field: &str,
        max_chars: usize,
        required: bool,
    ) -> Result<Self, CoreError> {
        let mut errors = crate::error::Violations::new();
        let mut clean = |lang: &str, value: Option<String>| -> Option<String> {
            let value = value?;
            let field = format!("{field}.{lang}");
            errors.check(clean_one(&field, &value, max_chars)).filter(|v| !v.is_empty())
        };
        let text = Self {
            en: clean("en", self.en),
            zh_hans: clean("zh-Hans", self.zh_hans),
            zh_hant: clean("zh-Hant", self.zh_hant),
        };
        errors.into_result()?;
        if required && text.is_empty() {
            return Err(CoreError::invalid(field, "required", "needs a text in at least one of en, zh-Hans, zh-Hant"));
        }
        Ok(text)
    }

    pub fn is_empty(&self) -> bool {
        self.en.is_none() && self.zh_hans.is_none() && self.zh_hant.is_none()
    }

    /// The text in `locale` only, without falling back.
    pub fn get_exact(&self, locale: Locale) -> Option<&str> {
        match locale {
            Locale::En => self.en.as_deref(),
            Locale::ZhHans => self.zh_hans.as_deref(),
            Locale::ZhHant => self.zh_hant.as_deref(),
        }
    }

    /// The text in `locale`, else in the nearest filled language.
    pub fn get(&self, locale: Locale) -> Option<&str> {
        self.pick(locale).map(|(_, text)| text)
    }

    /// As [`Self::get`], with the language the text is in: Chinese falls back to the other
    /// script before English, English to Simplified Chinese.
    pub fn pick(&self, locale: Locale) -> Option<(Locale, &str)> {
        let order: [(Locale, &Option<String>); 3] = match locale {
            Locale::En => [(Locale::En, &self.en), (Locale::ZhHans, &self.zh_hans), (Locale::ZhHant, &self.zh_hant)],
            Locale::ZhHans => {
                [(Locale::ZhHans, &self.zh_hans), (Locale::ZhHant, &self.zh_hant), (Locale::En, &self.en)]
            }
            Locale::ZhHant => {
                [(Locale::ZhHant, &self.zh_hant), (Locale::ZhHans, &self.zh_hans), (Locale::En, &self.en)]
            }
        };
        order.into_iter().find_map(|(locale, text)| text.as_deref().map(|text| (locale, text)))
    }

    /// Every filled translation.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        [&self.en, &self.zh_hans, &self.zh_hant].into_iter().flatten().map(String::as_str)
    }

    /// Whether every one of the three languages is filled.
    pub fn is_complete(&self) -> bool {
        self.all().count() == 3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_whichever_is_filled() {
        let text = LocalizedText { zh_hans: Some("杭州".into()), ..Default::default() };
        assert_eq!(text.get(Locale::En), Some("杭州"));
        assert_eq!(text.get(Locale::ZhHant), Some("杭州"));
    }

    #[test]
    fn clean_drops_blank_translations_and_requires_one() {
        let text = LocalizedText { en: Some("  ".into()), ..Default::default() };
        assert!(text.clone().clean("name", 10, true).is_err());
        assert_eq!(text.clean("name", 10, false).unwrap(), LocalizedText::default());
        let long = LocalizedText { en: Some("x".repeat(11)), ..Default::default() };
        let Err(CoreError::Validation(errors)) = long.clean("name", 10, true) else { panic!() };
        assert_eq!(errors[0].field, "name.en");
    }
}
