//! Cutting a page's text down to the news itself: the lines between the headline and the
//! text, what follows the last sentence (keeping the office that signs a notice), and the
//! headline or paragraphs printed twice.

use super::report::Report;
use super::{Removed, extract, headline, layout, office};
use crate::text::cjk::is_cjk_punctuation;

/// Drops the lines between the headline and the text that are not text: captions, document
/// numbers, issuers, metadata the layout did not know (an empty label, `文件编号：`). An
/// addressee (`各县区人民政府：`), a heading and a dateline lead stay.
pub(super) fn drop_lines_above_text(paragraphs: &mut Vec<layout::Paragraph>, report: &mut Report) {
    static DATELINE_LEAD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:[?？]+\s*)?[^\s，。：:]{0,16}?(?:\d{1,2}月\d{1,2}日?)?(?:讯|訊|电|電)(?:[（(\s]|$|\d)",
        )
        .expect("valid pattern")
    });
    let keep = |p: &layout::Paragraph| {
        (headline::is_text(&p.text) && !is_photo_caption(&p.text))
            || (p.text.ends_with(['：', ':'])
                && !super::metadata::is_bare_label(&p.text)
                && !is_dated_label(&p.text)
                && !is_instruction(&p.text)
                && !is_section_label(&p.text))
            // A sentence the page wrapped, `…充分发挥辖区机关、企事业单位、`, addressees
            // (`各乡镇人民政府，县对口有关单位、…经济开发` / `区管委会：`), or a clause of a
            // list of measures (`在取暖季来临前，为…发放冬季取暖补助494.66万元；`).
            || p.text.trim_end().ends_with(['，', '、'])
            || (p.text.trim_end().ends_with('；') && p.text.contains('，'))
            || headline::opens_addressees(&p.text)
            || layout::is_heading(&p.text)
            || extract::lead_credit(&p.text).is_some()
            || DATELINE_LEAD.is_match(&p.text)
    };
    // A photo's news is its caption alone (an e-paper's `图片新闻`).
    let caption_alone = || paragraphs.iter().position(|p| headline::is_text(&p.text));
    let Some(text_at) = paragraphs.iter().position(keep).or_else(caption_alone) else {
        return;
    };
    let text_at = dateline_under_captions(&paragraphs[text_at..], &DATELINE_LEAD)
        .map_or(text_at, |lead| text_at + lead);
    for line in paragraphs.drain(..text_at) {
        report.removed.push(Removed {
            kind: "above the text",
            line: line.line,
            text: line.text,
        });
    }
}

/// Where a dateline lead opens the text under a few short lines (up to five), `技術指導。` /
/// `翻地育苗。` / `某某網訊 春節剛過，…`: those lines caption the page's photos, for a dateline
/// opens the news as it was published.
fn dateline_under_captions(
    paragraphs: &[layout::Paragraph],
    dateline: &regex::Regex,
) -> Option<usize> {
    const CAPTIONS: usize = 5;
    const CAPTION_CHARS: usize = 60;
    let lead = (paragraphs.iter().take(CAPTIONS + 1))
        .position(|p| dateline.is_match(&p.text))
        .filter(|&lead| lead > 0)?;
    (paragraphs[..lead].iter())
        .all(|p| p.text.chars().count() <= CAPTION_CHARS && !layout::is_heading(&p.text))
        .then_some(lead)
}

/// `顶泰山岩鼓艺团演出。（泰山区公所提供）`, `…主场馆。（康文署網頁圖片）`,
/// `…等人到場。記者某某／攝影`, `…排起了长长的队伍。(摄影:某某)`, `…豬腳麵線。(圖∕某某鎮公所)`,
/// `…快樂生活。 通訊員 某某攝`, `…清掃垃圾。攝影/某某`, `…禮品。圖/某某電視提供`,
/// `…技術指導。某某縣融媒體中心供圖`, a line the mark `▲` opens: a photo's caption.
static CAPTION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^[▲△]|[（(][^（）()]{0,20}(提供|摄|攝|供图|供圖|图片|圖片)[）)]$|[（(]\s*(?:摄影|攝影|摄|攝)\s*[：:／/]\s*\p{Han}{0,4}\s*[）)]\s*\p{Han}{0,4}$|(?:记者|記者)\s*\p{Han}{2,4}\s*[/／]\s*(?:摄影|攝影)$|[（(]\s*[图圖]\s*[/／∕]\s*[^（）()]{2,16}[）)]$|。\s*\S{0,12}?(?:记者|記者|通讯员|通訊員)\s*\p{Han}{2,4}(?:\s+\p{Han}{2,4})*\s*(?:摄|攝)$|。\s*(?:摄影|攝影)\s*[/／：:]\s*\p{Han}{2,4}$|。\s*[图圖]\s*[/／∕]\s*[^。，,（）()]{2,20}提供$|。\s*\p{Han}{2,20}(?:供图|供圖)$")
        .expect("valid pattern")
});

