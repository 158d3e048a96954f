"""Write the example inbox, evaluations/inbox/: a dozen submissions, TOML files and workbooks,
with one of every kind of discrepancy planted in them (scoring.testing.inbox says which).

    python scripts/make_inbox.py
"""

from __future__ import annotations

import shutil
from pathlib import Path

from scoring.testing.inbox import write_review_inbox

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    folder = ROOT / "evaluations" / "inbox"
    shutil.rmtree(folder, ignore_errors=True)
    for planted in write_review_inbox(folder):
        kinds = "、".join(sorted(planted.kinds)) or "—"
        print(f"{planted.name}\t{planted.total}\t{kinds}")


if __name__ == "__main__":
    main()
