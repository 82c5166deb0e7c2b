"""Sign-in, sessions, trusted proxies and file modes (issue 11): the dashboard in-process, and
`modbot serve` / `modbot init` / `modbot demo` as real subprocesses."""

from __future__ import annotations

import http.client
import os
import re
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot import app as application
from bot import db, users
from bot.config import load_config
from bot.errors import ConfigError
from bot.models import User
from bot.web import create_app
from bot.web.throttle import BASE_WAIT, LoginThrottle
from tests.web_support import PASSWORD, csrf_token, login

pytest_plugins = ["tests.web_fixtures"]


def client_from(web: Any, address: str) -> Any:
    client = web.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


# ---------------------------------------------------------------- only POST signs in


@pytest.mark.parametrize("method", ["HEAD", "GET"])
def test_a_form_body_without_post_never_signs_in(web: Any, method: str) -> None:
    client = web.test_client()
    token = csrf_token(client)
    form = {"username": "olivia", "password": PASSWORD, "csrf_token": token}
    response = client.open("/login", method=method, data=form)
    assert response.status_code == 200  # the plain sign-in page
    assert client.get("/queue").status_code == 302  # not signed in
    # And it is not a way around the limit: it never counts, never signs in.
    for _ in range(20):
        assert client.open("/login", method=method, data=form).status_code == 200
    assert client.get("/queue").status_code == 302


def test_head_login_is_a_plain_page(web: Any) -> None:
    response = web.test_client().head("/login")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert web.test_client().put("/login", data={"username": "olivia"}).status_code == 405


