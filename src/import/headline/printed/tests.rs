//! The headline as printed: tags, marks, numbers and site names taken off.

use super::*;

#[test]
fn a_headline_loses_the_tags_and_site_names_around_it() {
    let same = |s: &str| s.to_string();
    let (title, _) = printed_or_page_title(
        "【不忘初心牢记使命】党支部举办技能大赛".into(),
        "【不忘初心 牢记使命】党支部举办技能大赛 某某医院".into(),
        &same,
    );
    assert_eq!(title, "党支部举办技能大赛");
    let (title, how) = printed_or_page_title(
        "技能大赛".into(),
        "党支部举办2019年度技能大赛".into(),
        &same,
    );
    assert_eq!(
        (title.as_str(), how),
        ("党支部举办2019年度技能大赛", "the page's own title")
    );
    assert_eq!(
        headline_as_printed("乡人代会胜利召开[图]"),
        "乡人代会胜利召开"
    );
    assert_eq!(
        headline_as_printed("（某县县委党校）:2015年领导干部培训班开班"),
        "2015年领导干部培训班开班"
    );
    assert_eq!(
        headline_as_printed("◤富里慶祝農民節 三千農友齊聚 ◢"),
        "富里慶祝農民節 三千農友齊聚"
    );
    assert_eq!(
        headline_as_printed("美傳媒 》全台唯一!端午慶典強勢回歸"),
        "全台唯一!端午慶典強勢回歸"
    );
    assert_eq!(
        headline_as_printed("《某某日报》——某市高职毕业生“走俏”"),
        "某市高职毕业生“走俏”"
    );
    assert_eq!(
        headline_as_printed("世界即时看！某区知识产权宣传周正式启动"),
        "某区知识产权宣传周正式启动"
    );
    assert_eq!(
        headline_as_printed("[雲林] 元長鄉新建公所落成啟用"),
        "元長鄉新建公所落成啟用"
    );
    assert_eq!(
        headline_as_printed("某鄉父親節慶祝餐會延期辦理 --閱讀人次： 1200"),
        "某鄉父親節慶祝餐會延期辦理"
    );
    assert_eq!(
        headline_as_printed("主旨：某縣龍舟錦標賽登場"),
        "某縣龍舟錦標賽登場"
    );
    assert_eq!(
        headline_as_printed("快讯:经开区项目建设目标基本实现"),
        "经开区项目建设目标基本实现"
    );
    // A topic's tag before a bar, a sample's number, a saved title's column and site, a
    // photo's credit.
    assert_eq!(
        headline_as_printed("2025年宵 | 食環署：農曆年宵市場攤位10.22起分批公開競投"),
        "食環署：農曆年宵市場攤位10.22起分批公開競投"
    );
    assert_eq!(
        headline_as_printed("第1篇 社區全民禁毒集中宣傳月活動總結"),
        "社區全民禁毒集中宣傳月活動總結"
    );
    assert_eq!(
        headline_as_printed("交城：关于禁止在河道水库等水域进行活动的通告_世界今头条"),
        "交城：关于禁止在河道水库等水域进行活动的通告"
    );
    assert_eq!(
        headline_as_printed("某镇2023_工作报告.docx"),
        "某镇2023_工作报告"
    );
    assert_eq!(
        headline_as_printed("苗縣11所公共圖書館 延長夜間開放時間(圖/翻攝苗栗縣立圖書館網站)"),
        "苗縣11所公共圖書館 延長夜間開放時間"
    );
    // A title bar's headline in brackets before the site's name; a tag before a headline stays
    // a tag.
    assert_eq!(
        headline_as_printed("【某某社區展寶活動熱情開跑】某某日報社 World News Media"),
        "某某社區展寶活動熱情開跑"
    );
    assert_eq!(
        headline_as_printed("某鎮公所動員200人市區清掃宣導 - 早安某某新聞 | Morning News"),
        "某鎮公所動員200人市區清掃宣導"
    );
    assert_eq!(
        headline_as_printed("【园区新闻】某某园区召开安全生产会议"),
        "某某园区召开安全生产会议"
    );
    assert_eq!(
        headline_as_printed("[推进返乡创业服务工业园区]某县企业街头觅人才"),
        "某县企业街头觅人才"
    );
    assert_eq!(
        headline_as_printed("我为群众办实事丨摆雪糕筒加地锁 某小区上演“抢车位大战”"),
        "摆雪糕筒加地锁 某小区上演“抢车位大战”"
    );
}

