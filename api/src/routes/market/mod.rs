pub mod overview;
pub mod pavilion_overview;
