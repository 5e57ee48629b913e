//! The site configuration: `bulletin.yaml` as written (raw) and as the pipeline uses it (validated).

pub mod rules;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::rules::{Level, RULES, default_level};
use crate::digest::{Key, KeyBuilder};
use crate::error::{Error, Problem, Result};
use crate::text::dates::DateStyle;
use crate::text::engine::EngineChoice;
use crate::text::markdown::Safety;
use crate::text::script::Script;

/// `bulletin.yaml` exactly as written; unknown keys are rejected so a typo never drops a setting.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    base_url: String,
    #[serde(default = "default_output_dir")]
    output_dir: PathBuf,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_timezone")]
    timezone: String,
    #[serde(default = "default_items_per_page")]
    items_per_page: usize,
    #[serde(default = "default_feed_items")]
    feed_items: usize,
    #[serde(default)]
    allow_html: bool,
    #[serde(default)]
    allow_data_images: bool,
    #[serde(default = "default_true")]
    first_line_indent: bool,
    #[serde(default)]
    engine: EngineChoice,
    variants: Vec<RawVariant>,
    departments: serde_yaml::Mapping,
    /// Columns (栏目), in the order written: `key: { name, type, ... }`.
    #[serde(default)]
    columns: serde_yaml::Mapping,
    /// `bulletin check` rule levels: `rule: error | warning | off`.
    #[serde(default)]
    check: BTreeMap<String, Level>,
    /// Who runs the site, for the footer and the page metadata inspectors look for.
    #[serde(default)]
    identity: Identity,
    /// Write a search index per variant.
    #[serde(default = "default_true")]
    search: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariant {
    lang: String,
    path: String,
    #[serde(default)]
    default: bool,
    /// The switcher's name for this variant, in its own script; derived from `lang` if absent.
    label: Option<String>,
    /// OpenCC configuration turning simplified source into this variant; derived from `lang` if absent.
    from_hans: Option<String>,
    /// OpenCC configuration turning (standard) traditional source into this variant; derived
    /// from `lang` if absent.
    from_hant: Option<String>,
    /// How dates are written: cn, roc (民國 years) or hk; derived from `lang` if absent.
    date_style: Option<DateStyle>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColumn {
    name: String,
    #[serde(rename = "type")]
    kind: ColumnKind,
    /// How often inspectors expect it updated; follows the type if absent.
    freshness: Option<Freshness>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
    /// The `ColumnType` meta tag's value, from `COLUMN_TYPES`; follows the type if absent.
    column_type: Option<String>,
}

fn default_output_dir() -> PathBuf {
    PathBuf::from("public")
}
fn default_theme() -> String {
    "default".into()
}
fn default_timezone() -> String {
    "Asia/Shanghai".into()
}
fn default_items_per_page() -> usize {
    20
}
fn default_feed_items() -> usize {
    20
}
fn default_true() -> bool {
    true
}

/// The validated configuration the pipeline runs on.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site root: where `bulletin.yaml`, `content/` and `themes/` are.
    pub root: PathBuf,
    pub title: String,
    pub description: String,
    /// Always ends with `/`.
    pub base_url: String,
    /// Absolute, or relative to the root.
    pub output_dir: PathBuf,
    pub theme: String,
    pub timezone: chrono_tz::Tz,
    pub items_per_page: usize,
    pub feed_items: usize,
    /// What items' Markdown may put on a page: raw HTML, `data:image/…` images.
    pub safety: Safety,
    pub first_line_indent: bool,
    pub engine: EngineChoice,
    /// In the order written; exactly one is the default served at `/`.
    pub variants: Vec<Variant>,
    /// In the order written.
    pub departments: Vec<Department>,
    /// In the order written; a site may have none.
    pub columns: Vec<Column>,
    /// The line of `columns:` in bulletin.yaml, for findings about all of them.
    pub columns_line: usize,
    /// Rule levels that differ from `check::RULES`.
    pub check: BTreeMap<String, Level>,
    pub identity: Identity,
    /// Whether `build` writes search indexes (and the theme shows the search page).
    pub search: bool,
    /// The digest of the configuration text: a rebuild redoes the pages when it changes.
    pub digest: Key,
}

