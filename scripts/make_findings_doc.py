"""Write the table of finding codes in docs/findings.md from the catalogue, scoring.findings.CATALOGUE.

    python scripts/make_findings_doc.py            # rewrite docs/findings.md
    python scripts/make_findings_doc.py --check    # exit 1 if it is not what the catalogue says

The page's introduction, above the marker line, is kept as written; everything below the marker is
generated. tests/test_files.py runs the check, so CI fails when the page and the catalogue differ.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from scoring.findings import CATALOGUE, Spec, severity_name
from scoring.i18n import Text

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "findings.md"
MARKER = "<!-- Generated from scoring/findings.py by scripts/make_findings_doc.py: edit the catalogue, not this table. -->"


def _placeholders(template: str) -> str:
    """``{computed}`` as the reader sees it in a table: *computed*."""
    return re.sub(r"\{(\w+)\}", r"*\1*", template).replace("|", "\\|")


def _fixes(spec: Spec, lang: str) -> str:
    fixes: list[str] = []
    for said in spec.says.values():
        text = None if said.fix is None else said.fix.en if lang == "en" else said.fix.zh
        if text is not None and text not in fixes:
            fixes.append(text)
    return ("; " if lang == "en" else "；").join(_placeholders(f) for f in fixes) or "—"


def _severity(spec: Spec, lang: str) -> str:
    name = severity_name(spec.severity, lang)
    knob = f" (`{spec.knob}`)" if spec.knob else ""
    kind = f", kind `{spec.kind}`" if spec.kind and lang == "en" else f"，类型 `{spec.kind}`" if spec.kind else ""
    return name + knob + kind


def _title(text: Text, lang: str) -> str:
    return text.en if lang == "en" else text.zh


def generated() -> str:
    """The part of the page below the marker."""
    lines = [MARKER, "", "| code | severity | raised when | what to do |", "|---|---|---|---|"]
    lines += [f"| `{code}` | {_severity(spec, 'en')} | {spec.raised_when.replace('|', chr(92) + '|')} | {_fixes(spec, 'en')} |"
              for code, spec in CATALOGUE.items()]
    lines += ["", "## 中文", "", "| 代码 | 严重程度 | 说明 | 处理 |", "|---|---|---|---|"]
    lines += [f"| `{code}` | {_severity(spec, 'zh')} | {_title(spec.title, 'zh')} | {_fixes(spec, 'zh')} |"
              for code, spec in CATALOGUE.items()]
    return "\n".join(lines) + "\n"


def page(current: str) -> str:
    """``current`` with everything from the marker on written from the catalogue (the marker added if missing)."""
    intro = current.split(MARKER)[0].rstrip("\n")
    return f"{intro}\n\n{generated()}"


def main(argv: list[str]) -> int:
    current = PAGE.read_text(encoding="utf-8")
    wanted = page(current)
    if "--check" in argv:
        if current != wanted:
            print(f"{PAGE.relative_to(ROOT)} differs from the catalogue: run python scripts/make_findings_doc.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
