//! A progress bar on stderr for long generators (the national-scale data set). On a
//! terminal it redraws one line; elsewhere it prints a line per 10 %.

use std::io::{IsTerminal, Write};

#[derive(Debug)]
pub struct Progress {
    label: String,
    total: u64,
    done: u64,
    last_decile: u64,
    tty: bool,
}

impl Progress {
    pub fn new(label: &str, total: u64) -> Self {
        Self {
            label: label.to_owned(),
            total: total.max(1),
            done: 0,
            last_decile: 0,
            tty: std::io::stderr().is_terminal(),
        }
    }

    pub fn advance(&mut self, n: u64) {
        self.done = (self.done + n).min(self.total);
        let decile = self.done * 10 / self.total;
        if self.tty {
            let filled = (self.done * 30 / self.total) as usize;
            eprint!(
                "\r  {:<14} [{}{}] {:>3}% ({}/{})",
                self.label,
                "#".repeat(filled),
                " ".repeat(30 - filled),
                self.done * 100 / self.total,
                self.done,
                self.total
            );
            let _ = std::io::stderr().flush();
        } else if decile > self.last_decile {
            eprintln!("  {}: {}%", self.label, decile * 10);
        }
        self.last_decile = decile;
    }

    pub fn finish(mut self) {
        let rest = self.total - self.done;
        if rest > 0 {
            self.advance(rest);
        }
        if self.tty {
            eprintln!();
        }
    }
}
