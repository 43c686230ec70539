//! Every email template in every locale, rendered and snapshotted: what recipients read.

use pavilion_core::domain::Locale;
use pavilion_core::mail::render::{Branding, KINDS, render};
use pavilion_core::mail::{Payload, RemindedCompany};

fn sample(kind: &str) -> Payload {
    match kind {
        "test_message" => Payload::TestMessageV1 { requested_by: "Ann Chen <admin>".into() },
        "invitation" => Payload::InvitationV1 {
            invited_by: "Ann Chen".into(),
            role: "pavilion_admin".into(),
            accept_url: "http://localhost:8080/invite/Zm9vYmFyYmF6cXV4".into(),
            expires_at: chrono::DateTime::parse_from_rfc3339("2027-03-01T09:30:00Z").unwrap().into(),
        },
        "password_reset" => Payload::PasswordResetV1 {
            reset_url: "http://localhost:8080/reset/Zm9vYmFyYmF6cXV4".into(),
            expires_at: chrono::DateTime::parse_from_rfc3339("2027-03-01T10:30:00Z").unwrap().into(),
        },
        "password_changed" => Payload::PasswordChangedV1 {
            changed_at: chrono::DateTime::parse_from_rfc3339("2027-03-01T09:42:00Z").unwrap().into(),
        },
        "second_factor_changed" => Payload::SecondFactorChangedV1 {
            method: "totp".into(),
            added: true,
            changed_at: "2026-03-02T09:30:00Z".parse().unwrap(),
            removed_by: None,
            factors_left: false,
        },
        "exhibitor_submitted" => Payload::ExhibitorSubmittedV1 {
            company: "West Lake Films <Ltd>".into(),
            submitted_by: "Zhou Min".into(),
            review_url: "http://localhost:8080/workspace/pavilions/hangzhou/companies/0190".into(),
        },
        "exhibitor_approved" => Payload::ExhibitorApprovedV1 {
            company: "West Lake Films".into(),
            profile_url: "http://localhost:8080/pavilions/hangzhou/exhibitors/0190".into(),
        },
        "changes_requested" => Payload::ChangesRequestedV1 {
            company: "West Lake Films".into(),
            comment: "Please add an English synopsis.\nAnd a <b>logo</b>.".into(),
            edit_url: "http://localhost:8080/workspace/pavilions/hangzhou/companies/0190".into(),
        },
        "announcement" => Payload::AnnouncementV1 {
            title: "Badges for FILMART <2027>".into(),
            message: "Badges are ready at the pavilion desk.\nBring your <b>passport</b>.".into(),
            sent_by: "Ann Chen".into(),
        },
        "deadline_reminder" => Payload::DeadlineReminderV1 {
            company: "West Lake <Films>".into(),
            deadline: "2027-03-10 18:00".into(),
            time_zone: "Asia/Shanghai".into(),
            days_left: 3,
            missing: vec!["description".into(), "logo".into(), "works".into()],
            not_submitted: true,
            workspace_url: "http://localhost:8080/workspace/pavilions/hangzhou/companies/0190".into(),
        },
        "reminder_digest" => Payload::ReminderDigestV1 {
            deadline: "2027-03-10 18:00".into(),
            time_zone: "Asia/Shanghai".into(),
            days_left: 1,
            companies: vec![
                RemindedCompany { name: "West Lake Films".into(), missing: 3, not_submitted: true, unreachable: false },
                RemindedCompany {
                    name: "Lotus <Pictures>".into(),
                    missing: 1,
                    not_submitted: false,
                    unreachable: true,
                },
            ],
            companies_url: "http://localhost:8080/workspace/pavilions/hangzhou/companies?view=all".into(),
        },
        other => panic!("no sample payload for {other}: add one"),
    }
}

#[test]
fn every_template_in_every_locale() {
    let branding = Branding {
        pavilion_name: "Hangzhou Pavilion".into(),
        brand_color: "#C8102E".into(),
        logo_url: Some("https://hz.example/logo.png".into()),
        footer: Some("Hangzhou Film & TV Association · Hall 1, 1B-C12".into()),
        sender_name: "Hangzhou Pavilion".into(),
        reply_to: Some("desk@hz.example".into()),
    };
    for kind in KINDS {
        let payload = sample(kind);
        assert_eq!(payload.kind(), *kind);
        for locale in Locale::ALL {
            let rendered = render(&payload, locale, "bo@studio.example", Some("Bo Li"), &branding).unwrap();
            let name = format!("{kind}-{}", locale.as_str());
            insta::assert_snapshot!(format!("{name}-subject"), rendered.subject);
            insta::assert_snapshot!(format!("{name}-text"), rendered.text);
            insta::assert_snapshot!(format!("{name}-html"), rendered.html);
        }
    }
}

#[test]
fn deployment_mail_without_a_pavilion_uses_pavilions_own_identity() {
    let branding = Branding::new(None, Locale::En);
    assert_eq!((branding.sender_name.as_str(), branding.reply_to.as_deref()), ("Pavilion", None));
    let rendered = render(&sample("test_message"), Locale::En, "bo@studio.example", None, &branding).unwrap();
    assert!(rendered.text.starts_with("Pavilion\n"), "{}", rendered.text);
    assert!(rendered.text.contains("Hello bo@studio.example,"), "falls back to the address: {}", rendered.text);
}
