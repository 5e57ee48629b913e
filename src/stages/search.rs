//! Search on a static host: one Pagefind index per variant, in that variant's script, written
//! beside the pages; and, for each variant, the OpenCC tables that turn a query typed in
//! another script (or in Taiwan's or Hong Kong's words) into this variant's forms, so that
//! 干部 finds 幹部 on a traditional site.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use chrono::Datelike;
use serde::Serialize;

use crate::config::{Config, Grouping};
use crate::digest::{Key, KeyBuilder};
use crate::error::{Error, Problem, Result};
use crate::site::cache_file_for;
use crate::stages::convert::SiteText;
use crate::stages::item::{OutputFile, RenderedItem};
use crate::stages::markdown;
use crate::stages::render::SEARCH_DIR;
use crate::text::script::Script;

/// The query tables' file in a variant's search directory.
pub const QUERY_FORMS_FILE: &str = "query-forms.json";

/// What the search indexes are made from.
#[derive(Clone)]
pub struct SearchInputs {
    /// The digest of the items and every setting they are shown under.
    pub digest: Key,
    /// Per variant.
    pub texts: Vec<SiteText>,
    pub items: Vec<Arc<RenderedItem>>,
}

/// How much of one item's text is indexed, in characters: a long report (some sixty pages)
/// whole. Pagefind's cost grows faster than an item's length (a 10 MB paste took minutes), so
/// what lies past this is not indexed, and one item can never stall a build.
pub const SEARCHED_CHARS: usize = 100_000;

/// The beginning of a text, up to `SEARCHED_CHARS` characters.
fn searched_text(text: &str) -> &str {
    match text.char_indices().nth(SEARCHED_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

impl SearchInputs {
    /// What indexing these items takes; its digest stands for them all, under `site_digest`.
    pub fn of(site_digest: Key, texts: &[SiteText], items: &[Arc<RenderedItem>]) -> Self {
        SearchInputs {
            digest: items
                .iter()
                .fold(KeyBuilder::default().with(&site_digest), |key, item| {
                    key.with(&item.meta.digest)
                })
                .finish(),
            texts: texts.to_vec(),
            items: items.to_vec(),
        }
    }
}

/// The search stage of `build`: the indexes as the last build into `output` wrote them, when
/// they were made from the same inputs; else made anew. Making them is the slowest stage of a
/// build (BENCHMARKS.md), so a build that changed nothing does not pay for it again.
pub fn search_files_reusing(
    config: &Config,
    inputs: &SearchInputs,
    output: &Path,
    cache_dir: &Path,
) -> Result<Vec<OutputFile>> {
    let record = std::fs::read_to_string(cache_file_for(cache_dir, output, "search"));
    if let Ok(record) = record {
        let mut lines = record.lines();
        if lines.next() == Some(digest_line(inputs.digest).as_str()) {
            // Each file must still be what was written: one damaged on disk is not reused.
            let reused: Option<Vec<OutputFile>> = lines
                .map(|line| {
                    let (path, sum) = line.split_once('\t')?;
                    let contents = std::fs::read(output.join(path)).ok()?;
                    (file_sum(&contents) == sum).then(|| OutputFile::copied(path, contents))
                })
                .collect();
            if let Some(reused) = reused {
                return Ok(reused);
            }
        }
    }
    search_files(config, inputs)
}

/// Notes which files of `output` hold the search indexes made from `inputs`, for the next
/// build. A failure only means the next build makes them again.
pub fn remember(inputs: &SearchInputs, files: &[OutputFile], output: &Path, cache_dir: &Path) {
    let mut record = digest_line(inputs.digest);
    for file in files.iter().filter(|f| is_search_file(&f.path)) {
        record.push('\n');
        record.push_str(&file.path);
        record.push('\t');
        record.push_str(&file_sum(&file.contents));
    }
    let _ = std::fs::create_dir_all(cache_dir)
        .and_then(|()| std::fs::write(cache_file_for(cache_dir, output, "search"), record));
}

fn digest_line(digest: Key) -> String {
    format!("search index v2 {:016x}{:016x}", digest.0, digest.1)
}

/// A file's checksum in the record of the index files.
fn file_sum(contents: &[u8]) -> String {
    let sum = KeyBuilder::default().with(contents).finish();
    format!("{:016x}{:016x}", sum.0, sum.1)
}

/// True for the files of a variant's search directory: `hans/pagefind/...`.
pub fn is_search_file(path: &str) -> bool {
    path.split_once('/')
        .is_some_and(|(_, rest)| rest.starts_with(&format!("{SEARCH_DIR}/")))
}

/// The search stage: every variant's index and query tables, as files of the site.
pub fn search_files(config: &Config, inputs: &SearchInputs) -> Result<Vec<OutputFile>> {
    let SearchInputs { texts, items, .. } = inputs;
    // Pagefind is async; it runs on a runtime of its own, on threads of its own, so that it
    // never blocks (or nests inside) the runtime of `serve`.
    let indexes: Vec<Result<Vec<OutputFile>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..config.variants.len())
            .map(|v| scope.spawn(move || index_variant(config, &texts[v], items, v)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("the indexing thread does not panic"))
            .collect()
    });
    let mut files = Vec::new();
    for (variant, index) in config.variants.iter().zip(indexes) {
        files.extend(index?);
        files.push(OutputFile::copied(
            format!("{}/{SEARCH_DIR}/{QUERY_FORMS_FILE}", variant.path),
            query_forms(variant.script),
        ));
    }
    Ok(files)
}

