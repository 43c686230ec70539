pub mod login;
pub mod logout;
pub mod password_reset;
pub mod password_reset_confirm;
pub mod pavilion_login;
pub mod refresh;
pub mod second_factor;