/// Whether a line is a photo's caption, above the text or under it.
pub(super) fn is_photo_caption(text: &str) -> bool {
    CAPTION.is_match(text.trim_end()) || CAPTION_BELOW.is_match(text)
}

/// A line with a full date that ends with an empty label, `某某 2021-07-21 10:11:25 阅读量:`: a
/// byline with its count left empty, not an addressee; nor the text's opening words, a date
/// and what happened on it (`2020年10月7日李扬镇长调度秸秆禁烧工作：`).
fn is_dated_label(line: &str) -> bool {
    extract::find_date(line).is_some_and(|(date, at)| {
        let label = line[at.end..].trim();
        date.year.is_some() && (label.chars().count() <= 8 || label.contains(char::is_whitespace))
    })
}

/// A page's instruction to its reader before its buttons (`通版阅读请点击：`), not an addressee.
fn is_instruction(line: &str) -> bool {
    ["点击", "點擊", "扫码", "掃碼", "扫描", "掃描"]
        .iter()
        .any(|word| line.contains(word))
}

/// A Taiwan document's label over its explanation, `說明：` alone on its line (after `主旨：`),
/// not an addressee.
fn is_section_label(line: &str) -> bool {
    let label = line.trim().trim_end_matches(['：', ':']).trim_end();
    ["說明", "说明", "依據", "依据", "公告事項", "公告事项"].contains(&label)
}

/// The page's tools (`【字体：小 大】`, `—分享—`) or a forum's edit stamp, run on before the
/// text on its line.
static TOOLS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^(?:【\s*(?:字体|字號|字体大小|字号)\s*[：:][^】]{0,12}】|[—－-]{1,2}\s*分享\s*[—－-]{1,2}|(?:本帖最后由\s*\S{1,20}\s*于\s*)?\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}[：:]\d{2}\s*编辑)\s*")
        .expect("valid pattern")
});

/// `text` without the page's tools or a forum's edit stamp before it.
pub(super) fn without_tools(text: &str) -> &str {
    TOOLS.find(text).map_or(text, |tools| &text[tools.end()..])
}

/// Takes the bullet off paragraphs of text that an e-paper marks, `■4月18日，…`: a mark of
/// layout, not a word of the news. A byline it marks (`■记者 王明`) is no text and keeps it.
/// The page's tools or a forum's edit stamp run on before the text on its line
/// (`【字体：小 大】 为弘扬…`, `2015-4-13 00:37 编辑 12月2日，…`) go too.
pub(super) fn unmark_text(paragraphs: &mut [layout::Paragraph], report: &mut Report) {
    for p in paragraphs.iter_mut().filter(|p| headline::is_text(&p.text)) {
        if let Some(tools) = TOOLS.find(&p.text) {
            report.removed.push(Removed {
                kind: "page tools",
                line: p.line,
                text: tools.as_str().trim().to_string(),
            });
            p.text.drain(..tools.end());
        }
        let unmarked = p.text.trim_start_matches(['■', '●', '◆']).trim_start();
        if unmarked.len() < p.text.len() {
            let mark = p.text[..p.text.len() - unmarked.len()].trim().to_string();
            report.removed.push(Removed {
                kind: "bullet",
                line: p.line,
                text: mark,
            });
            p.text = unmarked.to_string();
        }
    }
}

