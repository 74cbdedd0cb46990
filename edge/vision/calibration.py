"""The calibration file of one camera (CONTRACT.md, "Calibration file"): load, validate, write.

Keys of the contract: `camera`, `site`, `image_size`, `bins[].location`, `bins[].polygon`,
`bins[].label_polygon`, `reference.image`, `reference.states`. Keys this project adds:
`intrinsics` (`camera_matrix` 3×3, `dist_coeffs`, `image_size`, `rms`) for undistortion.
Relative reference paths are resolved against the file's folder. Errors name the key and line.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from edge import yaml_lines
from edge.vision.crop import corner_order

logger = logging.getLogger(__name__)

Point = tuple[float, float]
BinState = Literal["empty", "occupied", "unknown"]


class CalibrationError(ValueError):
    """A calibration file that cannot be used; the message names the file, key and line."""


def _quad(value: list[list[float]]) -> list[list[float]]:
    """At least 3 [x, y] points enclosing an area; 4 points are put clockwise from top-left
    (`edge.vision.crop.corner_order`): a bin clicked the other way round is the same bin."""
    if len(value) < 3:
        raise ValueError("a polygon needs at least 3 points (4, clockwise from top-left)")
    for point in value:
        if len(point) != 2:
            raise ValueError("each point is [x, y]")
    if len(value) == 4:
        value = [value[i] for i in corner_order(value)]
    x, y = np.asarray(value, dtype=np.float64).T
    if abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))) / 2 < 1.0:
        raise ValueError("the polygon encloses no area (its points are on one line)")
    return value


class BinSpec(BaseModel):
    """One storage location as the camera sees it (raw image pixels)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    location: str = Field(min_length=1, max_length=64, description="Storage location id.")
    polygon: list[list[float]] = Field(description="Bin outline, clockwise from top-left.")
    label_polygon: list[list[float]] | None = Field(
        default=None, description="Where the bin's location label is (optional)."
    )

    _check_polygon = field_validator("polygon")(_quad)

    @field_validator("label_polygon")
    @classmethod
    def _check_label(cls, value: list[list[float]] | None) -> list[list[float]] | None:
        return None if value is None else _quad(value)


class Reference(BaseModel):
    """A taught reference frame and the state of each bin in it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    image: Path = Field(description="Reference frame (absolute, or relative to the file).")
    # `unknown` (a bin covered or unclear in the reference frame): the bin is not taught
    states: dict[str, BinState] = Field(
        default_factory=dict, description="Bin states in the reference frame."
    )


class Intrinsics(BaseModel):
    """Camera matrix and distortion from `edge calibrate intrinsics`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    camera_matrix: list[list[float]] = Field(description="3×3 camera matrix K.")
    dist_coeffs: list[float] = Field(
        description="OpenCV distortion coefficients (k1 k2 p1 p2 k3…)."
    )
    image_size: tuple[int, int] | None = Field(
        default=None, description="Size of the checkerboard images [width, height]."
    )
    rms: float | None = Field(default=None, description="Reprojection error, pixels.")

    @field_validator("camera_matrix")
    @classmethod
    def _three_by_three(cls, value: list[list[float]]) -> list[list[float]]:
        if len(value) != 3 or any(len(row) != 3 for row in value):
            raise ValueError("camera_matrix must be 3×3")
        return value

    @field_validator("dist_coeffs")
    @classmethod
    def _coeff_count(cls, value: list[float]) -> list[float]:
        if len(value) not in (4, 5, 8, 12, 14):
            raise ValueError("dist_coeffs must have 4, 5, 8, 12 or 14 values")
        return value


