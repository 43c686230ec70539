//! A work in an exhibitor's catalogue: a film, series, documentary, animation, short or format,
//! with the rights the company has available by territory and media.

use super::document::{self, check_choice, check_languages, check_lines, check_optional_line, check_optional_url};
use super::{ExhibitorId, LocalizedText, PavilionId, WorkId};
use crate::error::{CoreError, FieldError, Violations};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

pub const WORK_KINDS: &[&str] = &["feature", "series", "documentary", "animation", "short", "format"];
pub const PRODUCTION_STATUSES: &[&str] = &["development", "production", "post_production", "completed"];
pub const GENRES: &[&str] = &[
    "action",
    "adventure",
    "biography",
    "comedy",
    "costume",
    "crime",
    "documentary",
    "drama",
    "family",
    "fantasy",
    "food",
    "history",
    "horror",
    "kids",
    "music",
    "mystery",
    "nature",
    "romance",
    "science_fiction",
    "sports",
    "suspense",
    "thriller",
    "travel",
    "urban",
    "war",
    "wuxia",
    "youth",
];
/// The media rights are sold for.
pub const MEDIA: &[&str] = &[
    "theatrical",
    "non_theatrical",
    "free_tv",
    "pay_tv",
    "svod",
    "avod",
    "tvod",
    "home_video",
    "airline",
    "remake",
    "format",
];
/// Named regions accepted as territories beside ISO 3166-1 alpha-2 country codes. A territory
/// filter matches a right for that exact code or for `WW`.
pub const REGIONS: &[&str] =
    &["WW", "ASIA", "EUROPE", "NORTH_AMERICA", "LATIN_AMERICA", "MENA", "AFRICA", "OCEANIA", "GREATER_CHINA"];

/// The catalogue entry as a client sends and reads it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkDetails {
    pub title: LocalizedText,
    /// The title in its original language, as released.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_title: Option<String>,
    /// `feature`, `series`, `documentary`, `animation`, `short` or `format`.
    pub kind: String,
    #[serde(default)]
    pub genres: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Running time of a film, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime_minutes: Option<u32>,
    /// Number of episodes of a series.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub episodes: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub episode_minutes: Option<u32>,
    /// `development`, `production`, `post_production` or `completed`.
    pub production_status: String,
    #[serde(default, skip_serializing_if = "LocalizedText::is_empty")]
    pub synopsis: LocalizedText,
    #[serde(default)]
    pub directors: Vec<String>,
    #[serde(default)]
    pub cast: Vec<String>,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trailer_url: Option<String>,
    /// Set by the poster upload; read-only here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poster: Option<String>,
    /// Festival selections and awards, e.g. "Shanghai IFF 2026, Golden Goblet nominee".
    #[serde(default)]
    pub festivals: Vec<String>,
    /// Rights available, by territory and media.
    #[serde(default)]
    pub rights: Vec<Rights>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Rights {
    /// ISO 3166-1 alpha-2 (`FR`) or a named region: `WW`, `ASIA`, `EUROPE`, `NORTH_AMERICA`,
    /// `LATIN_AMERICA`, `MENA`, `AFRICA`, `OCEANIA`, `GREATER_CHINA`.
    pub territory: String,
    /// From `theatrical`, `non_theatrical`, `free_tv`, `pay_tv`, `svod`, `avod`, `tvod`,
    /// `home_video`, `airline`, `remake`, `format`.
    pub media: Vec<String>,
}

const TITLE_MAX: usize = 300;
const TEXT_MAX: usize = 5000;

impl WorkDetails {
    pub fn from_json(value: Value) -> Result<Self, CoreError> {
        if value.get("poster").is_some() {
            return Err(CoreError::invalid("poster", "read_only", "upload a poster to …/poster instead"));
        }
        document::from_json::<Self>(value)?.validated()
    }

    pub fn patched(&self, patch: &Value) -> Result<Self, CoreError> {
        // `"poster": null` removes the poster; a new one only comes through its upload.
        if patch.get("poster").is_some_and(|poster| !poster.is_null()) {
            return Err(CoreError::invalid("poster", "read_only", "upload a poster to …/poster instead"));
        }
        let current = serde_json::to_value(self).map_err(|e| CoreError::Internal(e.into()))?;
        document::from_json::<Self>(document::merge_patch(current, patch)?)?.validated()
    }

