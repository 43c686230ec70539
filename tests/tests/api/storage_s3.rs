//! Uploads kept in S3-compatible storage (moto in server mode): upload, serve, replace, sweep.
//! The server runs in a process of its own, which gets the `AWS_*` variables S3 is configured
//! by (this test process's environment stays untouched).

use pavilion_core::config::Settings;
use pavilion_tests::images::{png, size};
use pavilion_tests::moto::Moto;
use pavilion_tests::process::{self, ServerProcess};
use pavilion_tests::spawn_app;
use serde_json::json;

const BUCKET: &str = "pavilion-uploads";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs moto (pip install 'moto[server]'); .ci/run runs it"]
async fn uploads_in_s3_compatible_storage_are_stored_served_replaced_and_swept() {
    let moto = Moto::start(BUCKET).await;
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let company = app.create_exhibitor(&organiser.access, "hangzhou", json!({"name": {"en": "Lotus Pictures"}})).await;

    let settings = Settings { storage_url: Some(format!("s3://{BUCKET}/market")), ..app.settings.clone() };
    let aws = [
        ("AWS_ENDPOINT", moto.endpoint.clone()),
        ("AWS_ALLOW_HTTP", "true".to_owned()),
        ("AWS_ACCESS_KEY_ID", "test".to_owned()),
        ("AWS_SECRET_ACCESS_KEY", "test".to_owned()),
        ("AWS_REGION", "us-east-1".to_owned()),
    ];
    let server = ServerProcess::start_with(&settings, &aws).await;
    let logo = format!("{}/api/v1/pavilions/hangzhou/exhibitors/{company}/logo", server.address);
    let client = &app.client;
    let upload = |width: u32| {
        client.put(&logo).bearer_auth(&organiser.access).header("content-type", "image/png").body(png(width, 4)).send()
    };
    let served_width = || async {
        let reply = client.get(&logo).bearer_auth(&organiser.access).send().await.unwrap();
        assert_eq!(reply.status(), 200);
        assert_eq!(reply.headers()["content-type"], "image/png");
        size(&reply.bytes().await.unwrap()).0
    };

    // Upload: the file is in the bucket, under the prefix, and served from there.
    assert_eq!(upload(5).await.unwrap().status(), 200);
    let first = moto.keys(BUCKET, "market/").await;
    assert_eq!(first.len(), 1, "{first:?}");
    assert!(first[0].starts_with("market/pavilions/") && first[0].contains(&company), "{first:?}");
    assert_eq!(served_width().await, 5);

    // Replace: the new file is served, and the old one is gone from the bucket.
    assert_eq!(upload(7).await.unwrap().status(), 200);
    let second = moto.keys(BUCKET, "market/").await;
    assert_eq!(second.len(), 1, "{second:?}");
    assert_ne!(second, first);
    assert_eq!(served_width().await, 7);

    // Sweep: a file no row points at (a deletion that failed) goes; the current logo stays.
    let orphan = first[0].replace("/logo-", "/logo-orphan-");
    moto.put(BUCKET, &orphan, png(3, 3)).await;
    assert_eq!(moto.keys(BUCKET, "market/").await.len(), 2);
    let printed = process::run("sweep-uploads", &settings, &aws);
    let expected = orphan.trim_start_matches("market/");
    // (The process's test harness prints on the same line.)
    let deleted: Vec<&str> = printed.lines().filter_map(|line| Some(line.split_once("deleted ")?.1)).collect();
    assert_eq!(deleted, [expected]);
    assert_eq!(moto.keys(BUCKET, "market/").await, second);
    assert_eq!(served_width().await, 7);
}
