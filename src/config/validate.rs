//! `bulletin.yaml` as written (`raw`) to the `Config` the pipeline runs on: every problem is
//! reported together, each at the line of its key.

use std::path::Path;

use super::raw::{RawColumn, RawConfig, RawVariant};
use super::rules::{Level, RULES, default_level};
use super::yaml::{key_line, nested_key_line, shown};
use super::{COLUMN_TYPES, Column, Config, Department, Freshness, Variant, is_url_key};
use crate::digest::KeyBuilder;
use crate::error::{Error, Problem, Result};
use crate::text::dates::DateStyle;
use crate::text::markdown::Safety;
use crate::text::script::Script;

impl Config {
    /// Validates configuration text; all problems are reported together.
    pub fn parse(root: &Path, text: &str) -> Result<Config> {
        let file = Path::new(crate::site::CONFIG_FILE);
        let raw: RawConfig = serde_yaml::from_str(text).map_err(|e| {
            let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            Error::invalid(vec![
                Problem::new(file, line, format!("invalid site configuration: {e}"))
                    .at_column(column)
                    .with_hint("see the configuration reference in README.md"),
            ])
        })?;
        let mut found = Found {
            text,
            problems: Vec::new(),
        };
        let timezone = found.settings(&raw);
        let variants = found.variants(&raw.variants);
        let departments = found.departments(&raw.departments);
        let columns = found.columns(&raw.columns);
        found.levels(&raw.check);
        let editions = raw
            .editions
            .and_then(|e| e.validate(text, &mut found.problems));
        let deploy = super::deploy::validate(&raw.deploy, text, &mut found.problems);
        if !found.problems.is_empty() {
            return Err(Error::invalid(found.problems));
        }
        let mut base_url = raw.base_url;
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        Ok(Config {
            root: root.to_path_buf(),
            digest: KeyBuilder::default().with(text).finish(),
            title: raw.title,
            description: raw.description,
            base_url,
            output_dir: raw.output_dir,
            theme: raw.theme,
            timezone,
            items_per_page: raw.items_per_page,
            feed_items: raw.feed_items,
            safety: Safety {
                allow_html: raw.allow_html,
                allow_data_images: raw.allow_data_images,
            },
            first_line_indent: raw.first_line_indent,
            engine: raw.engine,
            variants,
            departments,
            columns,
            columns_line: key_line(text, "columns"),
            check: raw.check,
            identity: raw.identity,
            search: raw.search,
            limits: raw.limits,
            editions,
            deploy,
        })
    }
}

/// The configuration's text and the problems found in it so far.
struct Found<'a> {
    text: &'a str,
    problems: Vec<Problem>,
}

