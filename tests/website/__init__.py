"""Tests of the built site across smex_site: languages, feeds, search, links, held-back items."""
