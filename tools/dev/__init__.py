"""Tools for developing the site: the live preview and the benchmark.

Nothing a visitor gets comes from here; each uses the build (tools/build/)
as `invoke build` does.

    livepreview.py  `invoke livereload`: a saved page in the browser in a second
                    (warm.py, watcher.py, previewserver.py)
    benchmark.py    `invoke bench`: the table of build figures (corpus.py,
                    measure.py, probe.py, livebench.py, linearity.py,
                    benchreport.py)
    searchbench.py  the search index's size and time to the first result
    lighthouse.py   `invoke lighthouse`: Lighthouse's mobile performance of every
                    programme page kind (programmecorpus.py: a programme of any size)
"""
