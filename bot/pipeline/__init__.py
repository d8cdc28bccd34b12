"""The claim pipeline: fetch → clean → extract → match, as pure functions over frozen dataclasses.

Nothing in this package imports `telegram`; `service.py` is the one module that meets storage.
"""
