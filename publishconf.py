"""Production settings: development settings plus absolute URLs and feeds.

The languages' own SITEURLs (`/en` under it) are derived by the plugin.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITE_URL", "https://smex.example")
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False
