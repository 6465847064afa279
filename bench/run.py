#!/usr/bin/env python3
"""Benchmark: archive against Hugo on the same synthetic corpus, in one run.

For each corpus size it generates the corpus with ../shared/bench/gen_corpus.py (the archive,
Hugo and Zola forms of the same documents), then times full clean builds of `archive build` and
`hugo` alternately, N rounds each, and prints the median wall time, the ratio, peak memory
(/usr/bin/time -v), pages per second and output bytes. A second archive configuration uses the
real site's two UI languages (ru, kk) with everything on (search index, feeds, export).

    python3 bench/run.py                      # 1k and 10k documents, 5 rounds, in /dev/shm
    python3 bench/run.py --docs 1000 10000 100000 --rounds 3 --hugo-max 10000

Hugo is Debian's package (`apt-get install hugo`); --hugo-max skips it above a size (it grows
faster than its input). Zola 0.22 runs when bench/get-zola.sh has installed it (or `zola` is on
the PATH); --zola-max likewise. Timing is measured, never asserted: this is not a test.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GEN = REPO.parent / "shared" / "bench" / "gen_corpus.py"


def timed(cmd, cwd=None):
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, peak RSS MiB)."""
    r = subprocess.run(["/usr/bin/time", "-v", *cmd], cwd=cwd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"command failed: {' '.join(cmd)}\n{r.stdout[-2000:]}\n{r.stderr[-4000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", r.stderr)
    h, m, s = wall.groups()
    seconds = (int(h) if h else 0) * 3600 + int(m) * 60 + float(s)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1)) / 1024
    return seconds, rss, r.stdout + r.stderr


def tree_stats(path):
    files, size, pages = 0, 0, 0
    for root, _, names in os.walk(path):
        for n in names:
            files += 1
            size += os.path.getsize(os.path.join(root, n))
            pages += n.endswith(".html")
    return files, size, pages


def two_languages(site: Path):
    """The corpus as the real site is configured: ru and kk UI, ru default."""
    text = (site / "site.toml").read_text(encoding="utf-8")
    text = re.sub(r'languages = \[.*\]', 'languages = ["ru", "kk"]', text)
    (site / "site.toml").write_text(text, encoding="utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--hugo-max", type=int, default=10000)
    ap.add_argument("--zola", default=str(REPO / "bench" / ".zola" / "zola"),
                    help="Zola command (bench/get-zola.sh installs one); skipped when missing")
    ap.add_argument("--zola-max", type=int, default=10000)
    ap.add_argument("--work", default="/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir())
    ap.add_argument("--json", help="also write the results here")
    ap.add_argument("--serve-rounds", type=int, default=5,
                    help="edits timed through `archive serve` per corpus size (0: none)")
    args = ap.parse_args()
    archive = REPO / "target" / "release" / "archive"
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    hugo = shutil.which("hugo")
    zola = args.zola if os.access(args.zola, os.X_OK) else shutil.which("zola")
    results = []
    for n in args.docs:
        work = Path(args.work) / f"archive-bench-{n}"
        if not (work / "MANIFEST.json").exists():
            subprocess.run([sys.executable, str(GEN), "--docs", str(n), "--out", str(work), "--force"], check=True, stdout=subprocess.DEVNULL)
        two = work / "archive-2lang"
        if two.exists():
            shutil.rmtree(two)
        shutil.copytree(work / "archive", two)
        two_languages(two)
        runs = {"archive": [], "archive 2 languages": [], "hugo": [], "zola": []}
        outs = {k: work / f"out-{i}" for i, k in enumerate(runs)}
        stats = {}

        def build(name, cmd, cwd=None):
            # Every build starts alike: no output of any generator in memory (/dev/shm is RAM,
            # and 100,000 documents leave gigabytes), its own output folder absent.
            for o in outs.values():
                shutil.rmtree(o, ignore_errors=True)
            runs[name].append(timed(cmd, cwd=cwd))
            stats[name] = tree_stats(outs[name])

        for _ in range(args.rounds):
            for name, site in [("archive", work / "archive"), ("archive 2 languages", two)]:
                build(name, [str(archive), "build", "--root", str(site), "--output", str(outs[name])])
            if hugo and n <= args.hugo_max:
                build("hugo", [hugo, "--quiet", "--destination", str(outs["hugo"])], cwd=work / "hugo")
            if zola and n <= args.zola_max:
                build("zola", [zola, "build", "--output-dir", str(outs["zola"]), "--force"], cwd=work / "zola")
        for o in outs.values():
            shutil.rmtree(o, ignore_errors=True)
        row = {"docs": n}
        if args.serve_rounds:
            row["serve"] = serve_latency(archive, work / "archive", args.serve_rounds)
        for name, samples in runs.items():
            if not samples:
                continue
            files, size, pages = stats[name]
            wall = statistics.median(s[0] for s in samples)
            row[name] = {"median_s": round(wall, 3), "peak_mib": round(max(s[1] for s in samples)), "pages": pages,
                         # Zola's own «Done in N ms» (its wall time without the process start).
                         "self_s": statistics.median(float(m.group(1)) / (1 if m.group(2) == "s" else 1000)
                                                     for m in (re.search(r"Done in ([\d.]+)(m?s)", x[2]) for x in samples) if m)
                         if name == "zola" else None,
                         "pages_per_s": round(pages / wall), "bytes": size, "files": files}
        results.append(row)
        print_row(row)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")


def http_get(addr, path):
    """Body of GET path from the preview server (urllib keeps no connection around)."""
    import urllib.request
    with urllib.request.urlopen(f"http://{addr}{path}", timeout=30) as r:
        return r.read().decode("utf-8", "replace")


def wait_for(addr, path, text, timeout=30.0):
    """Polls path until its body contains text; returns the seconds it took."""
    import time
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            if text in http_get(addr, path):
                return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.002)
    sys.exit(f"the preview never showed «{text}» on {path}")


