"""The build: what turns content/ into a site in output/, and nothing else.

Everything `invoke build`, `invoke publish`, the live preview, the benchmark
and the tests run to make a site goes through `sitebuild.build` (or
`python -m tools.build.sitebuild`). The code in this room is part of the
build memo's key (buildcache.py): a change here makes the next build run.

    sitebuild.py    the entry point: validate, build into a fresh folder, swap
    settings.py     the settings files, `--set` overrides and the one "now"
    steps.py        Pelican and Pagefind, as every build process runs them
    perlanguage.py  a process per language, at the same time
    swap.py         the finished site swapped in whole; precompression
    outputguard.py  which output and cache folders a build may replace
    buildcache.py   the memo: an unchanged build is not run again
    searchindex.py  Pagefind: the index, the merge of languages, the stamp
    failed.py       BuildFailed, and how a build's problems are listed
"""
