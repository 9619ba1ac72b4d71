"""Render examples/news.txt with `factx render` and screenshot the page with headless Chromium.

    python docs/screenshot.py            # writes docs/render.png (and keeps nothing else)

Needs a Chromium (Debian: ``apt-get install -y chromium``). Not part of the test suite: the
tests check the page's HTML; this script makes the picture the README shows. The browser
gets a throwaway profile and no network features, so the screenshot also shows that the
page needs nothing from the network.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "news.txt"
REFERENCE_DATE = "2023-05-10"  # the example's date, as in the README
WINDOW = (1200, 2150)  # the whole page of the example at a desktop width
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",  # runs as root in a container
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "render.png"), help="the PNG to write")
    parser.add_argument("--browser", help="the Chromium executable (default: the first found on PATH)")
    args = parser.parse_args()
    browser = args.browser or next((b for b in BROWSERS if shutil.which(b)), None)
    if browser is None:
        print("no Chromium found: apt-get install -y chromium, or give --browser", file=sys.stderr)
        return 2
    output = Path(args.output).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "news.html"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "factx",
                "render",
                str(EXAMPLE),
                "-o",
                str(page),
                "--reference-date",
                REFERENCE_DATE,
                "--title",
                "examples/news.txt",
            ],
            check=True,
        )
        subprocess.run(
            [
                browser,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={Path(tmp) / 'profile'}",
                f"--screenshot={output}",
                f"--window-size={WINDOW[0]},{WINDOW[1]}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,  # Chromium logs D-Bus complaints that mean nothing here
            timeout=120,
        )
    print(f"wrote {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