impl Found<'_> {
    fn problem(&mut self, key: &str, message: String, hint: &str) {
        let file = Path::new(crate::site::CONFIG_FILE);
        self.problems
            .push(Problem::new(file, key_line(self.text, key), message).with_hint(hint));
    }

    /// The single-valued settings; returns the time zone.
    fn settings(&mut self, raw: &RawConfig) -> chrono_tz::Tz {
        let timezone = raw.timezone.parse().unwrap_or_else(|_| {
            self.problem(
                "timezone",
                format!("unknown timezone `{}`", raw.timezone),
                "use an IANA name such as Asia/Shanghai, Asia/Taipei or Asia/Hong_Kong",
            );
            chrono_tz::Asia::Shanghai
        });
        if !(raw.base_url.starts_with("http://") || raw.base_url.starts_with("https://")) {
            self.problem(
                "base_url",
                format!("base_url `{}` is not an absolute http(s) URL", raw.base_url),
                "write the address the site is published at, e.g. https://www.example.gov.cn/",
            );
        }
        if !(1..=super::MAX_SITEMAP_URLS).contains(&raw.limits.sitemap_urls) {
            self.problem(
                "limits",
                format!(
                    "limits: sitemap_urls is {}; the sitemap protocol allows 1 to 50000 addresses in one file",
                    raw.limits.sitemap_urls
                ),
                "leave it out (50000), or lower it",
            );
        }
        if raw.items_per_page == 0 {
            self.problem(
                "items_per_page",
                "items_per_page must be at least 1".into(),
                "20 is a good default",
            );
        }
        timezone
    }

    /// The variants, exactly one of them the default (the first, unless one says so).
    fn variants(&mut self, raw: &[RawVariant]) -> Vec<Variant> {
        let mut variants = Vec::new();
        for raw_variant in raw {
            match variant(raw_variant) {
                Ok(variant) => variants.push(variant),
                Err(message) => self.problem(
                    "variants",
                    message,
                    "each variant needs a lang such as zh-Hans or zh-Hant and an ASCII path such as hans",
                ),
            }
        }
        if variants.is_empty() {
            self.problem(
                "variants",
                "no variants configured".into(),
                "declare at least one, e.g. `- { lang: zh-Hans, path: hans, default: true }`",
            );
        }
        match variants.iter().filter(|v| v.is_default).count() {
            0 if !variants.is_empty() => variants[0].is_default = true,
            0 | 1 => {}
            _ => self.problem(
                "variants",
                "more than one variant is marked `default: true`".into(),
                "mark exactly one variant as the one served at /",
            ),
        }
        for (i, v) in variants.iter().enumerate() {
            if variants[..i]
                .iter()
                .any(|w| w.path == v.path || w.lang == v.lang)
            {
                self.problem(
                    "variants",
                    format!(
                        "two variants share the path `{}` or the lang `{}`",
                        v.path, v.lang
                    ),
                    "give every variant its own lang and path",
                );
            }
        }
        variants
    }

    fn departments(&mut self, raw: &serde_yaml::Mapping) -> Vec<Department> {
        let mut departments = Vec::new();
        for (key, value) in raw {
            match (key.as_str(), department_names(value)) {
                (Some(key), Some((name, aliases))) if is_url_key(key) => {
                    departments.push(Department {
                        key: key.to_string(),
                        name,
                        aliases,
                    })
                }
                _ => self.problem(
                    "departments",
                    format!("bad department entry `{}: {}`", shown(key), shown(value)),
                    "write `key: name` with a lowercase ASCII key, e.g. `jianshe: 区建设局`, or `key: { name: 中山市西区, aliases: [西区] }`",
                ),
            }
        }
        departments
    }

    fn columns(&mut self, raw: &serde_yaml::Mapping) -> Vec<Column> {
        let mut columns = Vec::new();
        for (key, value) in raw {
            let parsed = serde_yaml::from_value::<RawColumn>(value.clone());
            match (key.as_str(), parsed) {
                (Some(key), Ok(raw)) if is_url_key(key) && !raw.name.trim().is_empty() => {
                    if let Some(column) = self.column(key, raw) {
                        columns.push(column);
                    }
                }
                (_, parsed) => self.problem(
                    "columns",
                    match parsed {
                        Err(e) => format!("bad column `{}`: {e}", shown(key)),
                        Ok(_) => format!("bad column key or empty name: `{}`", shown(key)),
                    },
                    "write `key: { name: 动态要闻, type: news }` with a lowercase ASCII key; types are news, notice, policy, interpretation, other; freshness (optional) is news, periodic or none",
                ),
            }
        }
        columns
    }

    /// One column whose key and name are good; its `column_type` must be on the list.
    fn column(&mut self, key: &str, raw: RawColumn) -> Option<Column> {
        let column_type = match &raw.column_type {
            None => raw.kind.column_type(),
            Some(written) => match COLUMN_TYPES.iter().find(|t| *t == written) {
                Some(listed) => listed,
                None => {
                    self.problem(
                        "columns",
                        format!(
                            "the column `{key}` has a column_type the specification does not list: `{written}`"
                        ),
                        &format!("write one of {}", COLUMN_TYPES.join("、")),
                    );
                    return None;
                }
            },
        };
        Some(Column {
            column_type,
            key: key.to_string(),
            name: raw.name.trim().to_string(),
            aliases: raw.aliases,
            freshness: raw.freshness.unwrap_or(Freshness::of_kind(raw.kind)),
            kind: raw.kind,
            description: raw.description,
            keywords: raw.keywords,
            line: nested_key_line(self.text, "columns", key),
        })
    }

    /// Rule levels: every rule must exist, and the fixed ones keep their level.
    fn levels(&mut self, levels: &std::collections::BTreeMap<String, Level>) {
        for (rule, level) in levels {
            match default_level(rule) {
                None => self.problem(
                    "check",
                    format!("there is no check rule `{rule}`"),
                    &format!(
                        "the rules are {}",
                        RULES.map(|(name, _, _)| name).join(", ")
                    ),
                ),
                Some((default, false)) if *level != default => self.problem(
                    "check",
                    format!("the rule `{rule}` cannot be changed"),
                    "a site cannot be built past it; fix the content instead",
                ),
                _ => {}
            }
        }
    }
}

/// One variant as written, checked.
fn variant(raw: &RawVariant) -> std::result::Result<Variant, String> {
    let script = Script::of_lang(&raw.lang)
        .ok_or_else(|| format!("variant lang `{}` is not a Chinese script tag", raw.lang))?;
    if !is_url_key(&raw.path) {
        return Err(format!(
            "variant path `{}` must be lowercase ASCII",
            raw.path
        ));
    }
    let label = match script {
        Script::Hans => "简体",
        Script::Hant => "繁體",
        Script::HantTw => "繁體（臺灣）",
        Script::HantHk => "繁體（香港）",
    };
    for name in raw.from_hans.iter().chain(&raw.from_hant) {
        if !name.is_empty() && !crate::text::converter::is_known_conversion(name) {
            return Err(format!(
                "variant {}: `{name}` is not an OpenCC configuration (s2t, t2s, s2tw, s2twp, s2hk, t2tw, t2hk, tw2sp, ...)",
                raw.lang
            ));
        }
    }
    Ok(Variant {
        lang: raw.lang.clone(),
        path: raw.path.clone(),
        script,
        label: raw.label.clone().unwrap_or_else(|| label.into()),
        is_default: raw.default,
        from_hans: raw.from_hans.clone(),
        from_hant: raw.from_hant.clone(),
        date_style: raw.date_style.unwrap_or(DateStyle::of_script(script)),
    })
}

/// A department's name and aliases, written `name` or `{ name: ..., aliases: [...] }`.
fn department_names(value: &serde_yaml::Value) -> Option<(String, Vec<String>)> {
    let non_empty = |v: &serde_yaml::Value| {
        v.as_str()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    if let Some(name) = non_empty(value) {
        return Some((name, Vec::new()));
    }
    let mapping = value.as_mapping()?;
    if mapping
        .keys()
        .any(|k| !matches!(k.as_str(), Some("name" | "aliases")))
    {
        return None;
    }
    let name = non_empty(mapping.get("name")?)?;
    let aliases = match mapping.get("aliases") {
        None => Vec::new(),
        Some(list) => list
            .as_sequence()?
            .iter()
            .map(non_empty)
            .collect::<Option<Vec<_>>>()?,
    };
    Some((name, aliases))
}
