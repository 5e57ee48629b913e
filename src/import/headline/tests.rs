//! Which line is the headline: real pages' headers, columns, speakers and metadata.

use super::*;

fn lines(texts: &[&str]) -> Vec<Paragraph> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| Paragraph {
            line: i + 1,
            text: t.to_string(),
        })
        .collect()
}

/// Paragraphs at the input lines given, where the layout took other lines out.
fn numbered(texts: &[(usize, &str)]) -> Vec<Paragraph> {
    texts
        .iter()
        .map(|&(line, t)| Paragraph {
            line,
            text: t.to_string(),
        })
        .collect()
}

mod broken;
mod echo;
mod excerpt;

#[test]
fn a_short_headline_over_its_dated_byline_and_no_addressee_or_purpose_clause() {
    let same = |s: &str| s.to_string();
    // Five characters are a headline over the paper's name and date, not a column's name.
    let paper = lines(&[
        "情暖重阳节",
        "某某日报 2023年10月23日",
        "金秋送爽、丹桂飘香，又到一年重阳时。",
    ]);
    assert_eq!(headline(&paper, None, &[], &same), Some(0));
    let column = lines(&["工作动态", "", "金秋送爽、丹桂飘香，又到一年重阳时。"]);
    assert_eq!(headline(&column, None, &[], &same), None);
    // A notice's addressees broken over two lines are no headline, nor a lead's purpose.
    let notice = lines(&[
        "关于全县禁止燃烧木柴的通知",
        "各乡镇人民政府，县对口有关单位、县政府有关部门、经济开发",
        "区管委会：进入2019年以来，我县空气质量严重恶化。",
    ]);
    assert_eq!(headline(&notice, None, &[], &same), Some(0));
    assert!(opens_addressees("各鄉鎮人民政府，縣對口有關單位"));
    assert!(!opens_addressees("各地积极开展秋冬种工作"));
    let plan = lines(&[
        "民政局城镇居民医疗保险方案",
        "为切实做好我镇城镇居民医疗保险这项民生工程，现就我镇2009年工作制定如下实施方案",
        "一、指导思想。以科学发展观为指导，全面推进。",
    ]);
    assert_eq!(headline(&plan, None, &[], &same), Some(0));
}

