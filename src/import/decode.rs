//! Bytes in whatever encoding an old site used, to text: UTF-8 with or without a BOM,
//! GB18030/GBK and Big5, guessed when there is no BOM.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, GB18030, GBK};

/// Text decoded from a file, with the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// With LF line ends only.
    pub text: String,
    pub encoding: &'static str,
    /// Whether some bytes were not valid in that encoding (and became U+FFFD).
    pub malformed: bool,
}

/// Decodes a file: a BOM decides, else valid UTF-8 is UTF-8, else chardetng guesses between
/// the legacy encodings (GBK is read as GB18030, its superset).
pub fn decode(bytes: &[u8]) -> Decoded {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => (encoding, &bytes[bom_len..]),
        None if std::str::from_utf8(bytes).is_ok() => (encoding_rs::UTF_8, bytes),
        None => {
            let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let guess = detector.guess(None, Utf8Detection::Deny);
            (if guess == GBK { GB18030 } else { guess }, bytes)
        }
    };
    let (text, malformed) = encoding.decode_without_bom_handling(body);
    Decoded {
        text: text.replace("\r\n", "\n").replace('\r', "\n"),
        encoding: encoding.name(),
        malformed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "濠江區建設局供稿，二〇〇九年八月十二日。\n";

    #[test]
    fn legacy_encodings_are_recognised() {
        let (gbk, _, _) =
            GBK.encode("濠江区建设系统迅速掀起加速崛起真抓实干工作热潮，全体干部职工反应强烈。");
        let decoded = decode(&gbk);
        assert_eq!(decoded.encoding, "gb18030");
        assert!(decoded.text.starts_with("濠江区建设系统"));

        let (big5, _, _) = encoding_rs::BIG5
            .encode("濠江區建設系統迅速掀起加速崛起真抓實幹工作熱潮，全體幹部職工反應強烈。");
        let decoded = decode(&big5);
        assert_eq!(decoded.encoding, "Big5");
        assert!(decoded.text.starts_with("濠江區建設系統"));
    }

    #[test]
    fn boms_and_line_ends() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(TEXT.replace('\n', "\r\n").as_bytes());
        assert_eq!(decode(&bytes).text, TEXT);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(TEXT.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16).encoding, "UTF-16LE");
        assert_eq!(decode(&utf16).text, TEXT);
    }
}
