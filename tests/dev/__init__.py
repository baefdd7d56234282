"""Tests of the developer tools (tools/dev/): the benchmark and the live preview."""
