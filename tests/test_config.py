"""Config precedence (arguments > environment > file > defaults) and clear errors."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import ACCOUNT_KEYS, SECTIONS, AccountConfig, load_config
from bot.errors import ConfigError

README = Path(__file__).resolve().parents[1] / "README.md"


def write(home: Path, text: str) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "modbot.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = load_config(tmp_path / "empty", env={})
    assert config.database_url == f"sqlite:///{tmp_path / 'empty' / 'modbot.db'}"
    assert config.practice.region == "US"
    assert config.accounts == ()


def test_precedence_arguments_over_environment_over_file_over_defaults(tmp_path: Path) -> None:
    write(tmp_path, '[practice]\nregion = "GB"\ndisplay_name = "Dr File"\n[web]\nport = 9000\n')
    from_file = load_config(tmp_path, env={})
    assert (from_file.practice.region, from_file.practice.display_name, from_file.web.port) == (
        "GB",
        "Dr File",
        9000,
    )

    env = {"MODBOT_PRACTICE_REGION": "ie", "MODBOT_WEB_PORT": "9100"}
    from_env = load_config(tmp_path, env=env)
    assert (from_env.practice.region, from_env.web.port) == ("IE", 9100)
    assert from_env.practice.display_name == "Dr File"

    from_args = load_config(tmp_path, env=env, overrides={"practice.region": "CA", "web.port": 9200})
    assert (from_args.practice.region, from_args.web.port) == ("CA", 9200)


def test_a_config_file_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    """Some Windows editors start a UTF-8 file with a byte-order mark; TOML alone would refuse it."""
    (tmp_path / "modbot.toml").write_text('[practice]\nregion = "GB"\n', encoding="utf-8-sig")
    assert load_config(tmp_path, env={}).practice.region == "GB"


def test_database_url_precedence(tmp_path: Path) -> None:
    write(tmp_path, '[database]\nurl = "sqlite:///from-file.db"\n')
    assert load_config(tmp_path, env={}).database_url == "sqlite:///from-file.db"
    env = {"MODBOT_DATABASE_URL": "sqlite:///from-env.db"}
    assert load_config(tmp_path, env=env).database_url == "sqlite:///from-env.db"
    assert (
        load_config(tmp_path, env=env, overrides={"database.url": "sqlite:///arg.db"}).database_url
        == "sqlite:///arg.db"
    )


def test_accounts_with_platform_defaults(tmp_path: Path) -> None:
    write(
        tmp_path,
        """
[[accounts]]
name = "channel"
platform = "youtube"
channel_id = "UC123"
poll_every = "10m"

[[accounts]]
name = "reddit-main"
platform = "reddit"
username = "dr_example"
reddit_url = "http://127.0.0.1:9999"
""",
    )
    youtube, reddit = load_config(tmp_path, env={}).accounts
    assert youtube == AccountConfig(
        name="channel", platform="youtube", channel_id="UC123", poll_every=timedelta(minutes=10)
    )
    assert youtube.api_endpoint == "https://youtube.googleapis.com/" and youtube.daily_quota == 10_000
    assert reddit.reddit_url == "http://127.0.0.1:9999" and reddit.oauth_url == "https://oauth.reddit.com"
    assert reddit.mark_read is False


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[practice]\nregoin = 'US'\n", "unknown key 'regoin' in [practice]"),
        ("colour = 'blue'\n", "unknown key 'colour'"),
        ("[practice\nregion='US'", "not valid TOML"),
        ("[web]\nport = 'eighty'\n", "[web] port: expected a whole number"),
        ("[practice]\nregion = 'USA'\n", "two-letter country code"),
        ("[[accounts]]\nname='x'\nplatform='myspace'\n", "platform must be one of"),
        ("[[accounts]]\nname='x'\nplatform='youtube'\n", "account 'x' needs channel_id"),
        (
            "[[accounts]]\nname='x'\nplatform='file'\npath='a'\nchannel_id='UC1'\n",
            "unknown key 'channel_id' in account 'x'",
        ),
        ("[[accounts]]\nname='x'\nplatform='file'\npath='a'\npoll_every='often'\n", "expected a duration"),
        (
            "[[accounts]]\nname='x'\nplatform='file'\npath='a'\n[[accounts]]\nname='x'\nplatform='file'\npath='b'\n",
            "account name 'x' is used twice",
        ),
    ],
)
def test_bad_config_names_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path, env={})
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    if "TOML" in message or "unknown key" in message:
        assert str(path) in str(caught.value)


def test_bad_environment_value_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="MODBOT_WEB_PORT"):
        load_config(tmp_path, env={"MODBOT_WEB_PORT": "lots"})


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    keys = {"url"} | {key for cls in SECTIONS.values() for key in cls.__dataclass_fields__}
    keys |= set().union(*ACCOUNT_KEYS.values())
    missing = sorted(key for key in keys if not re.search(rf"`{key}`", readme))
    assert missing == []


@pytest.mark.parametrize(("text", "message"), [
    ("[database]\nurl = 'notaurl'\n", "is not a database URL"),
    ("[web]\nidle_timeout = '99999999999d'\n", "at most a year"),
    ("[web]\nport = 99999999\n", "between 1 and 65535"),
    ("[[accounts]]\nname='y'\nplatform='youtube'\nchannel_id='UC1'\ndaily_quota=-1\n", "between 0 and"),
])
def test_out_of_range_values_are_refused_with_one_line(tmp_path: Path, text: str, message: str) -> None:
    from bot import app as application

    write(tmp_path, text)
    with pytest.raises(ConfigError, match=message):
        application.open_app(tmp_path, require_database=False)
