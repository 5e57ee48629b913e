//! The site configuration: `bulletin.yaml` as written (raw) and as the pipeline uses it (validated).

pub mod deploy;
pub mod editions;
mod raw;
pub mod rules;
mod validate;
mod yaml;

pub use yaml::{key_line, shown as yaml_shown};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::rules::{Level, default_level};
use crate::digest::{Key, KeyBuilder};
use crate::error::{Error, Result};
use crate::text::dates::DateStyle;
use crate::text::engine::EngineChoice;
use crate::text::markdown::Safety;
use crate::text::script::Script;

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
    pub limits: Limits,
    /// The periodical (简报), if the site publishes one.
    pub editions: Option<editions::Editions>,
    /// Where `bulletin deploy` publishes, in the order written.
    pub deploy: Vec<deploy::DeployTarget>,
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

/// Bounds on one item, so that no input makes a build slow or large: an item beyond them is
/// an error that says which bound and how to raise it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// The size of an item's file, in megabytes.
    #[serde(default = "default_item_mb")]
    pub item_mb: u64,
    /// The length of a title, in characters.
    #[serde(default = "default_title_chars")]
    pub title_chars: usize,
    /// Addresses in one sitemap file; more make a sitemap index with parts. The protocol
    /// allows 50,000.
    #[serde(default = "default_sitemap_urls")]
    pub sitemap_urls: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            item_mb: default_item_mb(),
            title_chars: default_title_chars(),
            sitemap_urls: default_sitemap_urls(),
        }
    }
}

fn default_item_mb() -> u64 {
    20
}

/// The sitemap protocol's limit on addresses in one file.
pub const MAX_SITEMAP_URLS: usize = 50_000;

fn default_sitemap_urls() -> usize {
    MAX_SITEMAP_URLS
}

/// Government titles run to a hundred characters or so (关于印发《……》的通知).
fn default_title_chars() -> usize {
    500
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
            .with(&self.limits)
            .with(&self.editions.is_some())
            // Links to an item's photos and attachments start with the base path.
            .with(&self.base_url)
            .finish()
    }

    /// Reads and validates `<root>/bulletin.yaml`.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(crate::site::CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| Error::read(&path, e))?;
        Config::parse(root, &text)
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

/// Lowercase ASCII letters, digits and `-`: safe in any URL and on any file system.
pub fn is_url_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
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
