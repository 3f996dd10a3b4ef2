"""Scoring results against gold annotations."""
