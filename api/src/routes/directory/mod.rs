//! The public directory across pavilions.

pub mod exhibitors;
pub mod works;
