pub mod list_all;
pub mod list_pavilion;
