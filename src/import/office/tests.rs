//! Which office a page names: datelines, bylines, credits, signatures and outlets' marks.

use super::*;

fn clues<'a>(lead: &'a str, title: &'a str) -> Clues<'a> {
    Clues {
        lead: Some(lead),
        title,
        headline: None,
        author: None,
        credit: None,
        contributor: None,
        signature: None,
        above: &[],
        between: &[],
        furniture: &[],
        site: None,
        page: "",
    }
}

mod credit;
mod marks;

#[test]
fn an_outlet_before_the_leads_credit_an_account_under_the_headline_and_a_spaced_issuer() {
    let same = |s: &str| s.to_string();
    let lead = clues(
        "某某网（融媒体记者 王五）5月2日，某乡开展整治。",
        "某乡整治环境",
    );
    assert_eq!(office_of(&lead, &same).as_deref(), Some("某某网"));
    let newsroom = clues("本报（记者 王五）5月2日，某乡开展整治。", "某乡整治环境");
    assert_eq!(office_of(&newsroom, &same), None);
    let inside = clues("（某某日报记者王五）5月2日，某乡开展整治。", "某乡整治环境");
    assert_eq!(office_of(&inside, &same).as_deref(), Some("某某日报"));
    let own = clues("（全媒体记者 王五）5月2日，某乡开展整治。", "某乡整治环境");
    assert_eq!(office_of(&own, &same), None);
    let account = Clues {
        between: &["某某乡乡村振兴办".to_string()],
        ..clues("连日来，某乡开展整治。", "某乡整治环境")
    };
    assert_eq!(
        office_of(&account, &same).as_deref(),
        Some("某某乡乡村振兴办")
    );
    let spaced = clues("各乡镇：", "某某县人民政府办公室 关于召开会议的通知");
    assert_eq!(
        office_of(&spaced, &same).as_deref(),
        Some("某某县人民政府办公室")
    );
}

#[test]
fn a_writer_named_as_contributor_or_reporter_is_no_office_but_an_office_credited_in_a_dateline_is()
{
    let same = |s: &str| s.to_string();
    let writer = Clues {
        contributor: Some("李安平"),
        ..clues("5月15日，某县开展巡河工作。", "巡河")
    };
    assert_eq!(office_of(&writer, &same), None);
    let office = Clues {
        contributor: Some("党办"),
        ..clues("5月15日，某县开展巡河工作。", "巡河")
    };
    assert_eq!(office_of(&office, &same).as_deref(), Some("党办"));
    let credited = clues(
        "本网讯（县政府办 杨刚）为落实河长制，6月19日，某县开展巡河。",
        "巡河",
    );
    assert_eq!(office_of(&credited, &same).as_deref(), Some("县政府办"));
    let reporter = clues("本网讯（记者 杨刚）6月19日，某县开展巡河。", "巡河");
    assert_eq!(office_of(&reporter, &same), None);
    let run_together = Clues {
        above: &["□记者徐松通讯员高玉莹".to_string()],
        ..clues("6月19日，某县开展巡河。", "巡河")
    };
    assert_eq!(office_of(&run_together, &same), None);
    let two_reporters = Clues {
        above: &["□记者 翟成新 冯清 通讯员 郝书杰 报道".to_string()],
        ..clues("6月19日，某县开展巡河。", "巡河")
    };
    assert_eq!(office_of(&two_reporters, &same), None);
    assert!(names_an_outlet("记者观察网", &same));
    assert!(names_an_outlet("记者观察网山西", &same));
}

#[test]
fn a_credits_source_names_the_paper_before_its_staff() {
    let same = |s: &str| s.to_string();
    let credited = Clues {
        credit: Some("（出处：某某社会科学报 本报记者 王五/摄 张六/文）"),
        ..clues("1月20日，迎春展示活动在京开幕。", "迎春展示活动")
    };
    assert_eq!(
        office_of(&credited, &same).as_deref(),
        Some("某某社会科学报")
    );
    // Unlabelled, the first word is no source (`（王五 张六）`).
    let staff = Clues {
        credit: Some("（某某网友 王五/摄）"),
        ..clues("1月20日，迎春展示活动在京开幕。", "迎春展示活动")
    };
    assert_eq!(office_of(&staff, &same), None);
}

