//! The `archive` command line: a thin shell over the library. Parses arguments, calls the
//! library, prints the report or every diagnostic, and sets the exit code.

/// mimalloc instead of the system allocator: a build allocates millions of short-lived strings
/// from every render thread (see Cargo.toml for the measurement).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::process::ExitCode;

use archive::error::InvalidInput;
use std::fmt::Write as _;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "archive",
    version,
    about = "Static site generator for the SCO and CIS documents archive"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the website from content/, templates/, static/ and site.toml into public/.
    Build {
        /// Site folder (holding site.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder [default: <root>/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Public URL of the site, overriding site.toml (e.g. https://user.github.io/repo/).
        #[arg(long)]
        base_url: Option<String>,
        /// Print the time each phase took.
        #[arg(long)]
        timings: bool,
    },
    /// Preview the site locally, rebuilding and reloading the browser on every change.
    Serve {
        /// Site folder (holding site.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Address to listen on. Only this machine can reach the default.
        #[arg(long, default_value = "127.0.0.1:8000")]
        bind: std::net::SocketAddr,
        /// Also answer requests addressed to this host name (besides localhost and IP
        /// addresses); repeat for more. Other names are refused, against DNS rebinding.
        #[arg(long = "allow-host", value_name = "NAME")]
        allow_hosts: Vec<String>,
    },
    /// Check content, references and every internal link without publishing anything.
    ///
    /// Exit codes: 0 clean (warnings allowed), 1 warnings only with --strict, 2 errors,
    /// 64 a mistake on the command line. With --only, only what is shown counts.
    Check {
        /// Site folder (holding site.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `text` for people (errors first, then warnings grouped by kind), `json` for machines.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        strict: bool,
        /// Show only errors, or only problems in files changed since the commit --since.
        #[arg(long, value_enum)]
        only: Option<Only>,
        /// The commit (branch, tag or hash) `--only new` compares with.
        #[arg(long, default_value = "HEAD", requires = "only")]
        since: String,
    },
    /// Turn raw source documents (.txt, .md, .html) into content/documents with front matter.
    Import {
        /// Files or folders to import.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Site folder (holding site.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `table` for people, `json` for scripts: one record per input on standard output.
        #[arg(long, value_enum, default_value_t = Report::Table)]
        report: Report,
        /// Show what would change without writing anything.
        #[arg(long)]
        dry_run: bool,
        /// Replace files a person has edited (the old version is kept in .archive/import-backups/).
        #[arg(long)]
        force: bool,
        /// Write entity files for candidate names, marked for review.
        #[arg(long)]
        create_entities: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Report {
    Table,
    Json,
}

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
enum Format {
    /// For people; `table` is accepted as another name, like import's --report.
    #[value(alias = "table")]
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
enum Only {
    /// Errors only.
    Errors,
    /// Problems in files changed since the commit --since (and files git does not track yet).
    New,
}

/// The command worked and found nothing wrong.
const OK: u8 = 0;
/// `check --strict` found warnings only.
const WARNINGS: u8 = 1;
/// The input has errors, or a file could not be read or written.
const FAILED: u8 = 2;
/// The command line itself is wrong (sysexits' EX_USAGE), kept apart from problems in content.
const USAGE: u8 = 64;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version end here too, successfully.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { USAGE } else { OK });
        }
    };
    match run(cli.command) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            print_error(&e);
            ExitCode::from(FAILED)
        }
    }
}

