//! The OpenAPI 3 document, generated from the handlers' annotations for every route of the route
//! table.

use crate::routes;
use serde_json::Value;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder, Schema};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "Pavilion API", description = "Regional pavilions of a trade fair: organisers, pavilions, exhibitors, works."),
    tags(
        (name = "auth", description = "Logins, sessions and the caller's account"),
        (name = "buyers", description = "Buyers of the whole market: registration and the confirmation of their address"),
        (name = "pavilions", description = "Pavilions (tenants)"),
        (name = "invitations", description = "Bringing admins and exhibitors into a pavilion"),
        (name = "exhibitors", description = "Exhibitor companies and their review"),
        (name = "works", description = "The catalogue of works of a company"),
        (name = "directory", description = "The public directory across pavilions"),
        (name = "members", description = "A pavilion's accounts"),
        (name = "audit", description = "The append-only record of security and administration events"),
        (name = "emails", description = "The outbox: delivery log, resends, test messages"),
        (name = "market", description = "The market at a glance: each pavilion's figures and the totals"),
        (name = "exports", description = "Companies and works as CSV or XLSX spreadsheets, streamed"),
        (name = "imports", description = "Companies from a CSV file: a dry run's report, then all or nothing"),
        (name = "announcements", description = "Messages to pavilions' admins and exhibitors, each in their own language, with delivery figures"),
        (name = "operations", description = "Health checks"),
    )
)]
pub struct ApiDoc;

/// The whole document: the description above, every route of the route table with the schemas
/// it uses, then what the annotations cannot say.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(routes::RouteDocs::openapi());
    BearerAuth.modify(&mut doc);
    WhatAnnotationsMiss.modify(&mut doc);
    doc
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()),
        );
    }
}

/// What the handlers' annotations cannot say, applied to the whole document. Found by checking
/// the document against the running server with schemathesis (see `tests/contract/`):
/// - Problem bodies are sent as `application/problem+json`, not `application/json`.
/// - Every operation that takes a body can answer 413 (over the size limit) and 415 (the wrong
///   `Content-Type`), and one that takes JSON also 400 (not JSON at all) and 422 (a field
///   missing or of the wrong type). The extractors answer these before any handler runs.
/// - Every operation behind a bearer token can answer 401 (no token, a dead one, an ended
///   session), and every operation whose path names an object 404 (none, or another pavilion's):
///   said here once rather than on each handler.
/// - A schema embedded in a larger one (`allOf`, from `#[serde(flatten)]`) cannot forbid
///   properties it does not know: the response adds `id`, `review` and the like to a profile.
///   The server still refuses unknown fields in requests (422).
struct WhatAnnotationsMiss;

impl Modify for WhatAnnotationsMiss {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            let names_an_object = path.contains('{');
            let operations = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
            for operation in operations.into_iter().flatten() {
                complete_operation(operation, names_an_object);
            }
        }
        let embedded = serde_json::to_value(&*openapi).map(|doc| all_of_refs(&doc)).unwrap_or_default();
        if let Some(components) = openapi.components.as_mut() {
            for name in embedded {
                if let Some(RefOr::T(Schema::Object(schema))) = components.schemas.get_mut(&name) {
                    schema.additional_properties = None;
                }
            }
        }
    }
}

fn complete_operation(operation: &mut Operation, names_an_object: bool) {
    let body_types: Vec<String> =
        operation.request_body.as_ref().map(|body| body.content.keys().cloned().collect()).unwrap_or_default();
    let bearer = operation
        .security
        .iter()
        .flatten()
        .any(|requirement| serde_json::to_value(requirement).is_ok_and(|value| value.get("bearer").is_some()));
    let responses = &mut operation.responses.responses;
    for response in responses.values_mut() {
        if let RefOr::T(response) = response {
            response.content = std::mem::take(&mut response.content)
                .into_iter()
                .map(|(media_type, content)| match &content.schema {
                    Some(RefOr::Ref(schema)) if schema.ref_location == PROBLEM_REF => {
                        (PROBLEM_JSON.to_owned(), content)
                    }
                    _ => (media_type, content),
                })
                .collect();
        }
    }
    let mut add = |status: &str, description: &str| {
        responses.entry(status.to_owned()).or_insert_with(|| {
            let problem = ContentBuilder::new().schema(Some(Ref::new(PROBLEM_REF))).build();
            RefOr::T(ResponseBuilder::new().description(description).content(PROBLEM_JSON, problem).build())
        });
    };
    if bearer {
        add("401", "no bearer token, or one that is invalid, expired or of a session that has ended");
    }
    if names_an_object {
        add("404", "nothing has this address (another pavilion's objects are not found either)");
    }
    if body_types.iter().any(|media_type| media_type == "application/json") {
        add("400", "the body is not valid JSON");
        add("422", "the body does not have the documented shape");
    }
    if !body_types.is_empty() {
        add("413", "the body is over the size limit");
        add("415", "the body is not of the documented type");
    }
}

const PROBLEM_JSON: &str = "application/problem+json";
const PROBLEM_REF: &str = "#/components/schemas/Problem";

/// Names of the component schemas referenced as parts of an `allOf`.
fn all_of_refs(doc: &Value) -> Vec<String> {
    let mut names = Vec::new();
    collect_all_of_refs(doc, &mut names);
    names
}

fn collect_all_of_refs(value: &Value, names: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(parts) = map.get("allOf").and_then(Value::as_array) {
                for part in parts {
                    if let Some(name) = part["$ref"].as_str().and_then(|r| r.strip_prefix("#/components/schemas/")) {
                        names.push(name.to_owned());
                    }
                }
            }
            map.values().for_each(|v| collect_all_of_refs(v, names));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_all_of_refs(v, names)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_are_documented_as_problem_json() {
        let doc = serde_json::to_value(document()).unwrap();
        let login = &doc["paths"]["/api/v1/auth/login"]["post"]["responses"];
        assert!(login["401"]["content"]["application/problem+json"].is_object(), "{login}");
        assert!(login["415"].is_object(), "{login}");
    }
}