def serve_latency(archive, site, rounds):
    """Save-to-reload of `archive serve`: the time from writing a file to the preview serving
    the changed page (watcher, applying the change, rendering the page), for a document's title
    and for a country's name shown on a document page. Medians in milliseconds."""
    import time
    proc = subprocess.Popen([str(archive), "serve", "--root", str(site), "--bind", "127.0.0.1:0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        addr = None
        for line in proc.stdout:
            m = re.search(r"serving the archive at http://([^/]+)/", line)
            if m:
                addr = m.group(1)
                break
        threading_drain(proc.stdout)
        docs = sorted((site / "content" / "documents").rglob("*.md"))
        # A document from the middle of the archive that names a country.
        doc = next(d for d in docs[len(docs) // 2:] if re.search(r"^countries: \[[a-z]", d.read_text(encoding="utf-8"), re.M))
        text = doc.read_text(encoding="utf-8")
        page = f"/ru/documents/{doc.parent.name}/{doc.stem}/"
        country = re.search(r"^countries: \[([a-z-]+)", text, re.M)
        cfile = site / "content" / "countries" / f"{country.group(1)}.md"
        ctext = cfile.read_text(encoding="utf-8")
        cname = re.search(r'^  ru: "([^"]+)"', ctext, re.M).group(1)
        http_get(addr, page)
        out = {"title_ms": [], "entity_ms": []}
        for k in range(rounds):
            mark = f"Правка{k}"
            title = re.search(r"^title: (.*)$", text, re.M).group(1)
            new_title = title[:-1] + f" {mark}\"" if title.endswith('"') else f"{title} {mark}"
            doc.write_text(text.replace(f"title: {title}", f"title: {new_title}", 1), encoding="utf-8")
            out["title_ms"].append(wait_for(addr, page, mark) * 1000)
            cfile.write_text(ctext.replace(f'ru: "{cname}"', f'ru: "{cname} {mark}"', 1), encoding="utf-8")
            out["entity_ms"].append(wait_for(addr, page, f"{cname} {mark}") * 1000)
            doc.write_text(text, encoding="utf-8")
            cfile.write_text(ctext, encoding="utf-8")
            time.sleep(0.3)
        return {k: round(statistics.median(v), 1) for k, v in out.items()}
    finally:
        doc.write_text(text, encoding="utf-8")
        cfile.write_text(ctext, encoding="utf-8")
        proc.kill()
        proc.wait()


def threading_drain(stream):
    import threading
    threading.Thread(target=lambda: [None for _ in stream], daemon=True).start()


def print_row(row):
    print(f"\n{row['docs']:,} documents")
    print(f"  {'':22} {'median':>9} {'peak MiB':>9} {'pages':>8} {'pages/s':>9} {'output MB':>10}")
    for name in ["archive", "archive 2 languages", "hugo", "zola"]:
        r = row.get(name)
        if r:
            print(f"  {name:22} {r['median_s']:>8.2f}s {r['peak_mib']:>9} {r['pages']:>8} {r['pages_per_s']:>9} {r['bytes']/1e6:>10.1f}")
    if "hugo" in row:
        print(f"  ratio archive / hugo (one language): {row['archive']['median_s'] / row['hugo']['median_s']:.2f}")
    if "zola" in row:
        z = row["zola"]
        print(f"  ratio archive / zola (one language): {row['archive']['median_s'] / z['median_s']:.2f}"
              f" (zola's own build time {z['self_s']:.2f} s: {row['archive']['median_s'] / z['self_s']:.2f})")
    if "serve" in row:
        s = row["serve"]
        print(f"  archive serve, save to reload (median): document title {s['title_ms']} ms, "
              f"country name on a document page {s['entity_ms']} ms")


if __name__ == "__main__":
    main()
