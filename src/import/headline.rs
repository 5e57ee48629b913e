//! Which line of a page is its headline. The short lines above the text are candidates,
//! scored: a headline is near the text, of a headline's length, echoed by the page's own
//! title, and not a column name, a byline, a document number or an edition's label. The
//! headline kept is the one printed, without the tags and marks around it.

use std::sync::LazyLock;

use regex::Regex;

use super::layout::{Paragraph, Removed, is_heading};

mod broken;
mod echo;
mod printed;
pub(super) use broken::{is_broken_headline, printed_whole, second_half_below, split_headline_end};
pub(super) use echo::echo_on_page;
pub(super) use printed::{headline_as_printed, printed_or_page_title, unspaced};

/// How many lines above the text are looked at.
const LOOK_BACK: usize = 12;

/// Names of columns, channels and sites, which stand above headlines (either script).
static COLUMN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(中心|资讯|資訊|频道|頻道|栏目|欄目|新闻|新聞|动态|動態|要闻|要聞|专题|專題|之窗|在线|在線|网|網|网站|網站|首页|首頁|政务|政務|公开|公開|公告栏|公告欄|PDF版|LAB|论坛|論壇|家园|家園|社区|社區)$")
        .expect("valid pattern")
});

/// Whether `text` is a column's, channel's or site's name (`新闻动态`, `政务公开`), not a
/// headline.
pub(super) fn is_column_name(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() <= 8 && COLUMN_NAME.is_match(text)
}

/// Lines that are never headlines: bylines (`某某報／記者某某／台中報導`,
/// `某某網記者某某/台中報導`, `某某新聞-某某某/嘉義`), document numbers (`某政通〔2008〕11号`,
/// its closing bracket lost or not),
/// labels (a document site's `全文内容阅读`, an edition's `当前版：04版`), versions, sharing
/// buttons, an address in English or a catalogue number (`620724001/2020-00144`), a ranked
/// list's items (`第1 …`), a tag or outlet alone in brackets (`【北台灣新聞中心】`), lines a
/// marker opens (`▲` before a photo's caption, `■` before a byline), an image's file name left
/// as its caption (`…工作会_副本.jpg`), a masthead's motto after a backslash
/// (`某某報導\1987創刊`), which no headline has, a label's count (`文章字数：119`) and an
/// e-paper's buttons (`展开通版`), a section's heading in Markdown (`#### 引言`) and a
/// company's contact lines in a site's header (`網址：www.example.com`) and an editor's credit
/// (`执行编辑：某某`) or an author's label after another (`文章信息作者：某某`), a time label
/// before its figures (`某某发表时间 3038562`), a speech's day in brackets (`（20xx年7月1日）`),
/// a speech's greeting under its salutation (`大家下午好！`), and an aggregator's source, place
/// and day (`某某新闻 | 湖北 07-26`).
static NOT_HEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^#{2,6}\s|^(?:网址|邮箱|传真|电话|联系电话|\p{Han}{2}编辑)\s*[：:]|^(全媒体记者|融媒体记者|融媒记者|特约记者|记者|通讯员|文/|图/|文／|图／|作者|来源|责任编辑|编辑|摄影)|^[▲△■□]|〔\d{4}|\[\d{4}\]\s*\d+\s*号|^第[A-Z\d]+版|^[A-Z]?\d{1,3}\s*版$|[：:]\s*[A-Z]?\d{1,3}\s*版$|^date\b|索引号|组配分类|点击数|浏览|阅读数|\{\{|^【[^】]{1,6}】.{0,5}$|^【[^】]{1,12}】$|^\[[^\]]{1,12}\]$|^[A-Za-z0-9'’ ,./\-_]+$|内容(阅读|预览)$|\|.*\||：.*：|Translate|\d{1,2}月\d{1,2}日?(讯|电|電|报导|报道)|(通讯员|记者)\s*[：:]?\s*[\p{Han}]{2,4}$|(通讯员|记者)\s*\p{Han}{2,4}\s*摄$|^本(报|网|台)讯|(报|网|台|社)讯$|^\S{1,10}(报|网|台|社)\p{Han}{0,3}[^简快通资\s]讯$|(报|网|台|社)消息(\s*\d{1,2}月\d{1,2}日)?$|^(——|－－)|点击|扫码|扫一扫|收藏|^用户\d|编辑于|阅读\s*\d|https?://|^(原始|原文)(连接|链接|地址)|^图为|^[上下左右]图[：:]|分享(至|到)|[/／]\s*记者|记者\s*\p{Han}{2,4}\s*[/／∕]|^[^\s/／]{2,12}[-－]\s*\p{Han}{2,4}\s*[/／]\s*\p{Han}{2,4}$|^第\d{1,2}\s|(?i)\.(jpe?g|png|gif|bmp|webp)$|\\|[：:]\s*\d+$|^(展开|收缩)?通版|^(大家|各位\p{Han}{0,4}|同学们|朋友们|老师们)(早上|上午|中午|下午|晚上)?好[！!。]?$|作者\s*[：:]|(发表|发布|更新)时间\s*[：:]?\s*\d|^[（(][^（）()]{0,12}年[^（）()]{0,8}日[）)]$|^\S{2,16}\s*[|｜]\s*\p{Han}{1,6}\s+\d{1,2}-\d{1,2}$")
        .expect("valid pattern")
});