/// The marks of a government site's identity, all optional: the footer shows what is given,
/// and the page metadata carries the site code. Names may be written in either script.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    /// 主办单位.
    pub organizer: Option<String>,
    /// 承办单位.
    pub operator: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    /// 网站标识码, e.g. `4401000001`.
    pub site_code: Option<String>,
    /// ICP备案号, e.g. `粤ICP备12345678号`, linked to the MIIT register.
    pub icp: Option<String>,
    /// 公安机关备案号, e.g. `粤公网安备 44010002000001号`, linked to its record.
    pub police: Option<String>,
    /// The 党政机关网站标识 snippet the registry issues (HTML, put in the footer as it is).
    pub party_mark: Option<String>,
    /// Taiwan's accessibility mark (無障礙標章).
    pub accessibility_mark: Option<AccessibilityMark>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityMark {
    pub image: String,
    pub link: String,
    #[serde(default = "default_mark_alt")]
    pub alt: String,
}

fn default_mark_alt() -> String {
    "無障礙標章".into()
}

impl Identity {
    /// The register page of the ICP number.
    pub fn icp_url(&self) -> Option<&'static str> {
        self.icp.as_ref().map(|_| "https://beian.miit.gov.cn/")
    }

    /// The public record of the police registration, found by its digits.
    pub fn police_url(&self) -> Option<String> {
        let digits: String = self
            .police
            .as_ref()?
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        (!digits.is_empty())
            .then(|| format!("https://beian.mps.gov.cn/#/query/webSearch?code={digits}"))
    }
}

/// One published script variant of the site, e.g. zh-Hant under `/hant/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// BCP 47 tag, used for `lang` and `hreflang`.
    pub lang: String,
    /// URL path segment, ASCII.
    pub path: String,
    pub script: Script,
    /// The switcher's name for this variant, in its own script.
    pub label: String,
    pub is_default: bool,
    /// The site's own choice of conversion for simplified sources, if it made one.
    pub from_hans: Option<String>,
    /// The site's own choice of conversion for standard traditional sources, if it made one.
    pub from_hant: Option<String>,
    pub date_style: DateStyle,
}

impl Variant {
    /// The OpenCC configuration that turns text in `source` script into this variant,
    /// or `None` when the text is already in this variant's script.
    pub fn conversion_from(&self, source: Script) -> Option<&str> {
        let chosen = match source {
            Script::Hans => self.from_hans.as_deref(),
            Script::Hant => self.from_hant.as_deref(),
            Script::HantTw | Script::HantHk => None,
        };
        match chosen {
            Some("") => None,
            Some(conversion) => Some(conversion),
            None => source.conversion_to(self.script),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    /// Stable ASCII key used in URLs.
    pub key: String,
    /// The name as configured, in either script.
    pub name: String,
    /// Other names the department goes by (`西区` for `中山市西区`): front matter and
    /// `bulletin import` accept them too.
    pub aliases: Vec<String>,
}

/// A column (栏目): a kind of information the site publishes, with its own index and feed, and
/// how often government site inspectors expect it to be updated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Stable ASCII key used in URLs.
    pub key: String,
    /// The name as configured, in either script.
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: ColumnKind,
    pub freshness: Freshness,
    /// For the `ColumnDescription` and `ColumnKeywords` meta tags.
    pub description: String,
    pub keywords: Vec<String>,
    /// The `ColumnType` meta tag's value: one of `COLUMN_TYPES`.
    pub column_type: &'static str,
    /// The line of bulletin.yaml that declares it, for `check`'s findings.
    pub line: usize,
}

/// The values the government page specification allows in the `ColumnType` meta tag. They
/// are fixed words for machines that read the tag, so they are never converted.
pub const COLUMN_TYPES: [&str; 17] = [
    "首页",
    "概况信息",
    "机构职能",
    "负责人信息",
    "工作动态",
    "政策文件",
    "信息公开指南",
    "信息公开目录",
    "信息公开年报",
    "政策解读",
    "回应关切",
    "办事服务",
    "咨询投诉",
    "征集调查",
    "在线访谈",
    "数据发布",
    "专题专栏",
];

/// What a column holds, for the `ColumnType` meta tag and the inspector's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnKind {
    /// 动态要闻: news.
    News,
    /// 通知公告.
    Notice,
    /// 政策文件.
    Policy,
    /// 政策解读: each item interprets a policy document (`interprets:`).
    Interpretation,
    Other,
}

