//! Buyers: professionals who buy works at the market (distributors, broadcasters, platforms,
//! sales agents), with what they buy in the works' vocabulary, and where their account stands.

use super::document::{check_optional_line, check_optional_url};
use super::vocabulary::{Genre, Medium, Territory, Vocabulary, WorkKind, check_vocabulary, vocabulary};
use crate::error::{CoreError, FieldError, Violations};

vocabulary! {
    /// What a buyer's company is.
    BuyerType {
        Distributor = "distributor",
        Broadcaster = "broadcaster",
        StreamingPlatform = "streaming_platform",
        SalesAgent = "sales_agent",
        Festival = "festival",
        Producer = "producer",
        Other = "other",
    }
}

vocabulary! {
    /// Where a buyer account stands: its address not yet confirmed, waiting for the organiser,
    /// verified (it may ask for meetings and screeners), or refused.
    BuyerStatus {
        Unconfirmed = "unconfirmed",
        Pending = "pending",
        Verified = "verified",
        Refused = "refused",
    }
}

/// What a buyer says of itself, as typed.
#[derive(Debug, Clone, Default)]
pub struct BuyerProfileInput {
    pub company: String,
    pub company_type: String,
    pub country: String,
    pub territories: Vec<String>,
    pub media: Vec<String>,
    pub kinds: Vec<String>,
    pub genres: Vec<String>,
    pub website: Option<String>,
}

/// A buyer's profile, checked: what it buys in the works' vocabulary.
#[derive(Debug, Clone, PartialEq)]
pub struct BuyerProfile {
    pub company: String,
    pub company_type: BuyerType,
    /// ISO 3166-1 alpha-2.
    pub country: isocountry::CountryCode,
    pub territories: Vec<Territory>,
    pub media: Vec<Medium>,
    pub kinds: Vec<WorkKind>,
    pub genres: Vec<Genre>,
    pub website: Option<String>,
}

/// The most territories a buyer names.
const MAX_TERRITORIES: usize = 300;

impl BuyerProfile {
    /// Every field checked, every problem reported at once, each naming its field.
    pub fn parse(input: BuyerProfileInput) -> Result<Self, CoreError> {
        let mut errors = Violations::new();
        let company = if input.company.trim().is_empty() {
            errors.push(FieldError::new("company", "required", "name the company you buy for"));
            None
        } else {
            check_optional_line(&mut errors, "company", Some(input.company), 200)
        };
        let company_type = errors.check(BuyerType::parse("company_type", &input.company_type));
        let country = isocountry::CountryCode::for_alpha2(&input.country.trim().to_ascii_uppercase()).ok();
        if country.is_none() {
            errors.push(FieldError::new("country", "unknown_value", "must be an ISO 3166-1 alpha-2 country code"));
        }
        let territories = territories(&mut errors, &input.territories);
        let media = check_vocabulary::<Medium>(&mut errors, "media", &input.media);
        if media.is_empty() && input.media.is_empty() {
            errors.push(FieldError::new("media", "required", "name at least one medium you buy"));
        }
        let kinds = check_vocabulary::<WorkKind>(&mut errors, "kinds", &input.kinds);
        let genres = check_vocabulary::<Genre>(&mut errors, "genres", &input.genres);
        let website = check_optional_url(&mut errors, "website", input.website);
        errors.into_result()?;
        let (Some(company), Some(company_type), Some(country)) = (company, company_type, country) else {
            return Err(CoreError::Internal(anyhow::anyhow!("checked buyer profile incomplete")));
        };
        Ok(Self { company, company_type, country, territories, media, kinds, genres, website })
    }
}

fn territories(errors: &mut Violations, raw: &[String]) -> Vec<Territory> {
    if raw.is_empty() {
        errors.push(FieldError::new("territories", "required", "name at least one territory you buy for"));
        return Vec::new();
    }
    if raw.len() > MAX_TERRITORIES {
        errors.push(FieldError::new("territories", "too_many", format!("at most {MAX_TERRITORIES} territories")));
        return Vec::new();
    }
    let mut clean: Vec<Territory> = Vec::new();
    for (index, code) in raw.iter().enumerate() {
        match Territory::from_code(code) {
            Some(territory) if !clean.contains(&territory) => clean.push(territory),
            Some(_) => {}
            None => errors.push(FieldError::new(
                format!("territories[{index}]"),
                "unknown_value",
                "must be an ISO 3166-1 alpha-2 code or a named region",
            )),
        }
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> BuyerProfileInput {
        BuyerProfileInput {
            company: "Lumière Distribution".into(),
            company_type: "distributor".into(),
            country: "fr".into(),
            territories: vec!["FR".into(), "be".into(), "FR".into()],
            media: vec!["svod".into(), "theatrical".into()],
            kinds: vec!["feature".into()],
            genres: vec![],
            website: Some("https://lumiere.example".into()),
        }
    }

    #[test]
    fn a_profile_is_checked_against_the_works_vocabulary() {
        let profile = BuyerProfile::parse(input()).unwrap();
        assert_eq!(profile.country.alpha2(), "FR");
        assert_eq!(profile.territories.len(), 2, "duplicates dropped");
        let bad = BuyerProfileInput {
            company: " ".into(),
            company_type: "pirate".into(),
            country: "XX".into(),
            territories: vec!["FR".into(), "Atlantis".into()],
            media: vec!["vhs".into()],
            ..input()
        };
        let CoreError::Validation(errors) = BuyerProfile::parse(bad).unwrap_err() else { panic!("not a validation") };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["company", "company_type", "country", "territories[1]", "media[0]"]);
    }
}
