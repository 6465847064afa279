//! The `archive` command line: a thin shell over the library. Parses arguments, calls the
//! library, prints the report or every diagnostic, and sets the exit code.

/// mimalloc instead of the system allocator: a build allocates millions of short-lived strings
/// from every render thread (see Cargo.toml for the measurement).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::process::ExitCode;

use archive::error::InvalidInput;
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
    /// Exit codes: 0 clean (warnings allowed), 1 warnings only with --strict, 2 errors.
    Check {
        /// Site folder (holding site.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `text` for people, `json` for machines.
        #[arg(long, value_enum, default_value_t = Report::Table)]
        format: Report,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        strict: bool,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve { root, bind, allow_hosts } => {
            let opts = archive::serve::ServeOptions {
                allowed_hosts: allow_hosts,
                ..archive::serve::ServeOptions::new(bind)
            };
            match archive::serve::serve(&root, &opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e:#}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Check { root, format, strict } => match archive::check::check(&root) {
            Ok(diags) => {
                let (errors, warnings) = (diags.error_count(), diags.len() - diags.error_count());
                match format {
                    Report::Json => {
                        let list: Vec<serde_json::Value> = diags
                            .sorted()
                            .iter()
                            .map(|d| {
                                serde_json::json!({
                                    "severity": if d.is_error() { "error" } else { "warning" },
                                    "path": d.path.to_string_lossy(),
                                    "line": d.line,
                                    "field": d.field,
                                    "message": d.message,
                                })
                            })
                            .collect();
                        let v = serde_json::json!({ "errors": errors, "warnings": warnings, "diagnostics": list });
                        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
                    }
                    Report::Table => {
                        for d in diags.sorted() {
                            println!("{d}");
                        }
                        println!("{errors} error(s), {warnings} warning(s)");
                    }
                }
                if errors > 0 {
                    ExitCode::from(2)
                } else if strict && warnings > 0 {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                }
            }
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::from(2)
            }
        },
        Command::Import { inputs, root, report, dry_run, force, create_entities } => {
            let opts =
                archive::import::ImportOptions { dry_run, force, create_entities, progress: true };
            match archive::import::import(&root, &inputs, &opts) {
                Ok(r) => {
                    match report {
                        Report::Json => {
                            println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default())
                        }
                        Report::Table => print_import_table(&r),
                    }
                    if r.records.iter().any(|x| x.error.is_some()) {
                        ExitCode::from(2)
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(e) => {
                    eprintln!("error: {e:#}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Build { root, output, base_url, timings } => {
            let opts = archive::BuildOptions { output, base_url };
            match archive::build(&root, &opts) {
                Ok(report) => {
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
                    if timings {
                        for t in &report.timings {
                            let ms = t.took.as_secs_f64() * 1e3;
                            match t.task {
                                false => println!("  {:<24} {ms:>8.1} ms", t.name),
                                true => println!("    · {:<20} {ms:>8.1} ms", t.name),
                            }
                        }
                        // Peak resident memory, where the system reports it (Linux).
                        let status =
                            std::fs::read_to_string("/proc/self/status").unwrap_or_default();
                        if let Some(peak) = status.lines().find_map(|l| l.strip_prefix("VmHWM:")) {
                            println!("  {:<24} {:>11}", "peak memory", peak.trim());
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    if let Some(invalid) = e.downcast_ref::<InvalidInput>() {
                        eprintln!("{invalid}");
                    } else {
                        eprintln!("error: {e:#}");
                    }
                    ExitCode::from(2)
                }
            }
        }
    }
}

fn print_import_table(r: &archive::import::ImportReport) {
    use archive::import::merge::Action;
    let mut counts = [0usize; 5];
    let (mut review, mut candidates) = (0, 0);
    println!("{:<12} {:<3} {:>6} {:>5}  input → content file", "action", "lng", "review", "cand");
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
        let out = rec.output.as_deref().or(rec.error.as_deref()).unwrap_or_default();
        println!(
            "{action:<12} {lang:<3} {nrev:>6} {:>5}  {} → {out}",
            rec.candidates.len(),
            rec.input
        );
        for c in &rec.candidates {
            println!(
                "{:>30} candidate {}: {} ({}×; forms: {})",
                "",
                c.kind,
                c.name,
                c.count,
                c.forms.join(", ")
            );
        }
    }
    let verb = if r.dry_run { "would be" } else { "were" };
    println!(
        "\n{} imported ({} new, {} updated), {} unchanged, {} kept because a person edited them, {} replaced with --force; {} need review; {} candidate names{}",
        counts[0] + counts[1],
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        counts[4],
        review,
        candidates,
        if r.dry_run { format!(" (dry run: nothing {verb} written)") } else { String::new() }
    );
    for e in &r.created_entities {
        println!("created entity file {e} (marked for review)");
    }
}
