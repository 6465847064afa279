#!/usr/bin/env python3
"""Title, date and main text of real saved HTML pages: archive beside trafilatura and htmldate.

Not a test: the HTML half of issue 13, item 10. Third-party pages are not kept in this repository;
the script reads them from a folder given as its argument, in either of two layouts:

  * the layout of the test pages of the Readability project's repository (test/test-pages/ in
    Mozilla's readability repository): one folder per page holding `source.html` (the page as
    saved), `expected.html` (the article Readability extracts, read here as the reference main
    text) and `expected-metadata.json` (its `title`, and `publishedTime` where recorded);
  * plain `*.html` files (for instance the tests/cache/ pages of the trafilatura or htmldate
    repositories), labelled by hand.

Either layout may carry a `labels.toml` at the top of the folder, whose entries override or add to
the expected metadata, one table per page (the folder or file name without `.html`):

    [lemonde-1]
    title = "the headline as the page shows it"
    date = "2016-11-10"       # or "none" when the page states no date; leave out to not score it
    text = "main text for pages with no expected.html (optional)"

Per page and in total it prints, for `archive import` (the command given by --archive) and
trafilatura (`bare_extraction` with metadata), and for htmldate (`find_date`, original date,
extensive search) on dates:

  * title exact (after case, quotes and spaces are evened out);
  * date exact (YYYY-MM-DD) where the page's date is known, and dates given where it states none;
  * main-text word recall and precision against the reference text (bags of lower-case words).

Usage (the Python packages are not the project's dependencies; keep them out of the repository):

    python3 -m venv "${TMPDIR:-/tmp}/eval-venv"
    "${TMPDIR:-/tmp}/eval-venv/bin/pip" install trafilatura htmldate lxml_html_clean
    "${TMPDIR:-/tmp}/eval-venv/bin/python" scripts/compare-html-extractors.py PAGES_DIR \
        [--archive CMD] [--only archive]

`--archive` is the command that runs archive (default `cargo run --quiet --`); give a built binary
of another commit to compare before and after. `--only archive` skips the Python tools.
`--tool NAME=CMD` (repeatable) adds a column for any other extractor, such as a small binary
around a Rust crate under evaluation: CMD is run with a page's path as its last argument and
prints one JSON object with `title`, `date` and `text`.

Choice of main-content extractor (issue 13, item 1). Maintained Rust crates were looked at first:
`dom_smoothie` (a port of Mozilla's Readability; MIT; released monthly, 0.19 in October 2026)
parses with its own DOM crate (`dom_query`, a second html5ever tree beside `scraper`'s) and brings
`gjson`, `phf`, `flagset`, `foldhash` and `unicode-segmentation`; `readability` (0.3, a port of
arc90's script) pulls `reqwest` by default and has not had a release in years. Neither was
adopted: the measured comparison on real pages (this script run on at least 40 of Readability's
test pages, with a build of each candidate behind `read.rs`) could not be run in the session that
wrote this script, because no real saved HTML could be brought onto its machine; until it is,
today's block walk in `read.rs` (article/main/body, navigation, widgets and footers dropped) stays,
and its metadata is read by `read/htmlmeta.rs`. Measured so far: one real saved news page (the
FiveThirtyEight article kept gzipped in trafilatura's source package as tests/resources/
webpage.html.gz, labelled by reading it): title and date exact for archive before and after the
metadata work, for trafilatura and for htmldate alike — a check that the script runs on real
markup, not yet a comparison.
"""

import argparse
import html
import json
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def norm(s):
    """Lower case, ё as е, no quotes, single spaces."""
    if s is None:
        return None
    s = html.unescape(s).lower().replace("ё", "е")
    s = re.sub(r"[«»\"“”„‘’']", "", s)
    return " ".join(s.split())


def words(text):
    """The text's words, lower case, as a bag."""
    return Counter(re.findall(r"\w+", (text or "").lower().replace("ё", "е")))


