"""UI strings outside the templates (feed titles, notes written by the
plugin), translated from the same compiled gettext catalogs the templates use."""

from __future__ import annotations

import gettext
from functools import cache


@cache
def _translations(localedir: str, lang: str) -> gettext.NullTranslations:
    return gettext.translation("messages", localedir, languages=[lang], fallback=True)


def gettext_for(settings: dict, lang: str):
    """`_` for one language (msgids are English, I18N_TEMPLATES_LANG)."""
    localedir = settings.get("I18N_GETTEXT_LOCALEDIR")
    if not localedir or lang == settings.get("I18N_TEMPLATES_LANG"):
        return lambda message: message
    return _translations(str(localedir), lang).gettext
