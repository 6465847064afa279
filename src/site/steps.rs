//! The build's bookkeeping: how long each step (and each task inside it) took, for `archive build
//! --timings`, and every error a step met, so one failed file never hides the others.

use std::fmt;
use std::time::{Duration, Instant};

use anyhow::Error;

/// Errors listed in full in a build's error message; the rest are counted.
const SHOWN: usize = 20;

/// How long a step of the build took, or one of the tasks that ran side by side within it.
#[derive(Debug, Clone)]
pub struct Timing {
    /// Step or task name.
    pub name: &'static str,
    /// Wall time.
    pub took: Duration,
    /// A task within the step before it (tasks of a step overlap in time).
    pub task: bool,
}

/// What a task made, with its name and how long it took.
pub(crate) struct Timed<T> {
    pub(crate) name: &'static str,
    took: Duration,
    /// The task's result.
    pub(crate) value: T,
}

/// Runs one task of a step, timing it.
pub(crate) fn task<T>(name: &'static str, work: impl FnOnce() -> T) -> Timed<T> {
    let clock = Instant::now();
    let value = work();
    Timed { name, took: clock.elapsed(), value }
}

/// The timings and the errors of a build so far.
#[derive(Default)]
pub(crate) struct Steps {
    pub(crate) timings: Vec<Timing>,
    failures: Vec<Error>,
}

impl Steps {
    /// Runs one step, timing it.
    pub(crate) fn step<T>(&mut self, name: &'static str, work: impl FnOnce() -> T) -> T {
        let clock = Instant::now();
        let value = work();
        self.timings.push(Timing { name, took: clock.elapsed(), task: false });
        value
    }

    /// Lists a task of the step just run under it, and keeps its error, named after it, if it
    /// failed.
    pub(crate) fn task<T>(&mut self, timed: Timed<Result<T, Error>>) -> Option<T> {
        let name = timed.name;
        let value = self.listed(timed);
        self.absorb(value.map_err(|e| e.context(name)))
    }

    /// Lists a task of the step just run under it.
    pub(crate) fn listed<T>(&mut self, timed: Timed<T>) -> T {
        self.timings.push(Timing { name: timed.name, took: timed.took, task: true });
        timed.value
    }

    /// The value of `result`, or None with its error kept.
    pub(crate) fn absorb<T>(&mut self, result: Result<T, Error>) -> Option<T> {
        result.map_err(|e| self.failures.push(e)).ok()
    }

    /// Every error so far, or Ok when there was none.
    pub(crate) fn failures(&mut self) -> Result<(), Failed> {
        match self.failures.is_empty() {
            true => Ok(()),
            false => Err(Failed(std::mem::take(&mut self.failures))),
        }
    }
}

/// Files of the site that failed to render or be written: every error, of which the message
/// shows the first twenty and counts the rest.
#[derive(Debug)]
pub(crate) struct Failed(pub(crate) Vec<Error>);

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} file(s) failed to render or write:", self.0.len())?;
        for e in self.0.iter().take(SHOWN) {
            write!(f, "\n{e:#}")?;
        }
        if self.0.len() > SHOWN {
            write!(f, "\n… and {} more", self.0.len() - SHOWN)?;
        }
        Ok(())
    }
}

impl std::error::Error for Failed {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::anyhow;

    #[test]
    fn every_failure_is_counted_and_twenty_are_shown() {
        let mut steps = Steps::default();
        let made = steps.step("pages", || {
            (0..25)
                .map(|i| task("render pages", || Err::<(), _>(anyhow!("page {i}"))))
                .collect::<Vec<_>>()
        });
        for t in made {
            assert_eq!(steps.task(t), None);
        }
        assert_eq!(steps.absorb(Ok(7)), Some(7));
        let text = steps.failures().unwrap_err().to_string();
        assert!(
            text.starts_with("25 file(s) failed to render or write:\nrender pages: page 0\n"),
            "{text}"
        );
        assert!(text.contains("render pages: page 19\n… and 5 more"), "{text}");
        assert!(!text.contains("page 20"), "{text}");
        assert_eq!(steps.timings.len(), 26);
        assert!(!steps.timings[0].task && steps.timings[1].task, "{:?}", steps.timings);
        assert!(steps.failures().is_ok(), "taken once");
    }
}
