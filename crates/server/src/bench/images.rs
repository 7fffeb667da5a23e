//! Image figures (issue 5): pictures normalized per second, and how long an operator waits for
//! a picture by image number (parse, authorize, metadata read, blob read, unwrap and decrypt,
//! durable audit entry).

use std::time::{Duration, Instant};

use leads_app::{Input, Service};
use leads_domain::files::FileKind;
use leads_domain::reply::Outcome;
use leads_imaging::{Frame, Limits, normalize};
use leads_synth::Generator;

use super::measure::{micros, percentile, time_today};

/// Distinct source pictures cycled through by both measurements.
const SOURCES: u64 = 16;

/// Normalizes `repetitions` pictures from PNG and from JPEG sources and prints the rates.
pub(super) fn bench_normalize(repetitions: usize) -> anyhow::Result<()> {
    let limits = Limits::default();
    let png: Vec<Vec<u8>> = (0..SOURCES)
        .map(leads_imaging::synthetic_portrait)
        .collect::<Result<_, _>>()
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let jpeg: Vec<Vec<u8>> = png
        .iter()
        .map(|bytes| normalize(bytes, Frame::Mugshot, None, &limits).map(|n| n.jpeg))
        .collect::<Result<_, _>>()
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    for (name, sources) in [("600x750 PNG", &png), ("480x600 JPEG", &jpeg)] {
        let started = Instant::now();
        let mut stored_bytes = 0usize;
        for i in 0..repetitions {
            let source = sources
                .get(i % sources.len())
                .map_or(&[][..], Vec::as_slice);
            let normalized = normalize(std::hint::black_box(source), Frame::Mugshot, None, &limits)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            stored_bytes += normalized.jpeg.len();
        }
        let elapsed = started.elapsed();
        crate::say!(
            "normalize a {name} mugshot (decode, orient, crop 4:5, scale to 480x600, JPEG + thumbnail, \
             perceptual hash): {:.1} ms each, {:.1} images/s on one core (stored JPEG {:.0} KiB average)",
            elapsed.as_secs_f64() * 1e3 / repetitions as f64,
            repetitions as f64 / elapsed.as_secs_f64(),
            stored_bytes as f64 / repetitions as f64 / 1024.0
        );
    }
    Ok(())
}

/// Enters `images` records with a mugshot each through the pipeline (timed: the whole EIM
/// transaction), then queries them by image number `queries` times.
pub(super) async fn bench_query_image(
    service: &Service,
    token: &str,
    images: usize,
    queries: usize,
) -> anyhow::Result<()> {
    let images = images.max(1);
    let mut generator = Generator::new(77, time_today());
    let mut numbers = Vec::with_capacity(images);
    let mut enter_times = Vec::with_capacity(images);
    for i in 0..images {
        let entry = generator.entry(FileKind::Wanted, "IL0160000");
        let reply = service.submit(token, Input::Text(entry), None).await?;
        let Some(record) = reply.records.first() else {
            anyhow::bail!("bench record refused: {}", reply.message);
        };
        let portrait = leads_imaging::synthetic_portrait(i as u64 % SOURCES)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let text = format!(
            "EIM.IL0160000.LRN/{}.IMT/M.DOI/{}.IMG/{}",
            record.lrn(),
            leads_domain::fields::FieldDate::from_date(time_today()),
            leads_message::encode_attachment(&portrait)
        );
        let started = Instant::now();
        let reply = service.submit(token, Input::Text(text), None).await?;
        enter_times.push(started.elapsed());
        let Some(image) = reply.images.first() else {
            anyhow::bail!("bench image refused: {}", reply.message);
        };
        numbers.push(image.imn.to_string());
    }
    enter_times.sort();
    crate::say!(
        "EIM with a 600x750 PNG through the pipeline (parse, authorize, normalize, seal, store, audit), \
         {images} images: p50 {:.1} ms, p99 {:.1} ms",
        micros(percentile(&enter_times, 0.50)) / 1e3,
        micros(percentile(&enter_times, 0.99)) / 1e3,
    );

    let mut latencies: Vec<Duration> = Vec::with_capacity(queries);
    let mut bytes = 0usize;
    let started = Instant::now();
    for i in 0..queries {
        let imn = numbers.get(i % numbers.len()).map_or("", String::as_str);
        let text = format!("QIM.IL0160000.IMN/{imn}.PUR/C.CAS/BENCH-1");
        let t = Instant::now();
        let reply = service.submit(token, Input::Text(text), None).await?;
        latencies.push(t.elapsed());
        anyhow::ensure!(
            reply.outcome == Outcome::Accepted,
            "query image refused: {}",
            reply.message
        );
        bytes += reply
            .images
            .first()
            .and_then(|image| image.jpeg.as_ref())
            .map_or(0, Vec::len);
    }
    let total = started.elapsed();
    latencies.sort();
    crate::say!(
        "QIM by image number, in-process (parse, authorize, read, decrypt, durable audit), {queries} queries \
         over {images} images: {:.0} queries/s, p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms ({:.0} KiB per picture)",
        queries as f64 / total.as_secs_f64(),
        micros(percentile(&latencies, 0.50)) / 1e3,
        micros(percentile(&latencies, 0.95)) / 1e3,
        micros(percentile(&latencies, 0.99)) / 1e3,
        bytes as f64 / queries.max(1) as f64 / 1024.0
    );
    Ok(())
}
