pub mod list;
pub mod remove_second_factor;
pub mod update;
