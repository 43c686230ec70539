//! A browser without a browser: cookies kept between requests, and forms posted the way a page
//! of the site posts them (same origin, with the form's token). For fast page tests; the real
//! browser runs in the `browser` tests.

use crate::{Reply, TestApp};
use std::collections::BTreeMap;

pub struct WebClient<'a> {
    app: &'a TestApp,
    cookies: BTreeMap<String, String>,
}

impl TestApp {
    /// A fresh visitor, with no cookie yet.
    pub fn web(&self) -> WebClient<'_> {
        WebClient { app: self, cookies: BTreeMap::new() }
    }
}

impl WebClient<'_> {
    pub async fn get(&mut self, path: &str) -> Reply {
        let request = self.app.client.get(self.app.url(path));
        self.send(request).await
    }

    /// Posts a form as this site's own page does: `Origin` and `Sec-Fetch-Site` of a same-origin
    /// request.
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let origin = self.origin();
        self.post_form_with(path, fields, &[("origin", &origin), ("sec-fetch-site", "same-origin")]).await
    }

    /// Posts a form with exactly these extra headers (a cross-site post, an old browser).
    pub async fn post_form_with(&mut self, path: &str, fields: &[(&str, &str)], headers: &[(&str, &str)]) -> Reply {
        let body: String = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
        let mut request = self
            .app
            .client
            .post(self.app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request).await
    }

    /// Gets the page of a form, then posts the form with its token and these fields.
    pub async fn submit(&mut self, page: &str, action: &str, fields: &[(&str, &str)]) -> Reply {
        let shown = self.get(page).await;
        let token = form_token(&shown.text);
        let mut all = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_form(action, &all).await
    }

    /// The site's origin as browsers send it in `Origin`.
    pub fn origin(&self) -> String {
        url::Url::parse(&self.app.settings.public_url).expect("public URL").origin().ascii_serialization()
    }

    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.get(name).map(String::as_str)
    }

    pub fn set_cookie(&mut self, name: &str, value: &str) {
        self.cookies.insert(name.to_owned(), value.to_owned());
    }

    async fn send(&mut self, mut request: reqwest::RequestBuilder) -> Reply {
        if !self.cookies.is_empty() {
            let header =
                self.cookies.iter().map(|(name, value)| format!("{name}={value}")).collect::<Vec<_>>().join("; ");
            request = request.header("cookie", header);
        }
        let reply = Reply::read(request.send().await.expect("request sent")).await;
        for set in reply.headers.get_all("set-cookie") {
            let set = set.to_str().expect("ASCII cookie");
            let (pair, attributes) = set.split_once(';').unwrap_or((set, ""));
            let (name, value) = pair.split_once('=').expect("name=value");
            if attributes.contains("Max-Age=0") || value.is_empty() {
                self.cookies.remove(name.trim());
            } else {
                self.cookies.insert(name.trim().to_owned(), value.trim().to_owned());
            }
        }
        reply
    }
}

/// The token of the first form in a page.
pub fn form_token(html: &str) -> String {
    let marker = r#"name="csrf_token" value=""#;
    let start = html.find(marker).unwrap_or_else(|| panic!("no form token in {html}")) + marker.len();
    html[start..].split('"').next().expect("token").to_owned()
}

