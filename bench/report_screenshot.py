"""The screenshot of the README's "A report" section: ``docs/report.png``.

    python bench/report_screenshot.py [-o docs/report.png] [--width 1280] [--height 1500]

Converts the sample archive (the Word file of every layout of ``samples/layouts/`` and
the 26th meeting's text, as the tests do) with ``emg-parse batch`` into a temporary
folder, writes its report with ``emg-parse report``, opens it in headless Chromium
(Debian's ``chromium`` and ``chromium-driver``, through selenium: no browser or driver
is downloaded) and saves the top of the page, reduced to 128 colours (Pillow), so that
the PNG stays small.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
#: Flags that let Chromium run headless as root, offline, with nothing but the page.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def build(folder: Path) -> Path:
    """Convert the sample archive under ``folder`` and write its report there."""
    archive = folder / "archive"
    (archive / "layouts").mkdir(parents=True)
    for document in sorted((SAMPLES / "layouts").glob("*.docx")):
        shutil.copyfile(document, archive / "layouts" / document.name)
    shutil.copyfile(SAMPLES / "EMGSOM.26_3a.txt", archive / "EMGSOM.26_3a.txt")
    command = [sys.executable, "-m", "emg_parse"]
    converted = folder / "converted"
    subprocess.run([*command, "batch", str(archive), "-o", str(converted)], check=True)
    report = converted / "report.html"
    subprocess.run([*command, "report", str(converted), "-o", str(report)], check=True)
    return report


def screenshot(page: Path, output: Path, width: int, height: int, profile: Path) -> None:
    from PIL import Image
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    try:
        driver.get(page.as_uri())
        raw = profile / "raw.png"
        driver.save_screenshot(str(raw))
    finally:
        driver.quit()
    with Image.open(raw) as image:
        image.convert("RGB").quantize(colors=128).save(output, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "report.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        page = build(folder)
        profile = folder / "profile"
        profile.mkdir()
        screenshot(page, args.output, args.width, args.height, profile)
    print(f"{args.output}: {args.output.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