/// One variant's Pagefind index: a record per item, with its text in the variant's script,
/// and filters by department, column and year.
fn index_variant(
    config: &Config,
    text: &SiteText,
    items: &[Arc<RenderedItem>],
    v: usize,
) -> Result<Vec<OutputFile>> {
    let variant = &config.variants[v];
    let failed = |e: anyhow::Error| {
        Error::invalid(vec![Problem::new(
            Path::new(SEARCH_DIR),
            0,
            format!("building the search index of {}: {e}", variant.lang),
        )])
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::read(Path::new(SEARCH_DIR), e))?;
    runtime.block_on(async {
        let options = pagefind::options::PagefindServiceConfig::builder()
            .force_language(variant.lang.to_lowercase())
            .build();
        let mut index = pagefind::api::PagefindIndex::new(Some(options)).map_err(failed)?;
        for item in items {
            let rendered = &item.texts[v];
            let meta = BTreeMap::from([
                ("title".to_string(), rendered.title.clone()),
                ("date".to_string(), variant.date_style.date(&item.meta.date)),
                (
                    "department".to_string(),
                    text.departments[item.meta.department].clone(),
                ),
            ]);
            let mut filters = BTreeMap::from([
                (
                    "department".to_string(),
                    vec![text.departments[item.meta.department].clone()],
                ),
                (
                    "year".to_string(),
                    vec![variant.date_style.year(item.meta.date.year())],
                ),
            ]);
            if let Some(column) = item.meta.column {
                filters.insert(
                    "column".to_string(),
                    vec![text.group_name(Grouping::Column, column).to_string()],
                );
            }
            let sort = BTreeMap::from([("date".to_string(), item.meta.date.to_rfc3339())]);
            index
                .add_custom_record(
                    format!("{}/{}", variant.path, item.meta.url_path),
                    format!(
                        "{}\n{}",
                        rendered.title,
                        searched_text(&markdown::text_of_html(&rendered.html))
                    ),
                    variant.lang.to_lowercase(),
                    Some(meta),
                    Some(filters),
                    Some(sort),
                )
                .await
                .map_err(failed)?;
        }
        let files = index.get_files().await.map_err(failed)?;
        Ok(files
            .into_iter()
            .filter(|file| !is_unused_ui(&file.filename))
            .map(|file| {
                let name = file.filename.to_string_lossy().replace('\\', "/");
                OutputFile::copied(
                    format!("{}/{SEARCH_DIR}/{name}", variant.path),
                    file.contents,
                )
            })
            .collect())
    })
}

/// Pagefind's own search interfaces: the theme has its search page, so they are left out.
fn is_unused_ui(file: &std::path::Path) -> bool {
    let name = file.to_string_lossy();
    [
        "pagefind-ui.",
        "pagefind-modular-ui.",
        "pagefind-component-ui.",
        "pagefind-highlight.",
    ]
    .iter()
    .any(|ui| name.starts_with(ui))
}

/// One step of a conversion: a dictionary applied by forward maximum matching, as OpenCC does.
#[derive(Serialize, Default)]
struct Stage {
    /// The longest key, in characters.
    max: usize,
    map: BTreeMap<String, String>,
}

impl Stage {
    /// The first form of each entry of OpenCC dictionaries (`key\tform other-form`), later
    /// dictionaries winning.
    fn of(dictionaries: &[&str]) -> Self {
        let mut stage = Stage::default();
        for dictionary in dictionaries {
            for line in dictionary.lines() {
                let Some((key, forms)) = line.split_once('\t') else {
                    continue;
                };
                let form = forms.split(' ').next().unwrap_or_default();
                if key != form {
                    stage.max = stage.max.max(key.chars().count());
                    stage.map.insert(key.to_string(), form.to_string());
                }
            }
        }
        stage
    }

    /// Simplified to traditional: the characters, and only the phrases character-by-character
    /// conversion gets wrong (干部 -> 幹部, not 干部), a fifth of OpenCC's list.
    fn simplified_to_traditional() -> Self {
        let mut stage = Stage::of(&[dictionaries::ST_CHARACTERS]);
        let by_character = |phrase: &str| -> String {
            phrase
                .chars()
                .map(|c| {
                    let c = c.to_string();
                    stage.map.get(&c).cloned().unwrap_or(c)
                })
                .collect()
        };
        let phrases = Stage::of(&[dictionaries::ST_PHRASES]);
        let needed: Vec<(String, String)> = phrases
            .map
            .into_iter()
            .filter(|(key, form)| by_character(key) != *form)
            .collect();
        for (key, form) in needed {
            stage.max = stage.max.max(key.chars().count());
            stage.map.insert(key, form);
        }
        stage
    }
}