/// Whether a line (in either script) starts a notice's addressees, however its lines are
/// broken: offices in a list (`各乡镇人民政府，县对口有关单位、…`).
pub(super) fn opens_addressees(line: &str) -> bool {
    static ADDRESSEE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^各\p{Han}{0,12}?(?:人民政府|政府|单位|單位|部门|部門|委|办|辦|局|街道|乡镇|鄉鎮|镇|鎮|乡|鄉|村)[，、,]")
            .expect("valid pattern")
    });
    ADDRESSEE.is_match(line.trim_start())
}

/// The purpose clause that opens a lead: `为切实做好…工作，`, `为进一步加强…，`.
static PURPOSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^为(?:了|进一步|切实|全面|深入|认真|扎实|更好|有效|加强|确保|做好|推进|落实)[^，]{2,40}，")
        .expect("valid pattern")
});

/// Whether a line is a name and a date only, as a byline under a headline prints them
/// (`某某日报 2023年10月23日`, `某某中心    2021-03-12`).
fn is_dated_name(line: &str) -> bool {
    let Some((name, date)) = line.trim().split_once(char::is_whitespace) else {
        return false;
    };
    (2..=16).contains(&name.chars().count())
        && name.chars().all(|c| c.is_alphanumeric() || c == '·')
        && super::extract::whole_date(date).is_some_and(|d| d.year.is_some())
}

/// Photo captions, which stand between a headline and its text, and a poster's credited to
/// its maker (`…巡迴到峨眉海報    何高祿編製`).
/// A portrait's caption is a person's posts and name: `人大代表、某区区长某某某`.
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"现场$|合影|^图为|摄$|摄影|^图\d|\s\p{Han}{2,4}(?:编制|制作|绘制|制图)$|^\p{Han}{2,10}(?:代表|长|书记|主任|主席|委员)、\p{Han}{2,12}(?:代表|长|书记|主任|主席|委员)\s*\p{Han}{2,3}$")
        .expect("valid pattern")
});

/// Whether a line (in either script) is a portrait's caption, a place's head and his name
/// alone (`后里区长赖同一`), not a meeting of heads (`某局召开区长会议`).
fn is_portrait(line: &str) -> bool {
    static POST_AND_NAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\p{Han}{2,6}(?:区长|县长|市长|乡长|镇长|里长|局长|处长|區長|縣長|市長|鄉長|鎮長|里長|局長|處長)\s*(?P<name>\p{Han}{2,3})$")
            .expect("valid pattern")
    });
    POST_AND_NAME
        .captures(line.trim_end_matches(['|', '｜', ' ']))
        .is_some_and(|c| !c["name"].ends_with(['会', '议', '會', '議']))
}