def html_text(markup):
    """Visible text of an HTML fragment: tags, scripts and styles out, entities decoded."""
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", markup)
    markup = re.sub(r"(?s)<!--.*?-->", " ", markup)
    return html.unescape(re.sub(r"(?s)<[^>]+>", " ", markup))


def markdown_text(body):
    """A Markdown body as the reader sees it: escapes, heading, list and quote markers off."""
    out = []
    for line in body.splitlines():
        line = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", line.strip())
        out.append(line.lstrip("#>-* ").strip())
    return "\n".join(out)


def load_pages(folder):
    """[(name, source path, expected dict)] for the pages of `folder`, in name order."""
    labels_file = folder / "labels.toml"
    labels = tomllib.loads(labels_file.read_text(encoding="utf-8")) if labels_file.exists() else {}
    pages = []
    for d in sorted(p for p in folder.iterdir() if (p / "source.html").exists()):
        exp = {}
        meta = d / "expected-metadata.json"
        if meta.exists():
            m = json.loads(meta.read_text(encoding="utf-8"))
            exp["title"] = m.get("title")
            if m.get("publishedTime"):
                exp["date"] = m["publishedTime"][:10]
        if (d / "expected.html").exists():
            exp["text"] = html_text((d / "expected.html").read_text(encoding="utf-8"))
        exp.update(labels.get(d.name, {}))
        pages.append((d.name, d / "source.html", exp))
    for f in sorted(folder.glob("*.html")):
        pages.append((f.stem, f, dict(labels.get(f.stem, {}))))
    return pages


