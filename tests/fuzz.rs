//! Mutation fuzzing on stable Rust: every parser of untrusted text is fed real inputs (the
//! example site, the fixtures, the seeds, the import corpus) mutated at random, a few hundred
//! times each in the test suite and a million times each with `bench/fuzz.sh`. A panic is a
//! failure; the input that caused it is saved under `target/fuzz-crashes/`.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bulletin::config::Config;
use bulletin::digest::Key;
use bulletin::stages::load::{GroupNames, SiteNames, parse_item};
use bulletin::stages::markdown;
use bulletin::text::converter::Converter;
use bulletin::text::damage::{self, Rule};
use bulletin::text::glossary::{Glossary, RawGlossary, Target};
use bulletin::text::markdown::Safety;

/// xorshift64*: a small, seeded generator, so that a run can be repeated.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces the parsers give meaning to, and bytes that have broken text before.
const TOKENS: &[&str] = &[
    "---\n",
    "-{",
    "}-",
    "-{zh-hans:计算机;zh-hant:電腦;}-",
    "[",
    "]",
    "](",
    ")",
    "![",
    "<",
    ">",
    "javascript:",
    "\0",
    "\"",
    "'",
    ":",
    "\n",
    "\r\n",
    "\t",
    "  ",
    "區",
    "乾泰大道",
    "，",
    "。",
    "\u{feff}",
    "(dāng)",
    "当前位置：",
    "2024年3月5日",
    "111年",
    "{",
    "}",
    "&#106;",
    "`",
    "```\n",
    "# ",
    "|",
    "\\",
    "%",
    "http://",
    "锛",
    "?!",
    "\u{85}",
    "\u{fffd}",
    "title: ",
    "date: ",
    "department: ",
    "- ",
    "*",
    "[^1]",
    "<!--",
];

/// A seed with one to eight mutations: flipped bits, bytes put in or cut out, a token, a
/// repeated run, or another seed's tail.
fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut data = seeds[rng.below(seeds.len())].clone();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(data.len() + 1);
        match rng.below(6) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
            1 => data.insert(at, rng.next() as u8),
            2 => {
                let end = (at + 1 + rng.below(16)).min(data.len());
                data.drain(at.min(end)..end);
            }
            3 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                data.splice(at..at, token.iter().copied());
            }
            4 if !data.is_empty() => {
                let start = rng.below(data.len());
                let end = (start + 1 + rng.below(64)).min(data.len());
                let run = data[start..end].to_vec();
                let times = 1 + rng.below(4);
                for _ in 0..times {
                    data.splice(at..at, run.iter().copied());
                }
            }
            _ => {
                let other = &seeds[rng.below(seeds.len())];
                let from = rng.below(other.len() + 1);
                data.truncate(at);
                data.extend_from_slice(&other[from..]);
            }
        }
    }
    data.truncate(64 * 1024);
    data
}

/// Every file below `dir` whose name ends with one of `endings`.
fn files(dir: &Path, endings: &[&str]) -> Vec<Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            endings
                .iter()
                .any(|end| e.path().to_string_lossy().ends_with(end))
        })
        .filter_map(|e| std::fs::read(e.path()).ok())
        .collect()
}

type Run = Box<dyn Fn(&[u8])>;

struct FuzzTarget {
    name: &'static str,
    seeds: Vec<Vec<u8>>,
    run: Run,
}