#[test]
fn a_notices_number_after_its_headline_is_not_part_of_it() {
    assert_eq!(
        headline_as_printed("关于印发某某方案的通知 常政发〔2023〕1号 |"),
        "关于印发某某方案的通知"
    );
    assert_eq!(
        headline_as_printed("關于某某工作的通知某政辦發[2021]12號"),
        "關于某某工作的通知"
    );
    assert_eq!(
        headline_as_printed("关于某某方案的通知常政发〔2023〕1号"),
        "关于某某方案的通知"
    );
    assert_eq!(headline_as_printed("某区2023年第1号"), "某区2023年第1号");
}

#[test]
fn a_bulleted_line_gives_its_longest_part_but_a_days_name_is_one_word() {
    assert_eq!(
        headline_as_printed("首页 • 某县多部门开展宣传活动 • 分享"),
        "某县多部门开展宣传活动"
    );
    assert_eq!(
        headline_as_printed("我县多部门联合开展“3•15”国际消费者权益日宣传活动"),
        "我县多部门联合开展“3•15”国际消费者权益日宣传活动"
    );
}

#[test]
fn a_headline_loses_its_labels_buttons_and_picture_numbers() {
    assert_eq!(
        headline_as_printed("（移风易俗·红白理事会）我市在某村召开红白理事会"),
        "我市在某村召开红白理事会"
    );
    assert_eq!(
        headline_as_printed("[图]【聚焦两会】县政协会议开幕"),
        "县政协会议开幕"
    );
    // A sample site's tag after the sample.
    assert_eq!(
        headline_as_printed("实行交通管制的通告 『范文21』"),
        "实行交通管制的通告"
    );
    assert_eq!(
        headline_as_printed("世界水日活動總結【通用7篇】"),
        "世界水日活動總結"
    );
    assert_eq!(
        headline_as_printed("文明养犬倡议书-倡议书350字"),
        "文明养犬倡议书"
    );
    assert_eq!(
        headline_as_printed("管委会主任办公会议(6篇)"),
        "管委会主任办公会议(6篇)"
    );
    assert_eq!(
        headline_as_printed("學校中秋節活動總結報告 篇1"),
        "學校中秋節活動總結報告"
    );
    assert_eq!(
        headline_as_printed("消防宣传日主题活动方案篇二"),
        "消防宣传日主题活动方案"
    );
    assert_eq!(
        headline_as_printed("某街道：筑牢安心充电网 充出满格幸福感 [打印本页]"),
        "某街道：筑牢安心充电网 充出满格幸福感"
    );
    assert_eq!(
        headline_as_printed("某部落迎豐年 縣長熱情迎接勇士們 [列印本頁]"),
        "某部落迎豐年 縣長熱情迎接勇士們"
    );
    assert_eq!(
        headline_as_printed("多种助餐方式满足老人需求-第1张图片-某某百事通网"),
        "多种助餐方式满足老人需求"
    );
    assert_eq!(
        headline_as_printed("公告：本所清明節連假期間暫停收垃圾時間表"),
        "本所清明節連假期間暫停收垃圾時間表"
    );
    assert_eq!(
        headline_as_printed("县区推行河长制的方案【最新或2022(历届)】"),
        "县区推行河长制的方案"
    );
    assert_eq!(headline_as_printed("谱写发展新篇"), "谱写发展新篇");
    // A repost's label of the headline it copied.
    assert_eq!(
        headline_as_printed("原標題：手機變“農具” 直播成“農活”"),
        "手機變“農具” 直播成“農活”"
    );
    // A document's file name without its extension; an outlet's name before a column's tag.
    assert_eq!(
        headline_as_printed("2023年镇春季森林防火工作报告.docx"),
        "2023年镇春季森林防火工作报告"
    );
    assert_eq!(
        headline_as_printed("《某某新聞台》[港聞]民政事務處開放避寒中心"),
        "民政事務處開放避寒中心"
    );
    assert_eq!(
        headline_as_printed("《某某条例》实施细则公布"),
        "《某某条例》实施细则公布"
    );
}
