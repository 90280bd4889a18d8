"""Scripts run from the command line (`.venv/bin/python scripts/<name>.py`); a package so one
can reuse another's helpers (scripts/cluster.py uses scripts/smoke_production.py's)."""
