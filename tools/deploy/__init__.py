"""Deploying and serving a built site: nothing here builds or reads content/.

releases.py     releases on a server, the `current` symlink, rollback
target.py       where a deploy goes: a folder, or user@host:path over ssh
releasecheck.py a release's manifest (SHA256SUMS) and the check it is complete
nginx.py        deploy/nginx.conf, from the plugin's one list of headers
serve.py        a local server as strict as production (`invoke serve`)
"""
