//! The `archive` command line: a thin shell over the library. Parses arguments, calls the
//! library, prints the report or every diagnostic, and sets the exit code.

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
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
                        for (phase, t) in &report.timings {
                            println!("  {phase:<8} {:>8.1} ms", t.as_secs_f64() * 1e3);
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
