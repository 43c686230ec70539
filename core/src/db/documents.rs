//! How profiles and works are kept: JSON text in their rows, in storage shapes of their own,
//! versioned. The API's field names and the domain's types can change without touching stored
//! rows; a change of what is stored adds a version here, read beside the old ones.
//!
//! Version 1 is the shape every document has had from the start; documents written before the
//! version field existed carry none and are read as version 1.

use crate::domain::{
    CompanyType, Contact, ExhibitorProfile, Genre, LocalizedText, Medium, ProductionStatus, Rights, Territory,
    UploadKey, Vocabulary, WorkDetails, WorkKind,
};
use crate::error::CoreError;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

const CURRENT: u32 = 1;

fn version_one() -> u32 {
    1
}

fn corrupt(column: &str, error: impl std::fmt::Display) -> CoreError {
    CoreError::Internal(anyhow::anyhow!("{column} holds an invalid document: {error}"))
}

fn to_text<T: Serialize>(document: &T) -> Result<String, CoreError> {
    serde_json::to_string(document).map_err(|e| CoreError::Internal(e.into()))
}

/// The stored document in `text`, with its version.
fn read<T: DeserializeOwned>(column: &str, text: &str) -> Result<(u32, T), CoreError> {
    let value: Value = serde_json::from_str(text).map_err(|e| corrupt(column, e))?;
    let version = match value.get("v") {
        None => version_one(),
        Some(v) => v.as_u64().and_then(|v| u32::try_from(v).ok()).ok_or_else(|| corrupt(column, "bad version"))?,
    };
    Ok((version, serde_json::from_value(value).map_err(|e| corrupt(column, e))?))
}

fn known<T: Vocabulary>(column: &str, name: &str) -> Result<T, CoreError> {
    T::from_name(name).ok_or_else(|| corrupt(column, format!("unknown value `{name}`")))
}

