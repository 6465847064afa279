//! Fixture-site integration tests: one binary, one module per concern.

mod common;

mod acts;
mod bodies;
mod build;
mod check;
mod cli;
mod dates;
mod findability;
mod fuzz_regressions;
mod i18n;
mod import;
mod import_dups;
mod import_eval;
mod import_html;
mod import_official;
mod invalid;
mod lists;
mod load;
mod map;
mod orgs;
mod publish;
mod reuse;
mod search_index;
mod search_passages;
mod serve;
mod shipped;
