"""Layout: nothing wider than the screen, and a header that mirrors with the language.

overflow_problems(page)             the page scrolls sideways, and what sticks out
header_mirror_problems(page, dir)   brand at the start side (right in Arabic),
                                    navigation after it, menu items in reading order
"""

from __future__ import annotations

import itertools

HEADER = "header"
BRAND = "header a[rel=home]"
NAV = "header nav:not(.lang-switch)"
NAV_LINKS = "header nav:not(.lang-switch) li"

_OVERFLOW = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  if (root.scrollWidth <= width) return null;
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width && (box.right > width + 1 || box.left < -1)) {
      const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                   + (el.classList.length ? '.' + [...el.classList].join('.') : '');
      culprits.push(`${name} (${Math.round(box.left)}..${Math.round(box.right)})`);
    }
  }
  return {scrollWidth: root.scrollWidth, width, culprits: culprits.slice(0, 5)};
}"""


def overflow_problems(page) -> list[str]:
    found = page.evaluate(_OVERFLOW)
    if not found:
        return []
    culprits = ", ".join(found["culprits"]) or "nothing found"
    return [
        (
            f"scrolls sideways: {found['scrollWidth']} px of content in {found['width']} px; "
            f"sticking out: {culprits}"
        )
    ]


_BOXES = """sel => {
  const box = q => { const el = document.querySelector(q);
                     if (!el) return null; const b = el.getBoundingClientRect();
                     return {left: b.left, right: b.right, top: b.top, bottom: b.bottom}; };
  return {
    dir: getComputedStyle(document.documentElement).direction,
    brand: box(sel.brand), nav: box(sel.nav),
    items: [...document.querySelectorAll(sel.items)].map(el => {
      const b = el.getBoundingClientRect();
      return {left: b.left, right: b.right, top: b.top, bottom: b.bottom};
    }),
  };
}"""


def _same_row(a: dict, b: dict) -> bool:
    return a["top"] < b["bottom"] and b["top"] < a["bottom"]


def header_mirror_problems(page, expected_dir: str) -> list[str]:
    """In RTL the brand is at the right and the navigation to its left; LTR the mirror."""
    boxes = page.evaluate(_BOXES, {"brand": BRAND, "nav": NAV, "items": NAV_LINKS})
    problems = []
    if boxes["dir"] != expected_dir:
        problems.append(f"page direction is {boxes['dir']}, expected {expected_dir}")
    brand, nav = boxes["brand"], boxes["nav"]
    if brand is None or nav is None:
        return [*problems, f"header brand ({BRAND}) or navigation ({NAV}) not found"]
    rtl = expected_dir == "rtl"
    start = "right" if rtl else "left"

    def before(a, b):  # a comes before b in reading order, on one row
        return a["left"] >= b["right"] - 1 if rtl else a["right"] <= b["left"] + 1

    if _same_row(brand, nav):
        if not before(brand, nav):
            problems.append(
                f"the brand is not at the {start} of the navigation "
                f"(brand {brand['left']:.0f}..{brand['right']:.0f}, "
                f"nav {nav['left']:.0f}..{nav['right']:.0f})"
            )
    else:  # wrapped: both start at the start edge
        edge_ok = brand["right"] >= nav["right"] - 2 if rtl else brand["left"] <= nav["left"] + 2
        if not edge_ok:
            problems.append(f"the brand does not start at the {start} edge above the navigation")
    items = boxes["items"]
    for a, b in itertools.pairwise(items):
        if _same_row(a, b) and not before(a, b):
            towards = "left" if rtl else "right"
            problems.append(
                f"menu items are not in {expected_dir} order (one after another to the {towards})"
            )
            break
    return problems
