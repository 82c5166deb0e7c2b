"""A real `modbot serve` on a free loopback port, with demo-like data polled through the file
connector and users made with `modbot users add`, driven by Debian's headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
# owen is a second owner: what he reveals is his own reading, so tests that show crisis messages
# leave olivia's items unread for the tests that need them so.
PASSWORDS = {"olivia": "owner password 1", "audrey": "auditor password 1",
             "adam": "assistant password 1", "owen": "owner password 2"}
XSS_TEXT = "<script>alert(1)</script><img src=x onerror=alert(2)>"
# Trained once per machine and reused (the model checks itself against the corpus version).
MODEL_DIR = Path(tempfile.gettempdir()) / "modbot-browser-test-model"
# Read at import: the suite's autouse guard clears MODBOT_* settings before each test.
SCREENSHOTS = Path(os.environ.get("MODBOT_SCREENSHOTS") or tempfile.gettempdir())


@dataclass(frozen=True)
class Server:
    url: str
    home: Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MODBOT_")}
    env["MODBOT_HOME"] = str(home)
    return env


def _modbot() -> list[str]:
    script = Path(sys.executable).with_name("modbot")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


def _load_items(home: Path) -> None:
    from bot import app as application
    from bot import pipeline

    data = home / "items.jsonl"
    with resources.as_file(resources.files("bot.demo_data") / "demo_items.jsonl") as bundled:
        shutil.copyfile(bundled, data)
    with data.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"external_id": "xss-1", "platform": "youtube", "author": "<b>mallory</b>",
                                 "text": XSS_TEXT, "title": "<i>Sleep</i>",
                                 "published_at": "2026-11-21T10:00:00Z"}) + "\n")
    with (home / "modbot.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'\n[classifier]\nmodel_dir = "{MODEL_DIR.as_posix()}"\n\n'
                     f'[[accounts]]\nname = "imported"\nplatform = "file"\npath = "{data.as_posix()}"\n')
    app = application.open_app(home)
    summary = pipeline.poll_account(app, app.config.account("imported"))
    assert summary.new_items > 10 and not summary.error, summary.line()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("browser") / "home"
    env = _env(home)
    subprocess.run([*_modbot(), "init"], env=env, check=True, capture_output=True)
    _load_items(home)
    for name, role in (("olivia", "owner"), ("audrey", "auditor"), ("adam", "assistant"), ("owen", "owner")):
        subprocess.run([*_modbot(), "users", "add", name, "--role", role, "--password-stdin"], env=env,
                       input=PASSWORDS[name] + "\n", text=True, check=True, capture_output=True)
    port = _free_port()
    log = (home / "serve.log").open("w")
    process = subprocess.Popen([*_modbot(), "serve", "--host", "127.0.0.1", "--port", str(port)],
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = (home / "serve.log").read_text()
                    raise RuntimeError(f"modbot serve did not start: {output}") from None
                time.sleep(0.2)
        announced = (home / "serve.log").read_text()
        assert f"http://127.0.0.1:{port}/" in announced
        yield Server(url=f"http://127.0.0.1:{port}", home=home)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture
def screenshots() -> Path:
    """Where to put screenshots for a person to look at (never committed)."""
    path = SCREENSHOTS / "modbot-screens"
    path.mkdir(parents=True, exist_ok=True)
    return path
