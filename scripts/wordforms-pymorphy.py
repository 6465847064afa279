#!/usr/bin/env python3
"""Dictionary baseline for the word-form evaluation (issue 14, item 1).

Scores pymorphy3 (OpenCorpora's Russian dictionary) on tests/fixtures/wordforms/groups.txt the
way src/search/eval_words.rs scores the index stems: a form's key is the normal form of its most
likely parse. Russian only (pymorphy3 has no Kazakh dictionary; Kazakh forms would only be
folded). Needs `pip install pymorphy3 pymorphy3-dicts-ru` in a virtual environment.

    python3 scripts/wordforms-pymorphy.py [--holdout]
"""
import re
import sys
import time
from pathlib import Path

import pymorphy3

ROOT = Path(__file__).resolve().parent.parent


def main():
    part = 'holdout' if '--holdout' in sys.argv else 'dev'
    morph = pymorphy3.MorphAnalyzer()
    groups, apart = [], []
    for line in (ROOT / 'tests/fixtures/wordforms/groups.txt').read_text().splitlines():
        if not line.strip() or line.startswith('#'):
            continue
        head, forms = line.split(':', 1)
        head, forms = head.split(), forms.split()
        if head[0] == 'apart':
            apart.append((head[1], forms))
        elif head[0] == part:
            groups.append((head[1], forms))
    key = lambda w: morph.parse(re.split(r'-(?=[а-яәғқңөұүһі]+$)', w)[0].lower().replace('ё', 'е'))[0].normal_form
    start = time.perf_counter()
    n = 0
    for lang in ['ru']:
        gs = [f for l, f in groups if l == lang]
        whole = pairs = joined = 0
        for forms in gs:
            keys = [key(f) for f in forms]
            n += len(keys)
            whole += all(k == keys[0] for k in keys)
            if not all(k == keys[0] for k in keys):
                print('   ', ' '.join(f'{f}→{k}' for f, k in zip(forms, keys)))
            for i in range(len(keys)):
                for j in range(i + 1, len(keys)):
                    pairs += 1
                    joined += keys[i] == keys[j]
        ap = [(a, b) for l, (a, b) in apart if l == lang]
        kept = sum(key(a) != key(b) for a, b in ap)
        print(f'| {part} {lang} pymorphy3 | {len(gs)} | {whole / len(gs):.3f} | {joined / pairs:.3f} | {kept / len(ap):.3f} ({kept}/{len(ap)}) |')
    print(f'{n} forms in {time.perf_counter() - start:.3f} s')


if __name__ == '__main__':
    main()