def archive_results(pages, command):
    """Imports the pages in one batch into a throwaway site: {name: (title, date, text)}."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        inputs = Path(tmp) / "in"
        inputs.mkdir()
        (root / "content").mkdir(parents=True)
        shutil.copy(REPO / "site.toml", root / "site.toml")
        for kind in ["countries", "organizations", "people", "places", "events"]:
            shutil.copytree(REPO / "content" / kind, root / "content" / kind)
        for name, src, _ in pages:
            shutil.copy(src, inputs / f"{name}.html")
        cmd = shlex.split(command) + ["import", "--root", str(root), "--report", "json", str(inputs)]
        run = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        report = json.loads(run.stdout)
        results = {}
        for rec in report["records"]:
            name = Path(rec["input"]).stem
            meta = rec.get("meta") or {}
            text = ""
            if rec.get("output") and (root / rec["output"]).exists():
                text = (root / rec["output"]).read_text(encoding="utf-8")
            body = text.split("\n---\n", 1)[1] if "\n---\n" in text else ""
            results[name] = (meta.get("title"), meta.get("date"), markdown_text(body))
        return results


def python_results(pages):
    """{name: (trafilatura title, trafilatura date, trafilatura text, htmldate date)}."""
    import htmldate
    import trafilatura

    results = {}
    for name, src, _ in pages:
        doc = src.read_bytes().decode("utf-8", errors="replace")
        got = trafilatura.bare_extraction(doc, with_metadata=True)
        title = getattr(got, "title", None) if got else None
        tdate = getattr(got, "date", None) if got else None
        text = (getattr(got, "text", None) or "") if got else ""
        try:
            hdate = htmldate.find_date(doc, original_date=True, extensive_search=True)
        except Exception:  # htmldate raises on input it cannot parse at all
            hdate = None
        results[name] = (title, tdate, text, hdate)
    return results


def tool_results(pages, command):
    """{name: (title, date, text)} from a command printing JSON for one page."""
    results = {}
    for name, src, _ in pages:
        run = subprocess.run(shlex.split(command) + [str(src)], capture_output=True, text=True)
        try:
            got = json.loads(run.stdout)
        except json.JSONDecodeError:
            got = {}
        results[name] = (got.get("title"), got.get("date"), got.get("text") or "")
    return results


def recall_precision(expected, got):
    e, g = words(expected), words(got)
    common = sum((e & g).values())
    r = common / sum(e.values()) if e else None
    p = common / sum(g.values()) if g else (None if not e else 0.0)
    return r, p


class Score:
    """Totals of one tool over the pages."""

    def __init__(self):
        self.t_hit = self.t_of = self.d_hit = self.d_of = self.inv = self.inv_of = 0
        self.recall = []
        self.precision = []

    def add(self, exp, title, date, text):
        row = []
        if exp.get("title") is not None and title is not False:
            self.t_of += 1
            ok = norm(title) == norm(exp["title"])
            self.t_hit += ok
            row.append("T" if ok else "t")
        date = str(date)[:10] if date else None
        if exp.get("date") == "none":
            self.inv_of += 1
            self.inv += date is not None
            row.append("d!" if date else "D")
        elif exp.get("date"):
            self.d_of += 1
            ok = date == exp["date"]
            self.d_hit += ok
            row.append("D" if ok else f"d({date})")
        if exp.get("text") and text is not False:
            r, p = recall_precision(exp["text"], text)
            self.recall.append(r)
            self.precision.append(p or 0.0)
            row.append(f"r{r:.2f} p{p or 0:.2f}")
        return " ".join(row)

    def totals(self):
        mean = lambda xs: f"{sum(xs) / len(xs):.3f}" if xs else "-"
        return [
            f"{self.t_hit}/{self.t_of}",
            f"{self.d_hit}/{self.d_of}",
            f"{self.inv}/{self.inv_of}",
            mean(self.recall),
            mean(self.precision),
        ]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pages", type=Path, help="folder of saved pages (see the docstring)")
    ap.add_argument("--archive", default="cargo run --quiet --", help="command that runs archive")
    ap.add_argument("--only", choices=["archive"], help="run archive alone")
    ap.add_argument("--tool", action="append", default=[], help="NAME=CMD printing title/date/text JSON")
    args = ap.parse_args()
    pages = load_pages(args.pages)
    print(f"{len(pages)} pages from {args.pages.name}/")
    arch = archive_results(pages, args.archive)
    py = {} if args.only else python_results(pages)

    extra = {}
    for spec in args.tool:
        tname, _, command = spec.partition("=")
        extra[tname] = tool_results(pages, command)
    tools = {"archive import": Score()}
    tools.update({n: Score() for n in extra})
    if not args.only:
        tools.update({"trafilatura": Score(), "htmldate": Score()})
    print("\nper page: T title exact, D date exact (d(x) wrong, d! where none is stated), r/p word recall/precision")
    for name, _, exp in pages:
        a = arch.get(name, (None, None, ""))
        cells = [tools["archive import"].add(exp, *a)]
        cells += [tools[n].add(exp, *got[name]) for n, got in extra.items()]
        if not args.only:
            t = py[name]
            cells.append(tools["trafilatura"].add(exp, t[0], t[1], t[2]))
            cells.append(tools["htmldate"].add(exp, False, t[3], False))
        print(f"  {name:<36} " + " | ".join(c.ljust(22) for c in cells))

    rows = [
        "title exact",
        "date exact (date known)",
        "date given where none is stated",
        "main text: mean word recall",
        "main text: mean word precision",
    ]
    names = list(tools)
    width = max(len(r) for r in rows)
    cols = {n: tools[n].totals() for n in names}
    print()
    print("| " + "measure".ljust(width) + " | " + " | ".join(names) + " |")
    print("|" + "-" * (width + 2) + "|" + "|".join("-" * (len(n) + 2) for n in names) + "|")
    for i, r in enumerate(rows):
        cells = []
        for n in names:
            cell = cols[n][i]
            if n == "htmldate" and i not in (1, 2):
                cell = "n/a"
            cells.append(cell.ljust(len(n)))
        print("| " + r.ljust(width) + " | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
