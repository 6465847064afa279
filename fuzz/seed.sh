#!/bin/sh
# Seeds each target's corpus (fuzz/corpus/<target>/, not kept in git) from the repository's real
# inputs: the content files, the raw sources and the importer's hard cases. Run from anywhere.
set -eu
fuzz=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$fuzz")
seed() { # target, files…
    dir="$fuzz/corpus/$1"
    shift
    mkdir -p "$dir"
    for f in "$@"; do
        [ -f "$f" ] && cp "$f" "$dir/$(printf '%s' "${f#"$repo"/}" | tr '/' '_')"
    done
    return 0
}
content=$(find "$repo/content" -name '*.md' | sort)
inputs=$(find "$repo/sources" "$repo/tests/fixtures/import/cases" -type f \
    \( -path '*/sources/*' -o -name 'input.*' \) | sort)
# shellcheck disable=SC2086 # word splitting of the file lists is intended (no spaces in them)
{
    seed front_matter $content
    seed slug $content $inputs
    seed dates $inputs
    seed import_text $inputs
    seed markdown_body $content $(find "$repo/tests/fixtures" -name '*.md' | sort)
    seed import_html $inputs
}
# Raw HTML in running text, the shapes that swallowed or stalled a body.
for t in "Тег <script> в тексте.\n\nДалее **жирно**." "<style>\nтекст\n\n# Раздел" \
    "Начало <!-- без конца\n\n- пункт" "<table><tr><td>ячейка</td>\nпосле" \
    "<math><style><img src=x onerror=alert(1)>" "[ссылка](javascript:alert(1)) <b>жирно" \
    "> > > <div><div><template>скрыто</template>" "<svg><style>a</style></svg> &#1;&#x85;"; do
    printf '%b' "$t" >"$fuzz/corpus/markdown_body/short-$(printf '%s' "$t" | cksum | cut -d' ' -f1)"
done
# Short seeds: the date and slug forms themselves.
printf '%s\n' 2019 2019-11 2019-11-02 " 2024-02-29 " 2024-02-30 \
    "16 октября 2024 года" "2019 жылғы 5 наурызда" "05.03.2024" "23 февраля" \
    "2019-11-02T07:32:00+00:00" |
    while IFS= read -r line; do
        printf '%s' "$line" >"$fuzz/corpus/dates/short-$(printf '%s' "$line" | cksum | cut -d' ' -f1)"
    done
for t in "Қасым-Жомарт Тоқаев" "Объём съезда" "«РК–КНР»: 5G!" "Щёлково, Юрьев"; do
    printf '%s' "$t" >"$fuzz/corpus/slug/short-$(printf '%s' "$t" | cksum | cut -d' ' -f1)"
done