def test_unknown_names_cost_one_argon2_verification_like_known_ones(
    web: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = users._hasher

    class Counting:
        def hash(self, password: str) -> str:
            return real.hash(password)

        def verify(self, hash_: str, password: str) -> bool:
            calls.append(hash_)
            return real.verify(hash_, password)

    monkeypatch.setattr(users, "_hasher", Counting())
    assert login(web.test_client(), "nobody-here", "wrong password!").status_code == 401
    assert calls == [users.dummy_hash()]
    calls.clear()
    assert login(web.test_client(), "olivia", "wrong password!").status_code == 401
    assert len(calls) == 1 and calls[0].startswith("$argon2id$")
    assert users.dummy_hash().startswith("$argon2id$")


def test_unknown_and_known_names_take_comparable_time(web: Any) -> None:
    def best_of(name: str) -> float:
        times = []
        for n in range(3):
            client = client_from(web, f"10.7.{len(name)}.{n}")
            token = csrf_token(client)
            started = time.perf_counter()
            client.post("/login", data={"username": name, "password": "wrong password!",
                                        "csrf_token": token})
            times.append(time.perf_counter() - started)
        return min(times)

    known, unknown = best_of("olivia"), best_of("no-such-user")
    assert unknown > known * 0.5, (known, unknown)


def test_the_right_password_of_a_user_without_one_or_an_inactive_user_fails(
    web: Any, modbot: application.App
) -> None:
    with modbot.sessions.begin() as session:
        session.add(User(name="nopass", role="owner", password_hash=None, active=True))
        adam = session.scalar(select(User).where(User.name == "adam"))
        assert adam is not None
        adam.active = False
    assert login(web.test_client(), "nopass", "").status_code == 401
    assert login(web.test_client(), "adam").status_code == 401


# ---------------------------------------------------------------- limits


def test_failures_from_one_address_are_limited_whatever_the_name(
    web: Any, modbot: application.App
) -> None:
    limit = modbot.config.web.login_attempts_per_minute
    client = client_from(web, "10.1.1.1")
    for n in range(limit):
        assert login(client, f"guess{n}", "wrong password!").status_code == 401
    assert login(client, "another-name", "wrong password!").status_code == 429
    assert login(client, "olivia").status_code == 429  # even the right password waits
    # Another address is not affected by this one's failures.
    assert login(client_from(web, "10.1.1.2"), "olivia").status_code == 303


def test_failures_for_one_name_from_many_addresses_back_off(
    web: Any, modbot: application.App, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1000.0]
    monkeypatch.setattr("bot.web.throttle.time.monotonic", lambda: now[0])
    limit = modbot.config.web.login_attempts_per_minute
    for n in range(limit):
        assert login(client_from(web, f"10.2.0.{n}"), "audrey", "wrong password!").status_code == 401
    refused = login(client_from(web, "10.2.1.1"), "audrey", "wrong password!")
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > BASE_WAIT - 2
    now[0] += BASE_WAIT + 1  # the first wait is over: one more try, which fails...
    assert login(client_from(web, "10.2.1.2"), "audrey", "wrong password!").status_code == 401
    refused = login(client_from(web, "10.2.1.3"), "audrey", "wrong password!")
    assert refused.status_code == 429  # ...and the next wait is twice as long
    assert int(refused.headers["Retry-After"]) > 2 * BASE_WAIT - 2
    now[0] += BASE_WAIT + 1
    assert login(client_from(web, "10.2.1.4"), "audrey").status_code == 429
    now[0] += BASE_WAIT + 1
    assert login(client_from(web, "10.2.1.5"), "audrey").status_code == 303


def test_backoff_doubles_and_is_capped() -> None:
    throttle = LoginThrottle(3)
    waits = []
    for _ in range(12):
        throttle.failed("x", None)
        waits.append(round(throttle.wait("x", None)))
    assert waits[:2] == [0, 0]
    assert waits[2:6] == [60, 120, 240, 480]
    assert max(waits) == 3600


def test_a_stranger_cannot_lock_out_the_real_user_from_their_address(
    web: Any, modbot: application.App
) -> None:
    home = client_from(web, "192.0.2.10")
    assert login(home, "olivia").status_code == 303
    home.post("/logout", data={"csrf_token": csrf_token(home, "/queue")})
    limit = modbot.config.web.login_attempts_per_minute
    # A stranger guesses from many other addresses, far past every limit.
    for n in range(limit * 4):
        response = login(client_from(web, f"198.51.100.{n}"), "olivia", "wrong password!")
        assert response.status_code in (401, 429)
    assert login(client_from(web, "198.51.100.250"), "olivia", "wrong password!").status_code == 429
    # The real user signs in from their address all the same.
    again = client_from(web, "192.0.2.10")
    assert login(again, "olivia").status_code == 303
    assert again.get("/queue").status_code == 200


def test_a_browser_that_signed_in_before_is_not_locked_out_from_a_new_address(
    web: Any, modbot: application.App
) -> None:
    browser = client_from(web, "192.0.2.20")
    assert login(browser, "olivia").status_code == 303  # gets the signed device cookie
    browser.post("/logout", data={"csrf_token": csrf_token(browser, "/queue")})
    for n in range(modbot.config.web.login_attempts_per_minute * 3):
        login(client_from(web, f"198.51.100.{n}"), "olivia", "wrong password!")
    browser.environ_base["REMOTE_ADDR"] = "203.0.113.77"  # the same browser, somewhere new
    assert login(browser, "olivia").status_code == 303
    # A forged device cookie does not help a stranger.
    stranger = client_from(web, "203.0.113.78")
    stranger.set_cookie("modbot_device", "b2xpdmlh.forged.signature", path="/login")
    assert login(stranger, "olivia").status_code == 429


# ---------------------------------------------------------------- sessions


def signed_in(web: Any, name: str = "olivia", address: str = "127.0.0.1") -> Any:
    client = client_from(web, address)
    assert login(client, name).status_code == 303
    return client


def copy_of_cookie(web: Any, client: Any) -> Any:
    cookie = client.get_cookie("modbot_session")
    assert cookie is not None
    thief = web.test_client()
    thief.set_cookie("modbot_session", cookie.value)
    assert thief.get("/queue").status_code == 200
    return thief


def test_a_cookie_copied_before_logout_is_refused_after_it(web: Any) -> None:
    client = signed_in(web)
    thief = copy_of_cookie(web, client)
    response = client.post("/logout", data={"csrf_token": csrf_token(client, "/queue")})
    assert response.status_code == 303
    assert thief.get("/queue").status_code == 302
    assert client.get("/queue").status_code == 302
    assert login(client, "olivia").status_code == 303  # signing in again works


@pytest.mark.parametrize("change", ["password", "role"])
def test_password_or_role_change_ends_sessions(
    web: Any, modbot: application.App, change: str
) -> None:
    client = signed_in(web, "adam")
    thief = copy_of_cookie(web, client)
    with modbot.sessions.begin() as session:
        if change == "password":
            users.add_user(session, "adam", "assistant", "a brand new password")
        else:
            users.add_user(session, "adam", "auditor", None)
    assert client.get("/queue").status_code == 302
    assert thief.get("/queue").status_code == 302


def test_same_role_and_no_password_keeps_sessions(web: Any, modbot: application.App) -> None:
    client = signed_in(web, "adam")
    with modbot.sessions.begin() as session:
        users.add_user(session, "adam", "assistant", None)
    assert client.get("/queue").status_code == 200


def test_sessions_end_after_the_absolute_lifetime_however_active(
    web: Any, modbot: application.App, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = signed_in(web)
    start = time.time()
    idle = modbot.config.web.idle_timeout.total_seconds()
    lifetime = modbot.config.web.session_lifetime.total_seconds()
    step = idle - 60
    now = start
    while now + step < start + lifetime:
        now += step
        monkeypatch.setattr("bot.web.security.time.time", lambda at=now: at)
        assert client.get("/queue").status_code == 200
    monkeypatch.setattr("bot.web.security.time.time", lambda: start + lifetime + 1)
    response = client.get("/queue")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "time limit" in page


def test_a_cross_site_post_does_not_sign_the_user_out(web: Any) -> None:
    client = signed_in(web)
    # A cross-site form POST arrives without the SameSite=Lax cookie: its answer must not carry
    # a fresh anonymous cookie that would replace the real one in the browser.
    cross_site = web.test_client(use_cookies=False)
    for path in ("/logout", "/login", "/items/1/approve", "/queue"):
        response = cross_site.post(path, data={"username": "olivia", "password": "x"},
                                   headers={"Sec-Fetch-Site": "cross-site"})
        assert response.status_code in (400, 401, 403, 404, 405), (path, response.status_code)
        assert "Set-Cookie" not in response.headers, path
    # An old browser that does send the cookie cross-site: refused by CSRF, session untouched.
    response = client.post("/logout", data={})
    assert response.status_code == 400
    assert client.get("/queue").status_code == 200


# ---------------------------------------------------------------- configuration and migration


def test_web_security_settings_parse_and_are_checked(tmp_path: Path) -> None:
    defaults = load_config(tmp_path, env={})
    assert defaults.web.trusted_proxies == ()
    assert defaults.web.session_lifetime.total_seconds() == 12 * 3600
    (tmp_path / "modbot.toml").write_text(
        '[web]\ntrusted_proxies = ["127.0.0.1", "10.0.0.0/8"]\nsession_lifetime = "8h"\n'
    )
    config = load_config(tmp_path, env={})
    assert config.web.trusted_proxies == ("127.0.0.1", "10.0.0.0/8")
    assert config.web.session_lifetime.total_seconds() == 8 * 3600
    from_env = load_config(tmp_path, env={"MODBOT_WEB_TRUSTED_PROXIES": "::1, 192.0.2.1"})
    assert from_env.web.trusted_proxies == ("::1", "192.0.2.1")
    (tmp_path / "modbot.toml").write_text('[web]\ntrusted_proxies = ["proxy.example"]\n')
    with pytest.raises(ConfigError, match="trusted_proxies"):
        load_config(tmp_path, env={})
    (tmp_path / "modbot.toml").write_text('[web]\ntrusted_proxies = [1, 2]\n')
    with pytest.raises(ConfigError, match="list of strings"):
        load_config(tmp_path, env={})


def test_migration_0002_adds_session_version_to_existing_users(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import text

    engine = db.make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = db.alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(text(
            "INSERT INTO users (name, role, password_hash, active, created_at) "
            "VALUES ('old', 'owner', NULL, 1, '2026-01-01 00:00:00')"
        ))
    db.upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT session_version FROM users")).scalar() == 1
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    engine.dispose()


# ---------------------------------------------------------------- `modbot serve` behind a proxy


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def serve_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("serve") / "home"
    app = application.init_home(home)
    with app.sessions.begin() as session:
        users.add_user(session, "olivia", "owner", PASSWORD)
        users.add_user(session, "adam", "assistant", PASSWORD)
    app.engine.dispose()
    return home


def run_serve(home: Path, trusted: str) -> Iterator[int]:
    port = free_port()
    env = {**os.environ, "MODBOT_HOME": str(home), "MODBOT_WEB_TRUSTED_PROXIES": trusted}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    raise AssertionError(f"modbot serve did not start: {output}") from None
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()


@pytest.fixture(scope="module")
def trusted_server(serve_home: Path) -> Iterator[int]:
    yield from run_serve(serve_home, "127.0.0.1")


@pytest.fixture(scope="module")
def untrusted_server(serve_home: Path) -> Iterator[int]:
    yield from run_serve(serve_home, "")


class Browser:
    """Just enough of a browser over http.client: one cookie jar, custom headers."""

    def __init__(self, port: int, headers: dict[str, str]) -> None:
        self.port = port
        self.headers = headers
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Any:
        from urllib.parse import urlencode

        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        headers = dict(self.headers)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.text = response.read().decode()  # type: ignore[attr-defined]
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response

    def login(self, name: str, password: str = PASSWORD) -> Any:
        page = self.request("GET", "/login").text  # type: ignore[attr-defined]
        token = re.search(r'name="csrf-token" content="([^"]+)"', page)
        assert token
        return self.request("POST", "/login", {"username": name, "password": password,
                                               "csrf_token": token.group(1)})


def test_serve_behind_a_trusted_proxy_sets_secure_cookies_and_hsts(trusted_server: int) -> None:
    browser = Browser(trusted_server, {"X-Forwarded-Proto": "https",
                                       "X-Forwarded-For": "203.0.113.5"})
    page = browser.request("GET", "/login")
    assert page.status == 200
    assert page.getheader("Strict-Transport-Security", "").startswith("max-age=")
    response = browser.login("olivia")
    assert response.status == 303
    cookie = [c for c in response.headers.get_all("Set-Cookie") if c.startswith("modbot_session=")]
    assert cookie and "Secure" in cookie[0] and "HttpOnly" in cookie[0]
    # Plain http through the same proxy: no HSTS, no Secure.
    plain = Browser(trusted_server, {"X-Forwarded-Proto": "http"})
    assert plain.request("GET", "/login").getheader("Strict-Transport-Security") is None


def test_serve_behind_a_trusted_proxy_limits_by_the_forwarded_address(
    trusted_server: int,
) -> None:
    limit = 5
    guesser = Browser(trusted_server, {"X-Forwarded-For": "203.0.113.66"})
    for n in range(limit):
        assert guesser.login(f"guess{n}", "wrong password!").status == 401
    assert guesser.login("guess-more", "wrong password!").status == 429
    # Someone else behind the same proxy is not limited by the guesser's failures.
    other = Browser(trusted_server, {"X-Forwarded-For": "203.0.113.67"})
    assert other.login("adam").status == 303


def test_serve_ignores_forwarded_headers_from_untrusted_addresses(untrusted_server: int) -> None:
    forged = Browser(untrusted_server, {"X-Forwarded-Proto": "https",
                                        "X-Forwarded-For": "203.0.113.9"})
    page = forged.request("GET", "/login")
    assert page.status == 200
    assert page.getheader("Strict-Transport-Security") is None
    response = forged.login("olivia")
    assert response.status == 303
    cookie = [c for c in response.headers.get_all("Set-Cookie") if c.startswith("modbot_session=")]
    assert cookie and "Secure" not in cookie[0]
    # A forged X-Forwarded-For does not give a guesser fresh addresses.
    for n in range(5):
        guesser = Browser(untrusted_server, {"X-Forwarded-For": f"203.0.113.{100 + n}"})
        assert guesser.login(f"guess{n}", "wrong password!").status == 401
    fresh = Browser(untrusted_server, {"X-Forwarded-For": "203.0.113.200"})
    assert fresh.login("guess-more", "wrong password!").status == 429


# ---------------------------------------------------------------- file modes


def modbot_command(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MODBOT_HOME": str(home)}
    # umask 022, what a typical login shell gives: modbot must not rely on a stricter one.
    return subprocess.run([sys.executable, "-m", "bot", *args], env=env, capture_output=True,
                          text=True, timeout=300, check=False, umask=0o022)


def loose_paths(home: Path) -> list[str]:
    found = []
    for root, dirs, files in os.walk(home):
        for name in dirs:
            path = Path(root) / name
            if stat.S_IMODE(path.stat().st_mode) != 0o700:
                found.append(f"{path} {oct(stat.S_IMODE(path.stat().st_mode))}")
        for name in files:
            path = Path(root) / name
            if stat.S_IMODE(path.stat().st_mode) != 0o600:
                found.append(f"{path} {oct(stat.S_IMODE(path.stat().st_mode))}")
    return found


def test_init_demo_and_export_write_only_owner_readable_files(tmp_path: Path) -> None:
    home = tmp_path / "fresh-home"
    result = modbot_command(home, "init")
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert loose_paths(home) == []
    result = modbot_command(home, "demo", "--no-serve")
    assert result.returncode == 0, result.stderr
    result = modbot_command(home, "export", "--format", "csv", "--output", str(home / "items.csv"))
    assert result.returncode == 0, result.stderr
    names = {p.name for p in home.rglob("*")}
    assert {"modbot.toml", "modbot.db", "demo_items.jsonl", "items.csv"} <= names
    assert loose_paths(home) == []


def test_demo_says_where_the_dashboard_is_and_a_rerun_keeps_items_and_passwords(tmp_path: Path) -> None:
    home, port = tmp_path / "demo-home", free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "demo", "--port", str(port)],
        env={**os.environ, "MODBOT_HOME": str(home)}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, umask=0o022)
    lines: list[str] = []
    try:
        assert process.stdout is not None
        while not lines or "Ctrl+C" not in lines[-1]:
            line = process.stdout.readline()
            assert line, f"modbot demo stopped: {''.join(lines)}"
            lines.append(line)
        assert lines[-1] == f"modbot dashboard on http://127.0.0.1:{port}/ (Ctrl+C to stop)\n"
        deadline = time.monotonic() + 20
        while True:  # it really serves there (the line comes just before waitress listens)
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except ConnectionRefusedError:
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()
    passwords = {fields[0]: fields[2] for fields in (line.split() for line in lines)
                 if len(fields) == 3 and fields[0].startswith("demo-")}
    assert set(passwords) == {"demo-owner", "demo-assistant", "demo-auditor"}
    app = application.open_app(home)
    with app.reads() as db:
        hashes = {name: hashed for name, hashed in db.execute(select(User.name, User.password_hash))}

    again = modbot_command(home, "demo", "--no-serve")
    assert again.returncode == 0, again.stderr
    assert "demo home already exists" in again.stdout
    assert re.search(r"kept (\d+) items, added 0 \(\1 in all", again.stdout), again.stdout
    assert "demo users unchanged (demo-owner, demo-assistant, demo-auditor)" in again.stdout
    assert "demo logins" not in again.stdout  # no new passwords printed, none set
    assert not any(password in again.stdout for password in passwords.values())
    with app.reads() as db:
        assert {name: hashed for name, hashed in db.execute(select(User.name, User.password_hash))} == hashes
    client = create_app(app, testing=True).test_client()
    assert login(client, "demo-owner", passwords["demo-owner"]).status_code == 303  # still works


def test_a_loosened_home_is_reported_in_one_line(tmp_path: Path) -> None:
    home = tmp_path / "loose-home"
    assert modbot_command(home, "init").returncode == 0
    os.chmod(home / "modbot.toml", 0o644)
    result = modbot_command(home, "queue")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "readable by other users" in line]
    assert len(warnings) == 1 and "modbot.toml" in warnings[0]
