//! ASCII slugs for Chinese titles, so that every URL is readable and safe on any host.

use pinyin::ToPinyin;

/// How many words a generated slug keeps: enough to recognise the item, short enough to type.
const MAX_WORDS: usize = 8;

/// A slug from a title: Han characters become toneless pinyin, Latin letters and digits are
/// kept, everything else separates words. `濠江区建设系统 2022` gives `hao-jiang-qu-jian-she-xi-tong-2022`.
pub fn from_title(title: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut latin = String::new();
    for (c, pinyin) in title.chars().zip(title.to_pinyin()) {
        if c.is_ascii_alphanumeric() {
            latin.push(c.to_ascii_lowercase());
            continue;
        }
        if !latin.is_empty() {
            words.push(std::mem::take(&mut latin));
        }
        if let Some(pinyin) = pinyin {
            words.push(pinyin.plain().to_string());
        }
    }
    if !latin.is_empty() {
        words.push(latin);
    }
    words.truncate(MAX_WORDS);
    if words.is_empty() {
        "item".into()
    } else {
        words.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_titles_become_pinyin() {
        assert_eq!(from_title("濠江区建设局"), "hao-jiang-qu-jian-she-ju");
        assert_eq!(from_title("濠江區建設局"), "hao-jiang-qu-jian-she-ju");
        assert_eq!(from_title("“618工程”启动"), "618-gong-cheng-qi-dong");
        assert_eq!(from_title("COVID-19 防控"), "covid-19-fang-kong");
        assert_eq!(from_title("！！"), "item");
        assert_eq!(
            from_title("一二三四五六七八九十").split('-').count(),
            MAX_WORDS
        );
    }
}