impl ColumnKind {
    /// The type's name in bulletin.yaml (`news`, `notice`, ...), as templates see it.
    pub fn name(self) -> &'static str {
        match self {
            ColumnKind::News => "news",
            ColumnKind::Notice => "notice",
            ColumnKind::Policy => "policy",
            ColumnKind::Interpretation => "interpretation",
            ColumnKind::Other => "other",
        }
    }

    /// The `ColumnType` of a column of this type, unless the column names its own: news and
    /// notices are 工作动态 to the specification.
    pub fn column_type(self) -> &'static str {
        match self {
            ColumnKind::News | ColumnKind::Notice => "工作动态",
            ColumnKind::Policy => "政策文件",
            ColumnKind::Interpretation => "政策解读",
            ColumnKind::Other => "专题专栏",
        }
    }
}

/// How long a column may go without a new item before an inspector calls it stale: the 2019
/// inspection indicators allow two weeks for news, six months for notices and policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Freshness {
    /// 14 days.
    News,
    /// 6 months.
    Periodic,
    /// Never stale.
    None,
}

impl Freshness {
    fn of_kind(kind: ColumnKind) -> Self {
        match kind {
            ColumnKind::News => Freshness::News,
            ColumnKind::Notice | ColumnKind::Policy | ColumnKind::Interpretation => {
                Freshness::Periodic
            }
            ColumnKind::Other => Freshness::None,
        }
    }

    /// The last day a column last updated on `updated` is still fresh.
    pub fn fresh_until(self, updated: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
        match self {
            Freshness::News => updated.checked_add_days(chrono::Days::new(14)),
            Freshness::Periodic => updated.checked_add_months(chrono::Months::new(6)),
            Freshness::None => None,
        }
    }
}

/// Items grouped by department or by column: both get a paginated list and a feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Grouping {
    // The values index per-grouping arrays built in the order of `ALL`.
    Department = 0,
    Column = 1,
}

impl Grouping {
    pub const ALL: [Grouping; 2] = [Grouping::Department, Grouping::Column];

    /// The directory of the group pages, below a variant's prefix.
    pub fn dir(self) -> &'static str {
        match self {
            Grouping::Department => "departments",
            Grouping::Column => "columns",
        }
    }
}

impl Config {
    /// The URL key of a department or column.
    pub fn group_key(&self, grouping: Grouping, group: usize) -> &str {
        match grouping {
            Grouping::Department => &self.departments[group].key,
            Grouping::Column => &self.columns[group].key,
        }
    }

    /// A group's pages below a variant's prefix: `departments/jianshe/`.
    pub fn group_path(&self, grouping: Grouping, group: usize) -> String {
        format!("{}/{}/", grouping.dir(), self.group_key(grouping, group))
    }

    /// The digest of the settings that shape an item before any template sees it: parsing
    /// (time zone, departments), conversion (variants) and Markdown (raw HTML, data images). Other
    /// settings leave the items as they were.
    pub fn item_settings(&self) -> Key {
        KeyBuilder::default()
            .with(self.timezone.name())
            .with(&format!(
                "{:?}{:?}{:?}",
                self.departments, self.columns, self.variants
            ))
            .with(&format!("{:?}", self.safety))
            .finish()
    }

