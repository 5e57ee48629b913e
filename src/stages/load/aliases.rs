//! An item's old addresses (`aliases:`), checked: each becomes a file of the site that
//! redirects to the item, so it must stay inside the site and name a file or a directory.

use std::path::Path;

use crate::error::Problem;

/// The file an old address is published as, below the site's base path: `/old/123.html`
/// is `old/123.html`, `/old/list/` and `/old/list` are `old/list/index.html`. `None` when
/// it could leave the site or is no path at all.
pub fn alias_file(written: &str, base_path: &str) -> Option<String> {
    let path = written.trim();
    // A full address of the old site: its path is what matters.
    let path = match path.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |at| &rest[at..]),
        None => path,
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let path = path
        .strip_prefix(base_path)
        .unwrap_or(path.trim_start_matches('/'));
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    let unsafe_segment = |s: &&str| {
        *s == "." || *s == ".." || s.contains(['\\', '\0']) || s.chars().any(char::is_control)
    };
    if segments.is_empty() || segments.iter().any(unsafe_segment) {
        return None;
    }
    let joined = segments.join("/");
    let is_file = !decoded.ends_with('/')
        && segments.last().is_some_and(|last| {
            last.rsplit_once('.')
                .is_some_and(|(_, ext)| (1..=5).contains(&ext.len()))
        });
    Some(match is_file {
        true => joined,
        false => format!("{joined}/index.html"),
    })
}

/// The aliases as files, or a problem at `line` for each that cannot be one.
pub fn alias_files(
    path: &Path,
    line: usize,
    written: &[String],
    base_path: &str,
) -> (Vec<String>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for alias in written {
        match alias_file(alias, base_path) {
            Some(file) => files.push(file),
            None => problems.push(
                Problem::new(path, line, format!("the old address `{alias}` cannot be published"))
                    .with_hint("write the old page's path below the site, e.g. `/news/2019/123.html`, without `..`"),
            ),
        }
    }
    (files, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_addresses_become_files_inside_the_site() {
        assert_eq!(
            alias_file("/old/path/123.html", "/").as_deref(),
            Some("old/path/123.html")
        );
        assert_eq!(
            alias_file("/old/list/", "/").as_deref(),
            Some("old/list/index.html")
        );
        assert_eq!(
            alias_file("old/list", "/").as_deref(),
            Some("old/list/index.html")
        );
        assert_eq!(
            alias_file(
                "http://www.example.gov.cn/xwzx/202105/t20210510_2465883.shtml?id=1",
                "/"
            )
            .as_deref(),
            Some("xwzx/202105/t20210510_2465883.shtml")
        );
        assert_eq!(
            alias_file("/site/old/1.htm", "/site/").as_deref(),
            Some("old/1.htm")
        );
        assert_eq!(
            alias_file("/%E6%96%B0%E9%97%BB/1.html", "/").as_deref(),
            Some("新闻/1.html")
        );
        for bad in ["/../etc/passwd", "/a/%2e%2e/b", "", "/", "a\\b"] {
            assert_eq!(alias_file(bad, "/"), None, "{bad}");
        }
    }
}
