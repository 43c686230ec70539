use chrono::{DateTime, Utc};
use pavilion_core::CoreError;
use pavilion_core::domain::document::{from_json, merge_patch};
use pavilion_core::domain::{LocalizedText, PublishedWork, RightsInput, Work, WorkDetails, WorkInput};
use pavilion_core::services::works::WorkView;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

/// A catalogue entry as clients send and read it: the whole of it to create a work, an RFC 7396
/// merge patch over it to change one. The poster is not part of it: it is uploaded to
/// `…/poster` and read back as `poster_url`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = WorkDetails)]
pub struct WorkBody {
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
    /// Festival selections and awards, e.g. "Shanghai IFF 2026, Golden Goblet nominee".
    #[serde(default)]
    pub festivals: Vec<String>,
    /// Rights available, by territory and media.
    #[serde(default)]
    pub rights: Vec<RightsBody>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = Rights)]
pub struct RightsBody {
    /// ISO 3166-1 alpha-2 (`FR`) or a named region: `WW`, `ASIA`, `EUROPE`, `NORTH_AMERICA`,
    /// `LATIN_AMERICA`, `MENA`, `AFRICA`, `OCEANIA`, `GREATER_CHINA`.
    pub territory: String,
    /// From `theatrical`, `non_theatrical`, `free_tv`, `pay_tv`, `svod`, `avod`, `tvod`,
    /// `home_video`, `airline`, `remake`, `format`.
    pub media: Vec<String>,
}

impl From<WorkInput> for WorkBody {
    fn from(input: WorkInput) -> Self {
        Self {
            title: input.title,
            original_title: input.original_title,
            kind: input.kind,
            genres: input.genres,
            year: input.year,
            runtime_minutes: input.runtime_minutes,
            episodes: input.episodes,
            episode_minutes: input.episode_minutes,
            production_status: input.production_status,
            synopsis: input.synopsis,
            directors: input.directors,
            cast: input.cast,
            languages: input.languages,
            trailer_url: input.trailer_url,
            festivals: input.festivals,
            rights: input
                .rights
                .into_iter()
                .map(|rights| RightsBody { territory: rights.territory, media: rights.media })
                .collect(),
        }
    }
}

impl From<WorkBody> for WorkInput {
    fn from(body: WorkBody) -> Self {
        Self {
            title: body.title,
            original_title: body.original_title,
            kind: body.kind,
            genres: body.genres,
            year: body.year,
            runtime_minutes: body.runtime_minutes,
            episodes: body.episodes,
            episode_minutes: body.episode_minutes,
            production_status: body.production_status,
            synopsis: body.synopsis,
            directors: body.directors,
            cast: body.cast,
            languages: body.languages,
            trailer_url: body.trailer_url,
            festivals: body.festivals,
            rights: body
                .rights
                .into_iter()
                .map(|rights| RightsInput { territory: rights.territory, media: rights.media })
                .collect(),
        }
    }
}

fn poster_is_read_only() -> CoreError {
    CoreError::invalid("poster", "read_only", "upload a poster to …/poster instead")
}

/// A new work from a request body.
pub fn parse_work(body: Value) -> Result<WorkDetails, CoreError> {
    if body.get("poster").is_some() {
        return Err(poster_is_read_only());
    }
    WorkDetails::parse(from_json::<WorkBody>(body)?.into(), None)
}

/// A work changed by a merge patch, checked as a whole. `"poster": null` removes the poster; a
/// new one only comes through its upload.
pub fn patch_work(current: &WorkDetails, patch: &Value) -> Result<WorkDetails, CoreError> {
    let poster = match patch.get("poster") {
        None => current.poster.clone(),
        Some(Value::Null) => None,
        Some(_) => return Err(poster_is_read_only()),
    };
    let body = serde_json::to_value(WorkBody::from(current.to_input())).map_err(|e| CoreError::Internal(e.into()))?;
    WorkDetails::parse(from_json::<WorkBody>(merge_patch(body, patch)?)?.into(), poster)
}

/// A work of a company's catalogue: the working copy (with `version`) for the company and its
/// pavilion, the published copy for everyone else.
#[derive(Serialize, ToSchema)]
pub struct WorkResponse {
    pub id: String,
    pub exhibitor_id: String,
    #[serde(flatten)]
    pub details: WorkBody,
    /// Where the poster is served, when there is one.
    pub poster_url: Option<String>,
    /// The version `ETag` and `If-Match` carry; working copies only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_at: Option<DateTime<Utc>>,
    /// The pavilion's slug, in directory results.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pavilion: Option<String>,
    /// Whether a poster is stored; its address needs the pavilion (see [`Self::linked`]).
    #[serde(skip)]
    has_poster: bool,
}

impl WorkResponse {
    fn new(id: String, exhibitor_id: String, details: &WorkDetails) -> Self {
        Self {
            id,
            exhibitor_id,
            details: WorkBody::from(details.to_input()),
            poster_url: None,
            version: None,
            updated_at: None,
            published_at: None,
            pavilion: None,
            has_poster: details.poster.is_some(),
        }
    }
}

impl From<Work> for WorkResponse {
    fn from(work: Work) -> Self {
        Self {
            version: Some(work.version),
            updated_at: Some(work.updated_at),
            ..Self::new(work.id.to_string(), work.exhibitor_id.to_string(), &work.details)
        }
    }
}

impl From<PublishedWork> for WorkResponse {
    fn from(work: PublishedWork) -> Self {
        Self {
            published_at: Some(work.published_at),
            ..Self::new(work.id.to_string(), work.exhibitor_id.to_string(), &work.details)
        }
    }
}

impl From<WorkView> for WorkResponse {
    fn from(view: WorkView) -> Self {
        match view {
            WorkView::Draft(work) => work.into(),
            WorkView::Published(work) => work.into(),
        }
    }
}

impl WorkResponse {
    /// Gives the poster the address it is served at, in pavilion `slug`.
    pub fn linked(mut self, slug: &str) -> Self {
        self.poster_url = self
            .has_poster
            .then(|| format!("/api/v1/pavilions/{slug}/exhibitors/{}/works/{}/poster", self.exhibitor_id, self.id));
        self
    }

    pub fn etag(&self) -> String {
        match (self.version, self.published_at) {
            (Some(version), _) => super::etag_for_version(version),
            (None, Some(at)) => format!("\"p{}\"", at.timestamp_micros()),
            (None, None) => "\"p0\"".to_owned(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct WorkPage {
    pub items: Vec<WorkResponse>,
    pub next_cursor: Option<String>,
}