/// Whether a paragraph is text rather than a headline or a label: a sentence, or long.
pub(super) fn is_text(paragraph: &str) -> bool {
    // A page's notes in Latin letters alone (`…press Ctrl + (+) to adjust the font size。`)
    // are not its Chinese text, nor is a title bar's chain of words (`某某_某某一区_…`).
    let title_bar = paragraph.matches('_').count() >= 2 && !paragraph.contains('。');
    if !paragraph.chars().any(crate::text::cjk::is_cjk) || title_bar {
        return false;
    }
    // An address is not prose, however long (`原始連接：https://…?n=3303&s=892177`).
    static ADDRESS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"https?://\S+").expect("valid pattern"));
    let length = match paragraph.contains("://") {
        true => ADDRESS.replace_all(paragraph, "").chars().count(),
        false => paragraph.chars().count(),
    };
    // A headline may exclaim (`深化城市交流！北市民政局率團訪西屯區公所`); text runs longer,
    // but for a document's long name without a comma (`…地號)遷葬公告`).
    static DOCUMENT_NAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:公告|通告|通知|決定|决定|辦法|办法|意見|意见|規定|规定|細則|细则)$")
            .expect("valid pattern")
    });
    let document_name = length <= 100
        && !paragraph.contains(['，', ','])
        && DOCUMENT_NAME.is_match(paragraph.trim_end());
    paragraph.contains('。')
        || (paragraph.contains(['！', '？']) && length > 40)
        || (length > 60 && !document_name)
}

/// A line that can stand as a headline: short, one clause, not a date or a salutation.
pub(super) fn is_title_like(text: &str) -> bool {
    let length = text.chars().count();
    (4..=80).contains(&length)
        && !text.contains(['。', '；', '？'])
        && !text.ends_with(['：', '，', ':'])
        && unquoted_commas(text) <= 1
        && !is_heading(text)
        && super::extract::whole_date(text).is_none()
}

/// The commas of a line outside the sayings it quotes: a headline may quote one whole
/// (`“错过东方明珠很遗憾，但我更不想错过这里”，老社区怎么玩出新花样？`).
fn unquoted_commas(text: &str) -> usize {
    let mut depth = 0usize;
    let mut commas = 0;
    for c in text.chars() {
        match c {
            '“' | '「' | '『' => depth += 1,
            '”' | '」' | '』' => depth = depth.saturating_sub(1),
            '，' if depth == 0 => commas += 1,
            _ => {}
        }
    }
    commas
}

/// The headline's position among `paragraphs`, if a line above the text is one. `page_title`
/// is what the page's metadata calls it; `metadata_lines` are the input lines the layout took
/// out as metadata; `fold` gives simplified script.
pub(super) fn headline(
    paragraphs: &[Paragraph],
    page_title: Option<&str>,
    metadata_lines: &[usize],
    fold: &dyn Fn(&str) -> String,
) -> Option<usize> {
    let text_at = paragraphs.iter().position(|p| is_text(&p.text))?;
    let first = text_at.saturating_sub(LOOK_BACK);
    let echo = page_title.map(|t| squeezed(&fold(t)));
    let over_metadata = |i: usize| stands_over_metadata(paragraphs, i, metadata_lines);
    let first_chinese = (paragraphs.iter().position(|p| !p.text.is_ascii())).unwrap_or(text_at);
    (0..text_at)
        .filter(|&i| i >= first || over_metadata(i))
        .filter(|&i| {
            let text = &paragraphs[i].text;
            // A headline may ask (`…，这是有啥大事？`, `…村莊！？住戶…`) or run on in clauses
            // (`…研習會，提升基層服務效能，共創富市台中、宜居后里`): told from text by the
            // page's header under it, or by opening the saved page, as its title does.
            // The page's first line of Chinese, under a skip link in English at most.
            let opens_page = paragraphs[0].line == 1 && first_chinese >= i;
            let loosely = || {
                let (asked, clauses) = (text.matches('？').count(), unquoted_commas(text));
                asked <= 2
                    && clauses <= 3
                    && (asked > 0 || clauses > 1)
                    && !text.ends_with('，')
                    && is_title_like(&text.replace(['？', '，'], ""))
                    && (over_metadata(i) || opens_page)
            };
            (is_title_like(text) || is_document_type(text) || loosely())
                && !opens_addressees(text)
                && !is_excerpt_of(text, &paragraphs[text_at].text, fold)
        })
        .map(|i| {
            let line_score = match (is_document_type(&paragraphs[i].text), over_metadata(i)) {
                // A notice headed only by its kind, `通 知`, printed over its addressee.
                (true, _) => 12 - 3 * (text_at - i) as i32,
                // A page's headline over its `发布时间：… 来源：…` line, as near as the text
                // however much (a reposted document's own header, a spammer's list) stands
                // below them, and ahead of a line as near; not of a longer one above it (the
                // headline over its subtitle).
                (false, true) => score(&paragraphs[i].text, 1, echo.as_deref(), fold) + 5,
                (false, false) => score(&paragraphs[i].text, text_at - i, echo.as_deref(), fold),
            };
            (
                line_score + subtitled(paragraphs, i) + short_and_apart(paragraphs, i, text_at)
                    - speaker(paragraphs, i)
                    - 15 * i32::from(over_photo_credit(paragraphs, i, fold))
                    - 30 * i32::from(numbered_sample(paragraphs, i)),
                i,
            )
        })
        .filter(|&(score, _)| score > 0)
        // The best; of equals, the nearer to the text.
        .max_by_key(|&(score, i)| (score, i))
        .map(|(_, i)| fuller_above(paragraphs, i, first, fold))
}

