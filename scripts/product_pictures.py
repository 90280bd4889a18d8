"""Rebuild the demo products' pictures: static/shop/img/products/<sku>.svg, one per product.

    .venv/bin/python scripts/product_pictures.py

Each picture is a line icon set on its category's colours, with a little variation per SKU
(background direction, shapes, tilt), so no two look alike. The icon is named by the
product's `picture` in the demo data: "tabler:<name>" (Tabler Icons, MIT), "lucide:<name>"
(Lucide, ISC) or "own:<name>" (drawn below, in the same 24-unit grid and stroke style). The two
icon packages are fetched with `npm pack` into a temporary directory at the pinned versions
below; only the output and the licences are committed (static/shop/img/products/LICENSES.md).
Needs `npm`. The output is deterministic: rerunning it changes nothing unless the data did.
"""

import hashlib
import random
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shop.catalogue.demo_data import CATEGORIES  # noqa: E402  (after the path is set)

OUT = ROOT / "static" / "shop" / "img" / "products"
PACKAGES = {
    # name: (npm package at a pinned version, folder of 24x24 outline icons in its tarball)
    "tabler": ("@tabler/icons@3.52.0", "package/icons/outline"),
    "lucide": ("lucide-static@1.62.0", "package/icons"),
}
TABLER_BOX = re.compile(r'<path stroke="none" d="M0 0h24v24H0z" fill="none"\s*/>')

# Drawn for products neither set has, on the same 24-unit grid, for 2-unit round strokes.
OWN = {
    "skillet": '<circle cx="10" cy="14" r="7"/><circle cx="10" cy="14" r="4.5"/>'
    '<path d="M15 9l5.5 -5.5"/>',
    "plate": '<circle cx="12" cy="12" r="6"/><circle cx="12" cy="12" r="3.5"/><path d="M3 5v14"/>'
    '<path d="M1.5 4v3a1.5 1.5 0 0 0 3 0v-3"/><path d="M21 19v-15c-1.5 1 -2 3 -2 6h2"/>',
    "board": '<path d="M9.5 7v-2.5a2.5 2.5 0 0 1 5 0v2.5"/><circle cx="12" cy="4.5" r=".5"/>'
    '<rect x="5" y="7" width="14" height="15" rx="3"/><circle cx="9.5" cy="16.5" r="1.75"/>'
    '<circle cx="14" cy="13" r="1.75"/><path d="M8 11.5l2 -1"/>',
    "dripper": '<path d="M4 4h16l-4 8h-8z"/><path d="M5 14h14"/><path d="M10 12v2m4 -2v2"/>'
    '<path d="M7 14v3a3 3 0 0 0 3 3h4a3 3 0 0 0 3 -3v-3"/>',
    "kettle": '<path d="M8 10h6l2 9.5a.5 .5 0 0 1 -.5 .5h-9a.5 .5 0 0 1 -.5 -.5z"/>'
    '<path d="M8.5 10c0 -1.5 1.2 -2.5 2.5 -2.5s2.5 1 2.5 2.5"/><path d="M11 7.5v-1"/>'
    '<path d="M14 9.5c3 -1 5.5 0 5.5 3.5c0 2.5 -1.5 4 -3.4 4.5"/>'
    '<path d="M7 16.5c-2.5 0 -3.5 -1.5 -3.5 -4.5c0 -2 -.5 -3.5 -2 -4.5"/>',
    "grinder": '<path d="M7 3h10l-1.5 5h-7z"/><rect x="6" y="8" width="12" height="13" rx="2"/>'
    '<circle cx="12" cy="11.5" r="1.5"/><rect x="9" y="15" width="6" height="4" rx="1"/>',
    "towels": '<rect x="3" y="13" width="18" height="7" rx="2"/>'
    '<rect x="5" y="6" width="14" height="7" rx="2"/><path d="M3 17h18"/><path d="M5 10h14"/>',
    "lightbar": '<rect x="3" y="7" width="18" height="11" rx="2"/><path d="M9 21h6"/>'
    '<path d="M12 18v3"/><rect x="6" y="3" width="12" height="2" rx="1"/>',
    "lantern": '<path d="M9 5a3 3 0 0 1 6 0"/><path d="M8 5h8l1 2h-10z"/>'
    '<rect x="7" y="7" width="10" height="11" rx="1"/>'
    '<path d="M12 15.5a1.5 1.5 0 0 1 -1.5 -1.5c0 -1.2 1.5 -3 1.5 -3s1.5 1.8 1.5 3a1.5 1.5 0 0 1 '
    '-1.5 1.5z"/><path d="M6 18h12v2a1 1 0 0 1 -1 1h-10a1 1 0 0 1 -1 -1z"/>',
    "sleeve": '<rect x="2" y="6" width="20" height="13" rx="2"/>'
    '<path d="M8 6v5a2 2 0 0 0 2 2h4a2 2 0 0 0 2 -2v-5"/><circle cx="12" cy="11" r=".5"/>'
    '<path d="M5 6v-1.5a.5 .5 0 0 1 .5 -.5h13a.5 .5 0 0 1 .5 .5v1.5"/>',
}

