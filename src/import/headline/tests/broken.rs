//! Headlines a page broke over two lines or cut at a space.

use super::*;

#[test]
fn a_headline_broken_over_two_lines_is_told_by_its_last_word_or_its_whole_print() {
    let fold = |s: &str| s.to_string();
    let notice = lines(&[
        "天津市人民政府办公厅印发关于促进我市开发区改革实施方案的通知",
        "津政办函〔2017〕103号",
        "天津市人民政府办公厅印发关于促进我市",
        "开发区改革实施方案的通知",
        "各区人民政府：",
    ]);
    assert!(is_broken_headline(&notice, 3, &fold));
    assert!(!is_broken_headline(&notice, 0, &fold));
    let by_word = lines(&["区政府办公室关于印发", "防汛工作方案的通知", "各街道："]);
    assert!(is_broken_headline(&by_word, 1, &fold));
    let apart = lines(&["区领导调研重点项目", "记者 余艳华", "1月6日，会议召开。"]);
    assert!(!is_broken_headline(&apart, 1, &fold));
    let dashed = lines(&[
        "文化宿舍 魅力校园——设计学院开展宿舍文化节",
        "文化宿舍魅力校园",
        "设计学院开展宿舍文化节",
    ]);
    assert_eq!(printed_whole(&dashed, 2, &fold), Some(0));
    assert_eq!(printed_whole(&dashed, 1, &fold), None);
    let kind_below = lines(&[
        "某县交通运输局",
        "关于禁止在公路上打场晒粮的",
        "通告",
        "为确保安全，现通告如下：",
    ]);
    assert_eq!(second_half_below(&kind_below, 1, &fold), Some(2));
    assert_eq!(second_half_below(&kind_below, 0, &fold), None);
    assert_eq!(second_half_below(&by_word, 0, &fold), Some(1));
    let text_below = lines(&["关于禁止在公路上打场晒粮的", "为确保安全，现通告如下："]);
    assert_eq!(second_half_below(&text_below, 0, &fold), None);
}

#[test]
fn a_headline_cut_at_its_space_on_a_line_printed_twice_is_whole() {
    let same = |s: &str| s.to_string();
    let cut = numbered(&[
        (1, "某男子涉發表煽動文字"),
        (1, "案件由警方跟進"),
        (1, "某男子涉發表煽動文字"),
        (1, "案件由警方跟進"),
        (1, "【某新聞台】警方拘捕一男子，涉嫌發表煽動文字。"),
    ]);
    let i = headline(&cut, None, &[], &same).unwrap();
    assert!([2, 3].contains(&i), "{i}");
    assert_eq!(split_headline_end(&cut, i), Some(3));
    assert_eq!(split_headline_end(&cut, 1), None, "printed once before it");
}
