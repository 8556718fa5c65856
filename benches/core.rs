//! Criterion benchmarks of the core: parse + resolve + annotate for articles
//! of 10 KB, 100 KB and 1 MB with 10, 100 and 1,000 glossary terms, each
//! next to pulldown-cmark's bare parse of the same body, and of the whole
//! file, in the same run (the baselines `docs/PERFORMANCE.md` reports ratios
//! against).
//!
//! Run with `cargo bench --bench core`.

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

/// Benchmarks are native only; the wasm target (linted by clippy) gets an
/// empty program.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
    use gloss::core::markdown::markdown_options;
    use gloss::core::parse_explainer;
    use std::fmt::Write;
    use std::hint::black_box;
    use std::time::Duration;

    /// A deterministic word soup with term labels sprinkled through it, links,
    /// emphasis and headings, so every stage of the pipeline has work to do.
    fn explainer(body_bytes: usize, terms: usize) -> (String, usize) {
        let mut front = String::from("+++\ntitle = \"Benchmark\"\n");
        for t in 0..terms {
            writeln!(
                front,
                "[terms.t{t}]\nlabel = \"Term{t} Label\"\naliases = [\"Alias{t}\"]\nsummary = \"Summary of term {t}.\""
            )
            .unwrap();
        }
        for s in 0..10 {
            writeln!(front, "[speakers.s{s}]\nname = \"Speaker{s} Person\"").unwrap();
        }
        front.push_str("+++\n");
        let words = [
            "the",
            "talks",
            "region",
            "*envoy*",
            "plan",
            "said",
            "[link](https://example.org)",
            "war",
            "peace",
            "`code`",
        ];
        let mut body = String::new();
        let mut i = 0usize;
        while body.len() < body_bytes {
            if i % 400 == 0 {
                writeln!(body, "\n## Section {}\n", i / 400).unwrap();
            }
            if i % 9 == 0 {
                write!(body, "Term{} Label ", (i / 9) % terms.max(1)).unwrap();
            } else if i % 37 == 0 {
                write!(body, "Speaker{} Person ", i % 10).unwrap();
            } else {
                body.push_str(words[i % words.len()]);
                body.push(' ');
            }
            if i % 60 == 59 {
                body.push_str("\n\n");
            }
            i += 1;
        }
        let body_len = body.len();
        (front + &body, body_len)
    }

    fn bench(c: &mut Criterion) {
        let mut group = c.benchmark_group("parse");
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(2))
            .warm_up_time(Duration::from_millis(500));
        for &size in &[10_000usize, 100_000, 1_000_000] {
            for &terms in &[10usize, 100, 1_000] {
                let (source, body_len) = explainer(size, terms);
                let body_start = source.len() - body_len;
                let label = format!("{}KB/{terms}terms", size / 1000);
                group.throughput(Throughput::Bytes(source.len() as u64));
                // The parsed explainer is dropped outside the timing: freeing
                // the tree is not parsing, and the baseline builds none.
                group.bench_with_input(BenchmarkId::new("gloss", &label), &source, |b, s| {
                    b.iter_with_large_drop(|| parse_explainer(black_box(s)))
                });
                // Two baselines: the body alone, and the whole file (front
                // matter read as Markdown text), the same input Gloss gets.
                group.bench_with_input(
                    BenchmarkId::new("pulldown-cmark-file", &label),
                    &source,
                    |b, s| {
                        b.iter(|| {
                            pulldown_cmark::Parser::new_ext(black_box(s), markdown_options())
                                .count()
                        })
                    },
                );
                group.bench_with_input(
                    BenchmarkId::new("pulldown-cmark", &label),
                    &source[body_start..],
                    |b, s| {
                        b.iter(|| {
                            pulldown_cmark::Parser::new_ext(black_box(s), markdown_options())
                                .count()
                        })
                    },
                );
            }
        }
        group.finish();
    }

    criterion_group!(benches, bench);
}