class Calibration(BaseModel):
    """A validated calibration; `base_dir` is the folder relative paths are resolved against."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    camera: str = Field(min_length=1, description="Camera id.")
    site: str | None = Field(default=None, description="Site id.")
    image_size: tuple[int, int] = Field(description="[width, height] the polygons refer to.")
    bins: list[BinSpec] = Field(description="The storage locations this camera watches.")
    reference: Reference | None = Field(default=None, description="Optional teaching.")
    intrinsics: Intrinsics | None = Field(default=None, description="Optional undistortion.")

    @field_validator("image_size")
    @classmethod
    def _positive(cls, value: tuple[int, int]) -> tuple[int, int]:
        if value[0] <= 0 or value[1] <= 0:
            raise ValueError("image_size must be positive [width, height]")
        return value

    @model_validator(mode="after")
    def _unique_locations(self) -> Calibration:
        seen: set[str] = set()
        for spec in self.bins:
            if spec.location in seen:
                raise ValueError(f"location {spec.location!r} appears twice in bins")
            seen.add(spec.location)
        if self.reference is not None:
            unknown = sorted(set(self.reference.states) - seen)
            if unknown:
                raise ValueError(f"reference.states names unknown locations: {unknown}")
        return self

    @property
    def locations(self) -> list[str]:
        return [spec.location for spec in self.bins]

    def bin(self, location: str) -> BinSpec:
        for spec in self.bins:
            if spec.location == location:
                return spec
        raise KeyError(location)

    def scaled_to(self, width: int, height: int) -> Calibration:
        """The same calibration for frames of another size (polygons scaled, not re-fitted)."""
        if (width, height) == tuple(self.image_size):
            return self
        sx, sy = width / self.image_size[0], height / self.image_size[1]

        def scale(poly: list[list[float]] | None) -> list[list[float]] | None:
            return None if poly is None else [[x * sx, y * sy] for x, y in poly]

        bins = [
            BinSpec(
                location=b.location,
                polygon=scale(b.polygon) or [],
                label_polygon=scale(b.label_polygon),
            )
            for b in self.bins
        ]
        return self.model_copy(update={"image_size": (width, height), "bins": bins})

    def to_document(self) -> dict[str, Any]:
        """The YAML document (contract key order), paths as they were written."""
        doc: dict[str, Any] = {"camera": self.camera}
        if self.site is not None:
            doc["site"] = self.site
        doc["image_size"] = [int(self.image_size[0]), int(self.image_size[1])]
        doc["bins"] = []
        for spec in self.bins:
            entry: dict[str, Any] = {
                "location": spec.location,
                "polygon": [[round(x, 1), round(y, 1)] for x, y in spec.polygon],
            }
            if spec.label_polygon is not None:
                entry["label_polygon"] = [[round(x, 1), round(y, 1)] for x, y in spec.label_polygon]
            doc["bins"].append(entry)
        if self.reference is not None:
            doc["reference"] = {
                "image": str(self.reference.image),
                "states": dict(self.reference.states),
            }
        if self.intrinsics is not None:
            doc["intrinsics"] = self.intrinsics.model_dump(mode="json", exclude_none=True)
        return doc


class LoadedCalibration(BaseModel):
    """A calibration with the folder its relative paths are resolved against."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    calibration: Calibration
    base_dir: Path

    def reference_path(self) -> Path | None:
        ref = self.calibration.reference
        if ref is None:
            return None
        return ref.image if ref.image.is_absolute() else self.base_dir / ref.image


def _known_keys_only(doc: Mapping[str, Any], source: str) -> dict[str, Any]:
    """`doc` without the keys this project does not know at the top level, in a bin or in
    `reference` (another tool's additions to the contract's format), each logged with its line;
    a misspelt required key still fails validation."""
    ignored: list[tuple[int | str, ...]] = []

    def known(mapping: Any, fields: Mapping[str, Any], at: tuple[int | str, ...]) -> Any:
        if not isinstance(mapping, Mapping):
            return mapping
        ignored.extend((*at, key) for key in mapping if key not in fields)
        return {key: value for key, value in mapping.items() if key in fields}

    out = known(doc, Calibration.model_fields, ())
    if isinstance(out.get("bins"), list):
        out["bins"] = [
            known(spec, BinSpec.model_fields, ("bins", i)) for i, spec in enumerate(out["bins"])
        ]
    if "reference" in out:
        out["reference"] = known(out["reference"], Reference.model_fields, ("reference",))
    for at in ignored:
        line = yaml_lines.line_of(doc, at)
        logger.warning(
            "%s%s: %s: not a calibration key, ignored",
            source,
            f":{line}" if line else "",
            ".".join(str(part) for part in at),
        )
    return dict(out)


def parse_calibration(doc: Mapping[str, Any], *, source: str = "<calibration>") -> Calibration:
    """Validate a calibration document (a dict as loaded from YAML); keys it does not know are
    logged and ignored (`_known_keys_only`)."""
    try:
        return Calibration.model_validate(_known_keys_only(doc, source))
    except ValidationError as exc:
        found = yaml_lines.problems(exc, doc, source)
        raise CalibrationError("invalid calibration\n  " + "\n  ".join(found)) from None


def load_calibration(path: str | Path) -> LoadedCalibration:
    """Read and validate a calibration file; relative paths resolve against its folder."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CalibrationError(f"cannot read {path}: {exc.strerror}") from None
    try:
        doc = yaml_lines.load(text)
    except yaml.YAMLError as exc:
        raise CalibrationError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(doc, dict):
        raise CalibrationError(f"{path}: the top level must be a mapping")
    calibration = parse_calibration(doc, source=str(path))
    return LoadedCalibration(calibration=calibration, base_dir=path.resolve().parent)


def save_calibration(calibration: Calibration, path: str | Path) -> None:
    """Write `calibration` as YAML (flow-style points, one bin per block)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(
        calibration.to_document(), sort_keys=False, default_flow_style=None, width=120
    )
    path.write_text(text, encoding="utf-8")
