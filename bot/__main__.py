"""`python -m bot` is the `crosscheck` command."""

from bot.cli import main

raise SystemExit(main())
