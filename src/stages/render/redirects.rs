//! Old addresses kept working: at each of an item's `aliases`, a small page that sends
//! readers on to the item (`<meta http-equiv="refresh">`) and search engines too (its
//! canonical link). Redirects are listed in no index, feed or sitemap.

use std::collections::HashMap;
use std::path::Path;

use super::feeds::escape_xml;
use super::{SiteInputs, Urls, item_path};
use crate::digest::KeyBuilder;
use crate::error::{Error, Problem, Result};
use crate::stages::item::OutputFile;

/// The redirect pages of every item's old addresses, to the item in the default variant.
/// Two items claiming one address is an error that names both.
pub fn render_redirects(site: &SiteInputs) -> Result<Vec<OutputFile>> {
    let urls = Urls::new(&site.config.base_url);
    let (v, variant) = site
        .config
        .variants
        .iter()
        .enumerate()
        .find(|(_, v)| v.is_default)
        .expect("validation guarantees a default variant");
    let mut claimed: HashMap<&str, &Path> = HashMap::new();
    let mut problems = Vec::new();
    let mut files = Vec::new();
    for item in site.items {
        let meta = &item.meta;
        for alias in &meta.aliases {
            if let Some(first) = claimed.insert(alias.as_str(), meta.path.as_path()) {
                problems.push(
                    Problem::new(
                        &meta.path,
                        meta.aliases_line,
                        format!(
                            "the old address of `{alias}` is claimed by {} too",
                            first.display()
                        ),
                    )
                    .with_hint("an old address leads to one item: keep it in one item's `aliases`"),
                );
                continue;
            }
            let target = urls.absolute(&format!("{}/{}", variant.path, item_path(item)));
            let made_from = KeyBuilder::default()
                .with(&site.digest)
                .with(alias)
                .with(&meta.digest)
                .finish();
            files.push(OutputFile::made(
                alias.clone(),
                made_from,
                redirect_page(&variant.lang, &item.texts[v].title, &target),
            ));
        }
    }
    match problems.is_empty() {
        true => Ok(files),
        false => Err(Error::invalid(problems)),
    }
}

fn redirect_page(lang: &str, title: &str, target: &str) -> String {
    let (lang, title, target) = (escape_xml(lang), escape_xml(title), escape_xml(target));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<link rel=\"canonical\" href=\"{target}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n<p><a href=\"{target}\">{title}</a></p>\n</body>\n</html>\n"
    )
}