/// A headline printed whole above a shortened copy of it (a deck's first half, a photo's
/// title without a word: `…真除 今布達交接` over `…真除 布達交接`): the whole one, the line
/// above `i` (from `first`) that opens as line `i` does and holds all its characters in order
/// and more.
fn fuller_above(
    paragraphs: &[Paragraph],
    i: usize,
    first: usize,
    fold: &dyn Fn(&str) -> String,
) -> usize {
    let short = squeezed(&fold(&paragraphs[i].text));
    let holds = |j: &usize| {
        let text = &paragraphs[*j].text;
        let long = squeezed(&fold(text));
        let mut rest = long.chars();
        // Not the page's title with the site's name after a dash, nor a label or column
        // before the headline (`名称：…`, `首页会议活动…`).
        // Nor a column's name before it (`◎鄉長園地 端午…`).
        long.chars().count() > short.chars().count()
            && !long.ends_with(&short)
            && long.chars().next() == short.chars().next()
            && short.chars().all(|c| rest.any(|l| l == c))
            && is_title_like(text)
            && !text.contains(['>', '＞', '»', '/', '|', '｜', '_', '-', '–', '—'])
            && score(text, 1, None, fold) > 0
    };
    (first..i).find(holds).unwrap_or(i)
}

/// Whether paragraph `i` stands right over one of `metadata_lines` (a blank line between at
/// most), with nothing of the text between them, or over a subtitle that does.
fn stands_over_metadata(paragraphs: &[Paragraph], i: usize, metadata_lines: &[usize]) -> bool {
    // Or over a byline of a name and a date (`某某日报 2023年10月23日`), which the text's
    // trimming takes out later.
    let right_over = |i: usize| {
        let at = paragraphs[i].line;
        let next = paragraphs.get(i + 1).map_or(usize::MAX, |p| p.line);
        let byline = paragraphs
            .get(i + 1)
            .is_some_and(|p| p.line <= at + 2 && is_dated_name(&p.text));
        byline
            || metadata_lines
                .iter()
                .any(|&line| line > at && line <= at + 2 && line < next)
    };
    let over_subtitle = || {
        paragraphs
            .get(i + 1)
            .is_some_and(|sub| is_title_like(&sub.text) && right_over(i + 1))
    };
    right_over(i) || over_subtitle()
}

/// Whether a line is only a document's kind, as a notice may be headed: `通 知`, `公告`.
fn is_document_type(line: &str) -> bool {
    matches!(
        unspaced(line).as_str(),
        "通知" | "公告" | "通告" | "通報" | "通报" | "公示" | "启事" | "啟事" | "倡议书" | "倡議書"
    )
}

/// Where no line above the text is a headline, a page laid out with its header below the text
/// (`…主战场”。` / `王琳玉对开发区拓区工作提出要求` / `作者:… 时间:2015-11-18`): the line
/// just over a metadata line after the text, or right under the text and over the link to the
/// item before it (`…推向了高潮。` / `睢县税务系统组织…` / `上一篇：…`). `metadata_lines` are
/// the input lines of the metadata lines the layout took out, `item_links` those of the links.
pub(super) fn headline_over_metadata(
    paragraphs: &[Paragraph],
    metadata_lines: &[usize],
    item_links: &[usize],
    fold: &dyn Fn(&str) -> String,
) -> Option<usize> {
    let text_at = paragraphs.iter().position(|p| is_text(&p.text))?;
    (text_at + 1..paragraphs.len()).find(|&i| {
        let (line, at) = (&paragraphs[i].text, paragraphs[i].line);
        // A whole input line, not the head of one cut at its spaces (`某镇党委书记 某某：“…”`).
        let alone =
            paragraphs[i - 1].line != at && paragraphs.get(i + 1).is_none_or(|p| p.line != at);
        // An office over a date is a notice's signature.
        let over_link = || item_links.contains(&(at + 1)) && is_text(&paragraphs[i - 1].text);
        alone
            && (metadata_lines.contains(&(at + 1)) || over_link())
            && !super::office::is_signer_name(&fold(line.trim()))
            && is_title_like(line)
            && !is_text(line)
            && score(line, 1, None, fold) > 0
    })
}

