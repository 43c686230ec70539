//! A work in an exhibitor's catalogue: a film, series, documentary, animation, short or format,
//! with the rights the company has available by territory and media.

use super::document::{self, check_languages, check_lines, check_optional_line, check_optional_url};
use super::vocabulary::{
    Genre, Medium, ProductionStatus, Region, Territory, Vocabulary, WorkKind, check_choice, check_vocabulary,
};
use super::{ExhibitorId, LocalizedText, PavilionId, UploadKey, WorkId};
use crate::error::{CoreError, FieldError, Violations};
use chrono::{DateTime, Utc};

pub const WORK_KINDS: &[&str] = WorkKind::NAMES;
pub const PRODUCTION_STATUSES: &[&str] = ProductionStatus::NAMES;
pub const GENRES: &[&str] = Genre::NAMES;
pub const MEDIA: &[&str] = Medium::NAMES;
pub const REGIONS: &[&str] = Region::NAMES;

/// A catalogue entry as someone typed it, before anything is checked: what a request body or a
/// form gives (the wire's field names are the API's business, see `api::dto::work`).
#[derive(Debug, Clone, Default)]
pub struct WorkInput {
    pub title: LocalizedText,
    pub original_title: Option<String>,
    pub kind: String,
    pub genres: Vec<String>,
    pub year: Option<i32>,
    pub runtime_minutes: Option<u32>,
    pub episodes: Option<u32>,
    pub episode_minutes: Option<u32>,
    pub production_status: String,
    pub synopsis: LocalizedText,
    pub directors: Vec<String>,
    pub cast: Vec<String>,
    pub languages: Vec<String>,
    pub trailer_url: Option<String>,
    pub festivals: Vec<String>,
    pub rights: Vec<RightsInput>,
}

#[derive(Debug, Clone, Default)]
pub struct RightsInput {
    pub territory: String,
    pub media: Vec<String>,
}

/// A catalogue entry, checked: every text clean, every code a value of its vocabulary.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkDetails {
    pub title: LocalizedText,
    /// The title in its original language, as released.
    pub original_title: Option<String>,
    pub kind: WorkKind,
    pub genres: Vec<Genre>,
    pub year: Option<i32>,
    /// Running time of a film, in minutes.
    pub runtime_minutes: Option<u32>,
    /// Number of episodes of a series.
    pub episodes: Option<u32>,
    pub episode_minutes: Option<u32>,
    pub production_status: ProductionStatus,
    pub synopsis: LocalizedText,
    pub directors: Vec<String>,
    pub cast: Vec<String>,
    pub languages: Vec<String>,
    pub trailer_url: Option<String>,
    /// The stored poster, set only by its upload.
    pub poster: Option<UploadKey>,
    /// Festival selections and awards, e.g. "Shanghai IFF 2026, Golden Goblet nominee".
    pub festivals: Vec<String>,
    /// Rights available, by territory and media.
    pub rights: Vec<Rights>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rights {
    pub territory: Territory,
    pub media: Vec<Medium>,
}

const TITLE_MAX: usize = 300;
const TEXT_MAX: usize = 5000;

