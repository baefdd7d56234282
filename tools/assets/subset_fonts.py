"""Cut the site's web fonts from the IBM Plex Sans Arabic package.

    npm ci && python -m tools.assets.subset_fonts

Source: @fontsource/ibm-plex-sans-arabic (package.json), whose files split the
family by script. Arabic text is full of Latin digits and punctuation, which
that split puts in the Latin file, so every Arabic page downloaded both. We
merge the basic Arabic block with the digits and punctuation into one file per
weight; an Arabic page without Latin words then loads only that file, and
theme/scss/_fonts.scss maps the faces with unicode-range. The Latin files are
copied as they are. Output is committed (theme/static/fonts/); rerun this after
upgrading the package. Needs fonttools and brotli (requirements.txt).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "node_modules/@fontsource/ibm-plex-sans-arabic"
TARGET = ROOT / "theme/static/fonts"
WEIGHTS = (400, 700)

# Keep in step with $arabic-range and $digits-range in theme/scss/_fonts.scss.
ARABIC = "U+0600-06FF,U+200C-200F,U+2010-2011,U+FD3E-FD3F"
DIGITS_AND_PUNCTUATION = (
    "U+0020-0040,U+005B-0060,U+007B-007E,U+00A0,U+00AB,U+00BB,U+00D7,U+2012-2027,U+2030-205E"
)


def _subset(source: Path, unicodes: str, output: Path) -> None:
    options = subset.Options()
    options.layout_features = ["*"]  # keep every shaping feature Arabic needs
    options.name_IDs = ["*"]
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(unicodes))
    subsetter.subset(font)
    subset.save_font(font, str(output), options)


def build(weight: int, work: Path) -> Path:
    files = SOURCE / "files"
    arabic, digits = work / f"arabic-{weight}.ttf", work / f"digits-{weight}.ttf"
    _subset(files / f"ibm-plex-sans-arabic-arabic-{weight}-normal.woff2", ARABIC, arabic)
    _subset(
        files / f"ibm-plex-sans-arabic-latin-{weight}-normal.woff2",
        DIGITS_AND_PUNCTUATION,
        digits,
    )
    merged = Merger().merge([str(arabic), str(digits)])
    merged.flavor = "woff2"
    output = TARGET / f"ibm-plex-sans-arabic-arabic-digits-{weight}.woff2"
    merged.save(str(output))
    latin = f"ibm-plex-sans-arabic-latin-{weight}-normal.woff2"
    shutil.copyfile(files / latin, TARGET / latin)
    return output


def main() -> None:
    if not SOURCE.is_dir():
        raise SystemExit(f"{SOURCE} is missing: run `npm ci` first")
    with tempfile.TemporaryDirectory() as tmp:
        for weight in WEIGHTS:
            output = build(weight, Path(tmp))
            print(f"{output.relative_to(ROOT)}: {output.stat().st_size:,} bytes")
    shutil.copyfile(SOURCE / "LICENSE", TARGET / "LICENSE-IBM-Plex-Sans-Arabic.txt")


if __name__ == "__main__":
    main()
