"""Tests of the build (tools/build/): caches, parallel languages, variants, guard, lock."""