impl WorkDetails {
    /// Checks what someone typed, reporting every problem at once by field (`rights[2].media`).
    /// The poster is not typed: it stays what it was (`None` for a new work).
    pub fn parse(input: WorkInput, poster: Option<UploadKey>) -> Result<Self, CoreError> {
        let mut errors = Violations::new();
        let title = errors.check(input.title.clean_line("title", TITLE_MAX, true)).unwrap_or_default();
        let synopsis = errors.check(input.synopsis.clean("synopsis", TEXT_MAX, false)).unwrap_or_default();
        let original_title = check_optional_line(&mut errors, "original_title", input.original_title, TITLE_MAX);
        let kind = check_choice::<WorkKind>(&mut errors, "kind", Some(&input.kind));
        let production_status =
            check_choice::<ProductionStatus>(&mut errors, "production_status", Some(&input.production_status));
        let genres = check_vocabulary(&mut errors, "genres", &input.genres);
        // From the first film to a far-off planned release; a range check needs no clock.
        if let Some(year) = input.year
            && !(1888..=2100).contains(&year)
        {
            errors.push(FieldError::new("year", "out_of_range", "must be between 1888 and 2100"));
        }
        for (field, value, max) in [
            ("runtime_minutes", input.runtime_minutes, 1000),
            ("episodes", input.episodes, 10_000),
            ("episode_minutes", input.episode_minutes, 600),
        ] {
            if value.is_some_and(|v| v == 0 || v > max) {
                errors.push(FieldError::new(field, "out_of_range", format!("must be between 1 and {max}")));
            }
        }
        let directors = check_lines(&mut errors, "directors", input.directors, 20, 200);
        let cast = check_lines(&mut errors, "cast", input.cast, 50, 200);
        let festivals = check_lines(&mut errors, "festivals", input.festivals, 50, 300);
        let languages = check_languages(&mut errors, "languages", &input.languages);
        let trailer_url = check_optional_url(&mut errors, "trailer_url", input.trailer_url);
        if input.rights.len() > 300 {
            errors.push(FieldError::new("rights", "too_many", "at most 300 entries"));
        }
        let rights = input
            .rights
            .into_iter()
            .take(300)
            .enumerate()
            .filter_map(|(index, rights)| {
                let field = format!("rights[{index}]");
                let territory = Territory::from_code(&rights.territory);
                if territory.is_none() {
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
                let media = check_vocabulary(&mut errors, &format!("{field}.media"), &rights.media);
                Some(Rights { territory: territory?, media })
            })
            .collect();
        errors.into_result()?;
        let (Some(kind), Some(production_status)) = (kind, production_status) else {
            return Err(CoreError::Internal(anyhow::anyhow!("checked choices missing")));
        };
        Ok(Self {
            title,
            original_title,
            kind,
            genres,
            year: input.year,
            runtime_minutes: input.runtime_minutes,
            episodes: input.episodes,
            episode_minutes: input.episode_minutes,
            production_status,
            synopsis,
            directors,
            cast,
            languages,
            trailer_url,
            poster,
            festivals,
            rights,
        })
    }

    /// The work as it would be typed again: what an edit starts from.
    pub fn to_input(&self) -> WorkInput {
        WorkInput {
            title: self.title.clone(),
            original_title: self.original_title.clone(),
            kind: self.kind.as_str().to_owned(),
            genres: self.genres.iter().map(|genre| genre.as_str().to_owned()).collect(),
            year: self.year,
            runtime_minutes: self.runtime_minutes,
            episodes: self.episodes,
            episode_minutes: self.episode_minutes,
            production_status: self.production_status.as_str().to_owned(),
            synopsis: self.synopsis.clone(),
            directors: self.directors.clone(),
            cast: self.cast.clone(),
            languages: self.languages.clone(),
            trailer_url: self.trailer_url.clone(),
            festivals: self.festivals.clone(),
            rights: self
                .rights
                .iter()
                .map(|rights| RightsInput {
                    territory: rights.territory.code().to_owned(),
                    media: rights.media.iter().map(|medium| medium.as_str().to_owned()).collect(),
                })
                .collect(),
        }
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

    /// The territories with any right available, each once.
    pub fn territories(&self) -> Vec<Territory> {
        let mut territories: Vec<Territory> = Vec::new();
        for rights in &self.rights {
            if !territories.contains(&rights.territory) {
                territories.push(rights.territory);
            }
        }
        territories.sort_by_key(|territory| territory.code());
        territories
    }
}

/// A territory a search may filter on.
pub fn parse_territory(field: &str, raw: &str) -> Result<Territory, CoreError> {
    Territory::from_code(raw).ok_or_else(|| {
        CoreError::invalid(field, "unknown_territory", "must be an ISO 3166-1 alpha-2 code or a named region")
    })
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

    fn input(kind: &str) -> WorkInput {
        let title = LocalizedText { en: Some("Love at West Lake".into()), ..Default::default() };
        WorkInput { title, kind: kind.into(), production_status: "completed".into(), ..Default::default() }
    }

    #[test]
    fn validates_rights_and_vocabularies_with_paths() {
        let work = WorkInput {
            genres: vec!["romance".into(), "telenovela".into()],
            rights: vec![
                RightsInput { territory: "fr".into(), media: vec!["svod".into()] },
                RightsInput { territory: "XX".into(), media: vec!["radio".into()] },
            ],
            year: Some(1700),
            ..input("feature")
        };
        let Err(CoreError::Validation(errors)) = WorkDetails::parse(work, None) else { panic!("expected errors") };
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
    fn territory_codes_are_normalised_and_an_input_round_trips() {
        let work = WorkInput {
            rights: vec![
                RightsInput { territory: "fr".into(), media: vec!["svod".into()] },
                RightsInput { territory: "ww".into(), media: vec!["airline".into()] },
            ],
            ..input("feature")
        };
        let work = WorkDetails::parse(work, None).unwrap();
        assert_eq!(work.territories().into_iter().map(Territory::code).collect::<Vec<_>>(), vec!["FR", "WW"]);
        assert!(work.search_text().contains("love at west lake"));
        assert_eq!(WorkDetails::parse(work.to_input(), None).unwrap(), work);
    }
}
