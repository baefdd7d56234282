"""Accessibility in real Chromium: axe-core at WCAG 2.1 AA, and a keyboard-only walk.

    axe_context(browser, width)      a context whose pages carry axe-core
    axe_violations(page)             ["image-alt (critical): Images must have alternate text: …", …]
    keyboard_problems(page, url)     what a keyboard user cannot do on that page

axe-core is injected as an init script, which runs whatever the page's
Content-Security-Policy says; the pages keep their production CSP.
"""

from __future__ import annotations

from tests.gates import tools

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

SKIP_LINK_TARGET = "main"
MENU_LINKS = "header nav:not(.lang-switch) a[href]"
SWITCHER_LINK = "nav.lang-switch a[hreflang]"
MENU_TOGGLE = "header button[aria-expanded]"
MAX_TABS = 150


def axe_context(browser, width: int, height: int = 900, **options):
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    context.add_init_script(path=str(tools.npm_file(tools.AXE_JS, "axe-core")))
    return context


def axe_violations(page, tags: list[str] = WCAG_AA) -> list[str]:
    """axe-core's violations on the loaded page, one line per rule."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        raise AssertionError("axe-core is not in this page: open it in an axe_context()")
    result = page.evaluate(
        """tags => axe.run(document, {
               runOnly: {type: 'tag', values: tags},
               resultTypes: ['violations'],
           })""",
        tags,
    )
    lines = []
    for violation in result["violations"]:
        targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']}: "
            f"{targets} [{len(violation['nodes'])} element(s)] {violation['helpUrl']}"
        )
    return lines


# -- keyboard ----------------------------------------------------------------

_FOCUSED = """sel => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const stops = (window.__gateStops = window.__gateStops || []);
  const seen = stops.indexOf(el);
  if (seen < 0) stops.push(el);
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const visibleColor = c => c && c !== 'transparent' && !/rgba\\(.*,\\s*0\\)$/.test(c);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
                  && visibleColor(style.outlineColor);
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  const path = [];
  for (let n = el; n && n.nodeType === 1 && path.length < 4; n = n.parentElement) {
    path.unshift(n.tagName.toLowerCase() + (n.id ? '#' + n.id : '')
                 + (n.classList.length ? '.' + [...n.classList].join('.') : ''));
  }
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    href: el.getAttribute('href'),
    text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40),
    path: path.join(' > '),
    indicator: outline || shadow,
    inViewport: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
                && box.top < innerHeight && box.left < innerWidth,
    isMenu: el.matches(sel.menu),
    isSwitcher: el.matches(sel.switcher),
    isToggle: el.matches(sel.toggle),
    expanded: el.getAttribute('aria-expanded'),
    nth: [sel.menu, sel.switcher].map(q => [...document.querySelectorAll(q)].indexOf(el))
                                  .find(i => i >= 0) ?? -1,
    index: seen < 0 ? stops.length - 1 : seen,
    repeat: seen >= 0,
  };
}"""


def _focused(page) -> dict | None:
    return page.evaluate(
        _FOCUSED,
        {"menu": MENU_LINKS, "switcher": SWITCHER_LINK, "toggle": MENU_TOGGLE},
    )


def _describe(el: dict) -> str:
    return f"<{el['tag']}> {el['text']!r} ({el['path']})"


def tab_walk(page) -> tuple[list[dict], list[str]]:
    """From the top of the loaded page, press Tab until focus comes round.

    Returns (stops, problems). A menu toggle met on the way is opened with
    Enter, as a keyboard user would. The page keeps the stops it reached in
    window.__gateStops, in order.
    """
    page.evaluate("() => { window.__gateStops = []; document.activeElement?.blur(); }")
    stops: list[dict] = []
    problems: list[str] = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        el = _focused(page)
        if el is None or el["repeat"]:
            break
        stops.append(el)
        if not el["indicator"]:
            problems.append(
                f"no visible focus indicator (outline or box-shadow) on {_describe(el)}"
            )
        if not el["inViewport"]:
            problems.append(f"focused but not visible on screen: {_describe(el)}")
        if el["isToggle"] and el["expanded"] == "false":
            page.keyboard.press("Enter")
    else:
        problems.append(f"focus did not come round after {MAX_TABS} presses of Tab")
    return stops, problems


def _reach_problems(page, menu: list[int], switcher: list[int]) -> list[str]:
    menu_count = page.evaluate(f"() => document.querySelectorAll({MENU_LINKS!r}).length")
    problems = []
    if not menu_count:
        problems.append(f"no menu links ({MENU_LINKS}) on the page")
    elif len(menu) < menu_count:
        problems.append(f"only {len(menu)} of {menu_count} menu links are reached with Tab")
    if not switcher:
        problems.append(f"the language switcher ({SWITCHER_LINK}) is not reached with Tab")
    return problems


def keyboard_problems(page, url: str, follow_links: bool = True) -> list[str]:
    """Skip link, visible focus, menu and language switcher, by keyboard alone.

    Stops reached with Tab are focused again by script before Enter is
    pressed on them (their reachability is what the walk proved). With
    follow_links=False, Enter is not tried on the menu and the switcher
    (two page loads fewer; the header is one partial on every page).
    """
    response = page.goto(url, wait_until="load")
    if response is None or response.status != 200:
        return [f"{url} answered {response.status if response else 'nothing'}"]

    # 1. Every Tab stop shows where focus is; menu and switcher are among them.
    stops, problems = tab_walk(page)
    menu = [i for i, el in enumerate(stops) if el["isMenu"]]
    switcher = [i for i, el in enumerate(stops) if el["isSwitcher"]]
    problems += _reach_problems(page, menu, switcher)

    # 2. The first stop is a skip link, shown when focused; Enter moves focus into <main>.
    target = page.evaluate(
        "sel => { const m = document.querySelector(sel); return m && m.id; }",
        SKIP_LINK_TARGET,
    )
    first = stops[0] if stops else None
    if not target:
        problems.append(f"no <{SKIP_LINK_TARGET}> with an id for a skip link to reach")
    elif first is None or first["href"] != f"#{target}":
        problems.append(
            f"the first Tab stop is not a skip link to #{target}: "
            f"{_describe(first) if first else 'nothing'}"
        )
    else:
        if not first["inViewport"]:
            problems.append("the skip link does not become visible when focused")
        _refocus(page, 0)
        page.keyboard.press("Enter")
        inside = page.evaluate(
            "sel => { const m = document.querySelector(sel);"
            " return !!m && m.contains(document.activeElement); }",
            SKIP_LINK_TARGET,
        )
        if not inside:
            problems.append(f"Enter on the skip link does not move focus into <{SKIP_LINK_TARGET}>")

    # 3. Enter on a menu link, then on the switcher, goes where they point.
    if not follow_links:
        return problems
    for label, indexes in (
        ("menu link", menu[-1:]),
        ("language switcher", switcher[:1]),
    ):
        for index in indexes:
            if page.url.split("#")[0] != url:
                page.goto(url, wait_until="load")
                page.evaluate("() => { window.__gateStops = []; }")
            problems += _activate(page, stops[index], label)
    return problems


def _refocus(page, index: int) -> None:
    page.evaluate("i => window.__gateStops[i].focus()", index)


def _activate(page, stop: dict, label: str) -> list[str]:
    """Focus a stop the walk reached again, press Enter, see where it goes."""
    selector = SWITCHER_LINK if stop["isSwitcher"] else MENU_LINKS
    page.locator(selector).nth(stop["nth"]).focus()
    expected = page.evaluate("() => document.activeElement.href")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    if page.url != expected:
        return [f"Enter on the {label} {_describe(stop)} went to {page.url}, not {expected}"]
    return []