/// Drops what follows the text's last sentence: lines that end no sentence (footers, menus,
/// tags, captions), a credit or `（完）` after the last sentence, and words run on after it
/// (`…出席会议。全媒体记者:刘丽娟`).
/// The lines dropped whole, in order.
pub(super) fn drop_lines_below_text(
    paragraphs: &mut Vec<layout::Paragraph>,
    report: &mut Report,
) -> Vec<layout::Paragraph> {
    let ends_sentence = |text: &str| text.trim_end().ends_with(SENTENCE_ENDS);
    // A sentence with its credit after it (`…讨论稿）》。（濂溪区融媒体中心 记者 刘文）`) is text.
    let ends_text = |text: &str| {
        ends_sentence(text)
            || CLOSING.is_match(text)
            || TRAILING_CREDIT
                .find(text)
                .is_some_and(|m| m.start() > 0 && ends_sentence(&text[..m.start()]))
    };
    let mut dropped = Vec::new();
    // Text that ends mid-sentence (a page cut short) stays; lines that are not text go.
    // So do photo captions under the text (`图说：…`), whole sentences though they are.
    // A long line of the page's machinery (`… content_36516.html 1 3 要闻 -->`) is no text either,
    // nor one in Latin letters alone.
    // A numbered heading is text: a page cut short may stop right under one.
    // And so is the list of a notice's attachments, whatever runs on after it (its contact,
    // its signature).
    // A line in Latin letters alone under Chinese text is the site's (a comment form's
    // `Remember me Lost your password?`).
    let latin_only = |text: &str| {
        text.chars().any(|c| c.is_ascii_alphabetic()) && !text.chars().any(crate::text::cjk::is_cjk)
    };
    // The page's machinery in the text itself, not in what runs on after its last sentence
    // (`…负责人表示。（某某）（责任编辑：某某）`, cut below).
    let junk = |text: &str| {
        let end = text.rfind(SENTENCE_ENDS).unwrap_or(text.len());
        JUNK.is_match(&text[..end])
    };
    let is_trailer = |text: &str| {
        latin_only(text)
            || (!ends_text(text)
                && !layout::is_heading(text)
                && (!headline::is_text(text) || junk(text)))
            || CAPTION_BELOW.is_match(text)
            || ATTACHMENTS.is_match(text)
            || PAGES_OWN.is_match(text)
    };
    let teasers = teasers_at_end(paragraphs);
    let mut popped = 0;
    while paragraphs.len() > 1
        && (popped < teasers || is_trailer(&paragraphs[paragraphs.len() - 1].text))
    {
        popped += 1;
        let line = paragraphs.pop().expect("more than one");
        dropped.push(line.clone());
        report.removed.push(Removed {
            kind: "after the text",
            line: line.line,
            text: line.text,
        });
    }
    // Popped from the end: back in the page's order.
    dropped.reverse();
    let Some(last) = paragraphs.last_mut() else {
        return dropped;
    };
    cut_run_on(last, dropped.is_empty(), report);
    dropped
}

/// Cuts what runs on after the last sentence of the text's last paragraph: words without a
/// sentence of their own (a credit among them is reported apart), or a credit after it. At
/// the page's end (`at_end`), a clause of prose the page cut off before its full stop
/// (`…，营造了…的浓烈氛围`) is the text's last sentence and stays.
fn cut_run_on(last: &mut layout::Paragraph, at_end: bool, report: &mut Report) {
    let ends_sentence = |text: &str| text.trim_end().ends_with(SENTENCE_ENDS);
    let end = last
        .text
        .rfind(SENTENCE_ENDS)
        .map(|at| at + last.text[at..].chars().next().map_or(0, char::len_utf8));
    if let Some(end) = end.filter(|&end| end < last.text.len() && end > 0) {
        let rest = &last.text[end..];
        // A run-on after the last sentence, short and without a sentence of its own.
        let junk = JUNK.is_match(rest);
        let unfinished = at_end && !junk && is_unfinished_sentence(rest);
        if junk || (rest.chars().count() <= 80 && !rest.contains(['。', '！', '？']) && !unfinished)
        {
            // A credit that opens the run-on is kept apart: it may name the office.
            if let Some(credit) = LEADING_CREDIT.find(rest.trim_start()) {
                report.removed.push(Removed {
                    kind: "credit",
                    line: last.line,
                    text: credit.as_str().to_string(),
                });
            }
            report.removed.push(Removed {
                kind: "after the text",
                line: last.line,
                text: rest.trim().to_string(),
            });
            last.text.truncate(end);
        }
    }
    if let Some(credit) = TRAILING_CREDIT.find(&last.text).filter(|m| m.start() > 0) {
        let (start, text) = (credit.start(), credit.as_str().to_string());
        if ends_sentence(&last.text[..start]) {
            report.removed.push(Removed {
                kind: "credit",
                line: last.line,
                text,
            });
            last.text.truncate(start);
        }
    }
}

