#!/usr/bin/env python3
"""Regenerates data/countries.csv from the shared Natural Earth GeoJSON.

Usage: scripts/make_countries_table.py [SHARED_GEOJSON] [OUT_CSV]
  defaults: ../shared/data/tracking/geo/kz_neighbours_ne10m.geojson -> data/countries.csv

The polygons of Kazakhstan and its six neighbours are simplified with Douglas-Peucker so the
committed table stays small. Borders shared by two countries are simplified once (as one chain
between the points where the set of countries sharing them changes), so neighbouring polygons
stay gap-free and overlap-free after simplification. Baikonur (a hole in Kazakhstan in
Natural Earth) is counted as Kazakhstan. Tolerances (in km, measured in a local
equirectangular projection): 1 km on every border of Kazakhstan, 2 km on other borders near
it, 3 km far away (Russia's Arctic and Pacific coasts, China's coast).
"""
import json
import math
import os
import sys

ISO2 = {"KAZ": "KZ", "RUS": "RU", "CHN": "CN", "KGZ": "KG", "UZB": "UZ", "TKM": "TM", "TJK": "TJ"}
KZ_TOLERANCE_KM = 1.0
NEAR_TOLERANCE_KM = 2.0
FAR_TOLERANCE_KM = 3.0
NEAR_BOX = (44.0, 36.0, 92.0, 58.0)  # lon_min, lat_min, lon_max, lat_max around Kazakhstan
KM_PER_DEGREE = 6371.0088 * math.pi / 180.0


