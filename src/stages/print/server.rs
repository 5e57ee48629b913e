//! The rendered site served over loopback, for Chromium to print from: pages
//! load their stylesheets as they would from the real server, under the site's base path,
//! and their links lead to the real site, so that the PDF's links do too.

use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use bytes::Bytes;

use crate::error::{Error, Result};
use crate::stages::item::FileSource;

/// A server on `127.0.0.1` and an ephemeral port, until `stop`.
pub(super) struct LoopbackSite {
    address: std::net::SocketAddr,
    base_path: String,
    stopping: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

impl LoopbackSite {
    pub(super) fn start(
        files: Arc<dyn FileSource>,
        base_url: &str,
        base_path: &str,
    ) -> Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")
            .map_err(|e| Error::write(std::path::Path::new("127.0.0.1"), e))?;
        let address = listener
            .local_addr()
            .map_err(|e| Error::write(std::path::Path::new("127.0.0.1"), e))?;
        let stopping = Arc::new(AtomicBool::new(false));
        let stop = stopping.clone();
        let origin = (base_url.to_string(), base_path.to_string());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                if let Ok(stream) = stream {
                    let (files, origin) = (files.clone(), origin.clone());
                    std::thread::spawn(move || answer(stream, files.as_ref(), &origin));
                }
            }
        });
        Ok(LoopbackSite {
            address,
            base_path: base_path.to_string(),
            stopping,
            thread,
        })
    }

    /// The address of a site file: `hans/editions/2024/12/index.html`.
    pub(super) fn url_of(&self, path: &str) -> String {
        format!("http://{}{}{path}", self.address, self.base_path)
    }

    pub(super) fn stop(self) {
        self.stopping.store(true, Ordering::Relaxed);
        // Wakes the accepting thread, which then sees the flag.
        let _ = TcpStream::connect(self.address);
        let _ = self.thread.join();
    }
}

/// A page with its links to the site (`<a href="/site/…">`) made absolute (`https://host/site/…`).
fn links_to_site(page: &Bytes, base_url: &str, base_path: &str) -> Bytes {
    let Ok(text) = std::str::from_utf8(page) else {
        return page.clone();
    };
    let pattern = format!(r#"(<a\b[^>]*?\bhref="){}"#, regex::escape(base_path));
    let link = regex::Regex::new(&pattern).expect("escaped");
    let replacement = format!("${{1}}{}", base_url.replace('$', "$$"));
    Bytes::from(link.replace_all(text, replacement.as_str()).into_owned())
}

/// Answers GET requests on one connection: the file (a page with its links to the site made
/// absolute, `origin` being the base URL and path), or 404.
fn answer(stream: TcpStream, files: &dyn FileSource, origin: &(String, String)) {
    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(30)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut writer = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            break;
        }
        // The headers matter not: every answer has a length, and the connection stays open.
        let mut header = String::new();
        while reader.read_line(&mut header).unwrap_or(0) > 2 {
            header.clear();
        }
        let target = request_line.split_whitespace().nth(1).unwrap_or("/");
        let path = target.split(['?', '#']).next().unwrap_or("/");
        let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let key = match path.strip_prefix(origin.1.as_str()) {
            Some(inside) if inside.is_empty() || inside.ends_with('/') => {
                format!("{inside}index.html")
            }
            Some(inside) => inside.to_string(),
            None => String::new(),
        };
        let (status, body, kind) = match files.read(&key) {
            Some(body) if key.ends_with(".html") => {
                let page = links_to_site(&body, &origin.0, &origin.1);
                ("200 OK", page, crate::site::content_type(&key))
            }
            Some(body) => ("200 OK", body, crate::site::content_type(&key)),
            None => ("404 Not Found", Bytes::new(), "text/plain"),
        };
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        if writer.write_all(head.as_bytes()).is_err() || writer.write_all(&body).is_err() {
            break;
        }
    }
    let _ = writer.shutdown(Shutdown::Both);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_lead_to_the_real_site_and_stylesheets_stay() {
        let page = Bytes::from_static(br##"<link rel="stylesheet" href="/site/static/print.css"><a class="x" href="/site/hans/2024/">a</a> <a href="#item-1">b</a> <a href="https://other.org/site/">c</a>"##);
        let printed = links_to_site(&page, "https://example.org/site/", "/site/");
        assert_eq!(
            std::str::from_utf8(&printed).unwrap(),
            r##"<link rel="stylesheet" href="/site/static/print.css"><a class="x" href="https://example.org/site/hans/2024/">a</a> <a href="#item-1">b</a> <a href="https://other.org/site/">c</a>"##
        );
    }
}
