"""Configuration section `labels`: how payloads are recognised and how hard images are tried.

Every field has a default, so a site without a `labels:` section reads location codes such as
`A-03-02-04` and `A01-03-B`, GS1 and MH10.8.2 labels, and retries hard images for 250 ms.
"""

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from edge.labels.location import DEFAULT_LOCATION_PATTERN


class LabelsConfig(BaseModel):
    """Label decoding and parsing."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    location_pattern: str = Field(
        default=DEFAULT_LOCATION_PATTERN,
        title="Location pattern",
        description="Regular expression (Python syntax) that a whole payload must match to be a "
        "location code. The default accepts an aisle of 1-3 capital letters with an optional "
        "number, then 1-4 dash-separated groups of capitals or digits, with at least one digit: "
        "`A-03-02-04`, `A01-03-B`.",
    )
    decode_budget_ms: float = Field(
        default=250.0,
        gt=0,
        le=10_000,
        title="Decode budget",
        description="Time in milliseconds that `decode_image` may spend on retries (contrast, "
        "upscaling, sharpening, rotation, second backend) for one image or region where the "
        "cheap first pass read nothing.",
    )
    second_backend: bool = Field(
        default=True,
        title="Second backend",
        description="Use pyzbar (if installed) as a retry for EAN/UPC, QR and Code 128 that "
        "zxing-cpp could not read.",
    )

    @field_validator("location_pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"location_pattern is not a valid regular expression: {exc}") from exc
        return value