/// The conversions a query goes through on a variant's search page, each a chain of stages;
/// the page searches each converted form (not the query as typed: in another script, its
/// characters would match stray single characters of the index).
#[derive(Serialize)]
struct QueryForms {
    chains: Vec<Vec<Stage>>,
}

/// The query tables of a variant, as JSON.
fn query_forms(script: Script) -> String {
    use dictionaries::*;
    // Taiwan's and Hong Kong's forms back to standard traditional.
    let regional_back = || {
        Stage::of(&[
            TW_VARIANTS_REV,
            TW_VARIANTS_REV_PHRASES,
            TW_PHRASES_REV,
            HK_VARIANTS_REV,
            HK_VARIANTS_REV_PHRASES,
        ])
    };
    // Every chain starts from standard forms: Taiwan's and Hong Kong's words go back first.
    let chains = match script {
        Script::Hans => vec![vec![
            regional_back(),
            Stage::of(&[TS_CHARACTERS, TS_PHRASES]),
        ]],
        Script::Hant => vec![vec![regional_back(), Stage::simplified_to_traditional()]],
        // Items written in simplified get Taiwan's words (s2twp); items written in
        // traditional keep theirs (t2tw): a query tries both.
        Script::HantTw => vec![
            vec![
                regional_back(),
                Stage::simplified_to_traditional(),
                Stage::of(&[TW_PHRASES]),
                Stage::of(&[TW_VARIANTS, TW_VARIANTS_PHRASES]),
            ],
            vec![
                regional_back(),
                Stage::simplified_to_traditional(),
                Stage::of(&[TW_VARIANTS, TW_VARIANTS_PHRASES]),
            ],
        ],
        Script::HantHk => vec![vec![
            regional_back(),
            Stage::simplified_to_traditional(),
            Stage::of(&[HK_VARIANTS, HK_VARIANTS_PHRASES]),
        ]],
    };
    serde_json::to_string(&QueryForms { chains }).expect("tables serialise")
}

/// OpenCC's dictionaries (Apache-2.0, `dicts/opencc/`), for the query tables.
mod dictionaries {
    macro_rules! dictionary {
        ($name:ident, $file:literal) => {
            pub const $name: &str = include_str!(concat!("../../dicts/opencc/", $file));
        };
    }
    dictionary!(ST_CHARACTERS, "STCharacters.txt");
    dictionary!(ST_PHRASES, "STPhrases.txt");
    dictionary!(TS_CHARACTERS, "TSCharacters.txt");
    dictionary!(TS_PHRASES, "TSPhrases.txt");
    dictionary!(TW_PHRASES, "TWPhrases.txt");
    dictionary!(TW_PHRASES_REV, "TWPhrasesRev.txt");
    dictionary!(TW_VARIANTS, "TWVariants.txt");
    dictionary!(TW_VARIANTS_PHRASES, "TWVariantsPhrases.txt");
    dictionary!(TW_VARIANTS_REV, "TWVariantsRev.txt");
    dictionary!(TW_VARIANTS_REV_PHRASES, "TWVariantsRevPhrases.txt");
    dictionary!(HK_VARIANTS, "HKVariants.txt");
    dictionary!(HK_VARIANTS_PHRASES, "HKVariantsPhrases.txt");
    dictionary!(HK_VARIANTS_REV, "HKVariantsRev.txt");
    dictionary!(HK_VARIANTS_REV_PHRASES, "HKVariantsRevPhrases.txt");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(text: &str, stage: &Stage) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            let found = (1..=stage.max.min(chars.len() - i)).rev().find_map(|n| {
                let key: String = chars[i..i + n].iter().collect();
                stage.map.get(&key).map(|form| (n, form))
            });
            match found {
                Some((n, form)) => {
                    out.push_str(form);
                    i += n;
                }
                None => {
                    out.push(chars[i]);
                    i += 1;
                }
            }
        }
        out
    }

    #[test]
    fn queries_convert_like_opencc_with_a_fifth_of_its_phrases() {
        let stage = Stage::simplified_to_traditional();
        assert_eq!(convert("干部", &stage), "幹部");
        assert_eq!(convert("濠江区", &stage), "濠江區");
        assert_eq!(convert("干净", &stage), "乾淨");
        assert!(stage.map.len() < 16_000, "{}", stage.map.len());
        let back = Stage::of(&[dictionaries::TS_CHARACTERS, dictionaries::TS_PHRASES]);
        assert_eq!(convert("幹部", &back), "干部");
    }
}