/// The parsers of untrusted text, each with the real inputs it reads.
fn targets() -> Vec<FuzzTarget> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = common::fixture("small");
    let config = Config::load(&root).unwrap();
    let converter = std::rc::Rc::new(Converter::new());
    let mut items = files(&repo.join("content"), &[".md"]);
    items.extend(files(&repo.join("tests/fixtures"), &[".md"]));
    let pages = {
        let mut pages = files(&repo.join("tests/data/seeds"), &[".txt"]);
        pages.extend(files(
            &repo.join("tests/fixtures/import"),
            &[".txt", ".html", ".htm"],
        ));
        pages
    };
    let configs = files(&repo.join("tests/fixtures"), &["bulletin.yaml"]);
    let glossaries = vec![
        std::fs::read(repo.join("glossary.yaml")).unwrap_or_default(),
        b"keep: [\xe4\xb9\xbe\xe6\xb3\xb0\xe5\xa4\xa7\xe9\x81\x93, \xe5\x90\x8e\xe9\x87\x8c]\nterms:\n  \xe9\xab\x98\xe6\x96\xb0\xe5\x8c\xba: { zh-Hant: \xe9\xab\x98\xe6\x96\xb0\xe5\x8d\x80 }\n".to_vec(),
    ];
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();

    let names = SiteNames::new(&config, &converter);
    let front_matter: Run = {
        let converter = converter.clone();
        Box::new(move |bytes| {
            let _ = parse_item(
                Path::new("content/x.md"),
                bytes,
                Key(0, 0),
                &config,
                &names,
                &converter,
            );
        })
    };
    let files = fuzzed_files();
    let markdown_run: Run = Box::new(move |bytes| {
        let source = text(bytes);
        let files = markdown::FilesInPlace {
            files: &files,
            base_path: "/",
        };
        let ids = markdown::heading_ids(&source);
        for safety in [
            Safety::default(),
            Safety {
                allow_html: true,
                allow_data_images: true,
            },
        ] {
            let rendered = markdown::render(&source, &ids, safety, files);
            let _ = markdown::summarize(&rendered.lead, markdown::SUMMARY_CHARS);
            let _ = markdown::item_links(&source, 1, safety);
        }
    });
    let markup: Run = {
        let converter = converter.clone();
        let raw: RawGlossary = serde_yaml::from_slice(&glossaries[1]).unwrap();
        let glossary = converter.glossary(&raw);
        Box::new(move |bytes| {
            for conversion in ["s2t", "t2s", "s2twp"] {
                let _ = converter.convert_markdown(
                    &text(bytes),
                    Target::for_conversion(conversion),
                    &glossary,
                );
            }
        })
    };
    let glossary_run: Run = {
        let converter = converter.clone();
        Box::new(move |bytes| {
            if let Ok(raw) = serde_yaml::from_slice::<RawGlossary>(bytes) {
                let glossary = Glossary::from_raw(&raw);
                let _ = converter.convert_text(
                    "高新区乾泰大道后里计算机",
                    Target::for_conversion("s2tw"),
                    &glossary,
                );
            }
        })
    };
    let converter_run: Run = {
        let converter = converter.clone();
        Box::new(move |bytes| {
            for conversion in ["s2t", "t2s", "s2hk", "tw2sp"] {
                let _ = converter.convert(&text(bytes), conversion);
            }
        })
    };
    let import_run: Run = {
        let converter = converter.clone();
        let config = Config::load(&root).unwrap();
        let departments = GroupNames::departments(&config, &converter);
        Box::new(move |bytes| {
            let _ = bulletin::import::import_bytes(
                bytes,
                &converter,
                &departments,
                Some(0),
                Some(2024),
                None,
                None,
            );
        })
    };
    let cleanup: Run = Box::new(move |bytes| {
        let source = text(bytes);
        for rule in Rule::ALL {
            let fixes = rule.find(&source);
            let _ = damage::apply(&source, &fixes);
        }
    });
    let config_run: Run = Box::new(move |bytes| {
        let _ = Config::parse(Path::new("."), &String::from_utf8_lossy(bytes));
    });
    vec![
        FuzzTarget {
            name: "front matter",
            seeds: items.clone(),
            run: front_matter,
        },
        FuzzTarget {
            name: "markdown",
            seeds: items.clone(),
            run: markdown_run,
        },
        FuzzTarget {
            name: "-{ }- markup",
            seeds: items.clone(),
            run: markup,
        },
        FuzzTarget {
            name: "glossary",
            seeds: glossaries,
            run: glossary_run,
        },
        FuzzTarget {
            name: "converter",
            seeds: items,
            run: converter_run,
        },
        FuzzTarget {
            name: "import",
            seeds: pages.clone(),
            run: import_run,
        },
        FuzzTarget {
            name: "cleanup rules",
            seeds: pages,
            run: cleanup,
        },
        FuzzTarget {
            name: "config",
            seeds: configs,
            run: config_run,
        },
    ]
}

/// What one target's run found.
struct Outcome {
    executions: usize,
    crashes: Vec<PathBuf>,
    slowest: Duration,
    elapsed: Duration,
}

fn fuzz(target: &FuzzTarget, executions: usize, seed: u64) -> Outcome {
    assert!(!target.seeds.is_empty(), "{}: no seeds", target.name);
    let mut rng = Rng(seed);
    let crash_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-crashes");
    let mut outcome = Outcome {
        executions,
        crashes: Vec::new(),
        slowest: Duration::ZERO,
        elapsed: Duration::ZERO,
    };
    let started = Instant::now();
    for n in 0..executions {
        let input = mutate(&mut rng, &target.seeds);
        let one = Instant::now();
        if catch_unwind(AssertUnwindSafe(|| (target.run)(&input))).is_err() {
            std::fs::create_dir_all(&crash_dir).unwrap();
            let file = crash_dir.join(format!("{}-{n}.bin", target.name.replace(' ', "-")));
            std::fs::write(&file, &input).unwrap();
            outcome.crashes.push(file);
        }
        outcome.slowest = outcome.slowest.max(one.elapsed());
    }
    outcome.elapsed = started.elapsed();
    outcome
}

fn run_all(executions: usize) {
    let mut crashed = Vec::new();
    println!("| target | executions | per second | slowest input | crashes |");
    println!("|---|---|---|---|---|");
    for (i, target) in targets().iter().enumerate() {
        let outcome = fuzz(target, executions, 0x9E37_79B9_7F4A_7C15 ^ i as u64);
        println!(
            "| {} | {} | {:.0} | {:.1} ms | {} |",
            target.name,
            outcome.executions,
            outcome.executions as f64 / outcome.elapsed.as_secs_f64(),
            outcome.slowest.as_secs_f64() * 1000.0,
            outcome.crashes.len()
        );
        crashed.extend(outcome.crashes);
    }
    assert!(crashed.is_empty(), "inputs that crashed: {crashed:?}");
}

#[test]
fn every_parser_survives_mutated_real_inputs() {
    run_all(300);
}

/// `bench/fuzz.sh`: a million executions per target (FUZZ_EXECUTIONS to change).
#[test]
#[ignore]
fn a_long_run_of_every_target() {
    let executions = std::env::var("FUZZ_EXECUTIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    run_all(executions);
}

/// A photo and an attachment for fuzzed Markdown to link to (`a.jpg`, `b.pdf`).
fn fuzzed_files() -> bulletin::stages::item::ItemFiles {
    use bulletin::stages::item::*;
    let photo = PublishedPhoto {
        width: 800,
        height: 600,
        sources: ["image/webp", "image/jpeg"]
            .into_iter()
            .map(|mime| PhotoSource {
                path: format!("files/a-800.{}", &mime[6..]),
                width: 800,
                height: 600,
                mime,
            })
            .collect(),
    };
    let attachment = PublishedAttachment {
        name: "b.pdf".into(),
        path: "files/b.pdf".into(),
        size: 10,
        label: "PDF",
    };
    ItemFiles(
        [
            ("a.jpg".to_string(), PublishedFile::Photo(photo)),
            ("b.pdf".to_string(), PublishedFile::Attachment(attachment)),
        ]
        .into(),
    )
}