#[test]
fn a_datelines_outlet_publishes_what_a_newsroom_contributed() {
    let same = |s: &str| s.to_string();
    let lead = "【某某网讯】某区今日举行防灾演习。";
    let contributed = Clues {
        contributor: Some("某某全媒体新闻中心"),
        ..clues(lead, "防灾演习")
    };
    assert_eq!(office_of(&contributed, &same).as_deref(), Some("某某网"));
    let undated = Clues {
        contributor: Some("某某全媒体新闻中心"),
        ..clues("某区今日举行防灾演习。", "防灾演习")
    };
    assert_eq!(
        office_of(&undated, &same).as_deref(),
        Some("某某全媒体新闻中心")
    );
}

#[test]
fn this_site_and_a_newsroom_name_no_outlet() {
    let same = |s: &str| s.to_string();
    let own_site = Clues {
        author: Some("医技药剂党支部"),
        ..clues("本站讯 10月30日，大赛举行。", "大赛")
    };
    assert_eq!(
        office_of(&own_site, &same).as_deref(),
        Some("医技药剂党支部")
    );
    let byline = ["□融媒体记者 白雪".to_string()];
    let newsroom = Clues {
        above: &byline,
        ..clues("本报讯 1月9日，座谈会召开。", "座谈会")
    };
    assert_eq!(office_of(&newsroom, &same), None);
    let marked = ["■齐鲁晚报 记者 王明".to_string()];
    let paper = Clues {
        above: &marked,
        ..clues("近日，活动举行。", "活动")
    };
    assert_eq!(office_of(&paper, &same).as_deref(), Some("齐鲁晚报"));
}

