use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest};
use pavilion_core::services::accounts::ClientInfo;
use std::convert::Infallible;
use std::future::{Ready, ready};

/// The caller's user agent and address, recorded on sessions. The address is the TCP peer:
/// forwarded headers are not trusted until a deployment says which proxy sets them.
pub struct Client(pub ClientInfo);

impl FromRequest for Client {
    type Error = Infallible;
    type Future = Ready<Result<Self, Infallible>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let user_agent = req.headers().get(header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let ip = req.peer_addr().map(|addr| addr.ip().to_string());
        ready(Ok(Client(ClientInfo { user_agent, ip })))
    }
}