#[test]
fn an_account_under_the_headline_and_a_dated_tag_before_it_do_not_decide() {
    let same = |s: &str| s.to_string();
    let account = lines(&[
        "某乡：整治环境，助力振兴",
        "某某乡乡村振兴办",
        "连日来，某乡整治环境。",
    ]);
    assert_eq!(headline(&account, None, &[], &same), Some(0));
    let dated = lines(&[
        "Main Road, Kowloon, Hong Kong",
        "【 2020.01.02 】某署公布最新安排",
        "某署宣布，场地重开。",
    ]);
    assert_eq!(headline(&dated, None, &[], &same), Some(1));
    assert_eq!(
        headline_as_printed("【 2020.01.02 】某署公布最新安排"),
        "某署公布最新安排"
    );
    assert_eq!(
        headline_as_printed("【江西是个好地方——爱在新余】我市高层次人才公寓全新亮相"),
        "我市高层次人才公寓全新亮相"
    );
    assert_eq!(
        headline_as_printed("屏東崇陽社區活動中心動土典禮 | 新頭條-TheHubNews"),
        "屏東崇陽社區活動中心動土典禮"
    );
    assert_eq!(
        headline_as_printed("6月動態‖潼南區垃圾分類進社區系列宣傳活動"),
        "潼南區垃圾分類進社區系列宣傳活動"
    );
    assert_eq!(
        headline_as_printed("-協助公告- 彰化縣某鄉第五公墓遷葬公告"),
        "彰化縣某鄉第五公墓遷葬公告"
    );
    assert_eq!(
        headline_as_printed("简讯 | 区长调研城市公园改造提升项目"),
        "区长调研城市公园改造提升项目"
    );
    assert_eq!(
        headline_as_printed("網絡中國節·重陽 | 金秋送暖，區領導開展重陽節走訪慰問活動"),
        "金秋送暖，區領導開展重陽節走訪慰問活動"
    );
    assert_eq!(
        headline_as_printed("中秋節︱官員齊賀中秋 特首食月餅"),
        "官員齊賀中秋 特首食月餅"
    );
    assert_eq!(
        headline_as_printed("某街道 | 一周工作播报"),
        "某街道 | 一周工作播报"
    );
    assert!(NOT_HEADLINE.is_match("论文部分内容阅读"));
    assert!(NOT_HEADLINE.is_match("当前版：04版") && !NOT_HEADLINE.is_match("某某指南2024版发布"));
    assert!(NOT_HEADLINE.is_match("620724001/2020-00144"));
    assert!(NOT_HEADLINE.is_match("#### 引言") && !NOT_HEADLINE.is_match("#1号线开通"));
    assert!(
        NOT_HEADLINE.is_match("网址：www.example.com |")
            && !NOT_HEADLINE.is_match("电话亭改造完成")
    );
    assert!(
        NOT_HEADLINE.is_match("执行编辑：某某某") && !NOT_HEADLINE.is_match("执行编辑工作获表彰")
    );
    assert!(NOT_HEADLINE.is_match("大家下午好！") && !NOT_HEADLINE.is_match("大家好才是真的好"));
    assert!(NOT_HEADLINE.is_match("文章信息作者：张妍"));
    assert!(NOT_HEADLINE.is_match("某某发表时间 3038562"));
    assert!(NOT_HEADLINE.is_match("龙马融媒记者：袁凤临"));
    assert!(
        NOT_HEADLINE.is_match("（20xx年7月1日）") && !NOT_HEADLINE.is_match("（2023年度）工作总结")
    );
    // A document's number, its closing bracket lost in the scrape or not.
    assert!(NOT_HEADLINE.is_match("某政通〔200811") && NOT_HEADLINE.is_match("某政通〔2008〕11号"));
    assert!(
        NOT_HEADLINE.is_match("文章字数：119") && !NOT_HEADLINE.is_match("某区召开2024年工作会议")
    );
}

#[test]
fn captions_and_links_are_not_headlines() {
    let lines = [
        "图为社区老人拿着“祝福包”拍照",
        "原始连接:https://www.example.gov.tw/News_Content.aspx?n=3303",
        "上图：会议现场",
    ];
    for line in lines {
        assert!(NOT_HEADLINE.is_match(line), "{line}");
    }
    assert!(!NOT_HEADLINE.is_match("图书馆举办读书月活动"));
    assert!(NOT_HEADLINE.is_match("第10 某某图片大全某某称某事"));
    assert!(!NOT_HEADLINE.is_match("第10届读书月活动开幕"));
}

#[test]
fn a_photos_caption_over_its_credit_is_not_the_headline_above_it() {
    let same = |s: &str| s.to_string();
    let text = "为了保证工程质量，某市聘请了专业的工程师，每条道路建设都有工作人员负责全程跟进。";
    let paper = numbered(&[
        (4, "“幸福路”修到家门口"),
        (6, "某镇某村正在抓紧硬化入户路面"),
        (7, "某某日报全媒体记者 某某 摄"),
        (9, text),
    ]);
    assert_eq!(headline(&paper, None, &[], &same), Some(0));
    // A headline right over a photo's credit is still the headline.
    let credited = numbered(&[(1, "某镇抓紧硬化入户路面"), (2, "记者 某某 摄"), (3, text)]);
    assert_eq!(headline(&credited, None, &[], &same), Some(0));
}

#[test]
fn a_short_headline_apart_over_its_text_beats_a_menu_and_a_menus_last_item_does_not() {
    let text = "天气反常，香港出现几十年不遇的严寒，教育局昨日宣布幼稚园停课。";
    let blog = numbered(&[
        (15, "礼宾府"),
        (17, "香港政府一站通"),
        (19, "香港品牌"),
        (25, "寒冬送暖"),
        (27, text),
    ]);
    assert_eq!(headline(&blog, None, &[], &|s| s.to_string()), Some(3));
    let menu = numbered(&[
        (2, "于晓东主持召开区政府第4次常务会议"),
        (3, "会议内容"),
        (4, "提纲速读"),
        (5, "解读评论"),
        (6, "视频报道"),
        (7, "一图读懂"),
        (9, text),
    ]);
    assert_eq!(headline(&menu, None, &[], &|s| s.to_string()), Some(0));
}

