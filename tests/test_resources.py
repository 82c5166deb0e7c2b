"""Crisis resources as data, and `modbot resources check` / `list`."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.cli import cli
from bot.errors import ConfigError
from responses import resources_for
from responses.resources import default_data_path, load_resources, regions, stale_entries

NOTES = default_data_path().with_name("crisis_resources_notes.md")


def bundled() -> dict[str, Any]:
    return json.loads(default_data_path().read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "resources.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_bundled_data_covers_the_researched_regions() -> None:
    assert regions() == ["AU", "CA", "GB", "IE", "NZ", "US"]


def test_us_resources() -> None:
    us = resources_for("US")
    names = [s.name for s in us.reply_services]

    assert not us.is_fallback
    assert names == ["988 Suicide & Crisis Lifeline", "Crisis Text Line"]
    assert us.emergency.numbers == ("911",)
    lifeline = us.reply_services[0]
    assert {(c.type, c.value) for c in lifeline.contacts} >= {
        ("phone", "988"),
        ("text", "988"),
        ("chat", "988lifeline.org"),
    }
    assert lifeline.hours == "24/7" and lifeline.last_verified == date(2026, 11, 26)
    assert lifeline.sources[0] == "https://988lifeline.org/get-help/what-to-expect"
    assert us.reply_services[1].contacts[0].keyword == "HOME"


def test_gb_resources_use_samaritans_116_123() -> None:
    gb = resources_for("gb")
    samaritans = gb.reply_services[0]
    assert samaritans.name == "Samaritans"
    assert [c.value for c in samaritans.contacts if c.type == "phone"] == ["116 123"]
    assert "08457" not in json.dumps(bundled())
    assert resources_for("UK") == gb  # the common alias


@pytest.mark.parametrize("region", ["FR", "de", "", None, "XX", "  jp "])
def test_unknown_regions_get_the_international_directories(region: str | None) -> None:
    res = resources_for(region)
    assert res.is_fallback
    assert res.emergency_line == "call your local emergency number"
    assert [c.value for s in res.reply_services for c in s.contacts] == [
        "findahelpline.com",
        "befrienders.org",
    ]


def test_unknown_region_keeps_its_code() -> None:
    assert resources_for(" fr ").region == "FR"


def test_unverified_and_excluded_entries_are_never_in_replies() -> None:
    for code in regions():
        for service in resources_for(code).reply_services:
            assert service.status == "verified" and service.last_verified is not None
    trevor = next(s for s in resources_for("US").services if s.id == "us-trevor")
    assert not trevor.for_replies and trevor.last_verified is None


def test_988_press_3_is_not_listed() -> None:
    assert "press 3" not in default_data_path().read_text(encoding="utf-8")


def test_every_number_and_source_comes_from_the_research_notes() -> None:
    """No invented numbers: each number and source URL is in the notes shipped beside the data."""
    notes = NOTES.read_text(encoding="utf-8")
    note_digits = "".join(ch for ch in notes if ch.isdigit())
    data = load_resources()
    for region in [*data.regions.values(), data.international]:
        for service in region.services:
            for contact in service.contacts:
                digits = "".join(ch for ch in contact.value if ch.isdigit())
                if contact.type in ("phone", "text", "tty"):
                    assert digits and digits in note_digits, (service.id, contact.value)
                else:
                    assert contact.value in notes, (service.id, contact.value)
            for source in service.sources:
                assert source in notes, (service.id, source)
        for number in region.emergency.numbers:
            assert number in notes


def test_bad_data_files_are_reported_with_their_path(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="broken.json: not valid JSON"):
        load_resources(path)

    data = bundled()
    data["regions"]["US"]["services"][0]["last_verified"] = "last spring"
    with pytest.raises(ConfigError, match="last_verified must be a date"):
        load_resources(write(tmp_path, data))

    data = bundled()
    data["regions"]["usa"] = data["regions"]["US"]
    with pytest.raises(ConfigError, match="two-letter"):
        load_resources(write(tmp_path, data))

    with pytest.raises(ConfigError, match="cannot read"):
        load_resources(tmp_path / "missing.json")


def test_stale_entries_by_age(tmp_path: Path) -> None:
    data = bundled()
    data["regions"]["GB"]["services"][1]["last_verified"] = "2024-01-15"
    loaded = load_resources(write(tmp_path, data))

    stale, never = stale_entries(timedelta(days=180), today=date(2026, 12, 1), data=loaded)

    assert [e.id for e in stale] == ["gb-shout"]
    assert "us-trevor" in [e.id for e in never] and "us-emergency" in [e.id for e in never]
    everything, _ = stale_entries(timedelta(days=1), today=date(2027, 12, 1), data=loaded)
    assert len(everything) == len([e for e in loaded.entries() if e.last_verified])


def test_a_data_file_saved_with_a_byte_order_mark_is_read(runner: Any, tmp_path: Path) -> None:
    path = tmp_path / "resources.json"
    path.write_text(json.dumps(bundled()), encoding="utf-8-sig")
    result = runner.invoke(cli, ["resources", "check", "--data", str(path)])
    assert result.exit_code == 0, result.output


def test_resources_check_lists_stale_entries_and_exits_zero(runner: Any, tmp_path: Path) -> None:
    data = bundled()
    data["regions"]["US"]["services"][0]["last_verified"] = "2023-03-01"
    path = write(tmp_path, data)

    result = runner.invoke(cli, ["resources", "check", "--older-than", "180d", "--data", str(path)])

    assert result.exit_code == 0, result.output
    assert str(path) in result.output
    stale_lines = [line for line in result.output.splitlines() if line.strip().startswith("STALE ")]
    assert len(stale_lines) == 1
    assert "us-988" in stale_lines[0] and "2023-03-01" in stale_lines[0]
    assert "source: https://988lifeline.org/get-help/what-to-expect" in result.output
    assert "UNVERIFIED  US   us-trevor" in result.output


def test_resources_check_with_a_moved_today(runner: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.cli.resources.today", lambda: date(2028, 1, 1))

    result = runner.invoke(cli, ["resources", "check", "--older-than", "365d"])

    assert result.exit_code == 0
    assert "STALE: 19 entries last verified more than 365 days ago (before 2027-01-01)" in result.output
    assert "(401 days ago)" in result.output


def test_resources_check_when_nothing_is_stale(runner: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.cli.resources.today", lambda: date(2026, 12, 1))

    result = runner.invoke(cli, ["resources", "check"])

    assert result.exit_code == 0
    assert "No stale entries: every dated entry was verified within 180 days" in result.output
    assert "STALE " not in result.output


def test_resources_check_rejects_a_bad_age(runner: Any) -> None:
    result = runner.invoke(cli, ["resources", "check", "--older-than", "soon"])
    assert result.exit_code == 2
    assert "--older-than" in result.output


def test_resources_check_reports_a_broken_file_in_one_line(runner: Any, tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("[]", encoding="utf-8")
    result = runner.invoke(cli, ["resources", "check", "--data", str(path)])
    assert result.exit_code == 1
    assert "expected an object with 'regions'" in result.output
    assert "Traceback" not in result.output


def test_resources_list_for_a_region(runner: Any) -> None:
    result = runner.invoke(cli, ["resources", "list", "--region", "GB"])

    assert result.exit_code == 0
    assert result.output.startswith("GB: United Kingdom")
    assert "Samaritans [in replies, verified 2026-11-26]" in result.output
    assert "Call 116 123" in result.output
    assert "call your local emergency number (999 or 112)" in result.output


def test_resources_list_for_an_unknown_region_says_so(runner: Any) -> None:
    result = runner.invoke(cli, ["resources", "list", "--region", "fr"])

    assert result.exit_code == 0
    assert "no entries for FR: international directories" in result.output
    assert "findahelpline.com" in result.output


def test_resources_list_everything_as_json(runner: Any) -> None:
    result = runner.invoke(cli, ["resources", "list", "--json"])

    assert result.exit_code == 0
    listed = json.loads(result.output)
    assert [r["region"] for r in listed] == ["AU", "CA", "GB", "IE", "NZ", "US", "INTL"]
    us = listed[5]
    assert us["emergency_numbers"] == ["911"]
    assert us["services"][0]["in_replies"] is True
    assert us["services"][0]["last_verified"] == "2026-11-26"


def test_resources_commands_have_help(runner: Any) -> None:
    for args in (["resources", "--help"], ["resources", "check", "--help"], ["resources", "list", "--help"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0 and "Usage:" in result.output
