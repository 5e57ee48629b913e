//! What the trimming keeps and drops, on small made-up pages.

use super::*;

fn paragraphs(texts: &[&str]) -> Vec<layout::Paragraph> {
    (texts.iter().enumerate())
        .map(|(i, t)| layout::Paragraph {
            line: i + 1,
            text: t.to_string(),
        })
        .collect()
}

#[test]
fn an_editors_credit_run_on_after_the_last_sentence_goes_alone() {
    let mut report = Report::default();
    let mut lines = paragraphs(&[
        "某镇召开户主会。",
        "“我们将继续加大工作力度。”该镇相关负责人表示。（某某、某某）（责任编辑：某某某） |",
    ]);
    drop_lines_below_text(&mut lines, &mut report);
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[1].text,
        "“我们将继续加大工作力度。”该镇相关负责人表示。"
    );
    let mut machinery = paragraphs(&[
        "某镇召开户主会。",
        "2021-04-19 2 2 某某日报 content_1.html 1 要闻 -->",
    ]);
    drop_lines_below_text(&mut machinery, &mut report);
    assert_eq!(machinery.len(), 1);
    let mut shared = paragraphs(&[
        "某社区全面做好走访调查，赢得居民的理解和支持。",
        "打开微信，使用“扫一扫”即可将网页分享至朋友圈。",
        "来源：网络整理免责声明：本文仅限学习分享，如产生版权问题，请联系我们及时删除。",
    ]);
    drop_lines_below_text(&mut shared, &mut report);
    assert_eq!(shared.len(), 1, "the page's own sentences go");
    let mut letter = paragraphs(&[
        "现将公告转发给你们，请认真贯彻执行。",
        "此函",
        "分享到： 收藏本文",
    ]);
    drop_lines_below_text(&mut letter, &mut report);
    assert_eq!(letter.last().map(|p| p.text.as_str()), Some("此函"));
}

#[test]
fn the_office_signing_under_the_text_is_no_repeated_title() {
    let mut removed = Vec::new();
    let mut lines = paragraphs(&[
        "某某统计局公告",
        "某某统计局",
        "各有关单位：",
        "现将有关事项公告如下。",
        "某某统计局",
        "2015年10月",
    ]);
    remove_repeats("某某统计局公告", &mut lines, &mut removed);
    let kept: Vec<&str> = lines.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        kept,
        [
            "各有关单位：",
            "现将有关事项公告如下。",
            "某某统计局",
            "2015年10月"
        ]
    );
}

#[test]
fn a_printed_headline_again_with_a_full_stop_goes_but_not_the_lead_a_title_was_made_from() {
    let title = "某隊全國技能競賽獲8金10銀11銅";
    let page = [
        "某隊全國技能競賽獲8金10銀11銅。",
        "第53屆全國技能競賽，某市獲8金10銀11銅，是歷屆比賽以來最好的成績。",
    ];
    let printed = || Removed {
        kind: "title line",
        line: 1,
        text: title.to_string(),
    };
    let mut removed = vec![printed()];
    let mut lines = paragraphs(&page);
    remove_repeats(title, &mut lines, &mut removed);
    assert_eq!(lines.len(), 1);
    // After an aggregator's day too.
    let dated = format!("北京时间2022年8月17日（农历2022年7月20日），星期三，{title}。");
    let mut lines = paragraphs(&[dated.as_str(), page[1]]);
    remove_repeats(title, &mut lines, &mut vec![printed()]);
    assert_eq!(lines.len(), 1);
    let mut made = Vec::new();
    let mut lines = paragraphs(&page);
    remove_repeats(title, &mut lines, &mut made);
    assert_eq!(
        lines.len(),
        2,
        "a lead of one sentence that made the title stays"
    );
}

