//! Character classes of Chinese text, shared by the stages that count, cut, clean and check it.

/// A Han character (or kana, hangul): one word to a count, and text in which spaces and
/// ASCII marks do not belong.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'   // kana
        | '\u{3400}'..='\u{4DBF}' // extension A
        | '\u{4E00}'..='\u{9FFF}' // unified ideographs
        | '\u{AC00}'..='\u{D7AF}' // hangul
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{20000}'..='\u{3134F}')
}

/// Full-width punctuation, brackets and quotes of Chinese text.
pub fn is_cjk_punctuation(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' // 。、〈〉《》「」『』【】〔〕
        | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}' // full-width forms
        | '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// Whether a character is a control character other than tab and line ends: NUL, the rest of
/// C0, DEL and C1.
pub fn is_forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}
