//! A deterministic corpus for conversion measurements: the seed bulletins, the example site's
//! items and the OpenCC dictionaries' phrases, as lines of simplified and of traditional text,
//! repeated in a shuffled order until it reaches the requested size.

/// Lines of text in each script.
pub struct Corpus {
    pub hans: Vec<String>,
    pub hant: Vec<String>,
}

impl Corpus {
    pub fn bytes(&self) -> (usize, usize) {
        let size = |lines: &[String]| lines.iter().map(|l| l.len() + 1).sum();
        (size(&self.hans), size(&self.hant))
    }
}

const SEEDS_HANT: &[&str] = &[
    include_str!("../../tests/data/seeds/000_4833842e96c4d02d.txt"),
    include_str!("../../tests/data/seeds/002_c70ee472566153cc.txt"),
    include_str!("../../tests/data/seeds/003_ac52f7e304e603d4.txt"),
    include_str!("../../tests/data/seeds/004_cb33e5c765a8c06d.txt"),
];
const SEEDS_HANS: &[&str] = &[include_str!(
    "../../tests/data/seeds/001_29a1b122f8feb788.txt"
)];
const ST_PHRASES: &str = include_str!("../../dicts/opencc/STPhrases.txt");
const HANT_PHRASES: &[&str] = &[
    include_str!("../../dicts/opencc/TSPhrases.txt"),
    include_str!("../../dicts/opencc/TWPhrasesRev.txt"),
    include_str!("../../dicts/opencc/HKPhrasesRev.txt"),
];

fn sentences(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(['。', '！', '？', '\n'])
        .map(str::trim)
        .filter(|s| s.chars().count() >= 4)
        .map(|s| format!("{s}。"))
}

/// Dictionary phrases, a dozen to a line, like a list of terms in a notice.
fn phrase_lines(dictionary: &str, column: usize) -> Vec<String> {
    let phrases: Vec<&str> = dictionary
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').nth(column))
        .map(|p| p.split(' ').next().unwrap_or(p))
        .filter(|p| !p.is_empty())
        .collect();
    phrases
        .chunks(12)
        .map(|chunk| format!("{}。", chunk.join("，")))
        .collect()
}

/// A corpus of about `bytes_per_script` bytes in each script.
pub fn conversion_corpus(bytes_per_script: usize) -> Corpus {
    let mut hans: Vec<String> = SEEDS_HANS.iter().flat_map(|s| sentences(s)).collect();
    hans.extend(phrase_lines(ST_PHRASES, 0));
    let mut hant: Vec<String> = SEEDS_HANT.iter().flat_map(|s| sentences(s)).collect();
    hant.extend(phrase_lines(ST_PHRASES, 1));
    for dictionary in HANT_PHRASES {
        hant.extend(phrase_lines(dictionary, 0));
    }
    Corpus {
        hans: fill(hans, bytes_per_script),
        hant: fill(hant, bytes_per_script),
    }
}

/// Every line once, then lines drawn by a fixed linear congruential sequence up to `bytes`.
fn fill(pool: Vec<String>, bytes: usize) -> Vec<String> {
    let mut lines = pool.clone();
    let mut size: usize = lines.iter().map(|l| l.len() + 1).sum();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    while size < bytes {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let line = &pool[(state >> 33) as usize % pool.len()];
        size += line.len() + 1;
        lines.push(line.clone());
    }
    lines
}
