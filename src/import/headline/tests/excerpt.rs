//! Headline-like lines over the text that are none: a post's excerpt, a sample's number, a menu
//! in Latin letters, a photo's caption with its credit.

use super::*;

#[test]
fn a_posts_excerpt_over_its_text_is_no_headline() {
    let same = |s: &str| s.to_string();
    let post = lines(&[
        "本鄉「全鄉運動大會」，因國內疫情影...",
        "本鄉「全鄉運動大會」，因國內疫情影響而停止舉辦。",
    ]);
    assert_eq!(headline(&post, None, &[], &same), None);
    let headline_with_dots = lines(&["疫情影響，運動大會停辦...", post[1].text.as_str()]);
    assert_eq!(headline(&headline_with_dots, None, &[], &same), Some(0));
}

#[test]
fn a_samples_chapter_is_no_headline_with_or_without_its_collections_title() {
    let same = |s: &str| s.to_string();
    let text = "定于9月25日对某路进行封闭施工。";
    let titled = lines(&["修路的通告范文", "修路通告范文一", text]);
    assert_eq!(headline(&titled, None, &[], &same), Some(0));
    let untitled = lines(&["植树活动简报内容篇一", text]);
    assert_eq!(headline(&untitled, None, &[], &same), None);
}

#[test]
fn a_menu_item_in_latin_letters_is_no_headline_of_a_chinese_page() {
    let same = |s: &str| s.to_string();
    let page = lines(&[
        "• Directory of Taiwan",
        "（中央社記者某某高雄22日電）某市開辦行動戶政所。",
    ]);
    assert_eq!(headline(&page, None, &[], &same), None);
}

#[test]
fn a_photos_caption_credited_to_a_reporter_is_no_headline() {
    let same = |s: &str| s.to_string();
    let page = lines(&[
        "志愿者清理楼道小广告 记者 某某某 摄",
        "某某晚报讯（记者 某某）8月19日上午，志愿者来到社区开展服务。",
    ]);
    assert_eq!(headline(&page, None, &[], &same), None);
    let signed = lines(&[
        "某市开展重点项目督导。",
        "某某市发改局重点股",
        "2017年2月21日",
    ]);
    assert_eq!(headline_over_metadata(&signed, &[3], &[], &same), None);
}
