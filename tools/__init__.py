"""Everything besides the Pelican plugin (plugins/smex_site), in rooms by trade:

    build/    content/ into a site: validate, build, swap (`invoke build`)
    editors/  editors' commands: check, new, translations, programme
    deploy/   releases on a server, nginx.conf, the local server
    dev/      the live preview and the benchmark
    assets/   makers of committed files (publication PDFs, fonts)
    offline/  the portable edition (`invoke offline`, `invoke verify`)

A room may use build/ (and deploy/'s server); build/ uses no other room.
"""
