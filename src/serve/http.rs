//! Serving the site's files over HTTP: request paths to files, with no way out of the site.

use std::sync::Arc;

use super::reload::with_reload_script;
use super::{Shared, Snapshot};
use crate::site::content_type;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

/// What a request path names in the site.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Resolved {
    File(String),
    /// A directory asked for without its trailing slash.
    Redirect(String),
    NotFound,
    BadRequest,
}

/// Maps a raw request path to a file of the site. Decoding happens once, and any `..`, `.`,
/// backslash or NUL after decoding is refused, so no path can leave the site.
pub(super) fn resolve(snapshot: &Snapshot, raw_path: &str) -> Resolved {
    let Ok(decoded) = percent_encoding::percent_decode_str(raw_path).decode_utf8() else {
        return Resolved::BadRequest;
    };
    if decoded.contains('\\') || decoded.contains('\0') {
        return Resolved::BadRequest;
    }
    if decoded
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Resolved::BadRequest;
    }
    let Some(inside) = decoded.strip_prefix(snapshot.base_path.as_str()) else {
        return Resolved::NotFound;
    };
    if inside.starts_with('/') {
        return Resolved::BadRequest;
    }
    if inside.is_empty() || inside.ends_with('/') {
        let index = format!("{inside}index.html");
        return if snapshot.files.contains_key(&index) {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    if snapshot.files.contains_key(inside) {
        Resolved::File(inside.to_string())
    } else if snapshot.files.contains_key(&format!("{inside}/index.html")) {
        Resolved::Redirect(format!("{raw_path}/"))
    } else {
        Resolved::NotFound
    }
}

pub(super) async fn serve_file(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let snapshot = shared.snapshot();
    match resolve(&snapshot, uri.path()) {
        Resolved::File(path) => file_response(&snapshot, &path, StatusCode::OK),
        Resolved::Redirect(to) => Response::builder()
            .status(StatusCode::MOVED_PERMANENTLY)
            .header(header::LOCATION, to)
            .body(Body::empty())
            .expect("valid response"),
        Resolved::BadRequest => (StatusCode::BAD_REQUEST, "bad request path\n").into_response(),
        Resolved::NotFound => {
            let inside = uri
                .path()
                .strip_prefix(snapshot.base_path.as_str())
                .unwrap_or_default();
            let variant_404 = snapshot
                .variant_paths
                .iter()
                .find(|v| inside.starts_with(&format!("{v}/")))
                .map(|v| format!("{v}/404.html"));
            match variant_404
                .into_iter()
                .chain(["404.html".to_string()])
                .find(|p| snapshot.files.contains_key(p))
            {
                Some(page) => file_response(&snapshot, &page, StatusCode::NOT_FOUND),
                None => (StatusCode::NOT_FOUND, "not found\n").into_response(),
            }
        }
    }
}

pub(super) fn file_response(snapshot: &Snapshot, path: &str, status: StatusCode) -> Response {
    let contents = snapshot
        .files
        .get(path)
        .expect("resolved to an existing file");
    let content_type = content_type(path);
    let body = if content_type.starts_with("text/html") {
        with_reload_script(contents, &snapshot.base_path)
    } else {
        contents.clone()
    };
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, HeaderValue::from_static(content_type))
        .header(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))
        .body(Body::from(body))
        .expect("valid response")
}
