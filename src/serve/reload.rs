//! Live reload: the script put into every page, and the Server-Sent Events that tell it what
//! changed.

use std::convert::Infallible;
use std::sync::Arc;

use super::Shared;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use bytes::Bytes;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

/// Where the injected script listens, below the site's base path.
pub(super) const EVENTS_PATH: &str = "__bulletin/events";
/// The message for open pages: which URLs changed, and the build error if there is one.
pub(super) fn reload_message(changed: &[String], error: Option<&str>) -> String {
    let changed: Vec<String> = changed.iter().map(|c| json_string(c)).collect();
    format!(
        "{{\"changed\":[{}],\"error\":{}}}",
        changed.join(","),
        error.map_or_else(|| "null".to_string(), json_string)
    )
}

pub(super) fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub(super) async fn event_stream(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    // A page that opens while the site is broken sees the error at once.
    let current = reload_message(&[], shared.snapshot().error.as_deref());
    let updates =
        BroadcastStream::new(shared.events.subscribe()).filter_map(|message| message.ok());
    let stream = tokio_stream::once(current)
        .chain(updates)
        .map(|message| Ok::<_, Infallible>(Event::default().data(message)));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// The live-reload client: reloads the page when its own output changed (keeping the scroll
/// position), swaps changed stylesheets in place, and shows build errors as an overlay.
pub(super) const RELOAD_SCRIPT: &str = include_str!("reload.js");

/// Inserts the reload script before `</body>`; the built files never carry it.
pub(super) fn with_reload_script(html: &[u8], base_path: &str) -> Bytes {
    let script = format!(
        "<script data-bulletin-reload=\"{base_path}{EVENTS_PATH}\">{RELOAD_SCRIPT}</script>\n"
    );
    let position = html
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..position]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[position..]);
    out.into()
}
