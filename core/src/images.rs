//! Uploaded images are decoded and encoded again before they are stored: what does not decode as
//! the image it claims to be is refused, a picture too large to decode safely (a decompression
//! bomb) is refused before its pixels are allocated, and nothing but pixels survives: no camera
//! position, no comments, no trailing bytes.

use crate::error::CoreError;
use crate::storage::ImageType;
use bytes::Bytes;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;
use std::sync::atomic::{AtomicU64, Ordering};

/// The widest or tallest picture accepted: a poster printed at 300 dpi on A2 paper fits.
pub const MAX_SIDE_PIXELS: u32 = 8_192;

/// Memory the decoder may take for one picture (an 8192 × 8192 RGBA image is 256 MiB).
const MAX_DECODE_BYTES: u64 = 300 * 1024 * 1024;

/// What the largest accepted picture counts against the [`DecodeBudget`]: its pixels, and the
/// copy that re-encoding makes of them.
pub const MAX_DECODE_COST: u64 = 2 * MAX_DECODE_BYTES;

/// The quality of re-encoded JPEGs: no visible loss for photographs and posters.
const JPEG_QUALITY: u8 = 90;

/// Decodes `bytes` as an image of type `image` and encodes its pixels again, upright (a JPEG's
/// orientation tag is applied, since the tag itself is dropped). CPU-bound: call it off the
/// async threads.
///
/// The memory it takes is reserved from `budget` first, from the picture's header alone: when
/// other uploads hold too much of it, the answer is [`CoreError::Busy`] at once, before any
/// pixel is allocated.
pub fn clean(budget: &DecodeBudget, image: ImageType, bytes: &[u8]) -> Result<Bytes, CoreError> {
    let decoder = decoder(image, bytes)?;
    // The decoded pixels, and at most one converted copy of them while encoding.
    let cost = decoder.total_bytes().saturating_mul(2);
    if cost > budget.total {
        return Err(CoreError::invalid(
            "image",
            "image_too_large",
            "needs more memory to decode than this server allows",
        ));
    }
    let _reserved = budget.reserve(cost).ok_or(CoreError::Busy { retry_after_secs: 2 })?;
    re_encode(image, decoder)
}

fn decoder(image: ImageType, bytes: &[u8]) -> Result<impl ImageDecoder + '_, CoreError> {
    let format = match image {
        ImageType::Png => ImageFormat::Png,
        ImageType::Jpeg => ImageFormat::Jpeg,
        ImageType::Webp => ImageFormat::WebP,
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE_PIXELS);
    limits.max_image_height = Some(MAX_SIDE_PIXELS);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    reader.into_decoder().map_err(refusal)
}

fn re_encode(image: ImageType, mut decoder: impl ImageDecoder) -> Result<Bytes, CoreError> {
    let orientation = decoder.orientation().map_err(refusal)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    picture.apply_orientation(orientation);

    let mut out = Cursor::new(Vec::new());
    let encoded = match image {
        ImageType::Png => picture.write_to(&mut out, ImageFormat::Png),
        ImageType::Jpeg => {
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
            DynamicImage::ImageRgb8(picture.to_rgb8()).write_with_encoder(encoder)
        }
        ImageType::Webp => {
            let encoder = image::codecs::webp::WebPEncoder::new_lossless(&mut out);
            DynamicImage::ImageRgba8(picture.to_rgba8()).write_with_encoder(encoder)
        }
    };
    encoded.map_err(|e| CoreError::Internal(anyhow::anyhow!("re-encoding an uploaded {image:?}: {e}")))?;
    Ok(Bytes::from(out.into_inner()))
}

/// The memory that image decodes in flight may take together (`PAVILION_IMAGE_DECODE_BYTES`):
/// one 8192 × 8192 PNG takes about 260 MiB to decode, so without a bound a handful of uploads
/// at once take gigabytes.
#[derive(Debug)]
pub struct DecodeBudget {
    total: u64,
    in_use: AtomicU64,
}

/// A share of the [`DecodeBudget`], given back when dropped.
pub struct Reservation<'a> {
    budget: &'a DecodeBudget,
    bytes: u64,
}

impl DecodeBudget {
    pub fn new(total: u64) -> Self {
        Self { total, in_use: AtomicU64::new(0) }
    }

