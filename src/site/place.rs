//! Where the output folder may be: never among the site's inputs, never through a link into
//! them.
//!
//! An output inside `sources/` or `static/` would be copied into the next build (each build
//! republishing the previous output inside the new one); inside `content/` or `templates/` it
//! would be read as content or templates; the site folder itself, or a folder holding it, would
//! be replaced whole. Paths are compared as the system resolves them, so a symbolic link
//! anywhere on the way (the output, a folder above it, an input folder) cannot hide the overlap;
//! an output folder that is itself a symbolic link is refused outright (the swap would replace
//! the link, not the folder it points at).

use std::path::{Component, Path, PathBuf};

use crate::error::{Context, Result, bail};

/// The folders of a site that a build reads.
const INPUTS: [&str; 4] = ["content", "sources", "static", "templates"];

/// Refuses an output folder that overlaps the site in `root` or is a symbolic link.
pub(crate) fn check(root: &Path, out_dir: &Path) -> Result<()> {
    if std::fs::symlink_metadata(out_dir).is_ok_and(|m| m.file_type().is_symlink()) {
        bail!(
            "the output folder {} is a symbolic link; refusing to publish through it. \
             Give the folder it points at as --output",
            out_dir.display()
        );
    }
    let out = resolved(out_dir)?;
    let site = resolved(root)?;
    if out == site {
        bail!("the output folder {} is the site folder itself; refusing", out_dir.display());
    }
    if site.starts_with(&out) {
        bail!(
            "the output folder {} holds the site folder {}; refusing to replace it",
            out_dir.display(),
            root.display()
        );
    }
    for input in INPUTS {
        let dir = resolved(&root.join(input))?;
        if out.starts_with(&dir) {
            bail!(
                "the output folder {} lies inside the site's {input}/ folder, which the build \
                 reads (each build would take in the one before); choose an output outside \
                 {}",
                out_dir.display(),
                INPUTS.map(|i| format!("{i}/")).join(", ")
            );
        }
    }
    Ok(())
}

/// `path` as the system would resolve it: absolute, every symbolic link of the part that
/// exists followed, `.` and `..` of the part that does not exist yet applied (no link can be
/// there).
fn resolved(path: &Path) -> Result<PathBuf> {
    let abs = std::path::absolute(path).with_context(|| format!("resolving {}", path.display()))?;
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    let mut base = loop {
        match existing.canonicalize() {
            Ok(p) => break p,
            Err(_) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    existing = parent;
                }
                // `..` or `.` at the end of a path that does not exist, or the root.
                _ => break lexical(existing),
            },
        }
    };
    for name in rest.iter().rev() {
        match Path::new(name).components().next() {
            Some(Component::ParentDir) => {
                base.pop();
            }
            Some(Component::CurDir) | None => {}
            Some(_) => base.push(name),
        }
    }
    Ok(base)
}

/// `.` and `..` applied without asking the file system.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("site");
        for dir in INPUTS {
            std::fs::create_dir_all(root.join(dir)).unwrap();
        }
        (t, root)
    }

    #[test]
    fn an_output_inside_the_inputs_is_refused() {
        let (t, root) = site();
        for out in [
            root.clone(),
            root.join("."),
            root.join("sources"),
            root.join("sources/site"),
            root.join("static/a/b"),
            root.join("content/public"),
            root.join("templates/x"),
            root.join("new/../static/x"),
            root.join("static/new/../../static/y"),
            t.path().to_path_buf(),
        ] {
            assert!(check(&root, &out).is_err(), "{} accepted", out.display());
        }
        for out in [root.join("public"), t.path().join("public"), root.join("sourcesx")] {
            check(&root, &out).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
        }
        let e = check(&root, &root.join("static/site")).unwrap_err().to_string();
        assert!(e.contains("inside the site's static/ folder"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn an_output_reached_through_a_symbolic_link_is_refused() {
        use std::os::unix::fs::symlink;
        let (t, root) = site();
        // The output itself a link, even to a harmless place.
        std::fs::create_dir(t.path().join("elsewhere")).unwrap();
        symlink(t.path().join("elsewhere"), t.path().join("out-link")).unwrap();
        let e = check(&root, &t.path().join("out-link")).unwrap_err().to_string();
        assert!(e.contains("symbolic link"), "{e}");
        // A folder on the way that leads into static/.
        symlink(root.join("static"), t.path().join("shortcut")).unwrap();
        assert!(check(&root, &t.path().join("shortcut/public")).is_err());
        // An input folder that is a link to a folder the output lies in.
        let (t2, root2) = site();
        std::fs::remove_dir(root2.join("sources")).unwrap();
        std::fs::create_dir(t2.path().join("raw")).unwrap();
        symlink(t2.path().join("raw"), root2.join("sources")).unwrap();
        assert!(check(&root2, &t2.path().join("raw/public")).is_err());
        check(&root2, &t2.path().join("public")).unwrap();
    }
}