#[test]
fn the_headline_is_the_line_above_the_text_not_the_column_above_it() {
    let page = lines(&[
        "今日舞阳",
        "县委县政府重点工作第52次周交办会议召开",
        "8月22日，县长主持召开会议。",
    ]);
    assert_eq!(headline(&page, None, &[], &|s| s.to_string()), Some(1));
    let epaper = lines(&[
        "第A05版：要闻 PDF版",
        "小记者“跑”两会",
        "2月1日，小记者采访执勤人员。",
    ]);
    assert_eq!(headline(&epaper, None, &[], &|s| s.to_string()), Some(1));
    let byline = lines(&["区领导调研重点项目", "记者 余艳华", "1月6日，会议召开。"]);
    assert_eq!(headline(&byline, None, &[], &|s| s.to_string()), Some(0));
    let marked = lines(&[
        "县政府常务会议召开",
        "■县融媒体中心记者组",
        "▲县长在项目现场调研",
        "5月23日，县长主持召开会议。",
    ]);
    assert_eq!(headline(&marked, None, &[], &|s| s.to_string()), Some(0));
}

#[test]
fn bylines_and_sharing_buttons_give_way_and_a_notice_may_be_headed_by_its_kind() {
    let same = |s: &str| s.to_string();
    let shared = lines(&[
        "某县关于禁烧的通告",
        "点击关注",
        "分享至朋友圈",
        "为做好禁烧工作，现通告如下。",
    ]);
    assert_eq!(headline(&shared, None, &[], &same), Some(0));
    let taiwan = lines(&[
        "某里活动中心开工",
        "某某报／记者某某／台中报导",
        "里民期盼多年的活动中心今天开工。",
    ]);
    assert_eq!(headline(&taiwan, None, &[], &same), Some(0));
    for byline in ["某某新闻网记者王小明/台中报导", "某新闻-王小明/嘉义"] {
        let page = lines(&[
            "某里活动中心开工",
            byline,
            "里民期盼多年的活动中心今天开工。",
        ]);
        assert_eq!(headline(&page, None, &[], &same), Some(0), "{byline}");
    }
    let notice = lines(&["通 知", "各村（社区）：", "近期，秸秆焚烧较多。"]);
    assert_eq!(headline(&notice, None, &[], &same), Some(0));
    let below = lines(&["公告", "某镇关于停水的公告", "因施工，停水一天。"]);
    assert_eq!(headline(&below, None, &[], &same), Some(1));
}

#[test]
fn a_headline_with_a_subtitle_beats_the_furniture_nearer_the_text() {
    let page = lines(&[
        "弘扬奉献友爱精神，用行动诠释大爱无疆",
        "——建章路街道举办志愿服务推广宣传活动",
        "用户5336031",
        "编辑于2023-12-05",
        "收藏TA",
        "文章后点击更新提醒",
        "2023年12月5日是第38个国际志愿者日，街道在社区举办宣传活动。",
    ]);
    assert_eq!(headline(&page, None, &[], &|s| s.to_string()), Some(0));
    let paper = lines(&[
        "区级干部会议宣布决定",
        "改革创新工作专班成立",
        "王五担任主要负责人 李四出席",
        "本报讯（赵六）3月2日，我区召开区级领导干部会议。",
    ]);
    assert_eq!(headline(&paper, None, &[], &|s| s.to_string()), Some(1));
    assert!(is_column_name("新闻动态") && is_column_name("政務公開"));
    assert!(!is_column_name("2019年中国人文地理学术年会在重庆举行"));
}