/// A headline's subtitle stands under it, `——某街道举办…`, or, on a paper's page, as the
/// last line over the paper's own story (`本报讯…`): the line above one scores more.
fn subtitled(paragraphs: &[Paragraph], i: usize) -> i32 {
    let next = paragraphs.get(i + 1).map_or("", |p| p.text.trim_start());
    let papers_story = paragraphs.get(i + 2).is_some_and(|p| {
        let lead = p.text.trim_start();
        is_text(lead) && (lead.starts_with("本报讯") || lead.starts_with("本報訊"))
    });
    if next.starts_with(['—', '－']) || (papers_story && is_title_like(next)) {
        20
    } else {
        0
    }
}

/// A short headline (`寒冬送暖`) stands right over its text and apart from the line above
/// it, not in a run of short lines as a menu's items stand (`视频报道` / `一图读懂`): it scores
/// as a longer line would.
fn short_and_apart(paragraphs: &[Paragraph], i: usize, text_at: usize) -> i32 {
    let length = squeezed(&paragraphs[i].text).chars().count();
    let apart = i == 0 || paragraphs[i - 1].line + 1 < paragraphs[i].line;
    if (4..=5).contains(&length) && i + 1 == text_at && apart {
        14
    } else {
        0
    }
}

/// Whether a line is the lead's first words cut short (`本鄉「…」，因國內疫情影...`), as a
/// blog's list shows its posts: an excerpt, no headline.
fn is_excerpt_of(line: &str, lead: &str, fold: &dyn Fn(&str) -> String) -> bool {
    let line = line.trim_end();
    let cut = line.trim_end_matches(['.', '…', '。']);
    // The lead's opening only: a page may run its whole text into one paragraph.
    let opening: String = lead.chars().take(2 * cut.chars().count() + 8).collect();
    cut.len() < line.len()
        && cut.chars().count() >= 4
        && squeezed(&fold(&opening)).starts_with(&squeezed(&fold(cut)))
}

/// A speech's speaker stands over its salutation, `沙沟镇镇长 刘彦成` / `各位代表：`: the
/// line loses what its nearness to the text gave it.
fn speaker(paragraphs: &[Paragraph], i: usize) -> i32 {
    static POST_AND_NAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\p{Han}{2,}(长|书记|主任|主席|委员)\s*\p{Han}{2,3}$").expect("valid pattern")
    });
    let salutation = paragraphs.get(i + 1).is_some_and(|p| {
        let next = p.text.trim();
        next.chars().count() <= 12 && next.ends_with(['：', ':'])
    });
    if salutation && POST_AND_NAME.is_match(paragraphs[i].text.trim()) {
        40
    } else {
        0
    }
}

/// How much a line looks like the headline `distance` lines above the text.
fn score(line: &str, distance: usize, echo: Option<&str>, fold: &dyn Fn(&str) -> String) -> i32 {
    let folded = fold(line);
    let squeezed_line = squeezed(&folded);
    let length = squeezed_line.chars().count();
    let mut score: i32 = match length {
        0..=3 => return 0,
        4..=5 => 2,
        6..=9 => 20,
        _ => 28,
    };
    score -= 3 * (distance as i32 - 1);
    if let Some(echo) = echo
        && !echo.is_empty()
        && (echo.contains(&squeezed_line) || squeezed_line.contains(echo))
    {
        score += 40;
    }
    if is_column_name(&folded) {
        score -= 20;
    }
    // A title bar of keywords (`某某一区_某某二区_…_…`) is a spammer's, longer than a page's own
    // `标题_栏目_站名`.
    let keywords = folded.matches('_').count() >= 3;
    // A Chinese page's headline has Chinese words (not `• Directory of Taiwan`).
    let latin = !squeezed_line.chars().any(crate::text::cjk::is_cjk);
    if NOT_HEADLINE.is_match(without_number(folded.trim()))
        || is_symbol_line(&folded)
        || keywords
        || latin
    {
        score -= 40;
    }
    if folded.contains(['：', ':']) {
        score -= 10;
    }
    // A lead's purpose clause (`为切实做好…工作，现就…`) opens a sentence, not a headline.
    if PURPOSE.is_match(&folded) {
        score -= 20;
    }
    if CAPTION.is_match(folded.trim()) || is_portrait(folded.trim()) {
        score -= 15;
    }
    // An office's name alone is the account or issuer printed under a headline, not one.
    if super::office::is_office_name(folded.trim()) {
        score -= 15;
    }
    // A date in the tag before a headline (`【 2020.09.24 】…`) goes with the tag.
    let untagged = fold(&headline_as_printed(line));
    if super::extract::find_date(&untagged).is_some_and(|(d, _)| d.year.is_some()) {
        score -= 30;
    }
    score
}

