//! The fixed vocabularies of profiles and works: kinds, genres, production statuses, media,
//! territories, company types. Each is an enum, parsed once where text comes in (a request, a
//! stored document, a search filter); inside, nothing compares strings. Their names are the
//! codes clients send and read, and what storage keeps.

use crate::error::{CoreError, FieldError, Violations};

/// A closed list of named values.
pub trait Vocabulary: Sized + Copy + PartialEq + 'static {
    /// Every name, in the documented order.
    const NAMES: &'static [&'static str];

    fn from_name(name: &str) -> Option<Self>;

    fn as_str(self) -> &'static str;

    /// The value `raw` names, or a field error listing the names.
    fn parse(field: &str, raw: &str) -> Result<Self, CoreError> {
        Self::from_name(raw).ok_or_else(|| {
            CoreError::invalid(field, "unknown_value", format!("must be one of {}", Self::NAMES.join(", ")))
        })
    }
}

macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $text:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($variant,)+
        }

        impl Vocabulary for $name {
            const NAMES: &'static [&'static str] = &[$($text,)+];

            fn from_name(name: &str) -> Option<Self> {
                match name {
                    $($text => Some(Self::$variant),)+
                    _ => None,
                }
            }

            fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)+
                }
            }
        }
    };
}

pub(crate) use vocabulary;

vocabulary! {
    /// What kind of work a catalogue entry is.
    WorkKind {
        Feature = "feature",
        Series = "series",
        Documentary = "documentary",
        Animation = "animation",
        Short = "short",
        Format = "format",
    }
}

vocabulary! {
    /// How far a work is from release.
    ProductionStatus {
        Development = "development",
        Production = "production",
        PostProduction = "post_production",
        Completed = "completed",
    }
}

vocabulary! {
    Genre {
        Action = "action",
        Adventure = "adventure",
        Biography = "biography",
        Comedy = "comedy",
        Costume = "costume",
        Crime = "crime",
        Documentary = "documentary",
        Drama = "drama",
        Family = "family",
        Fantasy = "fantasy",
        Food = "food",
        History = "history",
        Horror = "horror",
        Kids = "kids",
        Music = "music",
        Mystery = "mystery",
        Nature = "nature",
        Romance = "romance",
        ScienceFiction = "science_fiction",
        Sports = "sports",
        Suspense = "suspense",
        Thriller = "thriller",
        Travel = "travel",
        Urban = "urban",
        War = "war",
        Wuxia = "wuxia",
        Youth = "youth",
    }
}

vocabulary! {
    /// The media rights are sold for.
    Medium {
        Theatrical = "theatrical",
        NonTheatrical = "non_theatrical",
        FreeTv = "free_tv",
        PayTv = "pay_tv",
        Svod = "svod",
        Avod = "avod",
        Tvod = "tvod",
        HomeVideo = "home_video",
        Airline = "airline",
        Remake = "remake",
        Format = "format",
    }
}

vocabulary! {
    /// Named regions accepted as territories beside countries. A territory filter matches a right
    /// for that exact territory or for the whole world.
    Region {
        Worldwide = "WW",
        Asia = "ASIA",
        Europe = "EUROPE",
        NorthAmerica = "NORTH_AMERICA",
        LatinAmerica = "LATIN_AMERICA",
        Mena = "MENA",
        Africa = "AFRICA",
        Oceania = "OCEANIA",
        GreaterChina = "GREATER_CHINA",
    }
}

vocabulary! {
    /// What a company does, so the directory can filter on it.
    CompanyType {
        Production = "production",
        Distribution = "distribution",
        SalesAgent = "sales_agent",
        PostProduction = "post_production",
        Animation = "animation",
        Streaming = "streaming",
        Broadcaster = "broadcaster",
        Vfx = "vfx",
        Other = "other",
    }
}

