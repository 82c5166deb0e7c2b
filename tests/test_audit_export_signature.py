"""An outside auditor checks an audit export with the practice's public key and OpenSSL alone."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from bot import approval, export_signing, outbox
from bot.cli import cli
from tests.test_approval_support import ASSISTANT, add_item, workflow_app


@pytest.fixture
def exported(home: Path, runner: Any, tmp_path: Path) -> tuple[Path, Path, Path]:
    app = workflow_app(home)
    item_id = add_item(app)
    approval.open_item(app, item_id, ASSISTANT)
    approval.approve(app, item_id, ASSISTANT, text="Thanks so much for watching!")
    outbox.post_once(app)
    target = tmp_path / "audit.json"
    result = runner.invoke(cli, ["--home", str(home), "audit", "export", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert "public-key signature in" in result.output
    public = runner.invoke(cli, ["--home", str(home), "audit", "public-key"])
    assert public.exit_code == 0 and public.output.startswith("-----BEGIN PUBLIC KEY-----")
    key = tmp_path / "modbot-audit.pub"
    key.write_text(public.output)
    return target, target.with_name("audit.json.sig"), key


def _openssl_verify(key: Path, content: Path, signature: Path) -> subprocess.CompletedProcess[str]:
    """The documented procedure, word for word (README: Audit trail, Export)."""
    return subprocess.run(
        ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(key), "-rawin", "-in", str(content),
         "-sigfile", str(signature)],
        capture_output=True, text=True, check=False,
    )


def test_an_auditor_verifies_the_export_with_openssl_and_the_public_key(
    exported: tuple[Path, Path, Path],
) -> None:
    content, signature, key = exported
    assert signature.stat().st_mode & 0o777 == 0o600
    checked = _openssl_verify(key, content, signature)
    assert checked.returncode == 0 and "Signature Verified Successfully" in checked.stdout
    assert export_signing.verify(key.read_text(), content.read_bytes(), signature.read_bytes())


def test_a_changed_export_fails_the_auditors_check(exported: tuple[Path, Path, Path]) -> None:
    content, signature, key = exported
    document = json.loads(content.read_text())
    document["events"][1]["actor"] = "someone-else"
    content.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    checked = _openssl_verify(key, content, signature)
    assert checked.returncode != 0 and "Signature Verified Successfully" not in checked.stdout
    assert not export_signing.verify(key.read_text(), content.read_bytes(), signature.read_bytes())


def test_the_signing_key_stays_in_secrets_and_out_of_the_export(
    exported: tuple[Path, Path, Path], home: Path
) -> None:
    content, _, _ = exported
    seed = (home / "secrets" / "audit-export.key").read_bytes()
    assert (home / "secrets" / "audit-export.key").stat().st_mode & 0o777 == 0o600
    assert seed.hex() not in content.read_text() and seed not in content.read_bytes()
