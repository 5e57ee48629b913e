//! The differential report: bulletin's default conversion (engine plus corrections) against the
//! system's OpenCC library, on the seeds and a generated multi-megabyte corpus, for every
//! configuration a site can use. Only with the `system-opencc` feature; CI runs it with
//! `--nocapture` and the report is the output. It asserts only that the comparison ran.
#![cfg(feature = "system-opencc")]

#[path = "../examples/support/corpus.rs"]
mod corpus;

use std::collections::BTreeMap;

use bulletin::text::converter::Converter;
use bulletin::text::engine::{EngineChoice, build};

const FROM_HANS: &[&str] = &["s2t", "s2tw", "s2twp", "s2hk"];
const FROM_HANT: &[&str] = &[
    "t2s", "tw2s", "tw2sp", "hk2s", "t2tw", "t2hk", "tw2t", "hk2t",
];

/// What kind of difference a line shows, after trimming the part both outputs share.
fn kind(ours: &str, theirs: &str) -> &'static str {
    match (ours.chars().count(), theirs.chars().count()) {
        (1, 1) => "character",
        (a, b) if a == b => "phrase",
        _ => "segmentation",
    }
}

/// The differing middle of two strings, without their common prefix and suffix.
fn core<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    let prefix: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix: usize = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let suffix = suffix.min(a.len()).min(b.len());
    (&a[..a.len() - suffix], &b[..b.len() - suffix])
}

#[test]
fn differential_report_against_the_system_opencc() {
    let ours = Converter::new();
    let system = build(EngineChoice::SystemOpencc).unwrap();
    let corpus = corpus::conversion_corpus(2 << 20);
    let (hans_bytes, hant_bytes) = corpus.bytes();
    println!(
        "Differential report: bulletin (opencc-fmmseg, OpenCC 1.4.2 dictionaries, corrections) vs system OpenCC"
    );
    println!(
        "corpus: {:.1} MB simplified, {:.1} MB traditional\n",
        hans_bytes as f64 / 1e6,
        hant_bytes as f64 / 1e6
    );
    let mut compared = 0;
    for (configs, lines) in [(FROM_HANS, &corpus.hans), (FROM_HANT, &corpus.hant)] {
        for &config in configs {
            let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
            let mut pairs: BTreeMap<(String, String), usize> = BTreeMap::new();
            let mut differing = 0;
            for line in lines.iter() {
                let a = ours.convert(line, config);
                let b = system.convert(line, config);
                compared += 1;
                if a != b {
                    differing += 1;
                    // Commas delimit conversion in both engines: compare clause by clause.
                    let (clauses_a, clauses_b): (Vec<&str>, Vec<&str>) =
                        (a.split('，').collect(), b.split('，').collect());
                    let clauses: Vec<(&str, &str)> = if clauses_a.len() == clauses_b.len() {
                        clauses_a
                            .into_iter()
                            .zip(clauses_b)
                            .filter(|(x, y)| x != y)
                            .collect()
                    } else {
                        vec![(a.as_str(), b.as_str())]
                    };
                    for (clause_a, clause_b) in clauses {
                        let (x, y) = core(clause_a, clause_b);
                        *kinds.entry(kind(x, y)).or_default() += 1;
                        *pairs.entry((y.to_string(), x.to_string())).or_default() += 1;
                    }
                }
            }
            let mut top: Vec<_> = pairs.into_iter().collect();
            top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            println!(
                "{config:6} lines {:6}, differing {:6} ({:4.1}%), differences by kind {:?}",
                lines.len(),
                differing,
                100.0 * differing as f64 / lines.len() as f64,
                kinds
            );
            let examples: Vec<String> = top
                .iter()
                .take(8)
                .map(|((theirs, ours), n)| format!("{theirs}→{ours} ×{n}"))
                .collect();
            println!("       system→bulletin: {}", examples.join("  "));
        }
    }
    assert!(compared > 100_000, "compared only {compared} lines");
}