    /// `bytes` of the budget, if that much is free now (never waits).
    pub fn reserve(&self, bytes: u64) -> Option<Reservation<'_>> {
        self.in_use
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |in_use| {
                in_use.checked_add(bytes).filter(|after| *after <= self.total)
            })
            .ok()
            .map(|_| Reservation { budget: self, bytes })
    }

    /// Bytes reserved now.
    pub fn in_use(&self) -> u64 {
        self.in_use.load(Ordering::Acquire)
    }
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        self.budget.in_use.fetch_sub(self.bytes, Ordering::AcqRel);
    }
}

fn refusal(error: image::ImageError) -> CoreError {
    match error {
        image::ImageError::Limits(_) => CoreError::invalid(
            "image",
            "image_too_large",
            format!("must be at most {MAX_SIDE_PIXELS} × {MAX_SIDE_PIXELS} pixels"),
        ),
        _ => CoreError::invalid("image", "invalid_image", "is not a readable PNG, JPEG or WebP image"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(format: ImageFormat, width: u32, height: u32) -> Vec<u8> {
        let picture = DynamicImage::ImageRgb8(image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x * 7) as u8, (y * 5) as u8, 128])
        }));
        let mut out = Cursor::new(Vec::new());
        picture.write_to(&mut out, format).unwrap();
        out.into_inner()
    }

    #[test]
    fn real_images_come_back_as_images_of_the_same_size() {
        for (image, format) in [
            (ImageType::Png, ImageFormat::Png),
            (ImageType::Jpeg, ImageFormat::Jpeg),
            (ImageType::Webp, ImageFormat::WebP),
        ] {
            let cleaned = clean(&roomy(), image, &encoded(format, 40, 30)).unwrap();
            assert_eq!(ImageType::sniff(&cleaned), Some(image));
            let back = image::load_from_memory_with_format(&cleaned, format).unwrap();
            assert_eq!((back.width(), back.height()), (40, 30));
        }
    }

    #[test]
    fn metadata_does_not_survive() {
        let jpeg = encoded(ImageFormat::Jpeg, 16, 16);
        // An Exif segment (an empty TIFF directory, then a "GPS" note) right after the start marker.
        let mut exif = b"Exif\0\0II*\0\x08\0\0\0\0\0\0\0\0\0".to_vec();
        exif.extend_from_slice(b"GPS 30.2741N 120.1551E");
        let length = u16::try_from(exif.len() + 2).unwrap().to_be_bytes();
        let mut tagged = vec![0xFF, 0xD8, 0xFF, 0xE1, length[0], length[1]];
        tagged.extend_from_slice(&exif);
        tagged.extend_from_slice(&jpeg[2..]);
        let cleaned = clean(&roomy(), ImageType::Jpeg, &tagged).unwrap();
        assert!(!cleaned.windows(3).any(|w| w == b"GPS"), "the Exif note is gone");
        assert!(!cleaned.windows(4).any(|w| w == b"Exif"));
    }

    #[test]
    fn a_signature_and_zeros_is_no_image() {
        let mut fake = b"\x89PNG\r\n\x1a\n".to_vec();
        fake.resize(4096, 0);
        assert!(
            matches!(clean(&roomy(), ImageType::Png, &fake), Err(CoreError::Validation(f)) if f[0].code == "invalid_image")
        );
    }

    #[test]
    fn pictures_beyond_the_size_limit_are_refused_before_decoding() {
        // A tiny file that claims 20000 × 20000 pixels: a decompression bomb's shape.
        let bomb = encoded(ImageFormat::Png, 20_000, 1);
        assert!(
            matches!(clean(&roomy(), ImageType::Png, &bomb), Err(CoreError::Validation(f)) if f[0].code == "image_too_large")
        );
    }

    fn roomy() -> DecodeBudget {
        DecodeBudget::new(MAX_DECODE_COST)
    }

    #[test]
    fn a_decode_past_the_budget_is_refused_at_once_and_the_budget_comes_back() {
        // 1000 × 1000 RGB: 3 MB of pixels, 6 MB with the copy made while encoding.
        let picture = encoded(ImageFormat::Png, 1000, 1000);
        let budget = DecodeBudget::new(10_000_000);
        let held = budget.reserve(5_000_000).unwrap();
        assert!(matches!(clean(&budget, ImageType::Png, &picture), Err(CoreError::Busy { .. })));
        drop(held);
        assert_eq!(budget.in_use(), 0);
        clean(&budget, ImageType::Png, &picture).unwrap();
        assert_eq!(budget.in_use(), 0, "a finished decode gives its share back");
    }
}
