"""Outcome indicators: recording municipalities' values (the one writer of them)."""