#[test]
fn the_headline_over_the_metadata_line_beats_a_reposted_documents_own() {
    let same = |s: &str| s.to_string();
    // Line 2, `时间：2024-08-22 来源：网友投稿`, was taken out as metadata.
    let mut page = lines(&[
        "管委会主任办公会议（6篇）",
        "篇一：管委会主任办公会议",
        "文章属性",
        "【效力等级】地方规范性文件",
        "关于印发主任办公会议议事规则的通知",
        "各部门，各社区：",
        "《议事规则》已经研究通过，现印发给你们。",
    ]);
    for (n, p) in page.iter_mut().enumerate().skip(1) {
        p.line = n + 2;
    }
    assert_eq!(headline(&page, None, &[2], &same), Some(0));
    assert_eq!(headline(&page, None, &[], &same), Some(4));
    // Its subtitle over the metadata line is no nearer than the headline over it.
    let subtitled = lines(&[
        "第三批全国乡村治理示范村镇名单公示",
        "我市1镇3村上榜",
        "运城晚报讯（记者 景斌）近日，农业农村部官网发布公告。",
    ]);
    assert_eq!(headline(&subtitled, None, &[3], &same), Some(0));
}

#[test]
fn the_pages_own_title_settles_it() {
    let page = lines(&[
        "宜春市人民政府",
        "统计公报",
        "宜春市2022年国民经济和社会发展统计公报",
        "发布机构 宜春市统计局",
        "2022年，全市经济运行稳中有进。",
    ]);
    let title = Some("宜春市2022年国民经济和社会发展统计公报");
    assert_eq!(headline(&page, title, &[], &|s| s.to_string()), Some(2));
    assert_eq!(
        headline(&lines(&["正文第一句。"]), None, &[], &|s| s
            .to_string()),
        None
    );
}

#[test]
fn a_speech_is_headed_by_its_name_not_its_speaker_and_a_headline_may_ask() {
    let same = |s: &str| s.to_string();
    let speech = lines(&[
        "某镇2018年政府工作报告",
        "某镇人民政府镇长 张三",
        "各位代表：",
        "现在，我代表镇政府向大会作报告。",
    ]);
    assert_eq!(headline(&speech, None, &[], &same), Some(0));
    // Line 2, `来源：县新闻中心 发布时间：…`, was taken out as metadata.
    let mut asks = lines(&[
        "多家媒体来我县，这是有啥大事？",
        "采访活动现场",
        "为加强宣传，媒体来我县采访。",
    ]);
    for (n, p) in asks.iter_mut().enumerate().skip(1) {
        p.line = n + 2;
    }
    assert_eq!(headline(&asks, None, &[2], &same), Some(0));
    // Opening the page, the question is its title; below a header taken out, it is not.
    assert_eq!(headline(&asks, None, &[], &same), Some(0));
    asks[0].line = 2;
    assert_eq!(headline(&asks, None, &[], &same), Some(1));
}

#[test]
fn a_headline_printed_below_the_text_stands_over_its_metadata() {
    let page = lines(&[
        "本报讯11月16日下午，县长主持会议。",
        "会上，县领导就拓展区事宜进行了讨论。",
        "科学规划 合理布局",
        "县长对开发区拓区工作提出要求",
    ]);
    // Line 5, `作者：… 时间：2015-11-18`, was taken out as metadata.
    let same = |s: &str| s.to_string();
    assert_eq!(headline(&page, None, &[], &same), None);
    assert_eq!(headline_over_metadata(&page, &[5], &[], &same), Some(3));
    // Not the lines of a related list, which no metadata line follows.
    assert_eq!(headline_over_metadata(&page, &[], &[], &same), None);
    // Over the link to the item before (`上一篇：…`), only the line right under the text.
    assert_eq!(headline_over_metadata(&page, &[], &[4], &same), Some(2));
    assert_eq!(headline_over_metadata(&page, &[], &[5], &same), None);
    // Nor a school signing its letter over its date.
    let letter = lines(&[
        "尊敬的家长：",
        "寒假将至，请您配合学校做好安全教育。",
        "某某镇中心学校",
    ]);
    assert_eq!(headline_over_metadata(&letter, &[4], &[], &same), None);
}

