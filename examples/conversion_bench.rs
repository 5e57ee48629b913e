//! Conversion throughput, in MB/s, of bulletin's default engine, the system OpenCC library and
//! the `opencc` command-line tool, on the same generated corpus in the same run. A benchmark,
//! not a test: run it with
//!
//!     cargo run --release --features system-opencc --example conversion_bench
//!
//! Needs Debian's libopencc-dev and opencc. Each figure is the median of five runs, one thread.

#[path = "support/corpus.rs"]
mod corpus;

use std::process::Command;
use std::time::{Duration, Instant};

use bulletin::text::converter::Converter;
use bulletin::text::engine::{EngineChoice, build};

const RUNS: usize = 5;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time(mut run: impl FnMut()) -> Duration {
    median(
        (0..RUNS)
            .map(|_| {
                let started = Instant::now();
                run();
                started.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let corpus = corpus::conversion_corpus(4 << 20);
    let hans = corpus.hans.join("\n");
    let hant = corpus.hant.join("\n");
    let dir = std::env::temp_dir().join("bulletin-conversion-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let (hans_bytes, hant_bytes) = corpus.bytes();
    println!("corpus: {hans_bytes} bytes simplified, {hant_bytes} bytes traditional\n");
    let bulletin = Converter::new();
    let fmmseg = build(EngineChoice::Fmmseg).unwrap();
    let system = build(EngineChoice::SystemOpencc).unwrap();

    println!(
        "| conversion | input | bulletin (engine + corrections) | engine alone | system OpenCC (library) | opencc CLI | bulletin / library |"
    );
    println!("|---|---|---|---|---|---|---|");
    for (conversion, text) in [
        ("s2t", &hans),
        ("s2twp", &hans),
        ("t2s", &hant),
        ("tw2sp", &hant),
    ] {
        let megabytes = text.len() as f64 / 1e6;
        let rate = |d: Duration| megabytes / d.as_secs_f64();
        let ours = time(|| drop(bulletin.convert(text, conversion)));
        let engine = time(|| drop(fmmseg.convert(text, conversion)));
        let library = time(|| drop(system.convert(text, conversion)));
        let input = dir.join("input.txt");
        std::fs::write(&input, text).unwrap();
        let output = dir.join("output.txt");
        let cli = time(|| {
            let status = Command::new("opencc")
                .args(["-c", &format!("{conversion}.json"), "-i"])
                .arg(&input)
                .arg("-o")
                .arg(&output)
                .status()
                .expect("the opencc command (Debian package opencc)");
            assert!(status.success());
        });
        println!(
            "| {conversion} | {megabytes:.1} MB | {:.1} MB/s | {:.1} MB/s | {:.1} MB/s | {:.1} MB/s | {:.1}x |",
            rate(ours),
            rate(engine),
            rate(library),
            rate(cli),
            library.as_secs_f64() / ours.as_secs_f64()
        );
    }
}
