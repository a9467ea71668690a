"""Headless Debian chromium for the view scripts, with the flags tests/test_browser.py uses (network off)."""

from __future__ import annotations

import shutil
import sys
from typing import Any

FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9")


def open_chromium(width: int = 1400, height: int = 900) -> Any:
    """A selenium driver for /usr/bin/chromium; exits with one line if chromium or chromedriver is missing."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not (chromium and driver_path):
        sys.exit("chromium and chromedriver are needed: apt-get install chromium chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*FLAGS, f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    driver.set_page_load_timeout(120)
    driver.set_script_timeout(120)
    return driver


def wait_for_drawing(driver: Any, seconds: float = 120) -> float:
    """Milliseconds from navigation start until vis-network first drew the graph (the page's own clock)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, seconds, poll_frequency=0.05).until(lambda d: d.execute_script(
        "return !!(window.stancegraph && window.stancegraph.drawnAt !== null)"))
    return float(driver.execute_script("return window.stancegraph.drawnAt"))
