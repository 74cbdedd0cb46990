"""One scripted count session through the real broker and ledger.

master import → `edge scanner` reading stdin (a real process, through the device outbox and
Mosquitto) → the ledger service's counting projection → alerts on MQTT → `edge report`.
Pins: the statuses, tiers, alerts and accuracy an inventory controller reads.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt
import sqlite_utils

from edge.bus import topics
from edge.config import EdgeConfig
from edge.ledger.db import open_ledger
from edge.ledger.master import import_files
from tests.support import edge_command, wait_until

ITEMS = """item,description,unit_cost,abc_class
WASHER,Washer,0.5,C
VALVE,Valve,40,A
BOLT,Bolt,2,B
GOLD,Gold bar,1000,C
"""
LOCATIONS = "location,zone,camera\n" + "".join(f"A-01-0{i},z1,\n" for i in range(1, 6))
BOOK = """location,item,lot,quantity
A-01-01,WASHER,,100
A-01-02,VALVE,,10
A-01-03,BOLT,,50
A-01-05,GOLD,,10
"""
SCRIPT = [
    "WASHER",  # refused: no location yet
    "Z-99-99",  # refused: unknown location
    "A-01-01",
    "WASHER",
    "100",
    "END",  # matches the book: accepted
    "A-01-02",
    "VALVE",
    "9",
    "END",  # A item −10 %: recount
    "A-01-03",
    "BOLT",
    "40",
    "A-01-03",  # B item −20 %: recount (closed by the same location)
    "A-01-02",
    "VALVE",
    "9",
    "END",  # recount confirms: class A → tier 2, escalated
    "A-01-03",
    "BOLT",
    "50",
    "END",  # recount matches the book: the first count was wrong
    "A-01-05",
    "GOLD",
    "5",  # −5 × 1000: recount …
    "A-01-05",  # … the same location again closes the count
    "A-01-05",
    "GOLD",
    "5",
    "END",  # … confirmed: 5000 ≥ management threshold → tier 3
    "A-01-04",
    "END",  # an empty bin where the book holds nothing: accepted
]


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("EDGE_")}


def test_scripted_count_session(
    tmp_path: Path, config_file: Path, edge_config: EdgeConfig, running_ledger: Any
) -> None:
    for name, text in [("items.csv", ITEMS), ("locations.csv", LOCATIONS), ("book.csv", BOOK)]:
        (tmp_path / name).write_text(text)
    db = open_ledger(edge_config.ledger.path)
    import_files(db, [tmp_path / n for n in ("items.csv", "locations.csv", "book.csv")])

    alerts: list[dict[str, Any]] = []
    got = threading.Event()
    listener = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="alerts-listener")

    def on_message(_c: object, _u: object, message: mqtt.MQTTMessage) -> None:
        alerts.append(json.loads(message.payload))
        got.set()

    listener.on_message = on_message
    listener.on_connect = lambda c, *_: c.subscribe(topics.alerts(edge_config.site), qos=1)
    listener.connect(edge_config.broker.host, edge_config.broker.port)
    listener.loop_start()
    try:
        run = subprocess.run(
            edge_command("scanner", "--config", str(config_file), "--timeout", "30", "--json"),
            input="\n".join(SCRIPT) + "\n",
            capture_output=True,
            text=True,
            env=_env(),
            timeout=90,
        )
        assert run.returncode == 0, run.stderr
        replies = [json.loads(line) for line in run.stdout.splitlines()]
        summary = replies[-1]["summary"]
        assert summary["acknowledged"] is True
        assert summary["counts_closed"] == 8 and summary["events"] == 8
        refused = [r["message"] for r in replies[:-1] if r.get("kind") == "refused"]
        assert len(refused) == 2 and "scan a location first" in refused[0]
        assert "unknown location Z-99-99" in refused[1]

        lines = {
            (r["location"], r["item"]): r
            for r in sqlite_utils.Database(edge_config.ledger.path).query(
                "SELECT * FROM count_lines"
            )
        }
        status = {key: (r["status"], r["tier"]) for key, r in lines.items()}
        assert status == {
            ("A-01-01", "WASHER"): ("accepted", None),
            ("A-01-02", "VALVE"): ("escalated", 2),
            ("A-01-03", "BOLT"): ("accepted", None),
            ("A-01-05", "GOLD"): ("escalated", 3),
            ("A-01-04", ""): ("accepted", None),
        }
        assert lines[("A-01-02", "VALVE")]["counter"] == "scanner:hh-1"

        assert wait_until(lambda: len(alerts) >= 5, timeout=10)
        seen = sorted((a["kind"], a["tier"], a["item"]) for a in alerts)
        assert seen == [
            ("recount", 1, "BOLT"),
            ("recount", 1, "GOLD"),
            ("recount", 1, "VALVE"),
            ("variance", 2, "VALVE"),
            ("variance", 3, "GOLD"),
        ]
        assert all(a["reason"].endswith(".") for a in alerts)

        report = subprocess.run(
            edge_command("report", "--config", str(config_file), "--json"),
            capture_output=True,
            text=True,
            env=_env(),
            timeout=60,
        )
        assert report.returncode == 0, report.stderr
        doc = json.loads(report.stdout)
        assert doc["accuracy"]["counts"] == 5 and doc["accuracy"]["within"] == 3
        assert doc["accuracy"]["percent"] == 60.0
        assert doc["accuracy"]["per_class"]["A"] == {"counts": 1, "within": 0, "percent": 0.0}
        assert doc["escalations"]["confirmed_by_tier"] == {"2": 1, "3": 1}
        assert doc["open_recounts"] == []
        assert doc["variance_value"]["negative"] == -5040.0  # GOLD −5000, VALVE −40, never netted
    finally:
        listener.loop_stop()
        listener.disconnect()
