//! Fixture-site integration tests: one binary, one module per concern.

mod common;

mod bodies;
mod build;
mod check;
mod cli;
mod dates;
mod fuzz_regressions;
mod i18n;
mod import;
mod import_dups;
mod import_eval;
mod import_html;
mod import_official;
mod invalid;
mod load;
mod map;
mod publish;
mod reuse;
mod search_index;
mod search_passages;
mod serve;
mod shipped;