/// Whether words run on after the last sentence are a sentence missing its full stop: clauses
/// of prose, not a credit, a label or the page's furniture.
fn is_unfinished_sentence(rest: &str) -> bool {
    const SENTENCE_CHARS: usize = 20;
    let rest = rest.trim();
    let prose = |c: char| crate::text::cjk::is_cjk(c) || "，、“”".contains(c) || c.is_ascii_digit();
    rest.chars().count() >= SENTENCE_CHARS
        && rest.contains('，')
        && rest.chars().all(prose)
        && !(super::furniture::BOILERPLATE.iter()).any(|(_, pattern)| pattern.is_match(rest))
}

/// How many paragraphs at the end are teasers of other items, each cut off with one `…`
/// (`以下是局长今日在立法会…`), two or more in a row; a sentence's own `……` is no cut.
fn teasers_at_end(paragraphs: &[layout::Paragraph]) -> usize {
    let cut = |p: &&layout::Paragraph| {
        let text = p.text.trim_end();
        text.ends_with('…') && !text.ends_with("……")
    };
    match paragraphs.iter().rev().take_while(cut).count() {
        run @ 2.. => run,
        _ => 0,
    }
}

/// The office that signs a notice: a line below its text that names one, just above the
/// notice's date (`区应急管理局` over `2023年5月10日`), or with the date on its line; or the
/// office that signs a news item, alone on the line under it.
pub(super) fn signature<'a>(
    below: &'a [layout::Paragraph],
    dateline: Option<usize>,
    fold: &dyn Fn(&str) -> String,
) -> Option<&'a str> {
    // The notice's date: the page's dateline, or a date alone on the line under the office
    // (the dateline may be the page's own, above the text).
    let dated_under = |i: usize| {
        let under = below.get(i + 1);
        let p = &below[i];
        // Its year may be lost to the scrape (`年6月12日`).
        let date =
            |u: &layout::Paragraph| extract::whole_date(u.text.trim().trim_start_matches('年'));
        under.is_some_and(|u| u.line <= p.line + 2 && date(u).is_some())
            || dateline.is_some_and(|dateline| p.line < dateline && dateline <= p.line + 2)
    };
    let over_date = (0..below.len())
        .rev()
        .find(|&i| dated_under(i) && office::is_signer_name(&fold(below[i].text.trim())))
        .map(|i| &below[i]);
    over_date
        .map(|p| p.text.trim())
        .or_else(|| {
            below
                .iter()
                .rev()
                .find_map(|p| signed_and_dated(&p.text, fold).map(|(office, _)| office))
        })
        // Or an office's name alone right under the text, as a news item credits the office
        // that wrote it (`市中区残联`).
        .or_else(|| {
            let first = below.first().map(|p| p.text.trim())?;
            office::is_office_name(&fold(first)).then_some(first)
        })
}

/// A signature and its date run together at the end of a line, `某某区人民政府二〇一七年五月十六日`,
/// or of a page flattened to one line (`…联系电话：0574-5858 某某镇人民政府 2023年11月24日 |`):
/// the office and the date.
pub(super) fn signed_and_dated<'a>(
    line: &'a str,
    fold: &dyn Fn(&str) -> String,
) -> Option<(&'a str, extract::WrittenDate)> {
    static DATED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年[\d一二三四五六七八九十\s]{1,4}月[\d一二三四五六七八九十\s]{1,4}日$")
            .expect("valid pattern")
    });
    let line = line.trim_end_matches(|c: char| c.is_whitespace() || "|｜".contains(c));
    let date = DATED.find(line).filter(|d| d.start() > 0)?;
    let before = line[..date.start()].trim();
    // The signature is the last word before the date: what precedes it is the text's.
    let office = before.rsplit(char::is_whitespace).next().unwrap_or(before);
    let (written, _) = extract::find_date(date.as_str())?;
    office::is_office_name(&fold(office)).then_some((office, written))
}

