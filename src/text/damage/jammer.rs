//! Anti-copy noise: the random strings a forum's filter (Discuz's "jammer") scatters through
//! a post so that copies of it carry them, `3 _ N' T' M* y8 [# P; N5 e`. They were never
//! words: a run goes whole, with the spaces around it.

use super::{Fix, Rule};

/// The fewest tokens a run of noise has; its tokens are one or two ASCII characters apart.
const MIN_TOKENS: usize = 6;

pub(super) fn find_anti_copy_noise(text: &str) -> Vec<Fix> {
    let mut fixes = Vec::new();
    let mut from = 0;
    while let Some(run) = next_run(text, from) {
        from = run.end.max(from + 1);
        if is_noise(&text[run.clone()]) {
            // Digits run on into the Chinese after the noise are the text's: `…E" P4月20日`.
            let glued = text[run.end..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_ascii());
            let run = match glued {
                true => {
                    run.start
                        ..text[..run.end]
                            .trim_end_matches(|c: char| c.is_ascii_digit())
                            .len()
                }
                false => run,
            };
            let start = text[..run.start].trim_end_matches(' ').len();
            let end =
                run.end + (text[run.end..].len() - text[run.end..].trim_start_matches(' ').len());
            fixes.push(Fix::new(Rule::AntiCopyNoise, start..end, ""));
        }
    }
    fixes
}

/// The next run of tokens at or after `from`: printable ASCII, one or two characters each,
/// one space apart, not inside a Latin word or number (before and after it stands Chinese,
/// punctuation, a space or a line's end).
fn next_run(text: &str, from: usize) -> Option<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let is_token_byte = |b: u8| b.is_ascii_graphic();
    let mut at = from;
    while at < bytes.len() {
        let starts = is_token_byte(bytes[at]) && (at == 0 || !bytes[at - 1].is_ascii_graphic());
        if !starts {
            at += 1;
            continue;
        }
        let (mut end, mut tokens) = (at, 0);
        loop {
            let length = bytes[end..]
                .iter()
                .take_while(|&&b| is_token_byte(b))
                .count();
            if !(1..=2).contains(&length) {
                break;
            }
            tokens += 1;
            end += length;
            if bytes.get(end) == Some(&b' ')
                && bytes.get(end + 1).is_some_and(|&b| is_token_byte(b))
            {
                end += 1;
            } else {
                break;
            }
        }
        if tokens >= MIN_TOKENS {
            return Some(at..end);
        }
        at = end.max(at + 1);
    }
    None
}

/// Whether a run of short tokens is noise: half of them or more mix kinds of character (a
/// letter and a digit, or a mark and anything), and it has three marks or more, all
/// different, as words, numbers, formulas, floors (`5G 4K B1`) and lists (`A. B. C.`) do not.
fn is_noise(run: &str) -> bool {
    let mut marks: Vec<char> = run.chars().filter(char::is_ascii_punctuation).collect();
    marks.sort_unstable();
    marks.dedup();
    let tokens: Vec<&str> = run.split(' ').collect();
    let kind = |c: char| match c {
        c if c.is_ascii_alphabetic() => 0,
        c if c.is_ascii_digit() => 1,
        _ => 2,
    };
    let mixed = |token: &&str| {
        let kinds: Vec<u8> = token.chars().map(kind).collect();
        kinds.len() == 2 && (kinds[0] != kinds[1] || kinds[0] == 2)
    };
    let jammed = tokens.iter().filter(|token| mixed(token)).count();
    // Random strings draw on letters and digits alike (`y8`, `N5`); code does not.
    let drawn = tokens.iter().any(|token| {
        let kinds: Vec<u8> = token.chars().map(kind).collect();
        kinds.contains(&0) && kinds.contains(&1)
    });
    let enough = tokens.len() >= MIN_TOKENS && marks.len() >= 3;
    enough && drawn && jammed >= 2 && 2 * jammed >= tokens.len()
}

#[cfg(test)]
mod tests {
    use super::super::apply;
    use super::*;

    fn cleaned(text: &str) -> String {
        apply(text, &find_anti_copy_noise(text))
    }

    #[test]
    fn a_forums_noise_goes_whole() {
        let cases = [
            (
                "3 _ N' T' M* y8 [# P; N5 e 按照区委统一部署，",
                "按照区委统一部署，",
            ),
            ("告知如下：' m I9 @! F) j0 V, y) T- t4 n", "告知如下："),
            ("一、活动时间- E; O* T2 M& \\( s3 M; H", "一、活动时间"),
            ("; d% F b8 Q3 f! P二、活动地点", "二、活动地点"),
            ("会议室7 P X1 O\" @3 {\" e6 }", "会议室"),
            (
                "开幕。: Y% S/ @1 Q( k4 J/ D, h2 E\" P4月20日，",
                "开幕。4月20日，",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(cleaned(text), expected, "{text}");
        }
    }

    #[test]
    fn dates_formulas_and_latin_text_stay() {
        for text in [
            "2024 / 09 / 08 - (星期日)",
            "WS 2025, 5. 19 PM 17:55",
            "本篇发表于 , , , , 。",
            "设 x = a; y = b; 则",
            "按 A B C D 四档评分",
            "支持 5G 4K 8K AI 等技术",
            "选项 A. B. C. D. 任选其一",
            "Press Ctrl + P to print",
            "if (s == '' || t != -1) 请填写",
        ] {
            assert_eq!(cleaned(text), text);
        }
    }
}
