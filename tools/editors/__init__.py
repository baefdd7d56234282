"""Editors' commands: what someone writing content runs, never the build itself.

`invoke check`, `invoke new`, `invoke translations` and `invoke programme`
come here. They read the content exactly as the build does (the settings,
the catalog of validation) and write only into content/.

    editor.py        the command line: check, new, translations
    content.py       what they share: settings, the catalog, EditorError
    scaffold.py      a new item, or another language's file of one, as a draft
    translations.py  where every translated item stands
    programme.py     pretalx's schedule export, checked, saved for a year
"""
