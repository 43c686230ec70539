use pavilion_core::services::directory::Query;
use serde::Deserialize;

/// Search of the published directory. Every word of `q` must appear, in any of the three
/// languages; a run of Chinese characters matches as a substring.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DirectorySearchParams {
    pub q: Option<String>,
    /// A pavilion's slug.
    pub pavilion: Option<String>,
    /// Companies: `production`, `distribution`, `sales_agent`, …
    pub company_type: Option<String>,
    /// Works: `feature`, `series`, `documentary`, `animation`, `short`, `format`.
    pub kind: Option<String>,
    /// Works: one genre, e.g. `romance`.
    pub genre: Option<String>,
    /// Works: `development`, `production`, `post_production`, `completed`.
    pub production_status: Option<String>,
    /// Works: a language code, e.g. `zh`.
    pub language: Option<String>,
    /// Works with rights available in this territory (ISO 3166-1 alpha-2 or a named region).
    /// A named region stands for its countries both ways: `TW` finds rights for `GREATER_CHINA`
    /// and `ASIA`, `ASIA` finds rights for `JP`; worldwide rights match every territory, and
    /// `WW` only worldwide rights.
    pub territory: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

impl DirectorySearchParams {
    pub fn into_query(self) -> (Query, Option<i64>, Option<String>) {
        let query = Query {
            q: self.q,
            pavilion: self.pavilion,
            company_type: self.company_type,
            kind: self.kind,
            genre: self.genre,
            production_status: self.production_status,
            language: self.language,
            territory: self.territory,
        };
        (query, self.limit, self.cursor)
    }
}
