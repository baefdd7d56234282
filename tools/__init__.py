"""Everything besides the Pelican plugin (plugins/smex_site), in rooms by trade:

    build/    content/ into a site: validate, build, swap (`invoke build`)
    editors/  editors' commands: check, new, translations, programme
    deploy/   releases on a server, nginx.conf, the local server
    dev/      the live preview and the benchmark
    assets/   makers of committed files (publication PDFs, fonts)
    offline/  the portable edition (`invoke offline`, `invoke verify`)

A room may use build/ (and deploy/'s server); build/ uses no other room.

The plugin (plugins/smex_site) is imported as `smex_site`, as Pelican loads
it (PLUGIN_PATHS). Importing any tool puts plugins/ on sys.path first, here
and in no tool, so `python -m tools.…` and tasks.py (which invoke runs with
the checkout on the path) find it the same way. (publishconf.py adds it for
itself: plain `pelican -s publishconf.py` reads it without any tool.)
"""

import sys
from pathlib import Path

PLUGINS = str(Path(__file__).resolve().parent.parent / "plugins")
if PLUGINS not in sys.path:
    sys.path.insert(0, PLUGINS)
