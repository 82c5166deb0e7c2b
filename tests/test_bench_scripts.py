"""Every bench script that defines main() runs it when called as a script: encoder_second.py once
defined main and never called it, so its first run printed nothing and measured nothing."""

import ast
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
SCRIPTS = sorted(p for p in BENCH.glob("*.py") if "\ndef main(" in p.read_text(encoding="utf-8"))


def calls_main_when_run(tree: ast.Module) -> bool:
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "__name__ == '__main__'":
            return any("main(" in ast.unparse(statement) for statement in node.body)
    return False


def test_there_are_bench_scripts_to_check() -> None:
    assert len(SCRIPTS) >= 10


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_a_bench_script_runs_its_main_when_called(script: Path) -> None:
    tree = ast.parse(script.read_text(encoding="utf-8"))
    assert calls_main_when_run(tree), f"{script.name} defines main() and never calls it"