#[test]
fn taiwanese_bylines_wire_credits_and_accounts_name_the_outlet() {
    let same = |s: &str| s.to_string();
    let slash = clues("【某传媒/记者 王明/南投 报导】县长颁奖。", "頒獎");
    assert_eq!(office_of(&slash, &same).as_deref(), Some("某传媒"));
    let above = ["某某报／记者王明／台中即时报导".to_string()];
    let by = Clues {
        above: &above,
        ..clues("活动中心今天开工。", "开工")
    };
    assert_eq!(office_of(&by, &same).as_deref(), Some("某某报"));
    let dashed = ["某某新闻-王小明/嘉义".to_string()];
    let by = Clues {
        above: &dashed,
        ..clues("活动中心今天开工。", "开工")
    };
    assert_eq!(office_of(&by, &same).as_deref(), Some("某某新闻"));
    let desk = |line: &str| {
        let above = [line.to_string()];
        office_of(
            &Clues {
                above: &above,
                ..clues("活动中心今天开工。", "开工")
            },
            &same,
        )
    };
    assert_eq!(
        desk("某某新闻生活中心/台北报导").as_deref(),
        Some("某某新闻")
    );
    assert_eq!(desk("某某新闻网／综合报导").as_deref(), Some("某某新闻网"));
    assert_eq!(desk("地方中心/苗栗报导"), None, "a desk alone");
    assert_eq!(desk("记者王小明/综合报导"), None, "a reporter");
    let timed = desk("2018-08-01 20:53某某天下记者王小明/瑞芳报导");
    assert_eq!(timed.as_deref(), Some("某某天下"));
    let marked = clues("【ABC某某台】警方拘捕一名男子。", "拘捕");
    assert_eq!(office_of(&marked, &same).as_deref(), Some("ABC某某台"));
    let tag = clues("【社区动态】某社区举办活动。", "活动");
    assert_eq!(office_of(&tag, &same), None, "a column's tag");
    let wire = clues("(某某社记者王明彰化7日电)镇长就职满周年。", "就职");
    assert_eq!(office_of(&wire, &same).as_deref(), Some("某某社"));
    let paper = clues("（某某报记者王明/新北报导）活动中心启用。", "启用");
    assert_eq!(office_of(&paper, &same).as_deref(), Some("某某报"));
    let bracketed = clues("【某某传媒记者小雪/苗栗报导】活动中心启用。", "启用");
    assert_eq!(office_of(&bracketed, &same).as_deref(), Some("某某传媒"));
    let alone = Clues {
        credit: Some("（某县政府网）"),
        ..clues("会议召开。", "会议")
    };
    assert_eq!(office_of(&alone, &same).as_deref(), Some("某县政府网"));
    let person = Clues {
        credit: Some("（王明）"),
        ..clues("会议召开。", "会议")
    };
    assert_eq!(office_of(&person, &same), None);
    let record = Clues {
        page: "会议召开。\n2021-04-19 2 2 某某日报 content_123.html 1 3 要闻 /enpproperty-->",
        ..clues("会议召开。", "会议")
    };
    assert_eq!(office_of(&record, &same).as_deref(), Some("某某日报"));
    let dated = ["某某区林业发展中心    2021-03-12".to_string()];
    let under = Clues {
        between: &dated,
        ..clues("阳春三月，某区开展植树活动。", "某区开展植树活动")
    };
    assert_eq!(
        office_of(&under, &same).as_deref(),
        Some("某某区林业发展中心")
    );
    // An e-paper's outlet with its date under the headline; without a date an outlet's name
    // there may be a column's.
    let paper = ["某某日报 2023年10月23日".to_string()];
    let under = Clues {
        between: &paper,
        ..clues("金秋送爽，又到一年重阳时。", "情暖重阳节")
    };
    assert_eq!(office_of(&under, &same).as_deref(), Some("某某日报"));
    let undated = ["某某日报".to_string()];
    let under = Clues {
        between: &undated,
        ..clues("金秋送爽，又到一年重阳时。", "情暖重阳节")
    };
    assert_eq!(office_of(&under, &same), None);
    // An account's stamp of the time it posted, under the headline.
    let stamp = ["欢乐长安 2020-11-04 16:46:53".to_string()];
    let under = Clues {
        between: &stamp,
        ..clues("11月1日，普查开始。", "人口普查登记正在进行")
    };
    assert_eq!(office_of(&under, &same).as_deref(), Some("欢乐长安"));
    // With the platform's count after it, empty or not.
    for counted in [
        "齐点某某 2021-07-21 10:11:25 阅读量:",
        "齐点某某 2021-07-21 10:11:25 阅读：12",
    ] {
        let stamp = [counted.to_string()];
        let under = Clues {
            between: &stamp,
            ..clues("为解决暑期难题，社区开设托管班。", "公益托管解暑期难题")
        };
        assert_eq!(office_of(&under, &same).as_deref(), Some("齐点某某"));
    }
    // An outlet with its date and a count of reads.
    let stamp = ["临报融媒 2022-09-09 阅读次数: 4313".to_string()];
    let under = Clues {
        between: &stamp,
        ..clues("9月7日，区委书记带队调研城建项目。", "区领导调研城建项目")
    };
    assert_eq!(office_of(&under, &same).as_deref(), Some("临报融媒"));
    // The date before the paper, the count run on after its name.
    let stamp = ["2021-08-30 16:42 新余日报阅读：3953".to_string()];
    let under = Clues {
        between: &stamp,
        ..clues("人才为本、安居为先。", "我市高层次人才公寓全新亮相")
    };
    assert_eq!(office_of(&under, &same).as_deref(), Some("新余日报"));
    let notice = clues(
        "根据条例的规定，开展抽样调查。",
        "中华人民共和国国家统计局公告",
    );
    assert_eq!(
        office_of(&notice, &same).as_deref(),
        Some("中华人民共和国国家统计局")
    );
}

#[test]
fn an_office_named_first_in_headline_and_lead_issued_it() {
    let same = |s: &str| s.to_string();
    let release = clues(
        "中西区民政事务处因应坚尼地城污水检测呈阳性，派发防疫物资。",
        "中西区民政事务处派发中央援港抗疫物资",
    );
    assert_eq!(
        office_of(&release, &same).as_deref(),
        Some("中西区民政事务处")
    );
    // A meeting of a government, a town's event: not an office's own release.
    let meeting = clues("区政府召开常务会议，研究有关事项。", "区政府召开常务会议");
    assert_eq!(office_of(&meeting, &same), None);
    let town = clues("柳林镇举办农民运动会。", "柳林镇举办农民运动会");
    assert_eq!(office_of(&town, &same), None);
    // The lead may shorten the name the headline gives whole.
    let shortened = clues(
        "西贡民政处今日向区内团体派发约7400套快速抗原测试包。",
        "西贡民政事务处派发中央援港抗疫物资",
    );
    assert_eq!(
        office_of(&shortened, &same).as_deref(),
        Some("西贡民政事务处")
    );
}

