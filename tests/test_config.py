"""Configuration: defaults, errors that name key and line, environment overrides, secrets."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from edge.cli import main
from edge.config import ConfigError, load_config
from edge.config.loader import parse_config


def test_no_file_gives_embedded_defaults() -> None:
    cfg = parse_config(None, environ={})
    assert cfg.site and cfg.device
    assert cfg.broker.port == 1883
    assert cfg.broker.session_expiry >= 7 * 24 * 3600


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("site: p1\nbroker:\n  url: http://x\n", ":3: broker.url"),
        ("site: p1\nledger:\n  batch_size: 0\n", ":3: ledger.batch_size"),
        ("site: p1\nbrokr:\n  url: mqtt://x\n", ":2: brokr: Extra inputs are not permitted"),
        ("site: 'has space'\n", ":1: site"),
        ("outbox:\n  max_events: many\n", ":2: outbox.max_events"),
        ("site: [unclosed\n", "not valid YAML"),
        ("- a\n- b\n", "top level must be a mapping"),
    ],
)
def test_errors_name_the_key_and_line(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_config(text, source="edge.yaml", environ={})
    assert expected in str(error.value)


def test_environment_overrides_any_key() -> None:
    cfg = parse_config(
        "site: p1\nledger:\n  batch_size: 10\n",
        environ={
            "EDGE_LEDGER__BATCH_SIZE": "200",
            "EDGE_SITE": "p2",
            "EDGE_BROKER__URL": "mqtts://broker.example:8883",
            "EDGE_LOG__JSON_LINES": "true",
        },
    )
    assert (cfg.site, cfg.ledger.batch_size, cfg.log.json_lines) == ("p2", 200, True)
    assert cfg.broker.tls and cfg.broker.port == 8883


def test_bad_override_is_reported_by_key() -> None:
    with pytest.raises(ConfigError, match=r"outbox\.max_events"):
        parse_config(None, environ={"EDGE_OUTBOX__MAX_EVENTS": "-3"})


def test_password_from_systemd_credentials(tmp_path: Path) -> None:
    (tmp_path / "broker_password").write_text("s3cret\n")
    cfg = parse_config(
        "broker:\n  username: d1\n", environ={"CREDENTIALS_DIRECTORY": str(tmp_path)}
    )
    assert cfg.broker.password is not None
    assert cfg.broker.password.get_secret_value() == "s3cret"
    assert "s3cret" not in repr(cfg)


def test_password_env_wins_over_credentials(tmp_path: Path) -> None:
    (tmp_path / "broker_password").write_text("from-file")
    cfg = parse_config(
        None,
        environ={"CREDENTIALS_DIRECTORY": str(tmp_path), "EDGE_BROKER_PASSWORD": "from-env"},
    )
    assert cfg.broker.password is not None
    assert cfg.broker.password.get_secret_value() == "from-env"


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "nope.yaml")


def test_config_check_command(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("site: p1\ndevice: pi-rack-a\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("site: p1\nledger:\n  batch_size: -1\n")
    runner = CliRunner()
    ok = runner.invoke(main, ["config", "check", str(good)])
    assert ok.exit_code == 0, ok.output
    failed = runner.invoke(main, ["config", "check", str(bad)])
    assert failed.exit_code != 0
    assert "bad.yaml:3: ledger.batch_size" in failed.output


def test_shipped_examples_are_valid() -> None:
    """The device config and the example calibration that the docs point at must load."""
    from edge.vision.calibration import load_calibration

    root = Path(__file__).parent.parent
    cfg = load_config(root / "systemd" / "edge.yaml", environ={})
    assert "rack-a01" in cfg.cameras
    calibration = load_calibration(root / "calibration" / "rack-a01.yaml").calibration
    assert calibration.camera == "rack-a01" and len(calibration.locations) >= 4
