//! Outlets named by their own marks: a paper cited with its edition, its header, its name
//! alone under a story, its imprint, a mark in brackets over the text.

use super::*;

#[test]
fn an_outlets_mark_in_brackets_over_the_text_names_it() {
    let same = |s: &str| s.to_string();
    let lead = "为勉励学子，某乡今颁发奖学金。";
    let alone = Clues {
        page: "【北台湾新闻中心】\n为勉励学子，某乡今颁发奖学金。",
        ..clues(lead, "某乡颁发奖学金")
    };
    assert_eq!(office_of(&alone, &same).as_deref(), Some("北台湾新闻中心"));
    let before = Clues {
        page: "[now新闻] 时事全方位：某区苍蝇为患\n某村村代表指，当局未有回应。",
        ..clues("某村村代表指，当局未有回应。", "某区苍蝇为患")
    };
    assert_eq!(office_of(&before, &same).as_deref(), Some("now新闻"));
    // A column's tag is no outlet.
    let tag = Clues {
        page: "【聚焦两会】某区召开会议\n为勉励学子，某乡今颁发奖学金。",
        ..clues(lead, "某区召开会议")
    };
    assert_eq!(office_of(&tag, &same), None);
    let bare = Clues {
        page: "【新闻】\n为勉励学子，某乡今颁发奖学金。",
        ..clues(lead, "某乡颁发奖学金")
    };
    assert_eq!(office_of(&bare, &same), None);
    let column = Clues {
        page: "【园区新闻】某园区召开座谈会\n为勉励学子，某乡今颁发奖学金。",
        ..clues(lead, "某园区召开座谈会")
    };
    assert_eq!(office_of(&column, &same), None);
}

#[test]
fn a_paper_cited_with_its_edition_in_a_byline_names_it() {
    let same = |s: &str| s.to_string();
    let cited = Clues {
        author: Some("本报记者 某某 某某某 《某某日报》（ 2017年10月14日 09版）"),
        ..clues(
            "“今朝楼下桂花开得老香哦。”10月11日早晨，记者来到某社区。",
            "某社区的好时光",
        )
    };
    assert_eq!(office_of(&cited, &same).as_deref(), Some("某某日报"));
    // A book or a document the author line names is no paper.
    let book = Clues {
        author: Some("某某 《某某条例》"),
        ..clues("10月11日早晨，记者来到某社区。", "某社区的好时光")
    };
    assert_eq!(office_of(&book, &same), None);
}

#[test]
fn a_papers_header_a_desk_a_special_dispatch_and_a_latin_brand_name_the_outlet() {
    let same = |s: &str| s.to_string();
    let header = [
        "图片新闻".to_string(),
        "《某平日报》（2022年11月8日） 08版".to_string(),
    ];
    let epaper = Clues {
        above: &header,
        ..clues("随着天气逐渐转冷，小区路边的树木开始落叶。", "")
    };
    assert_eq!(office_of(&epaper, &same).as_deref(), Some("某平日报"));
    // Its edition's number without `第`, inside the brackets.
    let numbered = ["《某人日报》（2012年06月22日 002版）".to_string()];
    let bare = Clues {
        above: &numbered,
        ..clues("本报讯某某电业局第13届竞赛活动6月上旬启动。", "")
    };
    assert_eq!(office_of(&bare, &same).as_deref(), Some("某人日报"));
    // Its issue where a breadcrumb gives the page's place.
    let crumb = "当前位置:某州晚报2013年12月05日期 第A31版:新闻全球眼\n某小学生看望空巢老人\n12月5日是国际志愿者日。";
    let issue = Clues {
        page: crumb,
        ..clues("12月5日是国际志愿者日。", "某小学生看望空巢老人")
    };
    assert_eq!(office_of(&issue, &same).as_deref(), Some("某州晚报"));
    let desk = Clues {
        author: Some("经济通采访组"),
        ..clues("食物环境卫生署今日公布摊位竞投安排。", "摊位分批公开竞投")
    };
    assert_eq!(office_of(&desk, &same).as_deref(), Some("经济通采访组"));
    let dispatch = clues("【明报专讯】食物及卫生局长昨到青衣出席灭蚊活动。", "");
    assert_eq!(office_of(&dispatch, &same).as_deref(), Some("明报"));
    let byline = ["【News586/记者某某报导】".to_string()];
    let brand = Clues {
        above: &byline,
        ..clues(
            "为了提升高龄者的交通安全意识，区长今日前往宣导。",
            "某区公所推动交安宣导",
        )
    };
    assert_eq!(office_of(&brand, &same).as_deref(), Some("News586"));
    let under = [
        "北京青年报客户端".to_string(),
        "2021-10-20 15:11".to_string(),
    ];
    let app = Clues {
        between: &under,
        ..clues(
            "记者今天从某区获悉，某区将开展接种工作。",
            "某区设3个临时接种点",
        )
    };
    assert_eq!(office_of(&app, &same).as_deref(), Some("北京青年报客户端"));
    let ago = ["某某好新闻".to_string(), "发布于 11 天前".to_string()];
    let platform = Clues {
        between: &ago,
        ..clues("县长16日下午前往会勘多处产业道路。", "县长会勘")
    };
    assert_eq!(office_of(&platform, &same).as_deref(), Some("某某好新闻"));
    let column = ["图片新闻".to_string(), "县长16日下午前往会勘。".to_string()];
    let undated = Clues {
        between: &column,
        ..clues("县长16日下午前往会勘多处产业道路。", "县长会勘")
    };
    assert_eq!(office_of(&undated, &same), None, "a column's name, undated");
    // A newsroom in a closing credit names no outlet.
    let newsroom = Clues {
        credit: Some("（融媒体记者 黄某某）"),
        ..clues("本报讯 今年秸秆禁烧工作全面展开。", "合理利用秸秆")
    };
    assert_eq!(office_of(&newsroom, &same), None);
    // Nor does a reporter's rank in a byline.
    let byline = ["■首席记者 赵一霖".to_string()];
    let ranked = Clues {
        above: &byline,
        ..clues("本报讯 17日，区委常委会召开会议。", "区委常委会召开会议")
    };
    assert_eq!(office_of(&ranked, &same), None);
}