#[test]
fn a_documents_header_a_title_in_its_brackets_and_a_releases_contact_name_its_office() {
    let same = |s: &str| s.to_string();
    let header = clues("各市州人民政府：", "某某省人民政府办公厅文件");
    assert_eq!(
        office_of(&header, &same).as_deref(),
        Some("某某省人民政府办公厅")
    );
    let bracketed = clues(
        "各区人民政府：",
        "《某某市人民政府办公厅关于印发〈工作要点〉的通知》",
    );
    assert_eq!(
        office_of(&bracketed, &same).as_deref(),
        Some("某某市人民政府办公厅")
    );
    let association = clues("各有关学会：", "中国某某协会关于开展活动总结工作的通知");
    assert_eq!(
        office_of(&association, &same).as_deref(),
        Some("中国某某协会")
    );
    // A task force signs its notices as an office does.
    assert!(is_signer_name("专项治理工作领导小组"));
    assert!(is_signer_name("某某县防汛抗旱指挥部"));
    assert!(is_signer_name("SOHO某某物业服务中心"));
    assert!(!is_signer_name("SOHO中心"), "a brand and a word");
    let contact = Clues {
        furniture: &["联络人：某某市政府民政局 黄先生".to_string()],
        ..clues("某某市政府今日举行区长布达典礼。", "区长布达交接")
    };
    assert_eq!(
        office_of(&contact, &same).as_deref(),
        Some("某某市政府民政局")
    );
    let phone = Clues {
        furniture: &["联系人：王五 联系电话：0571-1234567".to_string()],
        ..clues("某某镇召开会议。", "某某镇召开会议")
    };
    assert_eq!(office_of(&phone, &same), None, "a person, not an office");
}

#[test]
fn outlets_issuers_and_owners() {
    let same = |s: &str| s.to_string();
    let lead = "红网桂东站8月20日讯（通讯员 郭见闻）8月17日上午，开工典礼举行。";
    assert_eq!(
        office_of(&clues(lead, "开工"), &same).as_deref(),
        Some("红网桂东站")
    );
    let wired = "【中新社香港二日电】香港特区立法会二日举行会议。";
    assert_eq!(
        office_of(&clues(wired, "会议"), &same).as_deref(),
        Some("中新社香港")
    );
    assert_eq!(
        office_of(&clues("本报讯（记者 王五）近日，会议召开。", "会议"), &same),
        None
    );
    let named = "某某在线 本报讯（记者 王五）近日，会议召开。";
    assert_eq!(
        office_of(&clues(named, "会议"), &same).as_deref(),
        Some("某某在线")
    );
    let placed = "本报汶上讯（通讯员 王五）近日，会议召开。";
    assert_eq!(office_of(&clues(placed, "会议"), &same), None);
    let column = "要闻动态 本报讯（记者 王五）近日，会议召开。";
    assert_eq!(office_of(&clues(column, "会议"), &same), None);
    let latest = "某某之窗最新报道（记者：某天）运动会将于今晚8时开幕。";
    assert_eq!(
        office_of(&clues(latest, "运动会"), &same).as_deref(),
        Some("某某之窗")
    );
    let reported = "据某某商报 某某网 无线合肥报道 虽然天已入秋，但天气依然炎热。";
    assert_eq!(
        office_of(&clues(reported, "纳凉晚会"), &same).as_deref(),
        Some("某某商报")
    );
    let notice = clues(
        "各乡镇：",
        "宁阳县人民政府办公室关于印发宁阳县粮食应急预案的通知",
    );
    assert_eq!(
        office_of(&notice, &same).as_deref(),
        Some("宁阳县人民政府办公室")
    );
    let byline = ["齐鲁晚报·齐鲁壹点 通讯员 程超".to_string()];
    let by = Clues {
        above: &byline,
        ..clues("近日，活动举行。", "活动")
    };
    assert_eq!(office_of(&by, &same).as_deref(), Some("齐鲁晚报·齐鲁壹点"));
    let dated = ["2019年10月23日 09:05 环球网".to_string()];
    let by = Clues {
        above: &dated,
        ..clues("近日，活动举行。", "活动")
    };
    assert_eq!(office_of(&by, &same).as_deref(), Some("环球网"));
    let site = Clues {
        site: Some("当代商报"),
        ..clues("近日，活动举行。", "活动")
    };
    assert_eq!(office_of(&site, &same).as_deref(), Some("当代商报"));
    let credit = Clues {
        credit: Some("（濂溪区融媒体中心 记者 刘文）"),
        ..clues("12月30日下午，会议召开。", "会议")
    };
    assert_eq!(
        office_of(&credit, &same).as_deref(),
        Some("濂溪区融媒体中心")
    );
    let footer = ["版权所有 ©2022 通辽日报 蒙ICP备 10200198号".to_string()];
    let owned = Clues {
        furniture: &footer,
        ..clues("近日，活动举行。", "活动")
    };
    assert_eq!(office_of(&owned, &same).as_deref(), Some("通辽日报"));
    let portal = ["版权所有：斗门区人民政府门户网站".to_string()];
    let not_outlet = Clues {
        furniture: &portal,
        ..clues("近日，活动举行。", "活动")
    };
    assert_eq!(
        office_of(&not_outlet, &same),
        None,
        "a government portal is no outlet"
    );
}

