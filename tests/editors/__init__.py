"""Tests of what editors meet: scaffolds, checks, faults, messages, translations."""
