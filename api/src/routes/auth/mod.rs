pub mod login;
pub mod logout;
pub mod pavilion_login;
pub mod refresh;
