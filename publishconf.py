"""Production settings: development settings plus absolute URLs and feeds."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITE_URL", "https://smex.example")
FEED_DOMAIN = SITEURL
I18N_SUBSITES = {
    lang: {**overrides, "FEED_DOMAIN": f"{SITEURL}/{lang}", "SITEURL": f"{SITEURL}/{lang}"}
    for lang, overrides in I18N_SUBSITES.items()  # noqa: F405
}
DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False