impl Region {
    /// The countries a named region stands for (ISO 3166-1 alpha-2), by the United Nations'
    /// M49 groupings the trade uses: Asia, Europe, Africa and Oceania as M49's continents,
    /// North America as "Northern America", Latin America as "Latin America and the Caribbean",
    /// MENA as North Africa with Western Asia and Iran, Greater China as China, Hong Kong, Macao
    /// and Taiwan. Worldwide stands for every country.
    pub fn countries(self) -> &'static [&'static str] {
        match self {
            Self::Worldwide => &[],
            Self::Asia => &[
                "KZ", "KG", "TJ", "TM", "UZ", "CN", "HK", "MO", "KP", "JP", "MN", "KR", "TW", "BN", "KH", "ID", "LA",
                "MY", "MM", "PH", "SG", "TH", "TL", "VN", "AF", "BD", "BT", "IN", "IR", "MV", "NP", "PK", "LK", "AM",
                "AZ", "BH", "CY", "GE", "IQ", "IL", "JO", "KW", "LB", "OM", "QA", "SA", "PS", "SY", "TR", "AE", "YE",
            ],
            Self::Europe => &[
                "BY", "BG", "CZ", "HU", "PL", "MD", "RO", "RU", "SK", "UA", "AX", "DK", "EE", "FO", "FI", "GG", "IS",
                "IE", "IM", "JE", "LV", "LT", "NO", "SJ", "SE", "GB", "AL", "AD", "BA", "HR", "GI", "GR", "VA", "IT",
                "MT", "ME", "MK", "PT", "SM", "RS", "SI", "ES", "AT", "BE", "FR", "DE", "LI", "LU", "MC", "NL", "CH",
            ],
            Self::Africa => &[
                "DZ", "EG", "LY", "MA", "SD", "TN", "EH", "IO", "BI", "KM", "DJ", "ER", "ET", "TF", "KE", "MG", "MW",
                "MU", "YT", "MZ", "RE", "RW", "SC", "SO", "SS", "UG", "TZ", "ZM", "ZW", "AO", "CM", "CF", "TD", "CG",
                "CD", "GQ", "GA", "ST", "BW", "SZ", "LS", "NA", "ZA", "BJ", "BF", "CV", "CI", "GM", "GH", "GN", "GW",
                "LR", "ML", "MR", "NE", "NG", "SH", "SN", "SL", "TG",
            ],
            Self::Oceania => &[
                "AU", "NZ", "NF", "HM", "CC", "CX", "FJ", "NC", "PG", "SB", "VU", "GU", "KI", "MH", "FM", "NR", "MP",
                "PW", "AS", "CK", "PF", "NU", "PN", "WS", "TK", "TO", "TV", "WF", "UM",
            ],
            Self::NorthAmerica => &["BM", "CA", "GL", "PM", "US"],
            Self::LatinAmerica => &[
                "AI", "AG", "AW", "BS", "BB", "BQ", "VG", "KY", "CU", "CW", "DM", "DO", "GD", "GP", "HT", "JM", "MQ",
                "MS", "PR", "BL", "KN", "LC", "MF", "VC", "SX", "TT", "TC", "VI", "BZ", "CR", "SV", "GT", "HN", "MX",
                "NI", "PA", "AR", "BO", "BV", "BR", "CL", "CO", "EC", "FK", "GF", "GY", "PY", "PE", "GS", "SR", "UY",
                "VE",
            ],
            Self::Mena => &[
                "DZ", "BH", "EG", "IR", "IQ", "IL", "JO", "KW", "LB", "LY", "MA", "OM", "PS", "QA", "SA", "SY", "TN",
                "AE", "YE", "EH",
            ],
            Self::GreaterChina => &["CN", "HK", "MO", "TW"],
        }
    }

    fn contains(self, country: &str) -> bool {
        self == Self::Worldwide || self.countries().contains(&country)
    }
}

/// Where rights are available: a country (ISO 3166-1 alpha-2) or a named region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Territory {
    Country(isocountry::CountryCode),
    Region(Region),
}

impl Territory {
    /// A code as clients write it, in any case and with spaces around: `fr`, ` ASIA `.
    pub fn from_code(raw: &str) -> Option<Self> {
        let code = raw.trim().to_ascii_uppercase();
        if let Some(region) = Region::from_name(&code) {
            return Some(Self::Region(region));
        }
        if code.len() == 2 {
            return isocountry::CountryCode::for_alpha2(&code).ok().map(Self::Country);
        }
        None
    }

