//! How a rendered message leaves: SMTP through lettre's pooled async transport, or, with no SMTP
//! configured, an `.eml` file per message under the data directory.

use super::render::{Branding, Rendered};
use crate::domain::EmailAddress;
use crate::error::CoreError;
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;
use std::path::PathBuf;
use std::time::Duration;

pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

/// Why a send failed, as far as retrying is concerned.
#[derive(Debug)]
pub enum SendError {
    /// Worth another try later: a 4xx reply about this message, a file that could not be written.
    Transient(String),
    /// The server could not be reached or the conversation broke off (refused, timed out, TLS):
    /// worth another try as soon as the server answers again.
    Unreachable(String),
    /// Retrying cannot help: a 5xx reply, an unbuildable message.
    Permanent(String),
}

/// How long one SMTP conversation may take before it counts as a transient failure.
const SMTP_TIMEOUT: Duration = Duration::from_secs(15);

impl Transport {
    /// SMTP when a URL is configured, else files in `{data_dir}/mail`.
    pub fn from_settings(settings: &crate::config::Settings, pool_size: u32) -> Result<Self, CoreError> {
        match &settings.smtp_url {
            Some(url) => {
                let builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
                    .map_err(|e| anyhow::anyhow!("PAVILION_SMTP_URL is not usable: {e}"))?;
                let transport = builder
                    .timeout(Some(SMTP_TIMEOUT))
                    .pool_config(PoolConfig::new().max_size(pool_size.max(1)))
                    .build();
                Ok(Self::Smtp(transport))
            }
            None => {
                let dir = settings.data_dir.join("mail");
                std::fs::create_dir_all(&dir).map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
                tracing::info!(directory = %dir.display(), "no PAVILION_SMTP_URL: emails are written as .eml files");
                Ok(Self::Files(dir))
            }
        }
    }

    pub async fn send(&self, file_stem: &str, message: Message) -> Result<(), SendError> {
        match self {
            Self::Smtp(smtp) => smtp.send(message).await.map(|_| ()).map_err(|error| {
                if error.is_permanent() {
                    SendError::Permanent(error.to_string())
                } else if error.is_response() || error.is_client() {
                    SendError::Transient(error.to_string())
                } else {
                    SendError::Unreachable(error.to_string())
                }
            }),
            Self::Files(dir) => {
                let path = dir.join(format!("{file_stem}.eml"));
                tokio::fs::write(&path, message.formatted())
                    .await
                    .map_err(|e| SendError::Transient(format!("writing {}: {e}", path.display())))
            }
        }
    }
}

/// Assembles the MIME message: From is the deployment's address under the pavilion's sender
/// name (so SPF and DKIM stay valid), Reply-To the pavilion's, text and HTML alternatives.
pub fn build_message(
    mail_from: &EmailAddress,
    branding: &Branding,
    recipient: &str,
    recipient_name: Option<&str>,
    message_id: &str,
    rendered: Rendered,
) -> Result<Message, SendError> {
    let permanent = |what: &str, e: &dyn std::fmt::Display| SendError::Permanent(format!("{what}: {e}"));
    let from_address = mail_from.as_str().parse().map_err(|e| permanent("sender address", &e))?;
    let to_address = recipient.parse().map_err(|e| permanent("recipient address", &e))?;
    let mut builder = Message::builder()
        .from(Mailbox::new(Some(branding.sender_name.clone()), from_address))
        .to(Mailbox::new(recipient_name.map(str::to_owned), to_address))
        .subject(rendered.subject)
        .message_id(Some(message_id.to_owned()));
    if let Some(reply_to) = &branding.reply_to {
        builder =
            builder.reply_to(Mailbox::new(None, reply_to.parse().map_err(|e| permanent("reply-to address", &e))?));
    }
    builder
        .multipart(
            MultiPart::alternative()
                .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(rendered.text))
                .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(rendered.html)),
        )
        .map_err(|e| permanent("building the message", &e))
}