    /// Reads and validates `<root>/bulletin.yaml`.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(crate::site::CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| Error::read(&path, e))?;
        Config::parse(root, &text)
    }

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
        let mut problems = Vec::new();
        let mut problem = |key: &str, message: String, hint: &str| {
            problems.push(Problem::new(file, key_line(text, key), message).with_hint(hint));
        };

        let timezone = raw.timezone.parse().unwrap_or_else(|_| {
            problem(
                "timezone",
                format!("unknown timezone `{}`", raw.timezone),
                "use an IANA name such as Asia/Shanghai, Asia/Taipei or Asia/Hong_Kong",
            );
            chrono_tz::Asia::Shanghai
        });
        if !(raw.base_url.starts_with("http://") || raw.base_url.starts_with("https://")) {
            problem(
                "base_url",
                format!("base_url `{}` is not an absolute http(s) URL", raw.base_url),
                "write the address the site is published at, e.g. https://www.example.gov.cn/",
            );
        }
        if raw.items_per_page == 0 {
            problem(
                "items_per_page",
                "items_per_page must be at least 1".into(),
                "20 is a good default",
            );
        }

        let mut variants = Vec::new();
        for raw_variant in &raw.variants {
            match Variant::from_raw(raw_variant) {
                Ok(variant) => variants.push(variant),
                Err(message) => problem(
                    "variants",
                    message,
                    "each variant needs a lang such as zh-Hans or zh-Hant and an ASCII path such as hans",
                ),
            }
        }
        if variants.is_empty() {
            problem(
                "variants",
                "no variants configured".into(),
                "declare at least one, e.g. `- { lang: zh-Hans, path: hans, default: true }`",
            );
        }
        match variants.iter().filter(|v| v.is_default).count() {
            0 if !variants.is_empty() => variants[0].is_default = true,
            0 | 1 => {}
            _ => problem(
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
                problem(
                    "variants",
                    format!(
                        "two variants share the path `{}` or the lang `{}`",
                        v.path, v.lang
                    ),
                    "give every variant its own lang and path",
                );
            }
        }

        let mut departments = Vec::new();
        for (key, value) in &raw.departments {
            match (key.as_str(), department_names(value)) {
                (Some(key), Some((name, aliases))) if is_url_key(key) => {
                    departments.push(Department {
                        key: key.to_string(),
                        name,
                        aliases,
                    })
                }
                _ => problem(
                    "departments",
                    format!("bad department entry `{}: {}`", shown(key), shown(value)),
                    "write `key: name` with a lowercase ASCII key, e.g. `jianshe: 区建设局`, or `key: { name: 中山市西区, aliases: [西区] }`",
                ),
            }
        }

        let mut columns = Vec::new();
        for (key, value) in &raw.columns {
            let column = serde_yaml::from_value::<RawColumn>(value.clone());
            let column_type = column.as_ref().ok().map(|raw| match &raw.column_type {
                None => Some(raw.kind.column_type()),
                Some(written) => COLUMN_TYPES.iter().copied().find(|t| t == written),
            });
            if let (Some(None), Ok(raw)) = (column_type, &column) {
                problem(
                    "columns",
                    format!(
                        "the column `{}` has a column_type the specification does not list: `{}`",
                        shown(key),
                        raw.column_type.as_deref().unwrap_or_default()
                    ),
                    &format!("write one of {}", COLUMN_TYPES.join("、")),
                );
                continue;
            }
            match (key.as_str(), column) {
                (Some(key), Ok(raw)) if is_url_key(key) && !raw.name.trim().is_empty() => columns
                    .push(Column {
                        column_type: column_type.flatten().unwrap_or(raw.kind.column_type()),
                        key: key.to_string(),
                        name: raw.name.trim().to_string(),
                        aliases: raw.aliases,
                        freshness: raw.freshness.unwrap_or(Freshness::of_kind(raw.kind)),
                        kind: raw.kind,
                        description: raw.description,
                        keywords: raw.keywords,
                        line: nested_key_line(text, "columns", key),
                    }),
                (_, column) => problem(
                    "columns",
                    match column {
                        Err(e) => format!("bad column `{}`: {e}", shown(key)),
                        Ok(_) => format!("bad column key or empty name: `{}`", shown(key)),
                    },
                    "write `key: { name: 动态要闻, type: news }` with a lowercase ASCII key; types are news, notice, policy, interpretation, other; freshness (optional) is news, periodic or none",
                ),
            }
        }

        for (rule, level) in &raw.check {
            match default_level(rule) {
                None => problem(
                    "check",
                    format!("there is no check rule `{rule}`"),
                    &format!(
                        "the rules are {}",
                        RULES.map(|(name, _, _)| name).join(", ")
                    ),
                ),
                Some((default, false)) if *level != default => problem(
                    "check",
                    format!("the rule `{rule}` cannot be changed"),
                    "a site cannot be built past it; fix the content instead",
                ),
                _ => {}
            }
        }

        if !problems.is_empty() {
            return Err(Error::invalid(problems));
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
        })
    }

    /// How much a `bulletin check` rule matters on this site.
    pub fn level(&self, rule: &str) -> Level {
        self.check
            .get(rule)
            .copied()
            .or_else(|| default_level(rule).map(|(level, _)| level))
            .unwrap_or(Level::Warning)
    }

    /// Where the built site goes, resolved against the root.
    pub fn output_path(&self) -> PathBuf {
        self.root.join(&self.output_dir)
    }

    pub fn default_variant(&self) -> &Variant {
        self.variants
            .iter()
            .find(|v| v.is_default)
            .expect("validation guarantees a default variant")
    }
}