#[test]
fn an_outlet_or_office_given_as_the_author_names_it_and_a_persons_name_not() {
    let same = |s: &str| s.to_string();
    let outlet = Clues {
        author: Some("某某新闻网"),
        ..clues("6月12日，某县召开会议。", "某县召开会议")
    };
    assert_eq!(office_of(&outlet, &same).as_deref(), Some("某某新闻网"));
    let person = Clues {
        author: Some("王台"),
        ..clues("6月12日，某县召开会议。", "某县召开会议")
    };
    assert_eq!(office_of(&person, &same), None);
    // An office before its writer, run on or spaced; a site's role is no writer.
    for (author, office) in [
        ("宿管中心李庆忠", Some("宿管中心")),
        ("某某街道 王五", Some("某某街道")),
        ("网站管理员", None),
    ] {
        let credited = Clues {
            author: Some(author),
            ..clues("6月12日，某县召开会议。", "某县召开会议")
        };
        assert_eq!(office_of(&credited, &same).as_deref(), office, "{author}");
    }
}

#[test]
fn an_office_after_the_date_under_the_headline_issued_the_page() {
    let same = |s: &str| s.to_string();
    let between = ["2025.01.10 某某县政府".to_string()];
    let dated = Clues {
        between: &between,
        above: &between,
        ..clues("某乡新建公所今日落成启用。", "某乡新建公所落成启用")
    };
    assert_eq!(office_of(&dated, &same).as_deref(), Some("某某县政府"));
    let talk = ["2025.01.10 某某县政府召开会议".to_string()];
    let meeting = Clues {
        between: &talk,
        above: &talk,
        ..clues("今日，新建公所落成启用。", "新公所落成启用")
    };
    assert_eq!(office_of(&meeting, &same), None);
    // A Taiwanese township office's section alone under the headline.
    let section = ["文化觀光課".to_string()];
    let sectioned = Clues {
        between: &section,
        ..clues("因應連假，清潔隊調整清運時間。", "連假暫停收垃圾時間表")
    };
    assert_eq!(office_of(&sectioned, &same).as_deref(), Some("文化觀光課"));
    let app = ["03-14 10:40   某某县融媒体中心".to_string()];
    let no_year = Clues {
        between: &app,
        above: &app,
        ..clues("3月13日，某乡召开表扬大会。", "某乡表扬一批优秀基层工作者")
    };
    assert_eq!(
        office_of(&no_year, &same).as_deref(),
        Some("某某县融媒体中心")
    );
    // Under the date, printed whole or in pieces.
    let pieces = [
        "2014".into(),
        "02/18".into(),
        "08:30".into(),
        "某某县新闻中心".into(),
    ];
    let stamped = Clues {
        between: &pieces,
        above: &pieces,
        ..clues("2月17日，某县中小学生走进校园。", "某县中小学生走进校园")
    };
    assert_eq!(
        office_of(&stamped, &same).as_deref(),
        Some("某某县新闻中心")
    );
    // The unit that sent the headline, in round brackets before it; not any tag there.
    let sent = Clues {
        headline: Some("（某某县委党校）：某某培训班开班"),
        ..clues("（通讯员 王五）9月14日，培训班开班。", "某某培训班开班")
    };
    assert_eq!(office_of(&sent, &same).as_deref(), Some("某某县委党校"));
    let updated = Clues {
        headline: Some("（更新）：某某培训班开班"),
        ..clues("9月14日，培训班开班。", "某某培训班开班")
    };
    assert_eq!(office_of(&updated, &same), None);
    // An outlet's name before a lone closing bracket; not a word that names none.
    let marked = Clues {
        headline: Some("美传媒 》全台唯一端午庆典强势回归"),
        ..clues("端午節慶祝活動將盛大登場。", "全台唯一端午慶典強勢回歸")
    };
    assert_eq!(office_of(&marked, &same).as_deref(), Some("美传媒"));
    let worded = Clues {
        headline: Some("全台唯一 》端午慶典強勢回歸"),
        ..clues("端午節慶祝活動將盛大登場。", "端午慶典強勢回歸")
    };
    assert_eq!(office_of(&worded, &same), None);
    // A repost's notice names where it came from, when nothing else does; not the web.
    let notice = ["声明：以上文章来源某某新闻，如涉版权，请通知删除。".to_string()];
    let reposted = Clues {
        furniture: &notice,
        ..clues("9月3日，某县社员在收获马铃薯。", "某县马铃薯丰收")
    };
    assert_eq!(office_of(&reposted, &same).as_deref(), Some("某某新闻"));
    let source = ["本文来源：某某好新闻".to_string()];
    let credited = Clues {
        furniture: &source,
        ..clues("9月3日，某县社员在收获马铃薯。", "某县马铃薯丰收")
    };
    assert_eq!(office_of(&credited, &same).as_deref(), Some("某某好新闻"));
    let account = ["本篇文章来源于微信公众号: 某某之窗".to_string()];
    let posted = Clues {
        furniture: &account,
        ..clues("9月3日，某县社员在收获马铃薯。", "某县马铃薯丰收")
    };
    assert_eq!(office_of(&posted, &same).as_deref(), Some("某某之窗"));
    let web = ["声明：本文来自互联网，如有侵权请联系删除。".to_string()];
    let from_web = Clues {
        furniture: &web,
        ..clues("9月3日，某县社员在收获马铃薯。", "某县马铃薯丰收")
    };
    assert_eq!(office_of(&from_web, &same), None);
    // A broadcaster's newsroom with its brand in Latin letters, dated or not.
    let brand = ["某某新聞 ABC News".into(), "[2023年12月16日]".into()];
    let branded = Clues {
        between: &brand,
        ..clues("某區開放避寒中心。", "某區開放避寒中心")
    };
    assert_eq!(
        office_of(&branded, &same).as_deref(),
        Some("某某新聞 ABC News")
    );
}

