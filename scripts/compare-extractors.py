#!/usr/bin/env python3
"""Title, date and main text of the import evaluation pages: archive beside trafilatura and htmldate.

Not a test: a side-by-side look for issue 13 (item 10). For each page of a split of
tests/fixtures/import-eval (dev by default) it runs

  * archive's importer (the `archive import` command, into a throwaway site that has the shipped
    entities), reading back the title, date and body it wrote;
  * trafilatura (`bare_extraction`, with metadata) for title, date and main text;
  * htmldate (`find_date`, extensive search) for the date;

and prints, per tool, the share of exact titles (pages with a headline), exact dates (pages that
state one), dates given where the page states none, chrome lines left in the main text, and the
article's first and last sentences kept, all against labels.toml.

Every fixture today is a text dump (the stored pages come as text, not markup). Both Python tools
read HTML only: given the text as it is, trafilatura returns nothing and htmldate finds no date.
So each text is also offered to them wrapped in a minimal HTML document, one <p> per non-empty
line, with no <title> and no metadata — the most neutral HTML the text allows; both columns are
printed. An .html fixture, if one is added, is given to them as it is.

Usage (the two Python packages are not the project's dependencies; keep them out of the repo):

    python3 -m venv "${TMPDIR:-/tmp}/eval-venv"
    "${TMPDIR:-/tmp}/eval-venv/bin/pip" install trafilatura htmldate lxml_html_clean
    "${TMPDIR:-/tmp}/eval-venv/bin/python" scripts/compare-extractors.py [--split dev] [--archive CMD]

`--archive` is the command that runs archive (default `cargo run --quiet --`). `--split dev` is
every dev page, with the spent first holdout; do not run it on `holdout2` before the end of a
round of work: that third is kept unseen.
"""

import argparse
import html
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "fixtures" / "import-eval"


def norm(s):
    """Lower case, ё as е, no quotes, single spaces."""
    if s is None:
        return None
    s = s.lower().replace("ё", "е")
    s = re.sub(r"[«»\"“”„]", "", s)
    return " ".join(s.split())


def shown(line):
    """A Markdown body line as the reader sees it: escapes, heading and quote markers off."""
    line = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", line.strip())
    line = line.lstrip("#>").strip()
    return " ".join(line.split())


def body_lines(text):
    return [shown(line) for line in text.splitlines() if shown(line)]


def wrap(text):
    """The text as a minimal HTML document: one paragraph per non-empty line, nothing else."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>{paragraphs}</body></html>"


def archive_results(pages, command):
    """Imports the pages into a throwaway site; returns {file: (title, date, body lines)}."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copy(REPO / "site.toml", root / "site.toml")
        for kind in ["countries", "organizations", "people", "places", "events"]:
            shutil.copytree(REPO / "content" / kind, root / "content" / kind)
        inputs = [str(CORPUS / p["file"]) for p in pages]
        cmd = shlex.split(command) + ["import", "--root", str(root), "--report", "json", *inputs]
        out = subprocess.run(cmd, cwd=REPO, check=True, capture_output=True, text=True).stdout
        report = json.loads(out)
        results = {}
        for rec in report["records"]:
            name = Path(rec["input"]).name
            meta = rec.get("meta") or {}
            text = (root / rec["output"]).read_text(encoding="utf-8")
            body = text.split("\n---\n", 1)[1] if "\n---\n" in text else ""
            results[name] = (meta.get("title"), meta.get("date"), body_lines(body))
        return results


def python_results(pages, wrapped):
    import htmldate
    import trafilatura

    results = {}
    for p in pages:
        raw = (CORPUS / p["file"]).read_text(encoding="utf-8")
        is_html = p["file"].endswith(".html")
        doc = raw if is_html or not wrapped else wrap(raw)
        doc_ = trafilatura.bare_extraction(doc, with_metadata=True)
        title = getattr(doc_, "title", None) if doc_ else None
        tdate = getattr(doc_, "date", None) if doc_ else None
        text = (getattr(doc_, "text", None) or "") if doc_ else ""
        try:
            hdate = htmldate.find_date(doc, extensive_search=True)
        except Exception:  # htmldate raises on input it cannot parse at all
            hdate = None
        results[p["file"]] = (title, tdate, hdate, [" ".join(line.split()) for line in text.splitlines() if line.strip()])
    return results