#[test]
fn an_e_papers_buttons_above_the_text_go() {
    let mut report = Report::default();
    let mut lines = paragraphs(&[
        "通版阅读请点击：",
        "展开通版",
        "当前版：02版",
        "五月以来，某路雨污分流改造工程施工现场，工人紧张有序地埋设管道。",
    ]);
    drop_lines_above_text(&mut lines, &mut report);
    assert_eq!(lines.len(), 1);
    // Over a photo's news, which is its caption alone.
    let mut pictured = paragraphs(&[
        "通版阅读请点击：",
        "展开通版",
        "五月以来，某路改造工程施工现场，工人紧张有序地埋设管道。（记者 某某 通讯员 某某 摄）",
    ]);
    drop_lines_above_text(&mut pictured, &mut report);
    assert_eq!(pictured.len(), 1);
    let mut addressed = paragraphs(&["各乡镇人民政府：", "现将有关事项通知如下。"]);
    drop_lines_above_text(&mut addressed, &mut report);
    assert_eq!(addressed.len(), 2, "an addressee stays");
}

#[test]
fn a_dateline_lead_after_mojibake_indentation_stays() {
    let mut report = Report::default();
    let mut lines = paragraphs(&[
        "人大代表、某区区长某某某",
        "??? 某某新闻网2月25日讯",
        "在昨天进行中的市人代会期间，区长接受了媒体的采访。",
    ]);
    drop_lines_above_text(&mut lines, &mut report);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].text, "??? 某某新闻网2月25日讯");
}

#[test]
fn a_sentences_first_line_wrapped_above_the_text_stays() {
    let mut report = Report::default();
    let mut lines = paragraphs(&[
        "为进一步加强基层党建工作，充分发挥辖区机关、企事业单位、",
        "社会团体党员干部的先进性作用，10月20日下午，某街道召开联席会议。",
    ]);
    drop_lines_above_text(&mut lines, &mut report);
    assert_eq!(lines.len(), 2);
    let mut header = paragraphs(&["首页 新闻中心", "10月20日下午，某街道召开联席会议。"]);
    drop_lines_above_text(&mut header, &mut report);
    assert_eq!(header.len(), 1);
}

#[test]
fn a_comment_forms_lines_in_latin_letters_under_the_text_go() {
    let mut report = Report::default();
    let mut lines = paragraphs(&[
        "检测175名居民，当中并没有任何确诊个案。",
        "0則留言",
        "Welcome! Login in to your account",
        "Remember me Lost your password?",
    ]);
    drop_lines_below_text(&mut lines, &mut report);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].text, "检测175名居民，当中并没有任何确诊个案。");
}

#[test]
fn the_pages_tools_or_an_edit_stamp_before_the_text_go() {
    let mut report = Report::default();
    let mut lines = paragraphs(&[
        "【字体：小大】 为弘扬文明新风，某区委办开展志愿者服务活动。",
        "2015-4-13 00:37 编辑   12月2日，某镇人代会召开。",
        "2015-4-13 00:37，某镇人代会召开。",
        "—分享—某某新闻网讯：4月21日，某镇开展爱国卫生活动。",
    ]);
    unmark_text(&mut lines, &mut report);
    assert_eq!(
        lines[3].text,
        "某某新闻网讯：4月21日，某镇开展爱国卫生活动。"
    );
    assert_eq!(
        lines[0].text,
        "为弘扬文明新风，某区委办开展志愿者服务活动。"
    );
    assert_eq!(lines[1].text, "12月2日，某镇人代会召开。");
    assert_eq!(lines[2].text, "2015-4-13 00:37，某镇人代会召开。");
}

#[test]
fn a_bullet_before_text_goes_and_one_before_a_byline_stays() {
    let mut report = Report::default();
    let mut lines = paragraphs(&["■记者 王明", "■5月1日，某某展览开幕。"]);
    unmark_text(&mut lines, &mut report);
    assert_eq!(lines[0].text, "■记者 王明");
    assert_eq!(lines[1].text, "5月1日，某某展览开幕。");
}