#[test]
fn a_dateline_after_mojibake_indentation_names_its_outlet() {
    let same = |s: &str| s.to_string();
    let lead = clues("??? 某某新闻网2月25日讯", "某区政府回迁西部");
    assert_eq!(office_of(&lead, &same).as_deref(), Some("某某新闻网"));
}

#[test]
fn an_outlets_message_crediting_its_reporter_names_the_outlet() {
    let same = |s: &str| s.to_string();
    let lead = clues(
        "无线某某消息（记者：王五）为认真贯彻落实…",
        "某某图书馆迎接读书日",
    );
    assert_eq!(office_of(&lead, &same).as_deref(), Some("无线某某"));
    // Good news in a lead is no dateline.
    let news = clues("村里传来好消息，今年的收成比去年好。", "丰收");
    assert_eq!(office_of(&news, &same), None);
}

#[test]
fn an_office_opening_the_page_over_its_headline_issued_it() {
    let same = |s: &str| s.to_string();
    let page = "某某慈善基金会\n「新春送暖」上门探访长者活动\n本会义工上门探访长者。";
    let opened = Clues {
        page,
        ..clues("本会义工上门探访长者。", "「新春送暖」上门探访长者活动")
    };
    assert_eq!(office_of(&opened, &same).as_deref(), Some("某某慈善基金会"));
    // Lower on the page, over a headline that is no notice's, it names no issuer.
    let lower = Clues {
        page: "首页\n某某慈善基金会\n「新春送暖」上门探访长者活动\n本会义工上门探访长者。",
        ..opened
    };
    assert_eq!(office_of(&lower, &same), None);
}
