//! One photo decoded (within a memory limit, EXIF orientation applied), resized to the site's
//! widths and encoded again as WebP and in its own format. Encoding anew is what drops the
//! camera's metadata: no EXIF, GPS or XMP block survives it.

use std::io::Cursor;

use bytes::Bytes;
use fast_image_resize::images::Image;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageFormat};

/// The widths a photo is published in; never wider than the original.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];
/// Everything that decides the published bytes, for the cache's keys: change it when the
/// widths, the qualities or the encoders change.
pub const RECIPE: &str =
    "photos 2: widths 480 960 1600, jpeg-encoder q82, webp q80 method 2, png default, lanczos3";
const JPEG_QUALITY: u8 = 82;
const WEBP_QUALITY: f32 = 80.0;
/// libwebp's effort, 0 to 6: at 2 a photo encodes 2.4 times as fast as at the default 4, for
/// 6 % more bytes (measured on a 1600-pixel photo).
const WEBP_METHOD: i32 = 2;
/// Photos beyond this many pixels are refused rather than decoded.
pub const MAX_MEGAPIXELS: u64 = 100;
/// The most memory the decoder may take for one photo (a 100-megapixel RGB photo is 300 MB).
const MAX_DECODE_BYTES: u64 = 640 * 1024 * 1024;

/// A published format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
    Gif,
}

impl Format {
    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
            Format::Gif => "image/gif",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
            Format::Gif => "gif",
        }
    }

    pub fn from_extension(extension: &str) -> Option<Format> {
        [Format::Jpeg, Format::Png, Format::Webp, Format::Gif]
            .into_iter()
            .find(|f| f.extension() == extension)
    }
}

/// One published width in one format.
#[derive(Debug, Clone)]
pub struct Rendition {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    pub bytes: Bytes,
}

/// A photo as processed: its displayed size and its renditions, WebP first, each format
/// narrowest first.
#[derive(Debug, Clone)]
pub struct Processed {
    pub width: u32,
    pub height: u32,
    pub renditions: Vec<Rendition>,
}

/// The widths a photo `width` pixels wide is published in.
pub fn widths_for(width: u32) -> Vec<u32> {
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < width).collect();
    if widths.len() < WIDTHS.len() {
        widths.push(width);
    }
    widths
}

/// Decodes, orients, resizes and encodes a photo; the error says what is wrong with the file.
pub fn process_photo(bytes: &[u8]) -> Result<Processed, String> {
    let reader = || {
        let mut reader = image::ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| e.to_string())?;
        let mut limits = image::Limits::default();
        limits.max_alloc = Some(MAX_DECODE_BYTES);
        reader.limits(limits);
        Ok::<_, String>(reader)
    };
    let format = match reader()?.format() {
        Some(ImageFormat::Jpeg) => Format::Jpeg,
        Some(ImageFormat::Png) => Format::Png,
        Some(ImageFormat::WebP) => Format::Webp,
        Some(ImageFormat::Gif) => return pass_through_gif(bytes),
        _ => return Err(not_an_image(bytes)),
    };
    if format == Format::Jpeg && !ends_like_a_jpeg(bytes) {
        return Err("the JPEG stops before its end: the file is cut short".into());
    }
    let (width, height) = reader()?
        .into_dimensions()
        .map_err(|e| format!("cannot read its size: {e}"))?;
    let megapixels = u64::from(width) * u64::from(height) / 1_000_000;
    if megapixels > MAX_MEGAPIXELS {
        return Err(format!(
            "the photo is {width}×{height} pixels ({megapixels} megapixels), over the limit of {MAX_MEGAPIXELS}"
        ));
    }
    let mut decoder = reader()?
        .into_decoder()
        .map_err(|e| format!("cannot decode it: {e}"))?;
    let orientation = decoder
        .orientation()
        .map_err(|e| format!("cannot read its orientation: {e}"))?;
    let mut photo =
        DynamicImage::from_decoder(decoder).map_err(|e| format!("cannot decode it: {e}"))?;
    photo.apply_orientation(orientation);
    let photo = match photo.color().has_alpha() {
        true if format != Format::Jpeg => DynamicImage::ImageRgba8(photo.into_rgba8()),
        _ => DynamicImage::ImageRgb8(photo.into_rgb8()),
    };
    renditions_of(&photo, format)
}

