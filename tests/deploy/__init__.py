"""Tests of deployment (tools/deploy/, deploy/): publish builds, nginx, serve, releases, CI."""