# Per category: background light and deep, shapes, ink (the icon), accent (its offset print).
PALETTES = {
    "kitchen": ("#fdf0e9", "#f9d9c8", "#f3c2a8", "#7a3418", "#ec8a5e"),
    "coffee-tea": ("#f7efe4", "#ecdcc4", "#dfc5a0", "#4f3117", "#c08a4f"),
    "home": ("#eef5ee", "#d6e8d7", "#bcd8bf", "#27503a", "#79b38a"),
    "office": ("#edf2fa", "#d5e0f2", "#b9cbea", "#24406a", "#6f93cf"),
    "outdoors": ("#e8f5f2", "#cbe9e2", "#a9dacf", "#17554b", "#4aa898"),
    "tech": ("#f1effc", "#dcd7f7", "#c4bcf0", "#352c7e", "#8b7fe3"),
}


def icons_fetch(workdir: Path) -> dict[str, Path]:
    """Each package's icon folder, unpacked from `npm pack` (no install, no scripts run)."""
    folders = {}
    for name, (package, inner) in PACKAGES.items():
        target = workdir / name
        target.mkdir()
        result = subprocess.run(
            ["npm", "pack", "--silent", package],
            cwd=target,
            check=True,
            capture_output=True,
            text=True,
        )
        tarball = target / result.stdout.strip().splitlines()[-1]
        with tarfile.open(tarball) as archive:
            archive.extractall(target, filter="data")
        folders[name] = target / inner
        licence = (target / "package" / "LICENSE").read_text()
        (workdir / f"{name}.LICENSE").write_text(licence)
    return folders


def icon_body(spec: str, folders: dict[str, Path]) -> str:
    """The icon's shapes (paths, circles, lines …) as SVG text, without its <svg> wrapper."""
    source, name = spec.split(":")
    if source == "own":
        return OWN[name]
    text = (folders[source] / f"{name}.svg").read_text()
    match = re.search(r"<svg[^>]*>(.*)</svg>", text, re.DOTALL)
    if match is None:
        raise ValueError(f"{spec}: not an SVG icon")
    inner = TABLER_BOX.sub("", match[1])  # Tabler's invisible 24x24 bounding box
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", inner)).strip()


