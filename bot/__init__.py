"""Crosscheck: finds the figures in news text and tells when sources disagree about them."""
