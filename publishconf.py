"""Production settings: development settings plus absolute URLs and feeds.

The environment sets what differs between hosts (CI sets these):
    SITE_URL        the address the site is served at; may carry a path
                    (https://<org>.github.io/<repo>), trailing slash or not
    SITE_CSP_META   1 on hosts that send no headers (GitHub/GitLab Pages):
                    the pages carry their Content-Security-Policy in a <meta>
    SITE_ONION_URL  the onion mirror, if there is one (Onion-Location)

SITE_URL is checked here (urls.site_url), SITE_ONION_URL by the plugin's
settings.read (urls.onion_url): both reach HTML attributes, nginx.conf and
headers, so a path of anything but letters, digits, . _ ~ / - and %XX, or
any control character, stops the build with what to write instead.

The languages' own SITEURLs (`/en` under it) are derived by the plugin.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.append(os.curdir)
sys.path.insert(0, os.path.join(HERE, "plugins"))
from pelicanconf import *  # noqa: E402, F403
from smex_site.urls import site_url  # noqa: E402

SITEURL = site_url(os.environ.get("SITE_URL", "https://smex.example"), "SITE_URL")
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False

SITE_CSP_META = os.environ.get("SITE_CSP_META", "").lower() in ("1", "true", "yes")
SITE_ONION_URL = os.environ.get("SITE_ONION_URL") or None
SITE_HEADERS_FILE = "_headers"  # Netlify, Cloudflare Pages
SITE_PRECOMPRESS = True  # .gz and .br beside every text file (tools/build/sitebuild.py)
