"""Rendering results: terminal table, JSON, Markdown, CSV.

Each renderer is imported only when its format is asked for, so a JSON run
never loads rich.
"""

FORMATS = ("table", "json", "markdown", "csv")
