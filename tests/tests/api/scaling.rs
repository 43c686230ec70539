//! The schema stays ready for distribution by pavilion (docs/scaling.md): on PostgreSQL, every
//! tenant table's primary key includes `pavilion_id`, and so does every foreign key between
//! tenant tables, on both sides.

use diesel::prelude::*;
use diesel::sql_types::Text;
use pavilion_tests::spawn_app;
use std::collections::BTreeSet;

#[derive(QueryableByName)]
struct TableName {
    #[diesel(sql_type = Text)]
    table_name: String,
}

#[derive(QueryableByName, Debug)]
struct Constraint {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    columns: String,
    #[diesel(sql_type = Text)]
    referenced: String,
    #[diesel(sql_type = Text)]
    referenced_columns: String,
}

const TENANT_TABLES: &str = "
    SELECT table_name::text AS table_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'pavilion_id' AND is_nullable = 'NO'";

const KEYS: &str = "
    SELECT c.conrelid::regclass::text AS table_name, c.contype::text AS kind, c.conname::text AS name,
        (SELECT string_agg(a.attname::text, ',') FROM unnest(c.conkey) AS k(n)
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS columns,
        COALESCE(c.confrelid::regclass::text, '') AS referenced,
        COALESCE((SELECT string_agg(a.attname::text, ',') FROM unnest(c.confkey) AS k(n)
            JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n), '') AS referenced_columns
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE n.nspname = current_schema() AND c.contype IN ('p', 'f')";

fn includes_pavilion(columns: &str) -> bool {
    columns.split(',').any(|column| column == "pavilion_id")
}

#[tokio::test]
async fn tenant_tables_are_keyed_and_linked_by_their_pavilion() {
    let app = spawn_app().await;
    if !app.db.is_postgres() {
        // SQLite is one file served by one process: never distributed, its keys are not checked.
        eprintln!("tenant_tables_are_keyed_and_linked_by_their_pavilion: skipped on SQLite (a PostgreSQL check)");
        return;
    }
    let database = app.database();
    let (tenant_tables, keys) = database
        .run(|conn| {
            let tables = diesel::sql_query(TENANT_TABLES).load::<TableName>(conn)?;
            let keys = diesel::sql_query(KEYS).load::<Constraint>(conn)?;
            Ok((tables, keys))
        })
        .expect("the schema reads");
    let tenant: BTreeSet<String> = tenant_tables.into_iter().map(|table| table.table_name).collect();
    assert!(tenant.len() >= 7 && tenant.contains("exhibitors") && tenant.contains("works"), "{tenant:?}");

    let mut offenders = Vec::new();
    for table in &tenant {
        let primary = keys.iter().find(|key| &key.table_name == table && key.kind == "p");
        match primary {
            Some(key) if includes_pavilion(&key.columns) => {}
            Some(key) => offenders.push(format!("{table}: primary key ({}) lacks pavilion_id", key.columns)),
            None => offenders.push(format!("{table}: no primary key")),
        }
    }
    let links = keys.iter().filter(|key| key.kind == "f" && tenant.contains(&key.table_name));
    for key in links.filter(|key| tenant.contains(&key.referenced)) {
        if !includes_pavilion(&key.columns) || !includes_pavilion(&key.referenced_columns) {
            offenders.push(format!(
                "{}: foreign key {} ({}) → {} ({}) lacks pavilion_id",
                key.table_name, key.name, key.columns, key.referenced, key.referenced_columns
            ));
        }
    }
    assert!(offenders.is_empty(), "tenant keys without pavilion_id:\n{}", offenders.join("\n"));
}