/// A caption under the text, in either script: `图说：…`, `图2：…`, `图/…`, `右图 3月28日，…`,
/// one the mark `▲` opens with its photo's credit (`▲…大掃除。(圖/某某縣政府)`), a short one
/// signed by its photographer (`環保署助理署長莫偉全。蔡家緯攝`).
static CAPTION_BELOW: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"^[▲△].{0,60}[（(]\s*(?:[图圖]|摄影|攝影)\s*[/／∕：:]|^(图说|圖說|图为|圖為|图片说明|圖片說明|图注|圖註)\s*[：:]?|^[图圖]\s*\d{1,2}\s*[：:]|^[图圖]\s*[/／]\s*\S|^[上下左右][图圖](?:\s+|[：:]\s*)\d{1,2}月\d{1,2}日|^[^。！？]{2,30}。\s*\p{Han}{2,4}\s*[摄攝]$",
    )
    .expect("valid pattern")
});

/// The page's own sentences under the text, whole sentences though they are: how to share it
/// (`打开微信，使用“扫一扫”即可将网页分享至朋友圈。`) and its disclaimer (`来源：网络整理免责声明：…`).
static PAGES_OWN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?:扫一扫|掃一掃)[^。]{0,20}(?:分享|朋友圈)|分享(?:至|到)朋友圈|^(?:来源[：:][^。]{0,12})?(?:免责声明|免責聲明|版权声明|版權聲明)")
        .expect("valid pattern")
});

/// A notice's list of attachments: `附件：1.某某方案.docx 2.…`.
static ATTACHMENTS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^(附件|附件下载|相关附件)\s*\d{0,2}\s*[：:]").expect("valid pattern")
});

/// What only a page's machinery runs on after the text: file names, markup, photo credits,
/// a row of links ending `更多>>`.
static JUNK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"\.s?html?\b|-->|content_\d|责任编辑|責任編輯|\p{Han}{2,3}摄\d|更多\s*(?:>>|»)\s*$",
    )
    .expect("valid pattern")
});

/// Marks that end a sentence, closing quotes included.
/// The formula that closes a notice or a letter, printed without its full stop: `此函`,
/// `特此通知`. The last words of its text.
static CLOSING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(&format!(r"^\s*{}\s*$", layout::CLOSING_FORMULA)).expect("valid pattern")
});

const SENTENCE_ENDS: [char; 9] = ['。', '！', '？', '!', '?', '”', '」', '』', '…'];

/// A parenthesised credit at the start of what follows the last sentence.
static LEADING_CREDIT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^[（(][^（）()]{2,40}[）)]").expect("valid pattern")
});

/// `（濂溪区融媒体中心 记者 刘文）`, `（完）`, `(完)` after the last sentence.
static TRAILING_CREDIT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"\s*(?:[（(][^（）()]{1,40}[）)]|【完】)+\s*$").expect("valid pattern")
});

/// The day an aggregator opens its copies with: `北京时间2022年8月17日（农历…），星期三，`.
static TODAY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^北京时间[^。]{0,40}?星期[一二三四五六日天][，,]").expect("valid pattern")
});