/// Runs one command; the exit code when it ran, the error when it could not.
fn run(command: Command) -> anyhow::Result<u8> {
    match command {
        Command::Serve { root, bind, allow_hosts } => {
            let opts = archive::serve::ServeOptions {
                allowed_hosts: allow_hosts,
                ..archive::serve::ServeOptions::new(bind)
            };
            archive::serve::serve(&root, &opts)?;
            Ok(OK)
        }
        Command::Check { root, format, strict, only, since } => {
            let mut diags = archive::check::check(&root)?;
            match only {
                Some(Only::Errors) => diags.retain(|d| d.is_error()),
                Some(Only::New) => {
                    let changed = archive::check::changed_files(&root, &since)?;
                    diags.retain(|d| changed.contains(&d.path));
                }
                None => {}
            }
            match format {
                Format::Json => print_check_json(&diags)?,
                Format::Text => print_check_text(&diags)?,
            }
            let errors = diags.error_count();
            Ok(if errors > 0 {
                FAILED
            } else if strict && diags.len() > errors {
                WARNINGS
            } else {
                OK
            })
        }
        Command::Import { inputs, root, report, dry_run, force, create_entities } => {
            let opts =
                archive::import::ImportOptions { dry_run, force, create_entities, progress: true };
            let r = archive::import::import(&root, &inputs, &opts)?;
            match report {
                Report::Json => print_out(&(serde_json::to_string_pretty(&r)? + "\n"))?,
                Report::Table => print_import_table(&r)?,
            }
            Ok(if r.records.iter().any(|x| x.error.is_some()) { FAILED } else { OK })
        }
        Command::Build { root, output, base_url, timings } => {
            let opts = archive::BuildOptions { output, base_url };
            let report = archive::build(&root, &opts)?;
            for d in report.diagnostics.sorted() {
                eprintln!("{d}");
            }
            println!(
                "built {} pages ({} files, {:.1} MB) into {}",
                report.pages,
                report.files,
                report.bytes as f64 / 1e6,
                report.output.display()
            );
            if report.base_path != "/" {
                // A static server started in the output folder would miss every link.
                println!(
                    "its links start with {} (the base URL's path): look at it with `archive serve`, \
                     or build with --base-url http://127.0.0.1:8000/ to serve the folder itself",
                    report.base_path
                );
            }
            if timings {
                print_timings(&report);
            }
            Ok(OK)
        }
    }
}

/// The one place errors are printed: every diagnostic of invalid input, or the error's chain.
fn print_error(e: &anyhow::Error) {
    match e.downcast_ref::<InvalidInput>() {
        Some(invalid) => eprintln!("{invalid}"),
        None => eprintln!("error: {e:#}"),
    }
}

/// Errors first, then warnings grouped by kind, each group under its count.
fn print_check_text(diags: &archive::error::Diagnostics) -> anyhow::Result<()> {
    let (errors, groups) = diags.for_reading();
    let mut out = String::new();
    for d in &errors {
        writeln!(out, "{d}")?;
    }
    for (group, list) in &groups {
        writeln!(out, "\n{} warning(s): {group}", list.len())?;
        for d in list {
            writeln!(out, "  {d}")?;
        }
    }
    let warnings = diags.len() - errors.len();
    writeln!(out, "\n{} error(s), {warnings} warning(s)", errors.len())?;
    print_out(&out)
}