#[test]
fn an_image_file_name_is_not_a_headline() {
    assert!(NOT_HEADLINE.is_match("11月30日 召开某县工作会_副本.jpg"));
    assert!(NOT_HEADLINE.is_match("IMG_2035.JPG"));
    assert!(!NOT_HEADLINE.is_match("某县召开数字经济工作会"));
    let same = |s: &str| s.to_string();
    let page = lines(&[
        "某县召开融媒体中心建设工作会",
        "2020-12-01 来源：某县",
        "11月30日 召开某县融媒体中心建设工作会_副本.jpg",
        "11月30日上午，某县融媒体中心建设工作会召开。",
    ]);
    assert_eq!(headline(&page, None, &[2], &same), Some(0));
}

#[test]
fn a_headline_that_asks_and_opens_the_page_is_one() {
    let same = |s: &str| s.to_string();
    let page = lines(&[
        "【區選前瞻】公園大媽與水貨客 屯門社區的計時炸彈？",
        "最後更新日期：",
        "屯門自1970年代發展成新市鎮以來，不同時代都經歷不同挑戰。",
    ]);
    assert_eq!(headline(&page, None, &[], &same), Some(0));
    let asked = lines(&[
        "政府封鎖了我的村莊！？住戶實行「記者來了我帶路」",
        "昨晚8時半，政府宣佈突襲封鎖某大廈。",
    ]);
    assert_eq!(headline(&asked, None, &[], &same), Some(0));
    // A question lower on the page, with no header under it, is no headline.
    let lower = lines(&["某某新聞", "你知道嗎？", "某區昨日宣佈新措施。"]);
    assert_eq!(headline(&lower, None, &[], &same), None);
}

#[test]
fn a_tag_alone_in_brackets_is_not_a_headline() {
    assert!(NOT_HEADLINE.is_match("【北台灣新聞中心】"));
    assert!(NOT_HEADLINE.is_match("[昔日明报]"));
    assert!(NOT_HEADLINE.is_match("全媒体记者：谢瑜李金泽"));
    assert!(!NOT_HEADLINE.is_match("【聚焦两会】某区召开政协全体会议"));
    let same = |s: &str| s.to_string();
    let page = lines(&["【某某新聞中心】", "為勉勵學子，某鄉今頒發獎學金。"]);
    assert_eq!(headline(&page, None, &[], &same), None);
}

#[test]
fn a_headline_printed_whole_above_a_shortened_copy_is_the_whole_one() {
    let same = |s: &str| s.to_string();
    let page = lines(&[
        "南屯、北屯代理區長真除 今布達交接",
        "南屯、北屯代理區長真除 布達交接",
        "台中市政府今日在市政廳舉行區長布達典禮。",
    ]);
    assert_eq!(headline(&page, None, &[], &same), Some(0));
    let deck = lines(&[
        "8万余名志愿者情暖蓉城 社区志愿服务周在4300多个社区开展",
        "发布时间：",
        "8万余名志愿者情暖蓉城",
        "本报讯（记者某某）4000余场活动，8万余名社区志愿者参与。",
    ]);
    assert_eq!(headline(&deck, None, &[], &same), Some(0));
    // A breadcrumb that ends with the headline is not it.
    let crumbs = lines(&[
        "首页 > 要闻 > 某区召开全区安全生产工作会议",
        "某区召开全区安全生产工作会议",
        "会议强调，要抓好落实。",
    ]);
    assert_eq!(headline(&crumbs, None, &[], &same), Some(1));
    let site = lines(&[
        "某县调研“两个中心”建设工作-今日某县网",
        "某县调研“两个中心”建设工作",
        "调研组来我县调研。",
    ]);
    assert_eq!(headline(&site, None, &[], &same), Some(1));
    let label = lines(&[
        "名称：某开发区重抓项目建设",
        "某开发区重抓项目建设",
        "开发区抓项目建设。",
    ]);
    assert_eq!(headline(&label, None, &[], &same), Some(1));
}

