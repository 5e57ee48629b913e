//! Photo captions told by their indentation: a page that indents every paragraph of its text
//! prints the captions over it flush (`民警派发安全出行“新年红包”。` over
//! `  忙碌充实的一年已经进入尾声，…`).

/// How long a line is at least to be a paragraph of text rather than a caption.
const PARAGRAPH_CHARS: usize = 40;

/// The positions in `lines` (line, text, begins a paragraph) of the flush sentences right above
/// the first paragraph of a text whose every paragraph is indented; `indented` holds the input
/// lines that were.
pub(super) fn flush_captions(
    lines: &[(usize, String, bool)],
    indented: &[usize],
) -> std::ops::Range<usize> {
    let is_indented = |line: usize| indented.binary_search(&line).is_ok();
    let long = |text: &str| text.chars().count() >= PARAGRAPH_CHARS;
    let paragraphs: Vec<usize> = (0..lines.len()).filter(|&i| long(&lines[i].1)).collect();
    let all_indented = paragraphs.iter().all(|&i| is_indented(lines[i].0));
    let Some(&first) = paragraphs
        .first()
        .filter(|_| all_indented && paragraphs.len() >= 3)
    else {
        return 0..0;
    };
    let caption = |i: &usize| {
        let (line, text, _) = &lines[*i];
        !is_indented(*line) && text.ends_with('。') && text.matches('。').count() == 1
    };
    let above = (0..first).rev().take_while(caption).count();
    first - above..first
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(lines: &[&str]) -> (Vec<(usize, String, bool)>, Vec<usize>) {
        let indented = (lines.iter().enumerate())
            .filter(|(_, l)| l.starts_with(' '))
            .map(|(i, _)| i + 1)
            .collect();
        let lines = (lines.iter().enumerate())
            .map(|(i, l)| (i + 1, l.trim().to_string(), true))
            .collect();
        (lines, indented)
    }

    #[test]
    fn flush_sentences_over_an_indented_text_are_captions() {
        let paragraph = "  春运首日，县公安局交管大队在全县开展道路交通宣传活动，全力保障春运期我县道路交通安全畅通。";
        let (lines, indented) = numbered(&[
            "直击春运第一天：客流平缓 秩序井然",
            "民警派发安全出行“新年红包”。",
            "车流在民警指挥下井然有序。",
            paragraph,
            paragraph,
            paragraph,
        ]);
        assert_eq!(flush_captions(&lines, &indented), 1..3);
        // A text with a paragraph printed flush tells nothing by its indentation.
        let flush = paragraph.trim();
        let (lines, indented) =
            numbered(&["民警派发安全出行“新年红包”。", paragraph, flush, paragraph]);
        assert!(flush_captions(&lines, &indented).is_empty());
    }
}