def load_rings(path):
    """Returns [(iso2, polygon, ring, [(lon, lat), ...] without the closing point)]."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    rings = []
    for feature in doc["features"]:
        iso2 = ISO2[feature["properties"]["iso_a3"]]
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        for p, polygon in enumerate(polygons):
            for r, ring in enumerate(polygon):
                points = [(round(x, 5), round(y, 5)) for x, y in ring]
                if points[0] == points[-1]:
                    points.pop()
                if iso2 == "KZ" and r > 0:
                    # Kazakhstan's only hole is the Baikonur Cosmodrome, which Natural Earth
                    # keeps as a separate unit (leased to Russia); it is Kazakh territory.
                    continue
                rings.append((iso2, p, r, points))
    return rings


def segment_distance_km(p, a, b, cos_lat):
    ax, ay = (a[0] - p[0]) * cos_lat, a[1] - p[1]
    bx, by = (b[0] - p[0]) * cos_lat, b[1] - p[1]
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length2))
    return math.hypot(ax + t * dx, ay + t * dy) * KM_PER_DEGREE


def douglas_peucker(chain, tolerance_km):
    """Indices of `chain` to keep (always both ends)."""
    cos_lat = math.cos(math.radians(sum(p[1] for p in chain) / len(chain)))
    keep = {0, len(chain) - 1}
    stack = [(0, len(chain) - 1)]
    while stack:
        first, last = stack.pop()
        best, best_i = -1.0, -1
        for i in range(first + 1, last):
            d = segment_distance_km(chain[i], chain[first], chain[last], cos_lat)
            if d > best:
                best, best_i = d, i
        if best > tolerance_km:
            keep.add(best_i)
            stack.append((first, best_i))
            stack.append((best_i, last))
    return keep


def tolerance_for(countries, chain):
    if "KZ" in countries:
        return KZ_TOLERANCE_KM
    lon_min, lat_min, lon_max, lat_max = NEAR_BOX
    if any(lon_min <= x <= lon_max and lat_min <= y <= lat_max for x, y in chain):
        return NEAR_TOLERANCE_KM
    return FAR_TOLERANCE_KM


def simplify(rings):
    owners = {}  # point -> set of ring indices that contain it
    for index, (_, _, _, points) in enumerate(rings):
        for pt in points:
            owners.setdefault(pt, set()).add(index)
    kept = set()
    for index, (_, _, _, points) in enumerate(rings):
        n = len(points)
        # A point is fixed where the set of rings sharing the boundary changes.
        fixed = [i for i in range(n)
                 if owners[points[i]] != owners[points[i - 1]]
                 or owners[points[i]] != owners[points[(i + 1) % n]]]
        if not fixed:  # a ring shared with nobody (or entirely shared): split it in two
            far = max(range(n), key=lambda i: (points[i][0] - points[0][0]) ** 2 +
                      (points[i][1] - points[0][1]) ** 2)
            fixed = sorted({0, far})
        kept.update(points[i] for i in fixed)
        for k, start in enumerate(fixed):
            end = fixed[(k + 1) % len(fixed)]
            chain = [points[i % n] for i in range(start, end + (n if end <= start else 0) + 1)]
            if len(chain) < 3:
                continue
            # Simplify every shared chain in one canonical direction so that all rings
            # sharing it keep exactly the same points.
            if chain[-1] < chain[0]:
                chain.reverse()
            countries = {rings[r][0] for r in owners[chain[1]]}
            kept.update(chain[i] for i in douglas_peucker(chain, tolerance_for(countries, chain)))
    out = []
    for iso2, p, r, points in rings:
        simplified = []
        for x, y in points:
            if (x, y) in kept:
                pt = (round(x, 4), round(y, 4))
                if not simplified or simplified[-1] != pt:
                    simplified.append(pt)
        if len(simplified) > 1 and simplified[0] == simplified[-1]:
            simplified.pop()
        if len(simplified) >= 3:
            out.append((iso2, p, r, simplified))
    # Kazakhstan first: where simplified polygons still overlap, the first country wins.
    out.sort(key=lambda ring: (ring[0] != "KZ", ring[0], ring[1], ring[2]))
    return out


def max_deviation_km(original, simplified, iso2):
    """Largest distance from an original vertex of `iso2` to its simplified boundary."""
    segments = []
    for code, _, _, pts in simplified:
        if code == iso2:
            segments += [(pts[i - 1], pts[i]) for i in range(len(pts))]
    worst = 0.0
    for code, _, _, pts in original:
        if code != iso2:
            continue
        for p in pts[::3]:
            cos_lat = math.cos(math.radians(p[1]))
            near = [s for s in segments
                    if min(s[0][1], s[1][1]) - 0.3 <= p[1] <= max(s[0][1], s[1][1]) + 0.3]
            worst = max(worst, min((segment_distance_km(p, a, b, cos_lat) for a, b in near),
                                   default=math.inf))
    return worst


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        root, "..", "shared", "data", "tracking", "geo", "kz_neighbours_ne10m.geojson")
    target = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "data", "countries.csv")
    rings = load_rings(source)
    simplified = simplify(rings)
    with open(target, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Country boundaries of Kazakhstan and its neighbours (RU, CN, KG, UZ, TM, TJ). "
                "Source: Natural Earth 10m admin-0 countries (public domain) via npm "
                "world-atlas@2.0.2 (ISC), ../shared/data/tracking/geo/kz_neighbours_ne10m.geojson; "
                "simplified by scripts/make_countries_table.py (Douglas-Peucker, 1 km on "
                "Kazakhstan's borders, 2 km nearby, 3 km far away; the Baikonur lease area, a hole in Natural Earth's Kazakhstan, "
                "is counted as Kazakhstan).\n")
        f.write("# points: 'lat lon' pairs separated by ';', ring closed implicitly; ring 0 is "
                "the outer boundary of the polygon, rings 1.. are its holes.\n")
        f.write("iso2,polygon,ring,points\n")
        for iso2, p, r, points in simplified:
            f.write(f"{iso2},{p},{r},{';'.join(f'{y:.4f} {x:.4f}' for x, y in points)}\n")
    before = sum(len(r[3]) for r in rings)
    after = sum(len(r[3]) for r in simplified)
    print(f"{target}: {len(simplified)} rings, {after} points (from {before}), "
          f"{os.path.getsize(target)} bytes")
    print(f"KZ: largest distance of an original border vertex from the simplified border: "
          f"{max_deviation_km(rings, simplified, 'KZ'):.2f} km")


if __name__ == "__main__":
    main()
