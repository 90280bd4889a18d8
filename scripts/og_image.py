"""Draw static/img/og-default.png: the 1200×630 picture link previews (Open Graph) show for
pages without a picture of their own. Previews do not take SVG, so it is a PNG, drawn by the
system Chromium from the shop's own logo and colours (no font or image from elsewhere).

    .venv/bin/python scripts/og_image.py
"""

from io import BytesIO
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "static" / "img" / "og-default.png"
LOGO = (ROOT / "static" / "img" / "logo.svg").read_text()

PAGE = f"""<!doctype html><html><head><meta charset="utf-8"><style>
body {{ margin: 0; width: 1200px; height: 630px; display: flex; flex-direction: column;
  justify-content: center; padding: 0 96px; box-sizing: border-box; color: #fff;
  font-family: system-ui, "DejaVu Sans", sans-serif;
  background: linear-gradient(135deg, #3b4cca, #6a3bca); }}
.brand {{ display: flex; align-items: center; gap: 28px; font-size: 72px; font-weight: 700; }}
.brand svg {{ width: 112px; height: 112px; border-radius: 24px; box-shadow: 0 0 0 6px #fff; }}
p {{ font-size: 40px; margin: 40px 0 0; max-width: 900px; line-height: 1.3; opacity: .95; }}
</style></head><body>
<div class="brand">{LOGO}<span>SmartShop AI</span></div>
<p>Good things, chosen with care · Добрі речі, дібрані з турботою</p>
</body></html>"""


def main() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.set_content(PAGE)
        shot = page.screenshot()
        browser.close()
    # 256 colours, dithered: a fifth of the size, no visible banding in the gradient.
    picture = Image.open(BytesIO(shot)).convert("RGB")
    picture.quantize(colors=256, dither=Image.Dither.FLOYDSTEINBERG).save(OUT, optimize=True)
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
