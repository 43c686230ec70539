pub mod list_market;
pub mod list_pavilion;
pub mod send_market;
pub mod send_pavilion;