#[test]
fn a_saying_quoted_whole_in_a_headline_keeps_its_commas() {
    assert!(is_title_like(
        "“错过东方明珠很遗憾，但我更不想错过这里”，老社区怎么玩出新花样"
    ));
    assert!(!is_title_like("社区开展活动，居民踊跃参加，效果良好"));
    let same = |s: &str| s.to_string();
    let page = lines(&[
        "“错过东方明珠很遗憾，但我更不想错过这里”，老社区怎么玩出新花样？",
        "社区就业服务工作站直播间今起投用。",
    ]);
    assert_eq!(headline(&page, None, &[], &same), Some(0));
}

#[test]
fn a_portraits_caption_of_posts_and_a_name_is_not_the_headline() {
    assert!(CAPTION.is_match("人大代表、市南区区长万建忠"));
    assert!(!CAPTION.is_match("某镇召开村委会主任会议"));
    assert!(!CAPTION.is_match("区长、书记带队调研重点项目建设"));
    assert!(is_portrait("后里区长赖同一") && !is_portrait("区长调研后里区城市公园"));
    assert!(!is_portrait("某局召开处长会议"), "a meeting of its heads");
    let same = |s: &str| s.to_string();
    let page = lines(&[
        "某区政府2年内回迁西部 某湖建低碳社区",
        "人大代表、某区区长某某某",
        "在昨天进行中的市人代会期间，区长接受了媒体的采访。",
    ]);
    assert_eq!(headline(&page, None, &[], &same), Some(0));
}

#[test]
fn a_headline_in_clauses_or_ending_in_pictographs_opens_the_page_over_its_metadata() {
    let same = |s: &str| s.to_string();
    let clauses = lines(&[
        "某區里鄰長研習會，提升基層服務效能，共創富市台中、宜居某里",
        "某某報導",
        "某區區長某某某",
        "某區公所今(19)日舉辦114年度里鄰長研習會，邀請各單位進行專業講習。",
    ]);
    assert_eq!(headline(&clauses, None, &[], &same), Some(0));
    // The date line (line 2) was taken out as metadata.
    let pictographs = numbered(&[
        (
            1,
            "【靚靚月光，尞出幸福】「114年歡慶中秋音樂晚會」圓滿落幕啦🎶🌕",
        ),
        (
            3,
            "原始連接：https://www.example.gov.tw/News_Content.aspx?n=3303&s=892177&sms=12345",
        ),
        (4, "在月光下共度佳節，某鄉今(26)日晚間舉行中秋音樂晚會。"),
    ]);
    assert_eq!(headline(&pictographs, None, &[2], &same), Some(0));
    assert!(!is_text(&pictographs[1].text), "an address is not prose");
    assert!(is_symbol_line("☎ 0912-345678") && is_symbol_line("👍 赞 12"));
    assert!(!is_text(
        "某某精品一区_某某二区二区_某某乱码一区二区三区_某某图一在线免费观看，如何发布网络小说，古风小说"
    ));
    assert_eq!(
        headline_as_printed("80歲或以上長者明起可接種流感疫苗 (19:15)"),
        "80歲或以上長者明起可接種流感疫苗"
    );
    assert_eq!(
        headline_as_printed(&pictographs[0].text),
        pictographs[0].text,
        "a phrase in brackets is the headline's own"
    );
}

#[test]
fn a_notices_number_in_brackets_after_its_headline_is_part_of_it() {
    let same = |s: &str| s.to_string();
    // Its `来源：… 日期：…` line (line 3) was taken out as metadata.
    let notice = numbered(&[
        (1, "当前位置：首页 > 政务公开"),
        (
            2,
            "某某市委办公室某某市人民政府办公室印发《关于推进政务公开的实施意见》的通知(某办发〔2017〕2号)",
        ),
        (4, "各县市区："),
        (
            5,
            "《关于推进政务公开的实施意见》已经市委、市人民政府同意，现印发给你们。",
        ),
    ]);
    assert_eq!(headline(&notice, None, &[3], &same), Some(1));
}

