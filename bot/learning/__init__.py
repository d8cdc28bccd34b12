"""Fitting and scoring the pair decision on cases in the evaluation format."""