/// Every width of `photo` in WebP and in `format` (a WebP original only in WebP).
fn renditions_of(photo: &DynamicImage, format: Format) -> Result<Processed, String> {
    let (width, height) = (photo.width(), photo.height());
    let mut webp = Vec::new();
    let mut own = Vec::new();
    let mut resizer = Resizer::new();
    for target in widths_for(width) {
        let target_height = ((u64::from(height) * u64::from(target) + u64::from(width) / 2)
            / u64::from(width))
        .max(1) as u32;
        let resized = if target == width {
            None
        } else {
            Some(resize(&mut resizer, photo, target, target_height)?)
        };
        let pixels = resized.as_ref().unwrap_or(photo);
        webp.push(Rendition {
            width: target,
            height: target_height,
            format: Format::Webp,
            bytes: encode_webp(pixels)?.into(),
        });
        if format != Format::Webp {
            own.push(Rendition {
                width: target,
                height: target_height,
                format,
                bytes: encode(pixels, format)?.into(),
            });
        }
    }
    webp.append(&mut own);
    Ok(Processed {
        width,
        height,
        renditions: webp,
    })
}

fn resize(
    resizer: &mut Resizer,
    photo: &DynamicImage,
    width: u32,
    height: u32,
) -> Result<DynamicImage, String> {
    let alpha = photo.color().has_alpha();
    let pixel = if alpha {
        PixelType::U8x4
    } else {
        PixelType::U8x3
    };
    let mut resized = Image::new(width, height, pixel);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    resizer
        .resize(photo, &mut resized, &options)
        .map_err(|e| format!("cannot resize it: {e}"))?;
    let buffer = resized.into_vec();
    let resized = match alpha {
        true => image::RgbaImage::from_raw(width, height, buffer).map(DynamicImage::ImageRgba8),
        false => image::RgbImage::from_raw(width, height, buffer).map(DynamicImage::ImageRgb8),
    };
    resized.ok_or_else(|| "cannot resize it".to_string())
}

fn encode(photo: &DynamicImage, format: Format) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let (width, height) = (photo.width(), photo.height());
    let color = match photo {
        DynamicImage::ImageRgba8(_) => ExtendedColorType::Rgba8,
        _ => ExtendedColorType::Rgb8,
    };
    let result = match format {
        Format::Jpeg => image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
            .write_image(photo.as_bytes(), width, height, color),
        _ => image::codecs::png::PngEncoder::new(&mut out).write_image(
            photo.as_bytes(),
            width,
            height,
            color,
        ),
    };
    result.map_err(|e| format!("cannot encode it: {e}"))?;
    Ok(out)
}

fn encode_webp(photo: &DynamicImage) -> Result<Vec<u8>, String> {
    let (width, height) = (photo.width(), photo.height());
    let encoder = match photo {
        DynamicImage::ImageRgba8(pixels) => webp::Encoder::from_rgba(pixels, width, height),
        _ => webp::Encoder::from_rgb(photo.as_bytes(), width, height),
    };
    let mut config =
        webp::WebPConfig::new().map_err(|()| "cannot set up the WebP encoder".to_string())?;
    config.quality = WEBP_QUALITY;
    config.method = WEBP_METHOD;
    let encoded = encoder
        .encode_advanced(&config)
        .map_err(|e| format!("cannot encode it as WebP: {e:?}"))?;
    Ok(encoded.to_vec())
}