/// Whether the line at `i` stands right over a photo's credit (`某某日报全媒体记者 某某 摄`)
/// and apart from a headline-like line above: it is that photo's caption, as on a paper's page
/// between the headline and the text.
fn over_photo_credit(paragraphs: &[Paragraph], i: usize, fold: &dyn Fn(&str) -> String) -> bool {
    let credited = paragraphs.get(i + 1).is_some_and(|next| {
        let credit = fold(next.text.trim());
        next.line == paragraphs[i].line + 1
            && credit.ends_with('摄')
            && credit.chars().count() <= 24
            && !credit.contains(['。', '，'])
    });
    let headline_above = i > 0
        && paragraphs[i - 1].line + 1 < paragraphs[i].line
        && is_title_like(&paragraphs[i - 1].text);
    credited && headline_above
}

/// Whether the line at `i` names one numbered sample of a collection whose title stands above
/// it (`…总结报告多篇` over `…总结报告1`), or one a chapter's number marks
/// (`植树活动简报内容篇一`, `修路通告范文一`), as document sites print them: not the headline.
fn numbered_sample(paragraphs: &[Paragraph], i: usize) -> bool {
    static COUNTED_PIECES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[（(](?:汇总|匯總|精选|精選)?(?:\d{1,3}|精品多|多)篇[）)]$")
            .expect("valid pattern")
    });
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:\d{1,2}|[（(][一二三四五六七八九十\d]{1,3}[）)]|(?:篇|范文|範文)[一二三四五六七八九十]{1,3})$",
        )
        .expect("valid pattern")
    });
    let line = paragraphs[i].text.trim();
    let Some(number) = NUMBER.find(line) else {
        return false;
    };
    let name = &line[..number.start()];
    // A line that counts the collection's pieces is its title, the first piece's number
    // printed after it (`…致辭(匯總16篇)篇一`).
    if COUNTED_PIECES.is_match(name) {
        return false;
    }
    // `…篇一`, `…范文一` number a sample whether or not the collection's title is printed.
    let chapter = !number
        .as_str()
        .starts_with(|c: char| c.is_ascii_digit() || "（(".contains(c));
    let name_chars = if chapter { 4 } else { 6 };
    name.chars().count() >= name_chars
        && (chapter
            || (paragraphs[i.saturating_sub(LOOK_BACK)..i].iter())
                .any(|p| p.text.trim().starts_with(name) && p.text.trim() != line))
}

/// A headline without the number of the document it announces, which it may print after it
/// in brackets (`…的通知(岳办发〔2017〕2号)`): the number alone is a label, the headline not.
fn without_number(line: &str) -> &str {
    static NUMBER_AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s*[（(]\p{Han}{1,8}\s*[〔［\[]\d{4}[〕］\]]\s*第?\d{1,4}\s*[号號][）)]$")
            .expect("valid pattern")
    });
    match NUMBER_AFTER.find(line) {
        Some(number) if line[..number.start()].chars().count() >= 8 => &line[..number.start()],
        _ => line,
    }
}

/// A line of pictographs with few words (`☎ 0912-345678`, `👍 赞 12`), a page's buttons or
/// contacts; a headline may end in some (`…圓滿落幕啦🎶🌕`) after its words.
fn is_symbol_line(line: &str) -> bool {
    let pictograph = |c: char| matches!(c, '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}');
    let words = line
        .chars()
        .filter(|&c| crate::text::cjk::is_cjk(c))
        .count();
    line.chars().any(pictograph) && words < 10
}

/// A line without spaces or ASCII/full-width variants that differ only in form.
fn squeezed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            '!' => '！',
            ',' => '，',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests;
