//! `bulletin new` and `bulletin init`: the files an editor starts from.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::{Error, Problem, Result};
use crate::site::write_new_file;
use crate::site::{CONFIG_FILE, CONTENT_DIR};
use crate::stages::load::{GroupNames, yaml_string};
use crate::text::converter::Converter;
use crate::text::slug;

/// What `bulletin new` is asked for.
pub struct NewItem<'a> {
    pub title: &'a str,
    /// By key or by name, in either script.
    pub department: &'a str,
    pub slug: Option<&'a str>,
    /// A folder for the item's photos and attachments: `<slug>/index.md`.
    pub bundle: bool,
}

/// Writes `content/<year>/<slug>.md` (or `<slug>/index.md`) for a new item dated now, and
/// returns its path.
pub fn new_item(root: &Path, new: &NewItem, now: chrono::DateTime<chrono::Utc>) -> Result<PathBuf> {
    let NewItem {
        title,
        department,
        slug,
        bundle,
    } = *new;
    let config = Config::load(root)?;
    let converter = Converter::new();
    let departments = GroupNames::departments(&config, &converter);
    let problem = format!("unknown department `{department}`");
    let department = departments.find_given(department, &converter, problem)?;
    let slug = slug.map_or_else(|| slug::from_title(title), str::to_string);
    if !crate::config::is_url_key(&slug) {
        return Err(Error::invalid(vec![
            Problem::new(Path::new(&slug), 0, "not a usable slug")
                .with_hint("use lowercase ASCII letters, digits and `-`"),
        ]));
    }
    let date = now.with_timezone(&config.timezone);
    let year = root.join(CONTENT_DIR).join(date.format("%Y").to_string());
    let (file, folder) = (
        year.join(format!("{slug}.md")),
        year.join(&slug).join("index.md"),
    );
    let path = if bundle { folder.clone() } else { file.clone() };
    if let Some(path) = [&file, &folder].into_iter().find(|p| p.exists()) {
        return Err(Error::invalid(vec![
            Problem::new(path, 0, "the file already exists")
                .with_hint("choose another title or pass --slug"),
        ]));
    }
    let front_matter = format!(
        "---\ntitle: {}\ndate: {}\ndepartment: {}\nsource: {}\ntags: []\n---\n\n",
        yaml_string(title),
        date.format("%Y-%m-%d %H:%M:%S"),
        config.departments[department].key,
        yaml_string(&config.departments[department].name),
    );
    write_new_file(&path, &front_matter)?;
    Ok(path)
}

const INIT_CONFIG: &str = "\
# The site configuration; see README.md of bulletin for every key.
title: 示例区人民政府
description: 示例区政务动态
base_url: https://www.example.gov.cn/
timezone: Asia/Shanghai
items_per_page: 20
variants:
  - { lang: zh-Hans, path: hans, default: true }
  - { lang: zh-Hant, path: hant }
departments:
  bangongshi: 区政府办公室
";

const INIT_ITEM: &str = "\
---
title: 区政府网站开通
date: 2024-01-01 09:00:00
department: bangongshi
source: 区政府办公室
tags: [公告]
---

区政府网站今日开通。本站每条信息均以简体和繁体两种文字发布。
";

/// Creates a site with a configuration and one item; the default theme is built in.
pub fn init_site(dir: &Path) -> Result<()> {
    if dir.join(CONFIG_FILE).exists() {
        return Err(Error::invalid(vec![
            Problem::new(&dir.join(CONFIG_FILE), 0, "a site already exists here")
                .with_hint("choose a new directory"),
        ]));
    }
    write_new_file(&dir.join(CONFIG_FILE), INIT_CONFIG)?;
    write_new_file(
        &dir.join(CONTENT_DIR).join("2024").join("welcome.md"),
        INIT_ITEM,
    )?;
    write_new_file(&dir.join(".gitignore"), "/public\n")
}