#[test]
fn an_office_signs_with_its_date_on_the_same_line() {
    let same = |s: &str| s.to_string();
    let under = paragraphs(&["某某镇人民政府", "2020年3月2日"]);
    assert_eq!(signature(&under, Some(1), &same), Some("某某镇人民政府"));
    let below = paragraphs(&["某某区人民政府二〇二〇年三月二日"]);
    assert_eq!(signature(&below, None, &same), Some("某某区人民政府"));
    let not_office = paragraphs(&["会议于2020年3月2日"]);
    assert_eq!(signature(&not_office, None, &same), None);
    let flattened = paragraphs(&["联系电话：0571-1234567 某某镇人民政府 2023年11月24日 |"]);
    assert_eq!(signature(&flattened, None, &same), Some("某某镇人民政府"));
    let company = paragraphs(&["特此通告", "某某市公共交通有限公司", "2024年3月4日"]);
    assert_eq!(
        signature(&company, None, &same),
        Some("某某市公共交通有限公司")
    );
    let year_lost = paragraphs(&["特此通告", "某县交通运输局", "年6月12日"]);
    assert_eq!(signature(&year_lost, None, &same), Some("某县交通运输局"));
    let undated = paragraphs(&["特此通告", "某某市公共交通有限公司"]);
    assert_eq!(signature(&undated, None, &same), None);
    // An office alone right under a news item signs it; a mass organisation is one.
    let credited = paragraphs(&["某中区残联", "- 创建: 某庄市残联"]);
    assert_eq!(signature(&credited, None, &same), Some("某中区残联"));
    let button = paragraphs(&["显示全部", "相似文档"]);
    assert_eq!(signature(&button, None, &same), None, "a page's button");
    let site = paragraphs(&["联系我们", "某某区人民政府办公室"]);
    assert_eq!(signature(&site, None, &same), None, "not under the text");
}

#[test]
fn a_photo_credit_above_and_machinery_below_are_no_text() {
    let mut report = Report::default();
    let mut lines = paragraphs(&[
        "某某中心今天开工，议员等人到场。记者王小明／摄影",
        "某某中心今天开工。",
    ]);
    drop_lines_above_text(&mut lines, &mut report);
    assert_eq!(lines.len(), 1);
    let mut lines = paragraphs(&[
        "65歲以上長輩可以自行決定要爲自己添購的重陽禮品。圖/紅樹林有線電視提供",
        "重陽佳節將近，以往金山區都會辦理大型敬老餐會。",
    ]);
    drop_lines_above_text(&mut lines, &mut report);
    assert_eq!(lines.len(), 1, "a caption and its credit");
    let mut lines = paragraphs(&[
        "圖說：活動由副市長擔任主祭官，祈求活動中心使用順利。",
        "某署將暫停開放部分設施。圖為體育館主場館。（某署網頁圖片）",
        "（某某報記者王小明／新北報導）活動中心今日舉行啟用典禮。",
    ]);
    drop_lines_above_text(&mut lines, &mut report);
    assert_eq!(lines.len(), 1);
    let mut lines = paragraphs(&[
        "某某中心今天开工。",
        "图1：会议现场。",
        "右图 3月28日，几名主播在开园现场直播推介脐橙。",
        "環保署助理署長莫偉全。蔡家緯攝",
        "▲县长带队进行环境清洁大扫除。(图/某某县政府",
        "2021-04-19 2 2 某某日报 content_12345.html 1 3 本市要闻 某某某某某某某某某某某某某某某某 /enpproperty-->",
    ]);
    drop_lines_below_text(&mut lines, &mut report);
    assert_eq!(lines.len(), 1);
}

