"""Take the README's picture of the review page: score the example inbox as HTML and photograph
it in headless Chromium (Debian's chromium; fonts-noto-cjk for the Chinese).

    python scripts/screenshot.py        # writes docs/review.png
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("chromium is needed: apt-get install chromium fonts-noto-cjk")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "复算报告.html"
        subprocess.run([sys.executable, "-m", "scoring", str(ROOT / "evaluations" / "inbox"), "-f", "html", "-o", str(page)],
                       check=True, cwd=ROOT)
        subprocess.run([chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--window-size=1400,1500", f"--screenshot={ROOT / 'docs' / 'review.png'}", page.as_uri()],
                       check=True, capture_output=True)
    print(ROOT / "docs" / "review.png")


if __name__ == "__main__":
    main()
