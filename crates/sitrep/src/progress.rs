//! Progress on a terminal: a bar over the inputs with running counts (indicatif).
//! Hidden when stderr is not a terminal or with `--quiet`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sitrep_pipeline::{Progress, SkipRecord};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};

pub struct Bar {
    bar: ProgressBar,
    new: AtomicU64,
    dup: AtomicU64,
    skipped: AtomicU64,
}

impl Bar {
    pub fn new(quiet: bool) -> Bar {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        if quiet || !std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} inputs · {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Bar {
            bar,
            new: AtomicU64::new(0),
            dup: AtomicU64::new(0),
            skipped: AtomicU64::new(0),
        }
    }

    fn refresh(&self) {
        self.bar.set_message(format!(
            "{} new, {} already stored, {} skipped",
            self.new.load(Ordering::Relaxed),
            self.dup.load(Ordering::Relaxed),
            self.skipped.load(Ordering::Relaxed)
        ));
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for Bar {
    fn input(&self, index: usize, total: usize, _name: &str) {
        self.bar.set_length(total as u64);
        self.bar.set_position(index as u64);
        self.refresh();
    }

    fn article(&self, new: bool) {
        if new {
            self.new.fetch_add(1, Ordering::Relaxed);
        } else {
            self.dup.fetch_add(1, Ordering::Relaxed);
        }
        self.refresh();
    }

    fn skipped(&self, _r: &SkipRecord) {
        self.skipped.fetch_add(1, Ordering::Relaxed);
        self.refresh();
    }
}