#[test]
fn a_papers_name_alone_under_its_story_names_it() {
    let same = |s: &str| s.to_string();
    let footer = ["3 上一篇  下一篇 4".to_string(), "某某日报".to_string()];
    let paper = Clues {
        furniture: &footer,
        ..clues("本报讯（某某）某县将对标减贫目标。", "打好秋季攻坚战")
    };
    assert_eq!(office_of(&paper, &same).as_deref(), Some("某某日报"));
    let advert = ["某某旅行社".to_string()];
    let agency = Clues {
        furniture: &advert,
        ..clues("某乡今日举办活动。", "某乡举办活动")
    };
    assert_eq!(office_of(&agency, &same), None);
    // The owner before its roles, in the footer: `某某报主管主办`.
    let owned = [
        "Copyright @ 2003-2023 某某网 Inc.".to_string(),
        "某某法制报主管主办 技术支持：某某科技".to_string(),
    ];
    let owner = Clues {
        furniture: &owned,
        ..clues("本报讯（通讯员 王五）日前，某区举行仪式。", "某区举行仪式")
    };
    assert_eq!(office_of(&owner, &same).as_deref(), Some("某某法制报"));
    // A group's name before its paper's in the masthead: the paper.
    let masthead = ["某某传媒|中华某某报".to_string()];
    let grouped = Clues {
        above: &masthead,
        ..clues("玉里镇灾后复原总动员。", "玉里镇灾后复原")
    };
    assert_eq!(office_of(&grouped, &same).as_deref(), Some("中华某某报"));
}

#[test]
fn a_media_companys_name_is_an_outlets() {
    assert!(OUTLET.is_match("观传媒"));
    assert!(OUTLET.is_match("某某传媒"));
    assert!(!OUTLET.is_match("传媒"));
}

#[test]
fn a_papers_imprint_names_its_publisher() {
    let same = |s: &str| s.to_string();
    let imprint = Clues {
        furniture: &[
            "某某日报报刊社 某某日报当代融媒体集团 出版 国内统一刊号：CN52-0013 代号65-1"
                .to_string(),
        ],
        ..clues("某某大桥是连接两地的重要城市通道。", "某某大桥")
    };
    assert_eq!(
        office_of(&imprint, &same).as_deref(),
        Some("某某日报报刊社")
    );
    let run_on = Clues {
        furniture: &["某某报社出版 国内统一刊号:CN62-0013 代号:53-27".to_string()],
        ..clues("某某大桥是连接两地的重要城市通道。", "某某大桥")
    };
    assert_eq!(office_of(&run_on, &same).as_deref(), Some("某某报社"));
}

#[test]
fn an_e_papers_name_over_its_pages_names_it_whatever_its_form() {
    let same = |s: &str| s.to_string();
    let header = ["今日某某-数字报|今日某某-电子版".to_string()];
    let paper = Clues {
        above: &header,
        ..clues(
            "本报讯3月28日，调研组来我县指导工作。",
            "某某推进试点县建设",
        )
    };
    assert_eq!(office_of(&paper, &same).as_deref(), Some("今日某某"));
    let column = ["数字报|往期回顾".to_string()];
    let unnamed = Clues {
        above: &column,
        ..clues("3月28日，调研组来我县指导工作。", "某某推进试点县建设")
    };
    assert_eq!(office_of(&unnamed, &same), None);
}

