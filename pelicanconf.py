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
DEFAULT_LANG = "ar"  # the first of SITE_LANGUAGES
SITE_LANGUAGES = {
    "ar": {
        "name": "العربية",
        "dir": "rtl",
        "locale": "ar_LB",  # Levantine month names (أيار), Beirut's own usage
        "digits": "latn",  # "arab" for Arabic-Indic digits
        "group_digits": False,  # ar_LB groups with "." (3.000)
        "datetime_format": "EEEE d MMMM y، HH:mm",  # CLDR pattern
    },
    "en": {
        "name": "English",
        "dir": "ltr",
        "locale": "en_GB",
        "digits": "latn",
        "datetime_format": "EEEE d MMMM y, HH:mm",
    },
}

# Each language's site reads only its own folder: ARTICLE_PATHS, PAGE_PATHS
# and I18N_SUBSITES are derived from SITE_LANGUAGES by the plugin
# (smex_site/languages.py); an I18N_SUBSITES entry here overrides them.
STATIC_PATHS = ["images", "files", "extra"]
EXTRA_PATH_METADATA = {
    "extra/favicon.ico": {"path": "favicon.ico"},
}
IGNORE_FILES = [".#*", "README*"]

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
    # A build loads each template once; no stat() per page to see if it changed.
    "auto_reload": False,
}

# --- Site data -----------------------------------------------------------------
# Labels in every language of SITE_LANGUAGES (the plugin checks that none is missing).


def _(message):
    """Marks a menu label for `invoke messages` (the templates translate it)."""
    return message


SITE_MENU = [  # (what it links to, English label: the catalogs translate it)
    ("category:news", _("News")),
    ("category:articles", _("Articles")),
    ("convening", _("Convening")),
    ("publications", _("Publications")),
    ("page:about", _("About")),
    ("page:contact", _("Contact")),
    ("search", _("Search")),
]
SITE_CATEGORIES = {
    "news": {"ar": "الأخبار", "en": "News"},
    "articles": {"ar": "مقالات", "en": "Articles"},
}
SITE_PUBLICATION_TYPES = {  # labels, plural labels (filter pages), citation types
    "annual-report": {
        "ar": "تقرير سنوي", "en": "Annual report",
        "plural": {"ar": "التقارير السنوية", "en": "Annual reports"},
        "bibtex": "techreport", "ris": "RPRT",
    },
    "research": {
        "ar": "بحث", "en": "Research",
        "plural": {"ar": "الأبحاث والدراسات", "en": "Research"},
        "bibtex": "techreport", "ris": "RPRT",
    },
    "position-paper": {
        "ar": "ورقة موقف", "en": "Position paper",
        "plural": {"ar": "أوراق الموقف", "en": "Position papers"},
        "bibtex": "techreport", "ris": "RPRT",
    },
    "legal-analysis": {
        "ar": "تحليل قانوني", "en": "Legal analysis",
        "plural": {"ar": "التحليلات القانونية", "en": "Legal analyses"},
        "bibtex": "techreport", "ris": "RPRT",
    },
    "guide": {
        "ar": "دليل", "en": "Guide",
        "plural": {"ar": "الأدلة", "en": "Guides"},
        "bibtex": "manual", "ris": "GEN",
    },
    "survey": {
        "ar": "استطلاع رأي", "en": "Survey",
        "plural": {"ar": "استطلاعات الرأي", "en": "Surveys"},
        "bibtex": "techreport", "ris": "RPRT",
    },
    "quarterly-report": {
        "ar": "تقرير ربعي", "en": "Quarterly report",
        "plural": {"ar": "التقارير الربعية", "en": "Quarterly reports"},
        "bibtex": "techreport", "ris": "RPRT",
    },
}  # fmt: skip
# Publisher named in citations when a report has no "Publisher:" line.
SITE_PUBLICATIONS_PUBLISHER = {"ar": "سمكس", "en": "SMEX"}
# The convening: Bread&Net, organised by SMEX, in Beirut's time zone.
SITE_EVENT_TIMEZONE = "Asia/Beirut"
SITE_EVENT_ICS_NAME = "bread-and-net-{year}.ics"
SITE_EVENT_UID = "bread-and-net-{year}@smex.org"  # never change once published
SITE_EVENT_ORGANIZER = {"name": "SMEX", "url": "https://smex.org/"}
SITE_FEED_ID_DOMAIN = "smex.org"

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
DIRECT_TEMPLATES = ["index", "tags", "archives", "search", "atoz", "download", "404"]
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
# The offline edition's pages (docs/offline-and-mirrors.md): the A–Z and
# by-topic index (what a reader has when search cannot run) and the downloads.
ATOZ_URL = "a-z/"
ATOZ_SAVE_AS = "a-z/index.html"
DOWNLOAD_URL = "download/"
DOWNLOAD_SAVE_AS = "download/index.html"
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
