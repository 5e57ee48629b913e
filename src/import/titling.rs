//! The title of an imported page, and how it was found: the page's own, a document's name, the
//! headline above the text (taken out with the page's header over it), one run on into the
//! page's date line, the line over the metadata below the text, the original's title a repost
//! names, or else one made from the lead.

use std::sync::LazyLock;

use regex::Regex;

use super::headline::{headline_as_printed, printed_or_page_title, unspaced};
use super::report::Report;
use super::trim::{is_photo_caption, without_tools};
use super::{Removed, extract, headline, layout, office};

/// The title: the page's own (its metadata or heading), a document site's 《title》, the
/// headline above the text (`headline`; it and the page's header above it are taken out of
/// the text), or else the lead sentence made into a headline.
pub(super) fn title_of(
    page_title: Option<String>,
    fields: &layout::Fields,
    paragraphs: &mut Vec<layout::Paragraph>,
    fold: &dyn Fn(&str) -> String,
    report: &mut Report,
) -> String {
    let echo = (page_title.clone())
        .or_else(|| fields.title.clone())
        .or_else(|| headline::echo_on_page(paragraphs, &report.removed));
    let metadata_lines = metadata_lines(report, fields);
    let chosen = headline::headline(paragraphs, echo.as_deref(), &metadata_lines, &fold);
    let echoes = |i: usize, title: &str| {
        let (line, title) = (unspaced(&fold(&paragraphs[i].text)), unspaced(&fold(title)));
        line.contains(&title) || title.contains(&line)
    };
    let named = fields.title.as_deref().map(headline_as_printed);
    let (title, how) = if let Some(title) = page_title {
        match chosen.filter(|&i| echoes(i, &title)) {
            Some(i) => {
                let line = take_header(paragraphs, i, report);
                printed_or_page_title(line, title, &fold)
            }
            None => (title, "the page's own title"),
        }
    } else if let Some(title) = named {
        // The document's own name, as it gave it; the header above its printed headline goes.
        if let Some(i) = chosen.filter(|&i| echoes(i, &title)) {
            take_header(paragraphs, i, report);
        }
        (title, "the document's name in 《》 or a title line")
    } else if let Some(chosen) = chosen {
        // A headline cut at its space is taken whole, whichever half scored.
        let split_end = headline::split_headline_end(paragraphs, chosen)
            .or_else(|| headline::second_half_below(paragraphs, chosen, &fold));
        let i = split_end.unwrap_or(chosen);
        let broken = headline::is_broken_headline(paragraphs, i, &fold);
        let issuer = issuer_printed_apart(paragraphs, i, &report.removed, &fold);
        // A broken headline printed whole elsewhere is taken as printed there.
        let printed_whole = broken
            .then(|| headline::printed_whole(paragraphs, i, &fold))
            .flatten()
            .map(|j| paragraphs[j].text.clone());
        let first_half = match (broken, issuer || split_end.is_some()) {
            (true, _) => Some(paragraphs[i - 1].text.clone()),
            (false, true) => Some(format!("{} ", paragraphs[i - 1].text.trim())),
            _ => None,
        };
        let line = take_header(paragraphs, i, report);
        let whole = (printed_whole.or(first_half.map(|first| first + &line))).unwrap_or(line);
        (headline_as_printed(&whole), "the line above the text")
    } else if let Some(headline) = &fields.headline {
        (
            headline_as_printed(headline),
            "the headline run on into the date line",
        )
    } else if let Some(i) =
        headline::headline_over_metadata(paragraphs, &metadata_lines, &item_links(report), &fold)
    {
        // The lines below the text, this one too, go with the page's footer.
        let line = paragraphs[i].text.clone();
        (
            headline_as_printed(&line),
            "the line over the metadata below the text",
        )
    } else if let Some(title) = original_title(paragraphs, &report.removed) {
        (title, "the original title a repost names")
    } else {
        title_from_lead(paragraphs, fold, report)
    };
    // No title found is a problem the report gives, not an empty field.
    if !title.is_empty() {
        report.fields.push(("title", title.clone(), how.into()));
    }
    title
}

