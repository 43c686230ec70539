//! Where an uploaded file (a logo, a poster) is stored.

/// A storage key, `pavilions/{pavilion}/exhibitors/{company}/logo-{id}.png`. It is not
/// serialisable on purpose: a client reads the address a file is served at, which the API makes
/// from the route, so a key cannot reach a response by a forgotten call.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UploadKey(String);

impl UploadKey {
    /// A key this crate made (an upload target) or stored.
    pub(crate) fn new(key: String) -> Self {
        Self(key)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}
