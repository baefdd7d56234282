"""Makers of files committed to the repository, run by hand when their
sources change; the build only copies what they made.

    make_publication_pdfs.py  the publications' one-page PDF summary sheets
    subset_fonts.py           the web fonts, cut from the IBM Plex package
"""