/// Writes a report to standard output; a reader that stops early (`archive check | head`) is
/// not an error.
fn print_out(text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// `{errors, warnings, diagnostics: [{severity, kind, path, line, field, message}]}`.
fn print_check_json(diags: &archive::error::Diagnostics) -> anyhow::Result<()> {
    let list: Vec<serde_json::Value> = diags
        .sorted()
        .iter()
        .map(|d| {
            serde_json::json!({
                "severity": if d.is_error() { "error" } else { "warning" },
                "kind": d.group(),
                "path": d.path.to_string_lossy(),
                "line": d.line,
                "field": d.field,
                "message": d.message,
            })
        })
        .collect();
    let errors = diags.error_count();
    let v = serde_json::json!({
        "errors": errors,
        "warnings": diags.len() - errors,
        "diagnostics": list,
    });
    print_out(&(serde_json::to_string_pretty(&v)? + "\n"))
}

fn print_timings(report: &archive::BuildReport) {
    for t in &report.timings {
        let ms = t.took.as_secs_f64() * 1e3;
        match t.task {
            false => println!("  {:<24} {ms:>8.1} ms", t.name),
            true => println!("    · {:<20} {ms:>8.1} ms", t.name),
        }
    }
    // Peak resident memory, where the system reports it (Linux).
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(peak) = status.lines().find_map(|l| l.strip_prefix("VmHWM:")) {
        println!("  {:<24} {:>11}", "peak memory", peak.trim());
    }
}

/// The lines under an import row naming a near-duplicate or a kept new version.
fn write_import_notes(
    out: &mut String,
    rec: &archive::import::Record,
    dry_run: bool,
) -> std::fmt::Result {
    if let Some(n) = &rec.near_duplicate {
        writeln!(
            out,
            "{:>30} {} {} — near-duplicate of {} (similarity {:.2}); under review",
            "",
            if dry_run { "would import" } else { "imported" },
            rec.input,
            n.document,
            n.similarity
        )?;
    }
    if let Some(src) = &rec.new_version {
        writeln!(
            out,
            "{:>30} a new version of this text is kept as {src}; the document, edited by a person, is left as it is: compare the two",
            ""
        )?;
    }
    Ok(())
}

fn print_import_table(r: &archive::import::ImportReport) -> anyhow::Result<()> {
    let mut out = String::new();
    use archive::import::merge::Action;
    let mut counts = [0usize; 5];
    let (mut review, mut candidates, mut near) = (0, 0, 0);
    writeln!(
        out,
        "{:<12} {:<3} {:>6} {:>5}  input → content file",
        "action", "lng", "review", "cand"
    )?;
    for rec in &r.records {
        let slot = match rec.action {
            Some(Action::Created) => Some((0, "created")),
            Some(Action::Updated) => Some((1, "updated")),
            Some(Action::Unchanged) => Some((2, "unchanged")),
            Some(Action::KeptEdited) => Some((3, "kept-edited")),
            Some(Action::Replaced) => Some((4, "replaced")),
            None => None,
        };
        if let Some((k, _)) = slot {
            counts[k] += 1;
        }
        let action = slot.map_or("FAILED", |(_, label)| label);
        let (lang, nrev) =
            rec.meta.as_ref().map(|m| (m.lang.as_str(), m.review.len())).unwrap_or(("", 0));
        review += usize::from(nrev > 0);
        candidates += rec.candidates.len();
        let file = rec.output.as_deref().or(rec.error.as_deref()).unwrap_or_default();
        writeln!(
            out,
            "{action:<12} {lang:<3} {nrev:>6} {:>5}  {} → {file}",
            rec.candidates.len(),
            rec.input
        )?;
        near += usize::from(rec.near_duplicate.is_some());
        write_import_notes(&mut out, rec, r.dry_run)?;
        for c in &rec.candidates {
            writeln!(
                out,
                "{:>30} candidate {}: {} ({}×; forms: {})",
                "",
                c.kind,
                c.name,
                c.count,
                c.forms.join(", ")
            )?;
        }
    }
    let verb = if r.dry_run { "would be" } else { "were" };
    writeln!(
        out,
        "\n{} ({} new, {} updated), {} unchanged, {} kept because a person edited them, {} replaced with --force; {} need review, {} of them near-duplicates of a document; {} candidate names{}",
        if r.dry_run {
            format!("would import {}", counts[0] + counts[1])
        } else {
            format!("{} imported", counts[0] + counts[1])
        },
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        counts[4],
        review,
        near,
        candidates,
        if r.dry_run { format!(" (dry run: nothing {verb} written)") } else { String::new() }
    )?;
    if !r.candidates.is_empty() {
        writeln!(out, "\ncandidates across the batch:")?;
    }
    for c in &r.candidates {
        let near = c.near.as_ref().map_or(String::new(), |id| {
            format!("; may be the entity «{id}» written differently: no file is created for it")
        });
        writeln!(
            out,
            "  {} {} ({}× in {} document(s); forms: {}){near}",
            c.kind,
            c.name,
            c.count,
            c.documents.len(),
            c.forms.join(", ")
        )?;
    }
    for e in &r.created_entities {
        writeln!(out, "created entity file {e} (marked for review)")?;
    }
    print_out(&out)
}
