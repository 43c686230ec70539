//! Use cases called directly, as a web page, the command line or a scheduled job would call them:
//! with no HTTP in between, each still leaves its whole trace (audit entries, queued mail, the
//! mail worker woken).

use pavilion_core::clock::Clock;
use pavilion_core::domain::{EmailAddress, ExhibitorProfile, Locale, LocalizedText, ProfileInput, Role};
use pavilion_core::services::accounts::ClientInfo;
use pavilion_core::services::audit_log::{self, AuditFilter};
use pavilion_core::services::context::Context;
use pavilion_core::services::emails;
use pavilion_core::services::exhibitors::{self, FirstContact};
use pavilion_core::services::invitations::{self, InviteCommand};
use pavilion_tests::spawn_app;

#[tokio::test]
async fn use_cases_called_without_http_record_their_audit_entries_and_queue_their_mail() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let database = app.database();
    let settings = app.settings.clone();
    let now = app.clock.now();
    let caller = app.principal(&organiser.access);
    let client = ClientInfo { user_agent: Some("a scheduled job".into()), ip: Some("192.0.2.7".into()) };
    // The worker of this test's own context, to see that the use case wakes it.
    let mail_wake = tokio::sync::Notify::new();
    let ctx = Context::new(&database, &settings, now, Some(&caller), &client, &mail_wake);

    let invited = EmailAddress::parse("lin@hz.example").unwrap();
    let command = InviteCommand { email: invited, role: Role::PavilionAdmin, exhibitor_id: None, locale: None };
    let invitation = invitations::invite(&ctx, "hangzhou", command).unwrap();
    tokio::time::timeout(std::time::Duration::from_secs(1), mail_wake.notified()).await.expect("the worker was woken");

    let name = LocalizedText { en: Some("West Lake Films".into()), ..Default::default() };
    let profile = ExhibitorProfile::parse(ProfileInput { name, ..Default::default() }, None).unwrap();
    let contact =
        FirstContact { email: EmailAddress::parse("zhou@westlake.example").unwrap(), locale: Some(Locale::ZhHans) };
    let (company, _) = exhibitors::create(&ctx, "hangzhou", profile, Some(contact)).unwrap();

    let pavilion_id = company.exhibitor.pavilion_id.clone();
    // Read back through the use cases too: the reading side takes the same road as the writing one.
    let filter = AuditFilter { action: None, since: None, until: None, cursor: None, limit: 50 };
    let audit = database.run(|conn| audit_log::log_for_pavilion(conn, &caller, "hangzhou", filter)).unwrap();
    let trace: Vec<(&str, Option<&str>, Option<&str>)> = audit
        .items
        .iter()
        .map(|listed| &listed.item)
        .filter(|event| event.actor_id.as_ref() == Some(&caller.user_id))
        .map(|event| (event.action.as_str(), event.target.as_deref(), event.ip.as_deref()))
        .collect();
    let company_id = company.exhibitor.id.as_str();
    for expected in [
        ("invitation_sent", Some("lin@hz.example"), Some("192.0.2.7")),
        ("exhibitor_created", Some(company_id), Some("192.0.2.7")),
        ("invitation_sent", Some("zhou@westlake.example"), Some("192.0.2.7")),
    ] {
        assert!(trace.contains(&expected), "{expected:?} missing from {trace:?}");
    }

    let log = emails::LogFilter { status: None, cursor: None, limit: 50 };
    let mail = database.run(|conn| emails::log_for_pavilion(conn, &caller, "hangzhou", log)).unwrap();
    let queued: Vec<(&str, &str)> =
        mail.items.iter().map(|m| (m.item.kind.as_str(), m.item.recipient.as_str())).collect();
    assert!(queued.contains(&("invitation", "lin@hz.example")), "{queued:?}");
    assert!(queued.contains(&("invitation", "zhou@westlake.example")), "{queued:?}");
    assert_eq!(invitation.pavilion_id, pavilion_id);
    // The server's own worker delivers what was queued, as for any request.
    app.smtp.wait_for_recipient("zhou@westlake.example", 0).await;
}
