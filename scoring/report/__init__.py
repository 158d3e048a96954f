"""Rendering results: text table, explanation tree, JSON, Markdown, CSV, Excel, batch summary.

Each renderer is imported only when its format is asked for, so a JSON run
never loads openpyxl.
"""