#[test]
fn an_outlets_site_masthead_footer_and_title_bar_name_it() {
    let same = |s: &str| s.to_string();
    // A site's dateline, `某某网消息`, names it; good news (`好消息`) names nobody.
    let site = clues("今日竹山网消息 1月6日，全县召开春运工作会议。", "春运");
    assert_eq!(office_of(&site, &same).as_deref(), Some("今日竹山网"));
    let news = clues("近日从县里传来好消息，全县春运平稳。", "春运");
    assert_eq!(office_of(&news, &same), None);
    let greeting = [
        "某某新闻网欢迎您！".to_string(),
        "某某日报 数字报纸".to_string(),
    ];
    for line in greeting.iter() {
        let named = Clues {
            above: std::slice::from_ref(line),
            ..clues("会议召开。", "会议")
        };
        let name = line.split([' ', '欢']).next().unwrap();
        assert_eq!(office_of(&named, &same).as_deref(), Some(name));
    }
    let other_name = Clues {
        page: "会议召开。\n2018-11-28 某市 1 1 某某日报 c110301.html 1 深入调研 /enpproperty-->",
        ..clues("会议召开。", "会议")
    };
    assert_eq!(office_of(&other_name, &same).as_deref(), Some("某某日报"));
    // A greeting before the name goes; a model-essay site names no outlet.
    for (line, name) in [
        ("欢迎光临某某新闻网", Some("某某新闻网")),
        ("欢迎光临第一心得范文网", None),
    ] {
        let welcome = [line.to_string()];
        let greeted = Clues {
            above: &welcome,
            ..clues("会议召开。", "会议")
        };
        assert_eq!(office_of(&greeted, &same).as_deref(), name, "{line}");
    }
    let masthead = ["某某时报 | SomeTimes".to_string()];
    let named = Clues {
        above: &masthead,
        ..clues("会议召开。", "会议")
    };
    assert_eq!(office_of(&named, &same).as_deref(), Some("某某时报"));
    // A news site's name before its address, though no outlet's name ends so.
    for (line, office) in [
        ("某方新闻 www.8NEWS.net", Some("某方新闻")),
        ("某某公司 www.example.com", None),
    ] {
        let masthead = [line.to_string()];
        let named = Clues {
            above: &masthead,
            ..clues("会议召开。", "会议")
        };
        assert_eq!(office_of(&named, &same).as_deref(), office, "{line}");
    }
    let archive = ["1957年7月20日某某日报 第3版".to_string()];
    let archived = Clues {
        above: &archive,
        ..clues("会议召开。", "会议")
    };
    assert_eq!(office_of(&archived, &same).as_deref(), Some("某某日报"));
    let issue = ["《 某某晚报 》( 2025年12月18日 第 02 版 )".to_string()];
    let issued = Clues {
        above: &issue,
        ..clues("会议召开。", "会议")
    };
    assert_eq!(office_of(&issued, &same).as_deref(), Some("某某晚报"));
    let footer = ["主办：某某晚报社 版权所有©2014 技术开发：某公司".to_string()];
    let hosted = Clues {
        furniture: &footer,
        ..clues("会议召开。", "会议")
    };
    assert_eq!(office_of(&hosted, &same).as_deref(), Some("某某晚报社"));
    let bar = ["某某召开会议 - ABCD".to_string()];
    let titled = Clues {
        above: &bar,
        ..clues("会议召开。", "某某召开会议")
    };
    assert_eq!(office_of(&titled, &same).as_deref(), Some("ABCD"));
    let portal_bar = ["某某召开会议_某某区人民政府".to_string()];
    let portal = Clues {
        above: &portal_bar,
        ..clues("会议召开。", "某某召开会议")
    };
    assert_eq!(office_of(&portal, &same), None, "a portal is no outlet");
    let notice = ["《某镇召开会议》由某某新闻网-某某网提供，转载请注明出处。".to_string()];
    let provided = Clues {
        furniture: &notice,
        ..clues("会议召开。", "会议")
    };
    assert_eq!(
        office_of(&provided, &same).as_deref(),
        Some("某某新闻网-某某网")
    );
    let portal = ["主办：某某区人民政府办公室".to_string()];
    let government = Clues {
        furniture: &portal,
        ..clues("会议召开。", "会议")
    };
    assert_eq!(office_of(&government, &same), None);
}
