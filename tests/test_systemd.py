"""The shipped unit files are valid for systemd (no warnings at all) and the ledger is hardened."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

UNITS = Path(__file__).parent.parent / "systemd"
ANALYZE = shutil.which("systemd-analyze")

pytestmark = pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze is not installed")


def installed_copy(unit: Path, tmp_path: Path, name: str) -> Path:
    """The unit with ExecStart pointing at this environment's `edge` (verify checks it exists)."""
    edge = Path(sys.executable).parent / "edge"
    assert edge.exists(), "pip install -e . puts the edge command beside python"
    copy = tmp_path / name
    copy.write_text(unit.read_text().replace("/opt/edge/.venv/bin/edge", str(edge)))
    return copy


@pytest.mark.parametrize(
    ("unit", "name"),
    [
        ("edge-ledger.service", "edge-ledger.service"),
        ("edge-camera@.service", "edge-camera@rack-a01.service"),
        ("edge-scanner.service", "edge-scanner.service"),
    ],
)
def test_unit_verifies_without_any_warning(tmp_path: Path, unit: str, name: str) -> None:
    assert ANALYZE is not None
    copy = installed_copy(UNITS / unit, tmp_path, name)
    result = subprocess.run([ANALYZE, "verify", str(copy)], capture_output=True, text=True)
    # unknown keys are only warnings with exit 0 (FINDINGS): any output is a failure
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def test_ledger_unit_is_hardened(tmp_path: Path) -> None:
    assert ANALYZE is not None
    copy = installed_copy(UNITS / "edge-ledger.service", tmp_path, "edge-ledger.service")
    result = subprocess.run(
        [ANALYZE, "security", "--offline=true", "--threshold=20", str(copy)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-2000:]