    fn validated(self) -> Result<Self, CoreError> {
        let mut errors = Violations::new();
        let title = errors.check(self.title.clean_line("title", TITLE_MAX, true)).unwrap_or_default();
        let synopsis = errors.check(self.synopsis.clean("synopsis", TEXT_MAX, false)).unwrap_or_default();
        let original_title = check_optional_line(&mut errors, "original_title", self.original_title, TITLE_MAX);
        let kind = check_choice(&mut errors, "kind", Some(self.kind), WORK_KINDS).unwrap_or_default();
        let production_status =
            check_choice(&mut errors, "production_status", Some(self.production_status), PRODUCTION_STATUSES)
                .unwrap_or_default();
        let genres = document::check_vocabulary(&mut errors, "genres", &self.genres, GENRES);
        // From the first film to a far-off planned release; a range check needs no clock.
        if let Some(year) = self.year
            && !(1888..=2100).contains(&year)
        {
            errors.push(FieldError::new("year", "out_of_range", "must be between 1888 and 2100"));
        }
        for (field, value, max) in [
            ("runtime_minutes", self.runtime_minutes, 1000),
            ("episodes", self.episodes, 10_000),
            ("episode_minutes", self.episode_minutes, 600),
        ] {
            if value.is_some_and(|v| v == 0 || v > max) {
                errors.push(FieldError::new(field, "out_of_range", format!("must be between 1 and {max}")));
            }
        }
        let directors = check_lines(&mut errors, "directors", self.directors, 20, 200);
        let cast = check_lines(&mut errors, "cast", self.cast, 50, 200);
        let festivals = check_lines(&mut errors, "festivals", self.festivals, 50, 300);
        let languages = check_languages(&mut errors, "languages", &self.languages);
        let trailer_url = check_optional_url(&mut errors, "trailer_url", self.trailer_url);
        if self.rights.len() > 300 {
            errors.push(FieldError::new("rights", "too_many", "at most 300 entries"));
        }
        let rights = self
            .rights
            .into_iter()
            .take(300)
            .enumerate()
            .map(|(index, rights)| {
                let field = format!("rights[{index}]");
                let territory = rights.territory.trim().to_ascii_uppercase();
                if !is_territory(&territory) {
                    errors.push(FieldError::new(
                        format!("{field}.territory"),
                        "unknown_territory",
                        "must be an ISO 3166-1 alpha-2 code or one of WW, ASIA, EUROPE, NORTH_AMERICA, \
                         LATIN_AMERICA, MENA, AFRICA, OCEANIA, GREATER_CHINA",
                    ));
                }
                if rights.media.is_empty() {
                    errors.push(FieldError::new(format!("{field}.media"), "required", "name at least one medium"));
                }
                let media = document::check_vocabulary(&mut errors, &format!("{field}.media"), &rights.media, MEDIA);
                Rights { territory, media }
            })
            .collect();
        errors.into_result()?;
        Ok(Self {
            title,
            original_title,
            kind,
            genres,
            year: self.year,
            runtime_minutes: self.runtime_minutes,
            episodes: self.episodes,
            episode_minutes: self.episode_minutes,
            production_status,
            synopsis,
            directors,
            cast,
            languages,
            trailer_url,
            poster: self.poster,
            festivals,
            rights,
        })
    }

    /// The texts a search looks in: titles, original title, synopsis and credits.
    fn searchable(&self) -> impl Iterator<Item = &str> {
        self.title
            .all()
            .chain(self.original_title.as_deref())
            .chain(self.synopsis.all())
            .chain(self.directors.iter().map(String::as_str))
            .chain(self.cast.iter().map(String::as_str))
    }

    /// The searchable texts in every language, lower-cased.
    pub fn search_text(&self) -> String {
        document::search_text(self.searchable())
    }

    /// The CJK character pairs of the searchable texts (see [`document::cjk_bigrams`]).
    pub fn search_bigrams(&self) -> String {
        document::cjk_bigrams(self.searchable())
    }

    /// The territories with any right available.
    pub fn territories(&self) -> Vec<&str> {
        let mut territories: Vec<&str> = self.rights.iter().map(|r| r.territory.as_str()).collect();
        territories.sort_unstable();
        territories.dedup();
        territories
    }
}

fn is_territory(code: &str) -> bool {
    REGIONS.contains(&code) || (code.len() == 2 && isocountry::CountryCode::for_alpha2(code).is_ok())
}

/// Whether `code` is a territory a search may filter on.
pub fn parse_territory(field: &str, raw: &str) -> Result<String, CoreError> {
    let code = raw.trim().to_ascii_uppercase();
    if is_territory(&code) {
        Ok(code)
    } else {
        Err(CoreError::invalid(field, "unknown_territory", "must be an ISO 3166-1 alpha-2 code or a named region"))
    }
}

/// A stored work.
#[derive(Debug, Clone)]
pub struct Work {
    pub id: WorkId,
    pub pavilion_id: PavilionId,
    pub exhibitor_id: ExhibitorId,
    pub details: WorkDetails,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A published work as the directory lists it.
#[derive(Debug, Clone)]
pub struct PublishedWork {
    pub id: WorkId,
    pub pavilion_id: PavilionId,
    pub exhibitor_id: ExhibitorId,
    pub details: WorkDetails,
    pub published_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn validates_rights_and_vocabularies_with_paths() {
        let Err(CoreError::Validation(errors)) = WorkDetails::from_json(json!({
            "title": {"zh-Hans": "西湖之恋"},
            "kind": "feature",
            "production_status": "completed",
            "genres": ["romance", "telenovela"],
            "rights": [{"territory": "fr", "media": ["svod"]}, {"territory": "XX", "media": ["radio"]}],
            "year": 1700,
        })) else {
            panic!("expected errors")
        };
        let fields: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            fields,
            vec![
                ("genres[1]", "unknown_value"),
                ("year", "out_of_range"),
                ("rights[1].territory", "unknown_territory"),
                ("rights[1].media[0]", "unknown_value"),
            ]
        );
    }

    #[test]
    fn territory_codes_are_normalised() {
        let work = WorkDetails::from_json(json!({
            "title": {"en": "Love at West Lake"}, "kind": "feature", "production_status": "completed",
            "rights": [{"territory": "fr", "media": ["svod"]}, {"territory": "ww", "media": ["airline"]}],
        }))
        .unwrap();
        assert_eq!(work.territories(), vec!["FR", "WW"]);
        assert!(work.search_text().contains("love at west lake"));
    }
}