#[test]
fn teasers_and_link_rows_below_and_a_summary_above_are_no_text() {
    let mut report = Report::default();
    let mut lines = paragraphs(&[
        "泳池下周一起暂停开放。",
        "以下是局长今日在会议上的致辞全文，他表示…",
        "以下是司长今日在论坛上的发言全文，他指出…",
    ]);
    drop_lines_below_text(&mut lines, &mut report);
    assert_eq!(lines.len(), 1);
    let mut lines = paragraphs(&[
        "工作有成效。",
        "三、下一步打算",
        "下一步将继续提高质量，对待公开",
    ]);
    drop_lines_below_text(&mut lines, &mut report);
    assert_eq!(lines.len(), 2);
    let mut lines = paragraphs(&["一、主要措施", "（一）健全服务网络", "各级服务机"]);
    drop_lines_below_text(&mut lines, &mut report);
    assert_eq!(lines.len(), 2, "a part's heading ends a page cut short");
    let mut lines = paragraphs(&[
        "现将方案公布，公开征求社会各界人士的意见。",
        "附件：1.某某工程方案.docx 2.起草说明.doc 联系人：王五，联系电话：0571-1234567 某某镇人民政府 2023年11月24日",
    ]);
    let below = drop_lines_below_text(&mut lines, &mut report);
    assert_eq!(lines.len(), 1, "a notice's attachments");
    assert_eq!(
        signature(&below, None, &|s| s.to_string()),
        Some("某某镇人民政府")
    );
    let mut lines = paragraphs(&["会议指出，要抓好落实……", "大家表示，一定做到……"]);
    drop_lines_below_text(&mut lines, &mut report);
    assert_eq!(lines.len(), 2);
    let mut lines = paragraphs(&[
        "开发区实现业务总收入四百亿元。",
        "某某信息网某某政府网某某商务部某某农业部某某工商总局某某乡村网某某信息网某某政府网某某商务部更多>>",
    ]);
    drop_lines_below_text(&mut lines, &mut report);
    assert_eq!(lines.len(), 1);
    let mut lines = paragraphs(&[
        "5月2日，某乡集中开展人居环境整治活动，提升村民幸福指数。",
        "某某网（记者 王五）5月2日，某乡集中开展人居环境整治活动，提升村民幸福指数。活动中，村民积极参与。",
    ]);
    remove_repeats("某乡整治人居环境", &mut lines, &mut report.removed);
    assert_eq!(lines.len(), 1);
    assert!(lines[0].text.starts_with("某某网"));
}

#[test]
fn a_samples_numbered_name_over_its_text_goes_and_an_addressee_stays() {
    let title = "社区开展全民健身日活动简报(2)";
    let text = "今年8月8日是第七个全民健身日，社区组织居民健身。";
    let mut report = Report::default();
    let mut lines = paragraphs(&["社区全民健身日活动简报三:", text]);
    remove_repeats(title, &mut lines, &mut report.removed);
    assert_eq!(lines.len(), 1);
    let mut lines = paragraphs(&["各村委会：", text]);
    remove_repeats(
        "关于各村委会开展全民健身日活动的通知",
        &mut lines,
        &mut report.removed,
    );
    assert_eq!(lines.len(), 2);
}

#[test]
fn a_notices_explanation_label_above_the_text_is_no_addressee() {
    let mut report = Report::default();
    let mut lines = paragraphs(&["說明:", "五月五慶端午，一年一度的龍舟賽登場。"]);
    drop_lines_above_text(&mut lines, &mut report);
    assert_eq!(lines.len(), 1);
    let mut addressed = paragraphs(&["各鄉鎮市公所：", "為辦理龍舟賽，請派員參加。"]);
    drop_lines_above_text(&mut addressed, &mut report);
    assert_eq!(addressed.len(), 2);
    // Nor a byline whose count label was left empty.
    let mut counted = paragraphs(&[
        "某某淄博 2021-07-21 10:11:25 阅读量:",
        "为解决暑期难题，社区开设托管班。",
    ]);
    drop_lines_above_text(&mut counted, &mut report);
    assert_eq!(counted.len(), 1);
    // But the text's opening words, a date and what happened on it, before its points.
    let mut opening = paragraphs(&[
        "2020年10月7日李扬镇长调度秸秆禁烧工作：",
        "一、要落实责任。镇村干部务必加强认识，不断强化措施、狠抓落实。",
    ]);
    drop_lines_above_text(&mut opening, &mut report);
    assert_eq!(opening.len(), 2);
}