/// A title made from the lead's first sentence, for a page that prints none (the report says
/// so), or none at all (a problem).
fn title_from_lead(
    paragraphs: &[layout::Paragraph],
    fold: &dyn Fn(&str) -> String,
    report: &mut Report,
) -> (String, &'static str) {
    // A notice's preamble is its lead, though it ends with a colon (`现将…通知如下：`), not
    // the first item under it.
    let preamble = |text: &str| fold(text).trim_end().ends_with("如下：");
    let lead = paragraphs
        .iter()
        .find(|p| (headline::is_text(&p.text) || preamble(&p.text)) && !is_photo_caption(&p.text))
        // A photo's news is its caption alone.
        .or_else(|| paragraphs.iter().find(|p| headline::is_text(&p.text)))
        .map_or("", |p| p.text.as_str());
    let lead = without_tools(lead);
    let lead = extract::lead_credit(lead).map_or(lead, |(_, len)| &lead[len..]);
    match extract::headline_from_lead(lead, &fold(lead)) {
        Some(headline) => {
            report
                .unsure
                .push("the page has no title: one was made from the first sentence".into());
            (headline, "the first sentence")
        }
        None => {
            report
                .problems
                .push("no title found: add one as the first line".into());
            (String::new(), "")
        }
    }
}

/// The headline a repost names as its original's (`原标题：…`, often after the text and run
/// on with the site's disclaimer, `…无限声明：本媒体部分图片…`), where the page prints none.
fn original_title(paragraphs: &[layout::Paragraph], removed: &[Removed]) -> Option<String> {
    static ORIGINAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:原标题|原標題)\s*[：:]\s*(?P<title>.+?)(?:(?:声明|聲明)\s*[：:]|[）)】\]]?\s*$)",
        )
        .expect("valid pattern")
    });
    let lines = removed.iter().map(|r| r.text.as_str());
    let lines = lines.chain(paragraphs.iter().map(|p| p.text.as_str()));
    lines
        .filter_map(|line| ORIGINAL.captures(line))
        .map(|caps| caps["title"].trim().to_string())
        .find(|title| (4..=60).contains(&title.chars().count()))
}

/// Whether a notice's issuer stands on a line of its own above its headline `i`, `关于…的通知`,
/// printed apart from it. Not one of two issuers on lines of their own (the first may be gone
/// as the page's header): neither is the headline's then.
fn issuer_printed_apart(
    paragraphs: &[layout::Paragraph],
    i: usize,
    removed: &[Removed],
    fold: &dyn Fn(&str) -> String,
) -> bool {
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[〔\[［(（]\d{4}[〕\]］)）]\s*第?\d{1,4}\s*[号號]$").expect("valid pattern")
    });
    let names_office = |text: &str| office::is_office_name(&fold(text.trim()));
    // Or the issuer of a document's red header, over its number (`某府办发〔2022〕33号`).
    let joint = |above: &layout::Paragraph| {
        let near = |line: usize| line < above.line && line + 2 >= above.line;
        let over = |text: &str| names_office(text) || NUMBER.is_match(text.trim());
        removed.iter().any(|r| near(r.line) && over(&r.text))
            || (i > 1 && over(&paragraphs[i - 2].text))
    };
    i > 0
        && fold(&paragraphs[i].text).starts_with("关于")
        && names_office(&paragraphs[i - 1].text)
        && !joint(&paragraphs[i - 1])
}

/// The input lines a headline stands over: its page's metadata, or its date alone
/// (`- 2001-04-19`).
fn metadata_lines(report: &Report, fields: &layout::Fields) -> Vec<usize> {
    let metadata = report.removed.iter().filter(|r| r.kind == "metadata");
    metadata
        .map(|r| r.line)
        .chain(fields.dateline.map(|(_, line)| line))
        .collect()
}

/// The input lines of the links to the item before or after this one (`上一篇：…`).
fn item_links(report: &Report) -> Vec<usize> {
    let links = report.removed.iter().filter(|r| {
        r.kind == "page navigation" && layout::NEIGHBOUR_LINK.is_match(r.text.trim_start())
    });
    links.map(|r| r.line).collect()
}

/// Takes the headline at `i` and the page's header above it out of the text; the headline.
fn take_header(paragraphs: &mut Vec<layout::Paragraph>, i: usize, report: &mut Report) -> String {
    let taken: Vec<layout::Paragraph> = paragraphs.drain(..=i).collect();
    let headline = taken.last().expect("taken through i").text.clone();
    for (n, line) in taken.into_iter().enumerate() {
        report.removed.push(Removed {
            kind: if n == i { "title line" } else { "page header" },
            line: line.line,
            text: line.text,
        });
    }
    headline
}