def picture(*, sku: str, title: str, icon: str, palette: tuple[str, ...]) -> str:
    """One product's SVG, 400x400: background, soft shapes, a disc, and the icon printed twice
    (an offset accent, then the ink), placed with a few random choices seeded by the SKU."""
    light, deep, shape, ink, accent = palette
    # Cosmetic choices only, the same on every run for the same SKU.
    rng = random.Random(hashlib.sha256(sku.encode()).digest())  # noqa: S311
    x1, y1 = rng.choice([(0, 0), (1, 0), (0, 1), (1, 1)])
    blobs = []
    for _ in range(3):
        corner_x, corner_y = rng.choice([60, 340]), rng.choice([60, 340])
        cx = corner_x + rng.randint(-40, 40)
        cy = corner_y + rng.randint(-40, 40)
        radius = rng.randint(34, 86)
        opacity = rng.choice([".45", ".6", ".8"])
        blobs.append(
            f'<circle cx="{cx}" cy="{cy}" r="{radius}" fill="{shape}" opacity="{opacity}"/>'
        )
    dots = []
    for _ in range(rng.randint(3, 5)):
        x, y = rng.randint(40, 360), rng.choice([rng.randint(24, 70), rng.randint(330, 376)])
        radius = rng.choice([3, 4, 5])
        dots.append(f'<circle cx="{x}" cy="{y}" r="{radius}" fill="{accent}" opacity=".7"/>')
    tilt = rng.choice([-8, -5, -3, 0, 3, 5, 8])
    disc_x = 200 + rng.randint(-10, 10)
    disc_y = 204 + rng.randint(-10, 10)
    scale = 8.8
    dx, dy = rng.choice([(6, 6), (-6, 6), (6, -5)])
    if rng.random() < 0.5:
        plinth = f'<circle cx="{disc_x}" cy="{disc_y}" r="138" fill="#fff" opacity=".72"/>'
    else:  # a rounded square, turned a little
        turn = rng.choice([-12, -6, 6, 12])
        plinth = (
            f'<rect x="{disc_x - 124}" y="{disc_y - 124}" width="248" height="248" rx="56" '
            f'fill="#fff" opacity=".72" transform="rotate({turn} {disc_x} {disc_y})"/>'
        )
    place = f"translate({disc_x} {disc_y}) rotate({tilt}) scale({scale}) translate(-12 -12)"
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400" '
        'role="img">'
        f"<title>{_escape(title)}</title>"
        f'<defs><linearGradient id="b" x1="{x1}" y1="{y1}" x2="{1 - x1}" y2="{1 - y1}">'
        f'<stop offset="0" stop-color="{light}"/><stop offset="1" stop-color="{deep}"/>'
        f'</linearGradient><g id="i" fill="none" stroke-width="1.35" stroke-linecap="round" '
        f'stroke-linejoin="round">{icon}</g></defs>'
        f'<rect width="400" height="400" fill="url(#b)"/>{"".join(blobs)}{"".join(dots)}'
        f"{plinth}"
        f'<g transform="translate({dx} {dy})"><use href="#i" '
        f'transform="{place}" stroke="{accent}" opacity=".55"/></g>'
        f'<use href="#i" transform="{place}" stroke="{ink}"/>'
        "</svg>\n"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        folders = icons_fetch(workdir)
        used: dict[str, list[str]] = {}
        for category in CATEGORIES:
            for product in category.products:
                icon = icon_body(product.picture, folders)
                svg = picture(
                    sku=product.sku,
                    title=f"{product.name.uk} · {product.name.en}",
                    icon=icon,
                    palette=PALETTES[category.slug],
                )
                (OUT / f"{product.sku.lower()}.svg").write_text(svg)
                used.setdefault(product.picture.split(":")[0], []).append(
                    f"{product.sku} {product.picture}"
                )
        (OUT / "LICENSES.md").write_text(licences(workdir, used))
    print(f"Wrote {sum(len(v) for v in used.values())} pictures to {OUT.relative_to(ROOT)}")


def licences(workdir: Path, used: dict[str, list[str]]) -> str:
    parts = [
        "# Product pictures: sources and licences\n\n"
        "Generated by `scripts/product_pictures.py` (rerun it to rebuild them). Each picture is\n"
        "our composition (background, shapes, colours) around one line icon, listed below by\n"
        "SKU. Icons marked `own` were drawn for this project; the others come from the icon\n"
        "sets below, used under their licences, which are reproduced in full.\n"
    ]
    for source, (package, _inner) in PACKAGES.items():
        listing = "\n".join(f"- {line}" for line in sorted(used.get(source, [])))
        parts.append(
            f"\n## {package} ({source})\n\n{listing}\n\n```text\n"
            f"{(workdir / f'{source}.LICENSE').read_text().strip()}\n```\n"
        )
    own = "\n".join(f"- {line}" for line in sorted(used.get("own", [])))
    parts.append(f"\n## Drawn for this project (own)\n\n{own}\n")
    return "".join(parts)


if __name__ == "__main__":
    main()