#[test]
fn a_columns_marked_name_over_the_headline_is_no_part_of_it() {
    let same = |s: &str| s.to_string();
    let page = lines(&[
        "◎鄉長園地 端午粽香情福興滿溫馨",
        "◎鄉長園地",
        "端午粽香情福興滿溫馨",
        "端午節是民俗三大節日，福興鄉福鹿溪舉辦盛大的夜間龍舟賽，吸引人潮觀賞。",
    ]);
    assert!(!is_broken_headline(&page, 2, &same));
    assert_eq!(headline(&page, None, &[], &same), Some(2));
}

#[test]
fn a_broken_headline_printed_whole_after_its_issuer_is_the_whole_one() {
    let same = |s: &str| s.to_string();
    let page = lines(&[
        "某某区人民政府关于印发某某区创建市级高新技术产业开发区工作方案的通知",
        "某某区人民政府",
        "关于印发某某区创建市级高新技术",
        "产业开发区工作方案的通知",
        "各镇人民政府，区政府各部门：",
    ]);
    assert!(is_broken_headline(&page, 3, &same));
    assert_eq!(printed_whole(&page, 3, &same), Some(0));
}

#[test]
fn a_collections_title_beats_the_numbered_sample_under_it() {
    let page = lines(&[
        "2022国际护士节活动总结报告多篇",
        "栏目：工作总结精选",
        "2022国际护士节活动总结报告1",
        "为弘扬南丁格尔精神，我院于5月9日下午举办了纪念活动。",
    ]);
    assert_eq!(headline(&page, None, &[], &|s| s.to_string()), Some(0));
    let alone = lines(&[
        "2022年第1期",
        "某区召开第3次工作会议2",
        "5月9日下午，会议召开。",
    ]);
    assert_eq!(headline(&alone, None, &[], &|s| s.to_string()), Some(1));
}

#[test]
fn a_line_counting_the_collections_pieces_is_its_headline_over_a_greeting() {
    let page = lines(&[
        "演讲比赛领导开场致辞(汇总16篇)篇一",
        "尊敬的各位评委、各位老师，亲爱的同学们：",
        "大家下午好！",
        "市委、市政府向全市人民发出了创建文明城市的号召，这一惠民决策犹如一股和煦的春风。",
    ]);
    assert_eq!(headline(&page, None, &[], &|s| s.to_string()), Some(0));
    let piece = lines(&["植树活动简报内容篇一", "二月二，志愿者们来到山上植树。"]);
    assert_eq!(headline(&piece, None, &[], &|s| s.to_string()), None);
}

#[test]
fn a_headline_that_asks_opens_the_page_under_a_skip_link() {
    let page = lines(&[
        "Skip links",
        "转车站塞巴士问题何时了？",
        "屯门公路转车站启用近十年，近年经常被居民批评转车站很挤迫，巴士大排长龙等埋站的问题越来越严重。",
    ]);
    assert_eq!(headline(&page, None, &[], &|s| s.to_string()), Some(1));
}

#[test]
fn a_documents_long_name_without_a_comma_is_no_text() {
    let name = "-協助公告- 彰化縣大村鄉第五公墓(大村鄉鎮北段995、997地號)及第十公墓(大村鄉慈祥段189、191及206地號)遷葬公告";
    assert!(name.chars().count() > 60 && !is_text(name));
    assert!(is_text(
        "第五公墓及第十公墓土地標示範圍內之墳墓所有人、關係人或管理人請於公告遷葬期限內攜帶申請人身分證正本印章及全戶戶籍謄本向本所民政課申請辦理"
    ));
}

#[test]
fn an_aggregators_source_place_and_day_is_no_headline() {
    let same = |s: &str| s.to_string();
    let page = lines(&[
        "某某新闻 | 湖北 07-26",
        "《和美乡村 新画卷》主题调研采访活动在某市启动",
        "盛夏七月，生机盎然，7月25日晚，某区河畔热闹非凡。",
    ]);
    assert_eq!(headline(&page, None, &[], &same), Some(1));
}
