//! Simplified ↔ Traditional Chinese. Most companies write their texts in one script and buyers
//! read the other, so an editor offers the other script's text as a suggestion, converted with
//! OpenCC's dictionaries: phrases as well as characters, with Taiwan's or Hong Kong's usage
//! (`软件` → `軟體` in Taiwan, `軟件` in Hong Kong).

use crate::domain::Locale;
use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use std::sync::OnceLock;

/// Whose Traditional Chinese a conversion writes, or reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Phrasing {
    /// Taiwan's characters and vocabulary.
    #[default]
    Taiwan,
    /// Hong Kong's characters.
    HongKong,
}

impl Phrasing {
    pub const ALL: [Self; 2] = [Self::Taiwan, Self::HongKong];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Taiwan => "tw",
            Self::HongKong => "hk",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|phrasing| phrasing.as_str() == raw)
    }
}

/// `text` (written in `from`'s script) in `to`'s script; `None` unless one is Simplified and the
/// other Traditional Chinese.
pub fn convert(text: &str, from: Locale, to: Locale, phrasing: Phrasing) -> Option<String> {
    let config = match (from, to, phrasing) {
        (Locale::ZhHans, Locale::ZhHant, Phrasing::Taiwan) => BuiltinConfig::S2twp,
        (Locale::ZhHans, Locale::ZhHant, Phrasing::HongKong) => BuiltinConfig::S2hk,
        (Locale::ZhHant, Locale::ZhHans, Phrasing::Taiwan) => BuiltinConfig::Tw2sp,
        (Locale::ZhHant, Locale::ZhHans, Phrasing::HongKong) => BuiltinConfig::Hk2s,
        _ => return None,
    };
    Some(converter(config).convert(text))
}

/// The converter of one configuration, loaded from the embedded dictionaries the first time it
/// is needed and kept for the life of the process.
fn converter(config: BuiltinConfig) -> &'static OpenCC {
    static LOADED: [OnceLock<OpenCC>; 4] = [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let slot = match config {
        BuiltinConfig::S2twp => 0,
        BuiltinConfig::S2hk => 1,
        BuiltinConfig::Tw2sp => 2,
        _ => 3,
    };
    LOADED[slot].get_or_init(|| {
        // The dictionaries are compiled into the binary: loading them cannot meet a missing file.
        OpenCC::from_config(config).unwrap_or_else(|error| panic!("embedded OpenCC dictionary {config:?}: {error}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_phrases_with_regional_usage() {
        let simplified = "这部电影的软件和网络";
        let taiwan = convert(simplified, Locale::ZhHans, Locale::ZhHant, Phrasing::Taiwan).unwrap();
        let hong_kong = convert(simplified, Locale::ZhHans, Locale::ZhHant, Phrasing::HongKong).unwrap();
        assert_eq!(taiwan, "這部電影的軟體和網路");
        assert_eq!(hong_kong, "這部電影的軟件和網絡");
        assert_eq!(convert(&taiwan, Locale::ZhHant, Locale::ZhHans, Phrasing::Taiwan).unwrap(), simplified);
    }

    #[test]
    fn converts_only_between_the_chinese_scripts() {
        assert_eq!(convert("film", Locale::En, Locale::ZhHant, Phrasing::Taiwan), None);
        assert_eq!(convert("电影", Locale::ZhHans, Locale::ZhHans, Phrasing::Taiwan), None);
    }
}
