//! Real images made by the tests: JPEGs with the EXIF a phone writes (orientation, GPS
//! position), PNGs with transparency, and the bundle fixture's files.

use std::io::Cursor;
use std::path::Path;

use image::{DynamicImage, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};

/// Where the phone says it was: 23°22'12.34" N, 116°42'0" E.
pub const LATITUDE: [(u32, u32); 3] = [(23, 1), (22, 1), (1234, 100)];
pub const LONGITUDE: [(u32, u32); 3] = [(116, 1), (42, 1), (0, 1)];

/// A photo-like JPEG: gradients and a bright disc, so that resizing has detail to keep.
pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let pixels = RgbImage::from_fn(width, height, |x, y| {
        let (cx, cy) = (width as i64 / 2, height as i64 / 3);
        let (dx, dy) = (x as i64 - cx, y as i64 - cy);
        let disc = dx * dx + dy * dy < (height as i64 / 6).pow(2);
        match disc {
            true => Rgb([250, 210, 60]),
            false => Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 140]),
        }
    });
    encode(DynamicImage::ImageRgb8(pixels), ImageFormat::Jpeg)
}

/// A PNG with a transparent border.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let pixels = RgbaImage::from_fn(width, height, |x, y| {
        let edge = x < 10 || y < 10 || x + 10 >= width || y + 10 >= height;
        Rgba([
            200,
            (x % 256) as u8,
            (y % 256) as u8,
            if edge { 0 } else { 255 },
        ])
    });
    encode(DynamicImage::ImageRgba8(pixels), ImageFormat::Png)
}

fn encode(image: DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut bytes = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut bytes), format)
        .unwrap();
    bytes
}

/// The JPEG with an EXIF block as a phone writes it: the orientation (6: turn 90° clockwise
/// to show) and the GPS position, after the JFIF header.
pub fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let tiff = exif_tiff(orientation);
    let mut segment = vec![0xFF, 0xE1];
    segment.extend(((2 + 6 + tiff.len()) as u16).to_be_bytes());
    segment.extend(b"Exif\0\0");
    segment.extend(tiff);
    // After SOI and, if there, the APP0 (JFIF) segment.
    let mut at = 2;
    if jpeg[2..4] == [0xFF, 0xE0] {
        at += 2 + u16::from_be_bytes([jpeg[4], jpeg[5]]) as usize;
    }
    let mut out = jpeg[..at].to_vec();
    out.extend(segment);
    out.extend(&jpeg[at..]);
    out
}

/// A little-endian TIFF structure: IFD0 with Orientation and a GPS pointer, the GPS IFD with
/// latitude and longitude.
fn exif_tiff(orientation: u16) -> Vec<u8> {
    let entry = |tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        let mut e = tag.to_le_bytes().to_vec();
        e.extend(kind.to_le_bytes());
        e.extend(count.to_le_bytes());
        e.extend(value);
        e
    };
    const SHORT: u16 = 3;
    const LONG: u16 = 4;
    const ASCII: u16 = 2;
    const RATIONAL: u16 = 5;
    // IFD0 at 8: 2 entries, 30 bytes; the GPS IFD at 38: 4 entries, 54 bytes; then the
    // rationals at 92 and 116.
    let mut tiff = b"II*\0".to_vec();
    tiff.extend(8u32.to_le_bytes());
    tiff.extend(2u16.to_le_bytes());
    let o = orientation.to_le_bytes();
    tiff.extend(entry(0x0112, SHORT, 1, [o[0], o[1], 0, 0]));
    tiff.extend(entry(0x8825, LONG, 1, 38u32.to_le_bytes()));
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(4u16.to_le_bytes());
    tiff.extend(entry(0x0001, ASCII, 2, *b"N\0\0\0"));
    tiff.extend(entry(0x0002, RATIONAL, 3, 92u32.to_le_bytes()));
    tiff.extend(entry(0x0003, ASCII, 2, *b"E\0\0\0"));
    tiff.extend(entry(0x0004, RATIONAL, 3, 116u32.to_le_bytes()));
    tiff.extend(0u32.to_le_bytes());
    for (numerator, denominator) in LATITUDE.iter().chain(&LONGITUDE) {
        tiff.extend(numerator.to_le_bytes());
        tiff.extend(denominator.to_le_bytes());
    }
    assert_eq!(tiff.len(), 140);
    tiff
}

/// The GPS fields of an image's EXIF, if it has any: empty when it has none.
pub fn gps_fields(bytes: &[u8]) -> Vec<String> {
    match exif::Reader::new().read_from_container(&mut Cursor::new(bytes)) {
        Ok(found) => found
            .fields()
            .filter(|f| f.ifd_num == exif::In::PRIMARY && f.tag.context() == exif::Context::Gps)
            .map(|f| format!("{} = {}", f.tag, f.display_value()))
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// A small PDF of about `size` bytes (a comment pads it).
pub fn pdf(size: usize) -> Vec<u8> {
    let body = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    let mut pdf = body.to_vec();
    pdf.resize(size.max(body.len()), b'%');
    pdf
}

/// Puts the bundle fixture's photos and attachments in place: a phone photo with GPS beside
/// each of two items (one to be turned by its orientation), a PNG chart, a PDF and a sheet.
pub fn fill_bundle_fixture(root: &Path) {
    let write = |path: &str, bytes: &[u8]| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    };
    write(
        "content/2024/huiyi/现场.jpg",
        &with_exif(&jpeg(1800, 1200), 1),
    );
    write("content/2024/huiyi/图表.png", &png(700, 400));
    write("content/2024/huiyi/会议纪要.pdf", &pdf(240_000));
    write("content/2024/huiyi/附件/报名表.xlsx", &[b'x'; 9_000]);
    write(
        "content/2024/kaigong/现场.jpg",
        &with_exif(&jpeg(400, 300), 6),
    );
}