def measure(pages, get_title, get_date, get_lines):
    """(title exact, date exact, date where none stated, chrome left, first kept, last kept)."""
    t_hit = t_of = d_hit = d_of = inv = inv_of = ch_left = ch_of = first = last = 0
    for p in pages:
        f = p["file"]
        if p.get("title") is not None:
            t_of += 1
            t_hit += norm(get_title(f)) == norm(p["title"])
        got_date = get_date(f)
        got_date = got_date[:10] if got_date else None
        if p.get("date"):
            d_of += 1
            d_hit += got_date == p["date"]
        else:
            inv_of += 1
            inv += got_date is not None
        lines = get_lines(f)
        whole = " ".join(lines)
        for c in p.get("chrome", []):
            ch_of += 1
            ch_left += any(line.split() == c.split() for line in lines)
        for c in p.get("chrome_inline", []):
            ch_of += 1
            ch_left += " ".join(c.split()) in whole
        first += shown(p["first_sentence"]) in whole
        last += shown(p["last_sentence"]) in whole
    n = len(pages)
    return [
        f"{t_hit}/{t_of}",
        f"{d_hit}/{d_of}",
        f"{inv}/{inv_of}",
        f"{ch_left}/{ch_of}",
        f"{first}/{n}",
        f"{last}/{n}",
    ]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=["dev", "holdout2"])
    ap.add_argument("--archive", default="cargo run --quiet --", help="command that runs archive")
    args = ap.parse_args()
    labels = tomllib.loads((CORPUS / "labels.toml").read_text(encoding="utf-8"))
    wanted = {"dev", "holdout"} if args.split == "dev" else {args.split}
    pages = [p for p in labels["page"] if p["split"] in wanted]
    kinds = {Path(p["file"]).suffix for p in pages}
    print(f"{len(pages)} {args.split} pages, file kinds: {', '.join(sorted(kinds))}")

    arch = archive_results(pages, args.archive)
    raw = python_results(pages, wrapped=False)
    wrapped = python_results(pages, wrapped=True)

    columns = {
        "archive import": measure(pages, lambda f: arch[f][0], lambda f: arch[f][1], lambda f: arch[f][2]),
        "trafilatura (text as is)": measure(pages, lambda f: raw[f][0], lambda f: raw[f][1], lambda f: raw[f][3]),
        "trafilatura (text in <p>s)": measure(pages, lambda f: wrapped[f][0], lambda f: wrapped[f][1], lambda f: wrapped[f][3]),
        "htmldate (text as is)": measure(pages, lambda f: None, lambda f: raw[f][2], lambda f: []),
        "htmldate (text in <p>s)": measure(pages, lambda f: None, lambda f: wrapped[f][2], lambda f: []),
    }
    rows = [
        "title exact (pages with a headline)",
        "date exact (pages stating one)",
        "date given where none is stated",
        "chrome lines left in main text",
        "first sentence kept",
        "last sentence kept",
    ]
    names = list(columns)
    width = max(len(r) for r in rows)
    print()
    print("| " + "measure".ljust(width) + " | " + " | ".join(names) + " |")
    print("|" + "-" * (width + 2) + "|" + "|".join("-" * (len(n) + 2) for n in names) + "|")
    for i, r in enumerate(rows):
        cells = []
        for n in names:
            cell = columns[n][i]
            if n.startswith("htmldate") and i not in (1, 2):
                cell = "n/a"
            cells.append(cell.ljust(len(n)))
        print("| " + r.ljust(width) + " | " + " | ".join(cells) + " |")

    print("\nper page (date): gold | archive | trafilatura <p> | htmldate <p>")
    for p in pages:
        f = p["file"]
        print(f"  {f:<28} {str(p.get('date')):<11} {str(arch[f][1]):<11} {str(wrapped[f][1]):<11} {wrapped[f][2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
