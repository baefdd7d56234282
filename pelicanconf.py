"""Development settings: Arabic at /, English at /en/.

Everything the site's own plugin reads is documented, with its default, in
plugins/smex_site/settings.py.
"""

SITENAME = "SMEX"
SITEURL = ""
RELATIVE_URLS = False

PATH = "content"
THEME = "theme"
OUTPUT_PATH = "output"
CACHE_PATH = "cache"
TIMEZONE = "Asia/Beirut"

# --- Languages --------------------------------------------------------------
# One table drives <html lang dir>, the switcher, hreflang and date formats.
DEFAULT_LANG = "ar"
SITE_LANGUAGES = {
    "ar": {
        "name": "العربية",
        "dir": "rtl",
        "locale": "ar_LB",  # Levantine month names (أيار), Beirut's own usage
        "digits": "latn",  # "arab" for Arabic-Indic digits
        "group_digits": False,  # ar_LB groups with "." (3.000)
        "datetime_format": "EEEE d MMMM y، HH:mm",  # CLDR pattern
        "og_locale": "ar_LB",
    },
    "en": {
        "name": "English",
        "dir": "ltr",
        "locale": "en_GB",
        "digits": "latn",
        "datetime_format": "EEEE d MMMM y, HH:mm",
        "og_locale": "en_GB",
    },
}

# Each subsite reads only its own language folder: the switcher and hreflang
# come from our plugin's translation registry, not from i18n_subsites, which
# halves the parsing work and keeps untranslated items out of the other side.
ARTICLE_PATHS = ["ar"]
PAGE_PATHS = ["ar/pages"]
ARTICLE_EXCLUDES = ["ar/pages", "ar/editions", "ar/publications"]
PAGE_EXCLUDES = []
STATIC_PATHS = ["images", "files", "extra"]
EXTRA_PATH_METADATA = {
    "extra/favicon.ico": {"path": "favicon.ico"},
}
IGNORE_FILES = [".#*", "README*"]

I18N_SUBSITES = {
    "en": {
        "SITENAME": "SMEX",
        "ARTICLE_PATHS": ["en"],
        "PAGE_PATHS": ["en/pages"],
        "ARTICLE_EXCLUDES": ["en/pages", "en/editions", "en/publications"],
        # Theme assets and content files live once, at the site root.
        "THEME_STATIC_PATHS": [],
        "STATIC_PATHS": [],
        "FEED_DOMAIN": SITEURL + "/en",
    },
}
I18N_UNTRANSLATED_ARTICLES = "remove"
I18N_UNTRANSLATED_PAGES = "remove"
I18N_TEMPLATES_LANG = "en"  # template msgids are English (#1391)
JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    # Metadata is text: escape everything; content and summaries (already
    # HTML from Markdown) are marked |safe in the templates that show them.
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}

# --- URLs ---------------------------------------------------------------------
USE_FOLDER_AS_CATEGORY = True
SLUGIFY_SOURCE = "basename"
ARTICLE_URL = "{category}/{slug}/"
ARTICLE_SAVE_AS = "{category}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "{slug}/"
CATEGORY_SAVE_AS = "{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
TAGS_URL = "tag/"
TAGS_SAVE_AS = "tag/index.html"
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
INDEX_SAVE_AS = "index.html"
DIRECT_TEMPLATES = ["index", "tags", "archives", "search", "404"]
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
TEMPLATE_PAGES = {}

DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# --- Feeds --------------------------------------------------------------------
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
TAG_FEED_ATOM = None
FEED_MAX_ITEMS = 20

# --- Plugins ------------------------------------------------------------------
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["smex_site", "pelican.plugins.i18n_subsites"]

AUTHOR = "SMEX"
DEFAULT_DATE = None
DEFAULT_METADATA = {}
SUMMARY_MAX_LENGTH = 40
TYPOGRIFY = False
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.toc": {"permalink": False},
    },
    "output_format": "html5",
}

# --- Publishing ---------------------------------------------------------------
# /.well-known/security.txt: where to report a security problem (RFC 9116).
SITE_SECURITY_CONTACT = ["mailto:info@smex.example"]