/// A GIF is published as it is (its frames would not survive resizing); only its size is read.
fn pass_through_gif(bytes: &[u8]) -> Result<Processed, String> {
    let decoder = image::codecs::gif::GifDecoder::new(Cursor::new(bytes))
        .map_err(|e| format!("cannot decode the GIF: {e}"))?;
    let (width, height) = decoder.dimensions();
    Ok(Processed {
        width,
        height,
        renditions: vec![Rendition {
            width,
            height,
            format: Format::Gif,
            bytes: Bytes::copy_from_slice(bytes),
        }],
    })
}

/// A JPEG ends with its end-of-image marker, perhaps followed by padding; a file cut short
/// (an interrupted copy) does not, and decoders fill the missing part with grey.
fn ends_like_a_jpeg(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(4096)..];
    tail.windows(2).any(|pair| pair == [0xFF, 0xD9])
}

/// Why bytes that should be a photo are not one, with what they start with.
fn not_an_image(bytes: &[u8]) -> String {
    let start: String = String::from_utf8_lossy(&bytes[..bytes.len().min(24)])
        .chars()
        .map(|c| if c.is_control() { '·' } else { c })
        .collect();
    format!("the file is not a JPEG, PNG, WebP or GIF image (it starts with “{start}”)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_exceed_the_original() {
        assert_eq!(widths_for(4000), [480, 960, 1600]);
        assert_eq!(widths_for(1200), [480, 960, 1200]);
        assert_eq!(widths_for(960), [480, 960]);
        assert_eq!(widths_for(300), [300]);
    }

    #[test]
    fn a_photo_becomes_webp_and_jpeg_in_each_width() {
        let photo = image::RgbImage::from_fn(1200, 800, |x, y| image::Rgb([x as u8, y as u8, 90]));
        let mut jpeg = Vec::new();
        DynamicImage::ImageRgb8(photo)
            .write_to(&mut Cursor::new(&mut jpeg), ImageFormat::Jpeg)
            .unwrap();
        let processed = process_photo(&jpeg).unwrap();
        let made: Vec<(u32, u32, Format)> = processed
            .renditions
            .iter()
            .map(|r| (r.width, r.height, r.format))
            .collect();
        assert_eq!(
            made,
            [
                (480, 320, Format::Webp),
                (960, 640, Format::Webp),
                (1200, 800, Format::Webp),
                (480, 320, Format::Jpeg),
                (960, 640, Format::Jpeg),
                (1200, 800, Format::Jpeg)
            ]
        );
        for rendition in &processed.renditions {
            let decoded = image::load_from_memory(&rendition.bytes).unwrap();
            assert_eq!(
                (decoded.width(), decoded.height()),
                (rendition.width, rendition.height)
            );
        }
        assert!(
            process_photo(&jpeg[..jpeg.len() / 2])
                .unwrap_err()
                .contains("cut short")
        );
        assert!(
            process_photo(b"hello, not a photo")
                .unwrap_err()
                .contains("starts with")
        );
    }

    /// A PNG of a few bytes that says it is 60,000 × 60,000 pixels (3.6 gigapixels): refused
    /// from its header, before any memory is taken for it.
    #[test]
    fn a_decompression_bomb_is_refused_by_its_size() {
        let mut png = Vec::new();
        DynamicImage::ImageRgb8(image::RgbImage::new(8, 8))
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        // IHDR's data starts after the signature (8), the length (4) and the type (4).
        png[16..20].copy_from_slice(&60_000u32.to_be_bytes());
        png[20..24].copy_from_slice(&60_000u32.to_be_bytes());
        let crc = crc32(&png[12..29]);
        png[29..33].copy_from_slice(&crc.to_be_bytes());
        let error = process_photo(&png).unwrap_err();
        assert!(
            error.contains("60000×60000 pixels (3600 megapixels), over the limit"),
            "{error}"
        );
    }

    /// PNG's CRC-32 (ISO 3309), bit by bit.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
}