impl Variant {
    fn from_raw(raw: &RawVariant) -> std::result::Result<Variant, String> {
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

/// Lowercase ASCII letters, digits and `-`: safe in any URL and on any file system.
pub fn is_url_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The 1-based line on which `key:` is written below the top-level `parent:`; the parent's
/// line if it is not found there.
fn nested_key_line(yaml: &str, parent: &str, key: &str) -> usize {
    let start = key_line(yaml, parent);
    yaml.lines()
        .enumerate()
        .skip(start)
        .find(|(_, line)| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(start, |(i, _)| i + 1)
}

/// The 1-based line on which a top-level `key:` is written, or 0 if it is not written.
pub fn key_line(yaml: &str, key: &str) -> usize {
    yaml.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(0, |i| i + 1)
}

/// A YAML value as an editor wrote it, for messages: `建设局`, not `String("建设局")`.
fn shown(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .map(|s| s.trim_end().replace('\n', " "))
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "title: 测试\nbase_url: https://example.org\nvariants:\n  - { lang: zh-Hans, path: hans }\n  - { lang: zh-Hant, path: hant }\ndepartments:\n  jianshe: 区建设局\n";

    #[test]
    fn minimal_config_gets_defaults() {
        let config = Config::parse(Path::new("."), MINIMAL).unwrap();
        assert_eq!(config.base_url, "https://example.org/");
        assert_eq!(config.timezone, chrono_tz::Asia::Shanghai);
        assert_eq!(config.default_variant().path, "hans");
        assert_eq!(
            config.variants[1].conversion_from(Script::Hans),
            Some("s2t")
        );
        assert_eq!(config.variants[1].conversion_from(Script::Hant), None);
        assert_eq!(config.departments[0].name, "区建设局");
    }

    #[test]
    fn departments_may_have_aliases() {
        let text = MINIMAL.replace(
            "  jianshe: 区建设局\n",
            "  jianshe: 区建设局\n  xiqu: { name: 中山市西区, aliases: [西区, 西區] }\n",
        );
        let config = Config::parse(Path::new("."), &text).unwrap();
        assert_eq!(config.departments[1].name, "中山市西区");
        assert_eq!(config.departments[1].aliases, ["西区", "西區"]);
        let bad = MINIMAL.replace(
            "  jianshe: 区建设局\n",
            "  xiqu: { name: 西区, alias: [x] }\n",
        );
        let message = Config::parse(Path::new("."), &bad).unwrap_err().to_string();
        assert!(message.contains("aliases: [西区]"), "{message}");
    }

    #[test]
    fn columns_take_their_freshness_from_their_type() {
        let text = format!(
            "{MINIMAL}columns:\n  news: {{ name: 动态要闻, type: news }}\n  policy: {{ name: 政策文件, type: policy, keywords: [政策] }}\n  speeches: {{ name: 领导讲话, type: other, freshness: periodic }}\n"
        );
        let config = Config::parse(Path::new("."), &text).unwrap();
        let freshness: Vec<Freshness> = config.columns.iter().map(|c| c.freshness).collect();
        assert_eq!(
            freshness,
            [Freshness::News, Freshness::Periodic, Freshness::Periodic]
        );
        let day = chrono::NaiveDate::from_ymd_opt(2022, 8, 31).unwrap();
        assert_eq!(
            Freshness::Periodic.fresh_until(day),
            chrono::NaiveDate::from_ymd_opt(2023, 2, 28)
        );
        let bad = format!("{MINIMAL}columns:\n  news: {{ name: 动态要闻, type: blog }}\n");
        let message = Config::parse(Path::new("."), &bad).unwrap_err().to_string();
        assert!(
            message.contains("bad column") && message.contains("types are"),
            "{message}"
        );
    }

    #[test]
    fn a_column_type_comes_from_the_specifications_list() {
        let text = format!(
            "{MINIMAL}columns:\n  news: {{ name: 动态要闻, type: news }}\n  qa: {{ name: 答问, type: other, column_type: 回应关切 }}\n"
        );
        let config = Config::parse(Path::new("."), &text).unwrap();
        let types: Vec<&str> = config.columns.iter().map(|c| c.column_type).collect();
        assert_eq!(types, ["工作动态", "回应关切"]);
        let bad = text.replace("回应关切", "答问专栏");
        let message = Config::parse(Path::new("."), &bad).unwrap_err().to_string();
        assert!(
            message.contains("`答问专栏`") && message.contains("工作动态、政策文件"),
            "{message}"
        );
    }

    #[test]
    fn bad_entries_are_shown_as_written() {
        let bad = MINIMAL.replace("  jianshe: 区建设局\n", "  建设局: 区建设局\n");
        let message = Config::parse(Path::new("."), &bad).unwrap_err().to_string();
        assert!(
            message.contains("bad department entry `建设局: 区建设局`"),
            "{message}"
        );
    }

    #[test]
    fn a_column_is_found_below_columns() {
        let text =
            "title: t\nnews: x\ncolumns:\n  notices: { name: 通知 }\n  news: { name: 动态 }\n";
        assert_eq!(nested_key_line(text, "columns", "news"), 5);
    }

    #[test]
    fn unknown_key_is_rejected_with_the_allowed_keys_listed() {
        let err = Config::parse(Path::new("."), &format!("{MINIMAL}titel: x\n")).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("unknown field `titel`"), "{message}");
        assert!(message.contains("expected one of"), "{message}");
        assert_eq!(err.problems()[0].line, 8);
    }

    #[test]
    fn bad_values_are_all_reported() {
        let text = MINIMAL
            .replace("https://example.org", "example.org")
            .replace("path: hant", "path: Hant");
        let err =
            Config::parse(Path::new("."), &format!("{text}timezone: Mars/Base\n")).unwrap_err();
        assert_eq!(err.problems().len(), 3, "{err}");
    }

    #[test]
    fn regional_variants_get_regional_conversions() {
        let text = MINIMAL.replace("lang: zh-Hant,", "lang: zh-Hant-TW,");
        let config = Config::parse(Path::new("."), &text).unwrap();
        assert_eq!(
            config.variants[1].conversion_from(Script::Hans),
            Some("s2twp")
        );
        assert_eq!(
            config.variants[1].conversion_from(Script::Hant),
            Some("t2tw")
        );
    }
}
