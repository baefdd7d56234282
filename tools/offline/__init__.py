"""The portable edition: what `invoke offline` and `invoke verify` make of a
production build, and nothing else.

Everything here reads the published site (`invoke publish`'s output), never
content/: what the site holds back (drafts, scheduled items, a programme before
its release, the files only they use) is absent from the output, so it cannot
reach a bundle either.

    site.py         the published site as found on disk: its address, its
                    languages, which files belong to which language
    rewrite.py      a page or stylesheet made to work from file:// (relative
                    links naming index.html, fonts as data: URLs, offline CSP)
    searchindex.py  the offline search's index (a classic script, no fetch)
    bundle.py       smex-<lang>-<date>.zip, byte-identical for the same --now
    zim.py          smex-<lang>-<date>.zim with libzim (metadata, full-text index)
    manifest.py     SHA256SUMS (+ SHA256SUMS.sig with ssh-keygen -Y sign)
    verify.py       check a mirror (a folder or a URL) against SHA256SUMS
    build.py        the whole of `invoke offline`
    static/         files only a bundle carries (offline search)
"""
