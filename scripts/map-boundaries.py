#!/usr/bin/env python3
"""Regenerates src/render/map/boundaries.json, the country outlines of the site's region map.

Source: Natural Earth 1:50m Admin 0 countries (public domain), version 4.1.0, as redistributed in
TopoJSON by the npm package `world-atlas` 2.0.2 (ISC licence; its file `countries-50m.json`). Get it
with `npm pack world-atlas@2.0.2` and unpack it, then:

    python3 scripts/map-boundaries.py package/countries-50m.json > src/render/map/boundaries.json

What it does: decodes the TopoJSON arcs to longitude/latitude, keeps the countries that reach into
the region (BOX), clips every ring to the region's rectangle, simplifies it (Douglas–Peucker,
TOLERANCE degrees: about a unit of the 1000-unit-wide map; finer for a small island), drops islets under MIN_AREA square
degrees unless a country would lose its last ring (Bahrain, the Maldives stay), rounds to two
decimals and names each country by its ISO 3166-1 alpha-2 code, the code `iso` of the archive's
country files. Standard library only; the output is deterministic.
"""

import json
import sys

BOX = (24.0, 3.0, 130.0, 58.0)  # west, south, east, north (degrees)
TOLERANCE = 0.12
MIN_AREA = 0.5

# ISO 3166-1 numeric (Natural Earth's id in world-atlas) -> alpha-2, for the countries in BOX.
ALPHA2 = {
    '887': 'YE', '704': 'VN', '860': 'UZ', '784': 'AE', '804': 'UA', '800': 'UG', '795': 'TM',
    '792': 'TR', '764': 'TH', '834': 'TZ', '762': 'TJ', '158': 'TW', '760': 'SY', '728': 'SS',
    '729': 'SD', '144': 'LK', '410': 'KR', '706': 'SO', '703': 'SK', '702': 'SG', '688': 'RS',
    '682': 'SA', '646': 'RW', '643': 'RU', '642': 'RO', '634': 'QA', '616': 'PL', '608': 'PH',
    '585': 'PW', '586': 'PK', '512': 'OM', '408': 'KP', '524': 'NP', '496': 'MN', '498': 'MD',
    '462': 'MV', '458': 'MY', '807': 'MK', '440': 'LT', '434': 'LY', '422': 'LB', '428': 'LV',
    '418': 'LA', '417': 'KG', '414': 'KW', '404': 'KE', '398': 'KZ', '400': 'JO', '392': 'JP',
    '376': 'IL', '275': 'PS', '368': 'IQ', '364': 'IR', '360': 'ID', '356': 'IN', '348': 'HU',
    '300': 'GR', '268': 'GE', '246': 'FI', '231': 'ET', '233': 'EE', '232': 'ER', '818': 'EG',
    '262': 'DJ', '196': 'CY', '180': 'CD', '156': 'CN', '446': 'MO', '344': 'HK', '148': 'TD',
    '140': 'CF', '116': 'KH', '104': 'MM', '100': 'BG', '096': 'BN', '064': 'BT', '112': 'BY',
    '050': 'BD', '048': 'BH', '031': 'AZ', '051': 'AM', '004': 'AF',
}


def decode_arcs(topo):
    (sx, sy), (tx, ty) = topo['transform']['scale'], topo['transform']['translate']
    arcs = []
    for arc in topo['arcs']:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring_of(indices, arcs):
    pts = []
    for i in indices:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(a if not pts else a[1:])
    return pts


def clip(ring):
    """Sutherland–Hodgman against the rectangle BOX."""
    w, s, e, n = BOX
    edges = [
        (lambda p: p[0] >= w, lambda a, b: (w, a[1] + (b[1] - a[1]) * (w - a[0]) / (b[0] - a[0]))),
        (lambda p: p[0] <= e, lambda a, b: (e, a[1] + (b[1] - a[1]) * (e - a[0]) / (b[0] - a[0]))),
        (lambda p: p[1] >= s, lambda a, b: (a[0] + (b[0] - a[0]) * (s - a[1]) / (b[1] - a[1]), s)),
        (lambda p: p[1] <= n, lambda a, b: (a[0] + (b[0] - a[0]) * (n - a[1]) / (b[1] - a[1]), n)),
    ]
    pts = ring
    for inside, cross in edges:
        if not pts:
            break
        out = []
        for k, cur in enumerate(pts):
            prev = pts[k - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
        pts = out
    return pts


def simplify(pts, tol):
    """Douglas–Peucker on an open polyline (iterative)."""
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = pts[a], pts[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, at = -1.0, None
        for k in range(a + 1, b):
            x, y = pts[k]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > best:
                best, at = d, k
        if at is not None and best > tol:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(pts, keep) if k]


def area(ring):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))) / 2


def main(path):
    topo = json.load(open(path, encoding='utf-8'))
    arcs = decode_arcs(topo)
    countries = []
    for g in topo['objects']['countries']['geometries']:
        polys = {'Polygon': [g.get('arcs')], 'MultiPolygon': g.get('arcs')}.get(g['type'], [])
        rings = []
        for poly in polys:
            for indices in poly:
                ring = clip(ring_of(indices, arcs))
                if len(ring) < 3:
                    continue
                # Simplify as a closed ring: split at the point farthest from the first.
                far = max(range(len(ring)), key=lambda k: (ring[k][0] - ring[0][0]) ** 2 + (ring[k][1] - ring[0][1]) ** 2)
                # A small island gets a finer tolerance, so it keeps a shape (Bahrain, not a dot).
                tol = min(TOLERANCE, area(ring) ** 0.5 / 5)
                half = simplify(ring[: far + 1], tol) + simplify(ring[far:] + ring[:1], tol)[1:-1]
                rounded = []
                for x, y in half:
                    p = (round(x, 2), round(y, 2))
                    if not rounded or rounded[-1] != p:
                        rounded.append(p)
                if len(rounded) >= 3:
                    rings.append((area(ring), rounded))
        if not rings:
            continue
        rings.sort(key=lambda r: -r[0])
        kept = [r for k, (a, r) in enumerate(rings) if k == 0 or a >= MIN_AREA]
        countries.append({
            'iso': ALPHA2.get(g.get('id') or '', ''),
            'name': g['properties']['name'],
            'rings': [[c for p in r for c in p] for r in kept],
        })
    countries.sort(key=lambda c: (c['iso'] or '~', c['name']))
    out = {
        'source': 'Natural Earth 1:50m Admin 0 countries, v4.1.0 (public domain), via world-atlas 2.0.2; '
                  'clipped, simplified and rounded by scripts/map-boundaries.py',
        'box': list(BOX),
        'countries': countries,
    }
    sys.stdout.write('{"source": %s,\n"box": %s,\n"countries": [\n' % (json.dumps(out['source']), json.dumps(out['box'])))
    sys.stdout.write(',\n'.join(json.dumps(c, ensure_ascii=False, separators=(',', ':')) for c in countries))
    sys.stdout.write('\n]}\n')


if __name__ == '__main__':
    main(sys.argv[1])
