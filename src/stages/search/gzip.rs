//! Gzip for the index's files, which are many and small (a document is a few kilobytes): each
//! thread keeps its compressors and resets them, since setting one up costs as much as
//! compressing a document. The bytes are those of `flate2::write::GzEncoder`.

use std::cell::RefCell;
use std::io::Read;

use flate2::{Compress, Compression, Crc, FlushCompress, Status};

thread_local! {
    /// A raw deflate compressor per level used, with its level.
    static COMPRESSORS: RefCell<Vec<(u32, Compress)>> = const { RefCell::new(Vec::new()) };
}

/// `bytes` gzipped at `level` (0–9), with no name and no time, as `GzEncoder` writes them.
pub fn gzipped(bytes: &[u8], level: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 2 + 64);
    out.extend_from_slice(&header(level));
    COMPRESSORS.with_borrow_mut(|compressors| {
        let at = match compressors.iter().position(|(known, _)| *known == level) {
            Some(at) => at,
            None => {
                compressors.push((level, Compress::new(Compression::new(level), false)));
                compressors.len() - 1
            }
        };
        let compress = &mut compressors[at].1;
        compress.reset();
        deflate(compress, bytes, &mut out);
    });
    let mut crc = Crc::new();
    crc.update(bytes);
    out.extend_from_slice(&crc.sum().to_le_bytes());
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    out
}

/// Runs `compress` over all of `input`, then to the stream's end, appending to `out`: the
/// calls `GzEncoder` makes, so that the blocks are the same.
fn deflate(compress: &mut Compress, input: &[u8], out: &mut Vec<u8>) {
    let deflated = |compress: &mut Compress, input: &[u8], out: &mut Vec<u8>, flush| {
        out.reserve(input.len() / 4 + 64);
        compress
            .compress_vec(input, out, flush)
            .expect("deflate into memory cannot fail")
    };
    while (compress.total_in() as usize) < input.len() {
        let read = compress.total_in() as usize;
        deflated(compress, &input[read..], out, FlushCompress::None);
    }
    while deflated(compress, &[], out, FlushCompress::Finish) != Status::StreamEnd {}
}

/// The ten bytes of a gzip header: deflate, no flags, no time, the level's hint, no system.
fn header(level: u32) -> [u8; 10] {
    let hint = match level {
        9.. => 2,
        0..=1 => 4,
        _ => 0,
    };
    [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, hint, 255]
}

/// Gzipped bytes unpacked; `None` if they are not gzip.
pub fn gunzipped(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn the_bytes_are_gzencoders_however_often_a_compressor_is_reused() {
        let texts = [
            "各部门认真落实安全生产责任。".repeat(200),
            String::new(),
            "{\"title\":\"通知\"}".to_string(),
            "干部".repeat(20_000),
        ];
        for level in [1, 6, 9] {
            for text in texts.iter().chain(&texts) {
                let mut encoder =
                    flate2::write::GzEncoder::new(Vec::new(), Compression::new(level));
                encoder.write_all(text.as_bytes()).unwrap();
                let expected = encoder.finish().unwrap();
                let made = gzipped(text.as_bytes(), level);
                assert!(made == expected, "level {level}, {} bytes", text.len());
                assert_eq!(gunzipped(&made).unwrap(), text.as_bytes());
            }
        }
    }
}
