pub mod change_password;
pub mod get;
pub mod sessions;
pub mod update;
