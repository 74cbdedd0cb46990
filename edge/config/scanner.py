"""Configuration section `scanner`: the handheld / keyboard-wedge count workflow."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ScannerConfig(BaseModel):
    """Section `scanner` of `edge.yaml`."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    id: str = Field(
        default="hh-1",
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
        description="Scanner id; events carry the source `scanner:<id>`.",
    )
    input: str = Field(
        default="stdin",
        description="Where scans come from: `stdin`, an evdev device (`/dev/input/eventN`, "
        "grabbed exclusively) or a serial port (`/dev/ttyACM0`).",
    )
    baudrate: int = Field(default=9600, gt=0, description="Serial port speed.")
    ack_timeout: float = Field(
        default=30.0,
        gt=0,
        description="Seconds to wait at the end of input for the ledger to acknowledge every "
        "emitted count before exiting with a non-zero status.",
    )
    max_quantity_digits: int = Field(
        default=6,
        ge=1,
        le=12,
        description="A line of only digits up to this length is a quantity; longer digit "
        "strings are parsed as labels (a GS1 GTIN is 14 digits).",
    )
    check_master_data: bool = Field(
        default=True,
        description="Refuse locations (and plain-text items) that the ledger's master data does "
        "not know, when the ledger file is readable on this device.",
    )
