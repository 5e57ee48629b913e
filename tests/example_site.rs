//! The repository's own example site: the five seed bulletins, published in both scripts.

mod common;

use std::path::Path;

use common::*;

/// Common characters that differ between the scripts, as (simplified, traditional) pairs. A
/// hand-made list, independent of the conversion engine under test.
const SCRIPT_PAIRS: &[(char, char)] = &[
    ('区', '區'),
    ('设', '設'),
    ('这', '這'),
    ('说', '說'),
    ('发', '發'),
    ('时', '時'),
    ('们', '們'),
    ('为', '為'),
    ('国', '國'),
    ('会', '會'),
    ('经', '經'),
    ('与', '與'),
    ('业', '業'),
    ('实', '實'),
    ('门', '門'),
    ('问', '問'),
    ('间', '間'),
    ('关', '關'),
    ('开', '開'),
    ('长', '長'),
    ('东', '東'),
    ('书', '書'),
    ('记', '記'),
    ('员', '員'),
    ('务', '務'),
    ('动', '動'),
    ('进', '進'),
    ('过', '過'),
    ('还', '還'),
    ('现', '現'),
    ('领', '領'),
    ('导', '導'),
    ('议', '議'),
    ('让', '讓'),
    ('认', '認'),
    ('识', '識'),
    ('该', '該'),
    ('对', '對'),
    ('报', '報'),
    ('处', '處'),
    ('权', '權'),
    ('条', '條'),
    ('来', '來'),
    ('样', '樣'),
    ('级', '級'),
    ('组', '組'),
    ('结', '結'),
    ('统', '統'),
    ('总', '總'),
    ('产', '產'),
    ('头', '頭'),
    ('难', '難'),
    ('确', '確'),
    ('举', '舉'),
    ('变', '變'),
    ('质', '質'),
    ('众', '眾'),
    ('优', '優'),
    ('规', '規'),
    ('责', '責'),
    ('项', '項'),
];

fn simplified_only(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| SCRIPT_PAIRS.iter().any(|(s, _)| s == c))
        .collect()
}

fn traditional_only(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| SCRIPT_PAIRS.iter().any(|(_, t)| t == c))
        .collect()
}

/// (source file, URL path below the variant, department key, source script)
const SEEDS: &[(&str, &str, &str, &str)] = &[
    (
        "2009/haojiang-jianshe-xitong.md",
        "2009/08/haojiang-jianshe-xitong/",
        "jianshe",
        "hant",
    ),
    (
        "2018/yuanqu-ganbu-zhigong-dahui-jianghua.md",
        "2018/02/yuanqu-ganbu-zhigong-dahui-jianghua/",
        "yuanqu",
        "hans",
    ),
    (
        "2020/xiqu-lianxi-huiyi.md",
        "2020/04/xiqu-lianxi-huiyi/",
        "xiqu",
        "hant",
    ),
    (
        "2022/chuangjian-banhui-bushu-jianghua.md",
        "2022/03/chuangjian-banhui-bushu-jianghua/",
        "chuangjian",
        "hant",
    ),
    (
        "2023/guo-xiaodong-xiangmu-xianchang-bangong.md",
        "2023/03/guo-xiaodong-xiangmu-xianchang-bangong/",
        "gaoxin",
        "hant",
    ),
];

#[test]
fn every_seed_is_published_in_both_scripts_and_indexed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let report = bulletin::build(&bulletin::BuildOptions {
        output: Some(out.path().join("site")),
        ..options(root)
    })
    .unwrap();
    assert_eq!(report.items, SEEDS.len());
    let out = out.path().join("site");
    for &(file, path, department, source_script) in SEEDS {
        assert!(root.join("content").join(file).exists(), "{file}");
        let hans = html(&out.join("hans").join(path).join("index.html"));
        let hant = html(&out.join("hant").join(path).join("index.html"));
        let hans_text = text(&select(&hans, "article")[0]);
        let hant_text = text(&select(&hant, "article")[0]);
        assert_eq!(
            traditional_only(&hans_text),
            Vec::<char>::new(),
            "{file}: traditional characters on the simplified page"
        );
        assert_eq!(
            simplified_only(&hant_text),
            Vec::<char>::new(),
            "{file}: simplified characters on the traditional page"
        );
        // The oracle must be able to fail: each page does use the characters it checks for.
        assert!(simplified_only(&hans_text).len() > 20, "{file}");
        assert!(traditional_only(&hant_text).len() > 20, "{file}");
        let (converted, original) = if source_script == "hans" {
            (&hant_text, &hans_text)
        } else {
            (&hans_text, &hant_text)
        };
        assert_ne!(
            converted, original,
            "{file}: one page is a conversion of the other"
        );

        // What makes it a government site's page: the site code and the footer's marks.
        for page in [&hans, &hant] {
            let code = select(page, "meta[name=SiteIDCode]");
            assert_eq!(
                code[0].value().attr("content"),
                Some("0000000000"),
                "{file}"
            );
            let footer = text(&select(page, "footer")[0]);
            for mark in ["0000000000", "示ICP备00000000号", "00000000000000号"] {
                assert!(
                    footer.contains(mark),
                    "{file}: the footer lacks {mark}: {footer}"
                );
            }
            assert!(select(page, "meta[name=ColumnType]").len() == 1, "{file}");
        }

        for variant in ["hans", "hant"] {
            let link = format!("/{variant}/{path}");
            let year = &path[..5];
            let month = &path[..8];
            for index in [
                format!("{variant}/{month}"),
                format!("{variant}/departments/{department}/"),
            ] {
                let page = html(&out.join(&index).join("index.html"));
                assert!(
                    hrefs(&page, ".item-title a").contains(&link),
                    "{index} does not list {link}"
                );
            }
            let year_page = html(&out.join(variant).join(year).join("index.html"));
            assert!(
                hrefs(&year_page, ".months a").contains(&format!("/{variant}/{month}")),
                "{year}"
            );
        }
    }
}

#[test]
fn seed_text_is_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for &(file, ..) in SEEDS {
        let text = read(&root.join("content").join(file));
        for noise in [
            "(dāng)",
            "(qū)",
            "，，",
            "、，",
            "瀏覽次數",
            "當前位置",
            "登錄",
            "此文档下载",
            "?!",
        ] {
            assert!(!text.contains(noise), "{file} still contains {noise}");
        }
        assert!(
            !text
                .chars()
                .any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c) || c == '\u{FFFD}'),
            "{file}: mojibake"
        );
    }
}
