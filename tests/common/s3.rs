//! A real S3-compatible server for the deploy tests: moto in server mode (from PyPI, which
//! `.ci/run` installs), on a loopback port of its own, read back over plain HTTP.

use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};

use super::net::{Reply, free_port, http, http_with, wait_for_port};

/// A moto server, stopped on drop (when this handle started it).
pub struct S3Server {
    child: Option<Child>,
    pub port: u16,
}

impl S3Server {
    /// Starts the server; `None` (skipped) where moto is not installed, except in CI.
    pub fn start() -> Option<S3Server> {
        let installed = Command::new("python3")
            .args(["-c", "import moto.server"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !installed {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must install moto[server] (pip)"
            );
            eprintln!("skipping the object storage test: moto is not installed");
            return None;
        }
        let port = free_port();
        let child = Command::new("python3")
            .args([
                "-m",
                "moto.server",
                "-H",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = S3Server {
            child: Some(child),
            port,
        };
        wait_for_port(port, "moto");
        Some(server)
    }

    /// Another handle on the server at `port`, for another thread; it stops nothing.
    pub fn attach(port: u16) -> S3Server {
        S3Server { child: None, port }
    }

    pub fn create_bucket(&self, bucket: &str) {
        let reply = http(self.port, "PUT", &format!("/{bucket}"), b"");
        assert_eq!(reply.status, 200, "{reply:?}");
    }

    /// Every object under `prefix`: key to ETag (unquoted).
    pub fn objects(&self, bucket: &str, prefix: &str) -> BTreeMap<String, String> {
        let mut objects = BTreeMap::new();
        let mut token: Option<String> = None;
        loop {
            let mut path = format!("/{bucket}?list-type=2&prefix={}", encoded(prefix));
            if let Some(token) = &token {
                path.push_str(&format!("&continuation-token={}", encoded(token)));
            }
            let reply = http(self.port, "GET", &path, b"");
            assert_eq!(reply.status, 200, "{reply:?}");
            let xml = String::from_utf8(reply.body).unwrap();
            let document = roxmltree::Document::parse(&xml).unwrap();
            let child_text = |node: roxmltree::Node, name: &str| {
                node.children()
                    .find(|c| c.tag_name().name() == name)
                    .and_then(|c| c.text())
                    .unwrap_or("")
                    .to_string()
            };
            for contents in document
                .descendants()
                .filter(|n| n.tag_name().name() == "Contents")
            {
                objects.insert(
                    child_text(contents, "Key"),
                    child_text(contents, "ETag").trim_matches('"').to_string(),
                );
            }
            let root = document.root_element();
            token = Some(child_text(root, "NextContinuationToken")).filter(|t| !t.is_empty());
            if token.is_none() {
                return objects;
            }
        }
    }

    pub fn get(&self, bucket: &str, key: &str) -> Reply {
        self.object(bucket, key, "GET")
    }

    pub fn head(&self, bucket: &str, key: &str) -> Reply {
        self.object(bucket, key, "HEAD")
    }

    /// Objects are private: moto answers only a request that carries credentials (it checks
    /// that they are there, not the signature).
    fn object(&self, bucket: &str, key: &str, method: &str) -> Reply {
        let authorization = "AWS4-HMAC-SHA256 Credential=testing/20240101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0";
        let path = format!("/{bucket}/{}", encoded_path(key));
        http_with(
            self.port,
            method,
            &path,
            &[("Authorization", authorization)],
            b"",
        )
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn encoded(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, UNRESERVED).to_string()
}

fn encoded_path(key: &str) -> String {
    key.split('/').map(encoded).collect::<Vec<_>>().join("/")
}
