//! The organiser's pages across the market: its overview and its pavilions.

pub mod market;
pub mod pavilions;