/// The fields a browser would post from the form whose `action` ends with `action`: inputs with
/// their values (checkboxes only when checked, never buttons or files), textareas and the chosen
/// option of each select. Disabled controls are left out, as browsers do.
pub fn form_fields(html: &str, action: &str) -> Vec<(String, String)> {
    let document = scraper::Html::parse_document(html);
    let forms = scraper::Selector::parse("form").expect("selector");
    let controls = scraper::Selector::parse("input, textarea, select").expect("selector");
    let chosen = scraper::Selector::parse("option[selected]").expect("selector");
    let form = document
        .select(&forms)
        .find(|form| form.value().attr("action").is_some_and(|a| a.ends_with(action)))
        .unwrap_or_else(|| panic!("no form posting to {action}"));
    let mut fields = Vec::new();
    for control in form.select(&controls) {
        let element = control.value();
        let (Some(name), None) = (element.attr("name"), element.attr("disabled")) else { continue };
        let value = match element.name() {
            "textarea" => control.text().collect::<String>(),
            "select" => control
                .select(&chosen)
                .next()
                .and_then(|option| option.value().attr("value"))
                .unwrap_or_default()
                .to_owned(),
            _ => match element.attr("type").unwrap_or("text") {
                "checkbox" if element.attr("checked").is_none() => continue,
                "checkbox" => element.attr("value").unwrap_or("on").to_owned(),
                "submit" | "button" | "file" => continue,
                _ => element.attr("value").unwrap_or_default().to_owned(),
            },
        };
        fields.push((name.to_owned(), value));
    }
    fields
}

/// `fields` with these set (replaced, or added) and those named in `unset` removed.
pub fn with_fields(mut fields: Vec<(String, String)>, set: &[(&str, &str)], unset: &[&str]) -> Vec<(String, String)> {
    fields.retain(|(name, _)| !unset.contains(&name.as_str()) && !set.iter().any(|(set, _)| set == name));
    fields.extend(set.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())));
    fields
}

impl WebClient<'_> {
    /// Posts the fields of a form as read by [`form_fields`].
    pub async fn post_fields(&mut self, path: &str, fields: &[(String, String)]) -> Reply {
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect();
        self.post_form(path, &pairs).await
    }
}

impl WebClient<'_> {
    /// Posts a `multipart/form-data` form as a page's upload form does: its token first, then
    /// one file.
    pub async fn post_multipart(
        &mut self,
        path: &str,
        token: &str,
        field: &str,
        file_name: &str,
        bytes: Vec<u8>,
    ) -> Reply {
        let boundary = "----pavilion-test-boundary";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(&bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let request = self
            .app
            .client
            .post(self.app.url(path))
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .header("origin", self.origin())
            .header("sec-fetch-site", "same-origin")
            .body(body);
        self.send(request).await
    }

    /// Posts a `multipart/form-data` form of text fields only, in order (a form that carries a
    /// checked file's text back, as the import's second step does).
    pub async fn post_multipart_text(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let boundary = "----pavilion-test-boundary";
        let mut body = String::new();
        for (name, value) in fields {
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            ));
        }
        body.push_str(&format!("--{boundary}--\r\n"));
        let request = self
            .app
            .client
            .post(self.app.url(path))
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .header("origin", self.origin())
            .header("sec-fetch-site", "same-origin")
            .body(body);
        self.send(request).await
    }
}

/// What pressing Enter in a field of the form posting to `action` sends (HTML's implicit
/// submission): the form's fields, and the name and value of the form's first submit button,
/// which the browser presses. Panics if that button posts somewhere else (`formaction`).
pub fn implicit_submission(html: &str, action: &str) -> Vec<(String, String)> {
    let mut fields = form_fields(html, action);
    let document = scraper::Html::parse_document(html);
    let forms = scraper::Selector::parse("form").expect("selector");
    let buttons = scraper::Selector::parse(r#"button, input[type="submit"]"#).expect("selector");
    let form = document
        .select(&forms)
        .find(|form| form.value().attr("action").is_some_and(|a| a.ends_with(action)))
        .unwrap_or_else(|| panic!("no form posting to {action}"));
    let first = form
        .select(&buttons)
        .find(|button| button.value().attr("type").unwrap_or("submit") == "submit")
        .unwrap_or_else(|| panic!("the form posting to {action} has no submit button"));
    assert!(first.value().attr("formaction").is_none(), "Enter would post elsewhere: {}", first.html());
    if let Some(name) = first.value().attr("name") {
        fields.push((name.to_owned(), first.value().attr("value").unwrap_or_default().to_owned()));
    }
    fields
}
