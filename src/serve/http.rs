//! Serving the site's files over HTTP: request paths to files, with no way out of the site,
//! and a byte range of a file when one is asked for (the search page reads a document from its
//! pack that way, as it does from a static host).

use std::ops::Range;

use std::sync::Arc;

use super::reload::with_reload_script;
use super::{Shared, Snapshot};
use crate::site::content_type;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
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
    headers: HeaderMap,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let snapshot = shared.snapshot();
    match resolve(&snapshot, uri.path()) {
        // Range is for GET (RFC 9110, 14.2); with `If-Range` the whole file, as there are no
        // validators to match.
        Resolved::File(path) => match headers.get(header::RANGE) {
            Some(range)
                if method == Method::GET
                    && !headers.contains_key(header::IF_RANGE)
                    && !content_type(&path).starts_with("text/html") =>
            {
                range_response(&snapshot, &path, range)
            }
            _ => file_response(&snapshot, &path, StatusCode::OK),
        },
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
    let is_page = content_type.starts_with("text/html");
    let body = if is_page {
        with_reload_script(contents, &snapshot.base_path)
    } else {
        contents.clone()
    };
    // A page carries the reload script, so it is always sent whole.
    let ranges = if is_page { "none" } else { "bytes" };
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, HeaderValue::from_static(content_type))
        .header(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))
        .header(header::ACCEPT_RANGES, HeaderValue::from_static(ranges))
        .body(Body::from(body))
        .expect("valid response")
}

/// The part of a file that a `Range` header asks for (RFC 9110, 14.2): 206 with the bytes, 416
/// when they lie past the end, or the whole file, as the RFC allows, for a header it cannot
/// read or one asking for several ranges.
fn range_response(snapshot: &Snapshot, path: &str, range: &HeaderValue) -> Response {
    let contents = snapshot
        .files
        .get(path)
        .expect("resolved to an existing file");
    let length = contents.len();
    match requested_range(range.to_str().unwrap_or_default(), length) {
        Requested::Whole => file_response(snapshot, path, StatusCode::OK),
        Requested::Part(part) => Response::builder()
            .status(StatusCode::PARTIAL_CONTENT)
            .header(header::CONTENT_TYPE, content_type(path))
            .header(header::CACHE_CONTROL, "no-store")
            .header(
                header::CONTENT_RANGE,
                format!("bytes {}-{}/{length}", part.start, part.end - 1),
            )
            .body(Body::from(contents.slice(part)))
            .expect("valid response"),
        Requested::PastTheEnd => Response::builder()
            .status(StatusCode::RANGE_NOT_SATISFIABLE)
            .header(header::CACHE_CONTROL, "no-store")
            .header(header::CONTENT_RANGE, format!("bytes */{length}"))
            .body(Body::empty())
            .expect("valid response"),
    }
}

/// What a `Range` header asks of a file.
#[derive(Debug, PartialEq, Eq)]
enum Requested {
    Whole,
    Part(Range<usize>),
    PastTheEnd,
}

/// The one byte range `header` asks of a file of `length` bytes: `bytes=first-last`,
/// `bytes=first-` or `bytes=-suffix`, the last byte clipped to the file's.
fn requested_range(header: &str, length: usize) -> Requested {
    let Some(spec) = header.trim().strip_prefix("bytes=") else {
        return Requested::Whole;
    };
    let Some((first, last)) = spec.trim().split_once('-') else {
        return Requested::Whole;
    };
    let number = |text: &str| text.trim().parse::<usize>().ok();
    let (start, end) = match (number(first), number(last)) {
        (Some(start), Some(last)) if start <= last => (start, last.saturating_add(1).min(length)),
        (Some(start), None) if last.trim().is_empty() => (start, length),
        (None, Some(suffix)) if first.trim().is_empty() && suffix > 0 => {
            (length.saturating_sub(suffix), length)
        }
        _ => return Requested::Whole,
    };
    if start >= length {
        Requested::PastTheEnd
    } else {
        Requested::Part(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_is_read_as_the_rfc_says_and_anything_else_gives_the_whole_file() {
        let part = |range: Range<usize>| Requested::Part(range);
        assert_eq!(requested_range("bytes=0-515", 1000), part(0..516));
        assert_eq!(requested_range("bytes=990-2000", 1000), part(990..1000));
        assert_eq!(requested_range("bytes=100-", 1000), part(100..1000));
        assert_eq!(requested_range("bytes=-10", 1000), part(990..1000));
        assert_eq!(requested_range("bytes=-5000", 1000), part(0..1000));
        assert_eq!(
            requested_range("bytes=1000-1001", 1000),
            Requested::PastTheEnd
        );
        assert_eq!(requested_range("bytes=0-0", 0), Requested::PastTheEnd);
        for whole in [
            "bytes=5-2",
            "bytes=0-1,5-6",
            "items=0-5",
            "bytes=-0",
            "bytes=x-",
        ] {
            assert_eq!(requested_range(whole, 1000), Requested::Whole, "{whole}");
        }
        let huge = format!("bytes=0-{}", usize::MAX);
        assert_eq!(requested_range(&huge, 1000), part(0..1000));
    }
}
