"""Persistence for Crosscheck: SQLModel tables, engines and the storage functions; imports nothing from bot/."""
