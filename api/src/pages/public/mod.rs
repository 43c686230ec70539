//! The public site: what buyers and visitors read, cacheable and the same for everyone.

pub mod company;
pub mod directory;
pub mod home;
pub mod language;
pub mod pavilion;
pub mod sitemap;
pub mod work;
