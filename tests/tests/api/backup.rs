//! `pavilion backup` under write load, then a restore: every write acknowledged before the
//! backup began is in it, and so is an uploaded logo. On PostgreSQL the command points to
//! pg_dump instead.

use pavilion_tests::images::png;
use pavilion_tests::{TestDb, spawn_app, spawn_app_with, test_settings};
use serde_json::json;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[tokio::test]
async fn a_backup_under_writes_holds_every_acknowledged_write_and_restores() {
    let app = spawn_app().await;
    let target = app.db.data_dir.path().join("backup.db");
    if app.db.is_postgres() {
        let refused = pavilion_core::backup::backup(&app.settings, &target).unwrap_err();
        assert!(refused.to_string().contains("pg_dump"), "{refused}");
        return;
    }
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "pav-a", "active").await;
    let first = app.create_exhibitor(&organiser.access, "pav-a", json!({"name": {"en": "Logo Films"}})).await;
    let logo = format!("/api/v1/pavilions/pav-a/exhibitors/{first}/logo");
    app.put_raw(&logo, Some(&organiser.access), "image/png", png(40, 20)).await.expect(200);

    // Eight writers create companies until told to stop; each id is kept once acknowledged.
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for writer in 0..8 {
        let (client, address, token) = (app.client.clone(), app.address.clone(), organiser.access.clone());
        let (acknowledged, stop) = (acknowledged.clone(), stop.clone());
        writers.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                n += 1;
                let reply = client
                    .post(format!("{address}/api/v1/pavilions/pav-a/exhibitors"))
                    .bearer_auth(&token)
                    .json(&json!({"name": {"en": format!("Writer {writer} company {n}")}}))
                    .send()
                    .await
                    .unwrap();
                if reply.status() == 201 {
                    let body: serde_json::Value = reply.json().await.unwrap();
                    acknowledged.lock().unwrap().push(body["id"].as_str().unwrap().to_owned());
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before_backup: Vec<String> = acknowledged.lock().unwrap().clone();
    let settings = app.settings.clone();
    let to = target.clone();
    let report = tokio::task::spawn_blocking(move || pavilion_core::backup::backup(&settings, &to)).await.unwrap();
    let report = report.expect("the backup is taken");
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.store(true, Ordering::SeqCst);
    for writer in writers {
        writer.await.unwrap();
    }
    let after_backup = acknowledged.lock().unwrap().len();
    assert!(before_backup.len() >= 8 && after_backup > before_backup.len(), "writes went on during the backup");
    let pavilion_core::backup::Uploads::Archived(archive, _) = report.uploads else {
        panic!("local uploads are archived: {:?}", report.uploads)
    };
    // A second backup to the same name is refused: nothing is overwritten.
    assert!(pavilion_core::backup::backup(&app.settings, &target).is_err());

    // Restore: the copy as the database of a fresh data folder (its default `pavilion.db`), the
    // uploads untarred beside it.
    let restored = TestDb::fresh();
    let folder = restored.data_dir.path();
    std::fs::copy(&target, folder.join("pavilion.db")).unwrap();
    let untar = std::process::Command::new("tar").arg("-xf").arg(&archive).arg("-C").arg(folder).status().unwrap();
    assert!(untar.success());
    let settings = test_settings(&restored);
    let back = spawn_app_with(restored, settings).await;
    let token = back.organiser().await.access;
    for id in before_backup.iter().chain([&first]) {
        back.get(&format!("/api/v1/pavilions/pav-a/exhibitors/{id}"), Some(&token)).await.expect(200);
    }
    let (status, content_type, _) = back.get_bytes(&logo, Some(&token)).await;
    assert_eq!((status, content_type.as_deref()), (200, Some("image/png")));
}