#[derive(Serialize, Deserialize)]
struct ProfileV1 {
    #[serde(default = "version_one")]
    v: u32,
    name: LocalizedText,
    #[serde(default, skip_serializing_if = "LocalizedText::is_empty")]
    description: LocalizedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    company_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    website: Option<String>,
    #[serde(default, skip_serializing_if = "LocalizedText::is_empty")]
    city: LocalizedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    booth: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    logo: Option<String>,
    #[serde(default)]
    contacts: Vec<ContactV1>,
    #[serde(default)]
    languages: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct ContactV1 {
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
    #[serde(default)]
    public: bool,
}

pub(crate) fn profile_to_text(profile: &ExhibitorProfile) -> Result<String, CoreError> {
    to_text(&ProfileV1 {
        v: CURRENT,
        name: profile.name.clone(),
        description: profile.description.clone(),
        company_type: profile.company_type.map(|kind| kind.as_str().to_owned()),
        website: profile.website.clone(),
        city: profile.city.clone(),
        booth: profile.booth.clone(),
        logo: profile.logo.as_ref().map(|key| key.as_str().to_owned()),
        contacts: profile
            .contacts
            .iter()
            .map(|contact| ContactV1 {
                name: contact.name.clone(),
                title: contact.title.clone(),
                email: contact.email.clone(),
                phone: contact.phone.clone(),
                public: contact.public,
            })
            .collect(),
        languages: profile.languages.clone(),
    })
}

pub(crate) fn profile_from_text(column: &str, text: &str) -> Result<ExhibitorProfile, CoreError> {
    let (version, stored): (u32, ProfileV1) = read(column, text)?;
    if version != 1 {
        return Err(corrupt(column, format!("unknown version {version}")));
    }
    Ok(ExhibitorProfile {
        name: stored.name,
        description: stored.description,
        company_type: stored.company_type.map(|name| known::<CompanyType>(column, &name)).transpose()?,
        website: stored.website,
        city: stored.city,
        booth: stored.booth,
        logo: stored.logo.map(UploadKey::new),
        contacts: stored
            .contacts
            .into_iter()
            .map(|contact| Contact {
                name: contact.name,
                title: contact.title,
                email: contact.email,
                phone: contact.phone,
                public: contact.public,
            })
            .collect(),
        languages: stored.languages,
    })
}

#[derive(Serialize, Deserialize)]
struct WorkV1 {
    #[serde(default = "version_one")]
    v: u32,
    title: LocalizedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    original_title: Option<String>,
    kind: String,
    #[serde(default)]
    genres: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    runtime_minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    episodes: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    episode_minutes: Option<u32>,
    production_status: String,
    #[serde(default, skip_serializing_if = "LocalizedText::is_empty")]
    synopsis: LocalizedText,
    #[serde(default)]
    directors: Vec<String>,
    #[serde(default)]
    cast: Vec<String>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    trailer_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    poster: Option<String>,
    #[serde(default)]
    festivals: Vec<String>,
    #[serde(default)]
    rights: Vec<RightsV1>,
}

#[derive(Serialize, Deserialize)]
struct RightsV1 {
    territory: String,
    media: Vec<String>,
}

pub(crate) fn work_to_text(work: &WorkDetails) -> Result<String, CoreError> {
    to_text(&WorkV1 {
        v: CURRENT,
        title: work.title.clone(),
        original_title: work.original_title.clone(),
        kind: work.kind.as_str().to_owned(),
        genres: work.genres.iter().map(|genre| genre.as_str().to_owned()).collect(),
        year: work.year,
        runtime_minutes: work.runtime_minutes,
        episodes: work.episodes,
        episode_minutes: work.episode_minutes,
        production_status: work.production_status.as_str().to_owned(),
        synopsis: work.synopsis.clone(),
        directors: work.directors.clone(),
        cast: work.cast.clone(),
        languages: work.languages.clone(),
        trailer_url: work.trailer_url.clone(),
        poster: work.poster.as_ref().map(|key| key.as_str().to_owned()),
        festivals: work.festivals.clone(),
        rights: work
            .rights
            .iter()
            .map(|rights| RightsV1 {
                territory: rights.territory.code().to_owned(),
                media: rights.media.iter().map(|medium| medium.as_str().to_owned()).collect(),
            })
            .collect(),
    })
}

pub(crate) fn work_from_text(column: &str, text: &str) -> Result<WorkDetails, CoreError> {
    let (version, stored): (u32, WorkV1) = read(column, text)?;
    if version != 1 {
        return Err(corrupt(column, format!("unknown version {version}")));
    }
    let names = |names: Vec<String>| -> Result<Vec<Genre>, CoreError> {
        names.iter().map(|name| known::<Genre>(column, name)).collect()
    };
    Ok(WorkDetails {
        title: stored.title,
        original_title: stored.original_title,
        kind: known::<WorkKind>(column, &stored.kind)?,
        genres: names(stored.genres)?,
        year: stored.year,
        runtime_minutes: stored.runtime_minutes,
        episodes: stored.episodes,
        episode_minutes: stored.episode_minutes,
        production_status: known::<ProductionStatus>(column, &stored.production_status)?,
        synopsis: stored.synopsis,
        directors: stored.directors,
        cast: stored.cast,
        languages: stored.languages,
        trailer_url: stored.trailer_url,
        poster: stored.poster.map(UploadKey::new),
        festivals: stored.festivals,
        rights: stored
            .rights
            .into_iter()
            .map(|rights| {
                Ok(Rights {
                    territory: Territory::from_code(&rights.territory)
                        .ok_or_else(|| corrupt(column, format!("unknown territory `{}`", rights.territory)))?,
                    media: rights.media.iter().map(|name| known::<Medium>(column, name)).collect::<Result<_, _>>()?,
                })
            })
            .collect::<Result<_, CoreError>>()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_without_a_version_is_read_as_version_one_and_written_with_it() {
        let legacy = r#"{"title":{"en":"Love at West Lake"},"kind":"feature","genres":["romance"],
            "production_status":"completed","poster":"pavilions/p/exhibitors/e/works/w/poster-1.png",
            "rights":[{"territory":"FR","media":["svod"]}]}"#;
        let work = work_from_text("works.data", legacy).unwrap();
        assert_eq!((work.kind, work.genres.clone()), (WorkKind::Feature, vec![Genre::Romance]));
        let written = work_to_text(&work).unwrap();
        assert!(written.starts_with(r#"{"v":1,"#), "{written}");
        assert_eq!(work_from_text("works.data", &written).unwrap(), work);
        let profile = profile_from_text("p", r#"{"name":{"en":"A"},"company_type":"vfx","contacts":[]}"#).unwrap();
        assert_eq!(profile.company_type, Some(CompanyType::Vfx));
        assert_eq!(profile_from_text("p", &profile_to_text(&profile).unwrap()).unwrap(), profile);
    }

    #[test]
    fn an_unknown_version_or_value_is_a_corrupt_row_not_a_guess() {
        assert!(work_from_text("w", r#"{"v":2,"title":{},"kind":"feature","production_status":"completed"}"#).is_err());
        assert!(work_from_text("w", r#"{"title":{},"kind":"telenovela","production_status":"completed"}"#).is_err());
    }
}
