//! Offices named by the credit that closes an item: alone, before its writers, or as the
//! maker of its text and photos.

use super::*;

#[test]
fn a_closing_credit_names_its_office() {
    let same = |s: &str| s.to_string();
    // An office closing its own item in brackets; a notice's issuer before its kind alone.
    let closing = Clues {
        credit: Some("（农林水务局）"),
        ..clues("为了防止大气污染，我局全面启动禁烧工作。", "秸秆禁烧")
    };
    assert_eq!(office_of(&closing, &same).as_deref(), Some("农林水务局"));
    // Or before its writers, labelled or dated; a person alone is no office.
    for (credit, office) in [
        ("（民权办事处 胡 俊）", None),
        (
            "（东山街道社区教育中心 杨南南 2021年7月11日）",
            Some("东山街道社区教育中心"),
        ),
        (
            "（供稿：某某县龙正镇人民政府 姚琴 张华学）",
            Some("某某县龙正镇人民政府"),
        ),
        ("（王明 李华）", None),
        // Or as the maker of text and photos, an office's name (not a person's).
        ("（兴隆花园社区 文/图）", Some("兴隆花园社区")),
        ("（王小明 文/图）", None),
        ("（民权办事处 记录了十五个社区的情况）", None),
    ] {
        let closing = Clues {
            credit: Some(credit),
            ..clues("为了防止大气污染，我局全面启动禁烧工作。", "秸秆禁烧")
        };
        assert_eq!(office_of(&closing, &same).as_deref(), office, "{credit}");
    }
}