/// Drops the title repeated in the text (document sites print it again, sometimes twice in a
/// row), paragraphs that repeat an earlier one, and a summary the next paragraph repeats.
pub(super) fn remove_repeats(
    title: &str,
    paragraphs: &mut Vec<layout::Paragraph>,
    removed: &mut Vec<Removed>,
) {
    // Compared as read: the title as printed may use ASCII marks the text had repaired.
    let as_read = |text: &str| {
        text.to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '!' => '！',
                ',' => '，',
                '?' => '？',
                ':' => '：',
                '(' => '（',
                ')' => '）',
                c => c,
            })
            .collect::<String>()
    };
    let title_lower = as_read(title);
    // Counted and collected once: a pasted title may be a whole page long.
    let title_length = title_lower.chars().count();
    let title_chars: std::collections::HashSet<char> = title_lower.chars().collect();
    let printed = removed.iter().any(|r| r.kind == "title line");
    // Under the text, only the whole title is the title again: a part of it there is the
    // office that signs the notice (`某某统计局` under `某某统计局公告`).
    let is_title_again = |text: &str, under_text: bool| {
        // A sample's name over its text, numbered and labelled (`…活动简报三：`), not an
        // addressee (`各村委会：`).
        let text = as_read(text);
        // Over the text, a printed headline again with a full stop (`某某獲8金10銀11銅。`),
        // after an aggregator's day if any (`北京时间2022年8月17日（…），星期三，某某。`); not
        // the lead a title was made from.
        let undated = TODAY
            .find(&text)
            .map_or(text.as_str(), |day| &text[day.end()..]);
        if !under_text && printed && undated.strip_suffix('。') == Some(title_lower.as_str()) {
            return true;
        }
        let numeral = |c: char| "一二三四五六七八九十".contains(c) || c.is_ascii_digit();
        let text = (text.strip_suffix('：'))
            .filter(|name| name.ends_with(numeral))
            .map(|name| name.trim_end_matches(numeral))
            .filter(|name| name.chars().count() >= 4)
            .map_or(text.clone(), str::to_string);
        let length = text.chars().count();
        let part = || !under_text && text.chars().all(|c| title_chars.contains(&c));
        title_length > 0
            && !text.contains(['。', '，'])
            && length <= 3 * title_length
            && (text == title_lower || part())
    };
    let mut text_seen = false;
    // An editor's summary without a label, which the lead under it says again in full.
    let summaries: Vec<bool> = (0..paragraphs.len())
        .map(|i| {
            let (text, next) = (as_read(&paragraphs[i].text), paragraphs.get(i + 1));
            text.chars().count() >= 20
                && next.is_some_and(|n| {
                    let next = as_read(&n.text);
                    next.len() > text.len() && next.contains(&text)
                })
        })
        .collect();
    let mut summary = summaries.into_iter();
    // A set, not a list: a pasted report has tens of thousands of paragraphs.
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    paragraphs.retain(|p| {
        let under_text = text_seen;
        text_seen |= headline::is_text(&p.text);
        let kind = if summary.next().unwrap_or(false) {
            "summary"
        } else if is_title_again(&p.text, under_text) {
            "repeated title"
        } else if p.text.chars().count() >= 6 && seen.contains(&p.text) {
            "repeated paragraph"
        } else {
            seen.insert(p.text.clone());
            return true;
        };
        removed.push(Removed {
            kind,
            line: p.line,
            text: p.text.clone(),
        });
        false
    });
    title_glued_to_text(title, paragraphs, removed);
}

/// A document site prints the title again and again run on into the text's first words,
/// after its page's number (`1、某某工作报告某某工作报告各位代表：…`): the copies go. One copy
/// may open a lead (`某区召开会议，…`), so only two or more are taken.
fn title_glued_to_text(
    title: &str,
    paragraphs: &mut [layout::Paragraph],
    removed: &mut Vec<Removed>,
) {
    static PAGE_NUMBER: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"^\d{1,3}、").expect("valid pattern"));
    let title = title.trim();
    let after_copies = |text: &str| {
        let numbered = PAGE_NUMBER.find(text).map_or(0, |number| number.end());
        let (mut rest, mut copies) = (text[numbered..].trim_start(), 0);
        while let Some(after) = rest.strip_prefix(title).filter(|_| !title.is_empty()) {
            (rest, copies) = (after.trim_start(), copies + 1);
        }
        let opens_text = rest.chars().next().is_some_and(|c| !is_cjk_punctuation(c));
        (copies >= 2 && opens_text).then_some(text.len() - rest.len())
    };
    let Some((p, glued)) =
        (paragraphs.iter_mut().take(5)).find_map(|p| after_copies(&p.text).map(|glued| (p, glued)))
    else {
        return;
    };
    removed.push(Removed {
        kind: "repeated title",
        line: p.line,
        text: p.text[..glued].to_string(),
    });
    p.text = p.text[glued..].to_string();
}

#[cfg(test)]
mod tests;