    /// Its name in English: a country's short name, a region's code (regions have words in the
    /// interface catalogs).
    pub fn english_name(self) -> &'static str {
        match self {
            Self::Country(country) => country.name(),
            Self::Region(region) => region.as_str(),
        }
    }

    /// Every territory a person can choose: the named regions, then the countries by their
    /// English names.
    pub fn all() -> Vec<Self> {
        let mut countries: Vec<isocountry::CountryCode> = isocountry::CountryCode::iter().copied().collect();
        countries.sort_by_key(|country| country.name());
        Region::NAMES
            .iter()
            .filter_map(|name| Region::from_name(name))
            .map(Self::Region)
            .chain(countries.into_iter().map(Self::Country))
            .collect()
    }

    /// Whether rights for this territory cover rights wanted in `wanted`: the same territory,
    /// worldwide rights, rights for a region containing a wanted country, rights for a country
    /// of a wanted region, or rights for a region sharing a country with it. Worldwide wanted is
    /// the whole world at once: only worldwide rights cover it.
    pub fn covers(self, wanted: Territory) -> bool {
        match (self, wanted) {
            (Self::Region(Region::Worldwide), _) => true,
            (_, Self::Region(Region::Worldwide)) => false,
            (Self::Country(held), Self::Country(wanted)) => held == wanted,
            (Self::Region(region), Self::Country(country)) => region.contains(country.alpha2()),
            (Self::Country(country), Self::Region(region)) => region.contains(country.alpha2()),
            (Self::Region(held), Self::Region(wanted)) => {
                held == wanted || held.countries().iter().any(|country| wanted.contains(country))
            }
        }
    }

    /// The codes of every territory whose rights cover `self` (see [`Territory::covers`]): what a
    /// search for rights in `self` looks for.
    pub fn covered_by(self) -> Vec<&'static str> {
        Self::all().into_iter().filter(|held| held.covers(self)).map(Self::code).collect()
    }

    /// The code: `FR`, `WW`, `GREATER_CHINA`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Country(country) => country.alpha2(),
            Self::Region(region) => region.as_str(),
        }
    }
}

/// One value from a vocabulary, when given.
pub fn check_choice<T: Vocabulary>(errors: &mut Violations, field: &str, value: Option<&str>) -> Option<T> {
    errors.check(T::parse(field, value?))
}

/// A list of values from a vocabulary, deduplicated in order; each unknown one is an error at
/// its index.
pub fn check_vocabulary<T: Vocabulary>(errors: &mut Violations, field: &str, values: &[String]) -> Vec<T> {
    let mut clean: Vec<T> = Vec::with_capacity(values.len());
    for (index, value) in values.iter().enumerate() {
        match T::from_name(value) {
            Some(known) if !clean.contains(&known) => clean.push(known),
            Some(_) => {}
            None => errors.push(FieldError::new(
                format!("{field}[{index}]"),
                "unknown_value",
                format!("must be one of {}", T::NAMES.join(", ")),
            )),
        }
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_parses_to_its_value_and_back() {
        fn round_trip<T: Vocabulary + std::fmt::Debug>() {
            for name in T::NAMES {
                assert_eq!(T::from_name(name).map(T::as_str), Some(*name));
            }
            assert!(T::from_name("nonsense").is_none());
        }
        round_trip::<WorkKind>();
        round_trip::<ProductionStatus>();
        round_trip::<Genre>();
        round_trip::<Medium>();
        round_trip::<Region>();
        round_trip::<CompanyType>();
    }

    #[test]
    fn territories_are_countries_or_named_regions() {
        assert_eq!(Territory::from_code(" fr ").map(Territory::code), Some("FR"));
        assert_eq!(Territory::from_code("greater_china").map(Territory::code), Some("GREATER_CHINA"));
        assert!(Territory::from_code("XX").is_none() && Territory::from_code("FRA").is_none());
    }
}