#[test]
fn short_captions_above_a_dateline_lead_go_and_a_long_paragraph_stays() {
    let mut report = Report::default();
    let mut lines = paragraphs(&[
        "技术指导。 |",
        "5月16日下午，某县某镇几位农民正在田间进行春耕生产",
        "某某网讯 春节刚过，某县城乡农民群众纷纷行动起来，走进田间地头。",
        "目前，全县相关单位春耕生产准备工作已经全面展开。",
    ]);
    drop_lines_above_text(&mut lines, &mut report);
    assert_eq!(lines.len(), 2);
    assert!(lines[0].text.starts_with("某某网讯"));
    let long = "近年来，某区利用城市边角地、废弃地、闲置地，在城区建起22个口袋公园，绿地、座椅、健身器材一应俱全，市民能在公园散步、健身。";
    let mut kept = paragraphs(&[long, "某某网讯 今年以来，某区又建成口袋公园5个。"]);
    drop_lines_above_text(&mut kept, &mut report);
    assert_eq!(kept.len(), 2, "a paragraph of text above a dateline stays");
    // Four photos captioned in a row, the first like a headline.
    let mut four = paragraphs(&[
        "某区首家社区“长者食堂”揭牌。",
        "市委常委在“长者食堂”现场检查相关工作。",
        "现场与体验者交流沟通。",
        "某小区老人体验“长者食堂”。",
        "某某时刻张家界7月19日讯（记者 某某）7月19日上午，某区首家社区“长者食堂”正式启用。",
    ]);
    drop_lines_above_text(&mut four, &mut report);
    assert_eq!(four.len(), 1);
}

#[test]
fn photo_captions_with_their_photographer_above_a_dateline_go() {
    let mut report = Report::default();
    let mut lines = paragraphs(&[
        "11月15日上午，体育馆外排起了长长的队伍。(摄影:某某)",
        "两位同学在认真地挑选用人单位。(摄影:)某某",
        "鎮長親訪百歲人瑞，致贈重陽禮金。(圖∕某某鎮公所)",
        "孩子們在暑托班的快樂生活。 通訊員 某某攝",
        "▲上午八時不到就穿梭在巷弄中清掃垃圾。攝影/某某某",
        "图/已建成的电瓶自行车充电桩",
        "农技人员深入田间开展技术指导。某某县融媒体中心供图",
        "某某网济南11月15日电(某某)今天上午，某大学双选会在体育馆举行。",
    ]);
    drop_lines_above_text(&mut lines, &mut report);
    assert_eq!(lines.len(), 1);
    assert!(lines[0].text.starts_with("某某网济南"));
}

#[test]
fn a_title_glued_again_and_again_to_the_text_goes_and_once_stays() {
    let mut report = Report::default();
    let mut glued =
        paragraphs(&["1、某镇工作报告某镇工作报告某镇工作报告各位代表：现在，我向大会作报告。"]);
    remove_repeats("某镇工作报告", &mut glued, &mut report.removed);
    assert_eq!(glued[0].text, "各位代表：现在，我向大会作报告。");
    let mut lead = paragraphs(&["某区召开会议某区召开会议，部署全年工作。"]);
    remove_repeats("某区召开会议", &mut lead, &mut report.removed);
    assert_eq!(lead[0].text, "某区召开会议某区召开会议，部署全年工作。");
    let mut once = paragraphs(&["某区召开会议部署全年工作。"]);
    remove_repeats("某区召开会议", &mut once, &mut report.removed);
    assert_eq!(once[0].text, "某区召开会议部署全年工作。");
}

#[test]
fn a_last_sentence_the_page_cut_before_its_full_stop_stays_at_the_pages_end() {
    let mut report = Report::default();
    let cut = "经过两个多小时的劳动，彻底清除了河道两边的垃圾。大家以实际行动宣传了环境保护的重要性，营造了河道保洁人人有责的浓烈氛围";
    let mut page = paragraphs(&["某校志愿者清理河道垃圾。", cut]);
    drop_lines_below_text(&mut page, &mut report);
    assert_eq!(page[1].text, cut);
    // Not with the page's footer below it, nor a credit or a short run-on.
    let mut footed = paragraphs(&["某校志愿者清理河道垃圾。", cut, "网站地图 | 联系我们"]);
    drop_lines_below_text(&mut footed, &mut report);
    assert!(footed[1].text.ends_with("的垃圾。"));
    for run_on in ["（记者 某某 通讯员 某某）", "某某日报，某某客户端"] {
        let mut page = paragraphs(&[&format!("某校志愿者清理河道垃圾。{run_on}")]);
        drop_lines_below_text(&mut page, &mut report);
        assert_eq!(page[0].text, "某校志愿者清理河道垃圾。");
    }
}
