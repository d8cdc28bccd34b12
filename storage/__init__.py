"""Persistence for Crosscheck: SQLModel tables, engines, storage functions. Imports nothing from bot/."""
