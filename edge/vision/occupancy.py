"""Is a bin empty? The runtime judge: a small reference-conditioned ONNX classifier.

The model sees a rectified bin crop and, when the calibration has a taught reference frame, the
same bin's crop in that frame and its taught state, and the crop of a nearby bin known to be
empty (10 input channels: crop, reference crop, taught-state plane, empty exemplar; what is
missing is zero, as in training; exemplars are chosen by `edge.vision.exemplars`). Each crop is
normalised on its own (zero mean per channel, unit spread) so exposure, white balance and a
change of light between teaching and now do not matter; the network learnt the comparison
across many rack styles instead of a hand-made difference. It says empty / occupied / occluded.
With a reference, the network's evidence is combined with a hand-made, light-invariant
difference to the taught crop (`edge.vision.difference`) by a logistic rule fitted on its own seed
range at training time (`occupancy.json`): two views of "did this bin change" that err
differently; a bin that looks exactly as taught keeps its taught state. "empty" needs a
P(empty) fitted so that few occupied bins are called empty; a band below it and occluded crops
give `unknown`.
Runtime dependencies: numpy, OpenCV, onnxruntime (no torch).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

from edge.vision.crop import square_bgr
from edge.vision.difference import reference_difference

logger = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).with_name("models")
DEFAULT_MODEL = MODEL_DIR / "occupancy.onnx"
INPUT_SIZE = 64
# crop (3), reference crop (3), taught state (+1 empty, -1 occupied, 0 none), empty exemplar (3)
CHANNELS = 10
_STD_FLOOR = 12.0
# `reference_difference` at or below this: the bin looks exactly as taught (no cell changed)
AS_TAUGHT_DIFF = 0.0
# ...and a bin taught empty keeps "empty" unless the network is this sure it is not: a part
# smaller than a cell of the difference's grid can be put in without changing any cell
AS_TAUGHT_EMPTY_MIN_P = 0.2

OccupancyState = Literal["empty", "occupied", "unknown"]


@dataclass(frozen=True)
class OccupancyJudgement:
    state: OccupancyState
    confidence: float
    p_empty: float  # probability the bin is empty, given it is visible
    reference_diff: float | None  # 0 = looks like its reference; None without reference
    p_occluded: float = 0.0


FEATURES = (
    "model_logit",
    "taught_empty",
    "same_taught_empty",
    "same_taught_occupied",
    "diff_taught_empty",
    "diff_taught_occupied",
)


def _logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(np.asarray(p, np.float64), 1e-4, 1 - 1e-4)
    return np.asarray(np.clip(np.log(q / (1 - q)), -8, 8))


def reference_features(
    p_empty: np.ndarray, diff: np.ndarray, taught_empty: np.ndarray
) -> np.ndarray:
    """The combination's inputs (`FEATURES`), one row per crop; shared with training."""
    te = np.asarray(taught_empty, np.float64)
    to = 1.0 - te
    d = np.asarray(diff, np.float64)
    # "looks the same as taught": near 1 below ~2 % of the bin changed, near 0 above ~10 %
    same = np.exp(-d / 0.03)
    return np.stack([_logit(p_empty), te, te * same, to * same, te * d, to * d], axis=1)


@dataclass(frozen=True)
class Combination:
    """logit P(empty | reference) = bias + weights · `reference_features` (fitted in training).

    The default trusts the model alone (weight 1 on its logit)."""

    bias: float = 0.0
    weights: tuple[float, ...] = (1.0, 0.0, 0.0, 0.0, 0.0, 0.0)

    @classmethod
    def load(cls, path: Path) -> Combination:
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8")).get("combination", {})
        weights = tuple(float(v) for v in data.get("weights", cls.weights))
        if len(weights) != len(FEATURES) or data.get("features", list(FEATURES)) != list(FEATURES):
            logger.warning("reference combination in %s does not fit: model alone", path)
            return cls()
        return cls(bias=float(data.get("bias", 0.0)), weights=weights)

    def p_empty(self, features: np.ndarray) -> np.ndarray:
        score = self.bias + features @ np.asarray(self.weights)
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(score, -30, 30))))


@dataclass(frozen=True)
class Thresholds:
    """Per mode (without / with a reference): the P(empty) needed before "empty" is said; the
    P(occluded) from which an "empty" is not trusted (`occluded`: a covered bin must never
    read as empty) and the higher one from which nothing is (`occluded_any`: the bin is
    probably covered). Fitted at training time so that few occupied bins and no occluded bin
    of the calibration seeds are called empty."""

    empty: float = 0.6
    empty_reference: float = 0.6
    occluded: float = 0.4
    occluded_reference: float = 0.4
    occluded_any: float = 0.7
    occluded_any_reference: float = 0.7

    @classmethod
    def load(cls, path: Path) -> Thresholds:
        default = cls()
        if not path.exists():
            logger.warning("no thresholds at %s: using defaults", path)
            return default
        data = json.loads(path.read_text(encoding="utf-8")).get("thresholds", {})
        occluded = float(data.get("occluded", default.occluded))
        occluded_reference = float(data.get("occluded_reference", occluded))
        return cls(
            empty=float(data.get("empty", default.empty)),
            empty_reference=float(data.get("empty_reference", default.empty_reference)),
            occluded=occluded,
            occluded_reference=occluded_reference,
            # older files have one occluded threshold per mode: it then applies to every state
            occluded_any=float(data.get("occluded_any", occluded)),
            occluded_any_reference=float(data.get("occluded_any_reference", occluded_reference)),
        )


def normalise(crops: Sequence[np.ndarray]) -> np.ndarray:
    """N×3×64×64 float32: per crop, zero mean per channel, unit overall spread."""
    batch = np.empty((len(crops), INPUT_SIZE, INPUT_SIZE, 3), np.float32)
    for i, crop in enumerate(crops):
        batch[i] = square_bgr(crop, INPUT_SIZE)
    mean = batch.mean(axis=(1, 2), keepdims=True)
    std = np.maximum(batch.std(axis=(1, 2, 3), keepdims=True), _STD_FLOOR)
    return np.ascontiguousarray(((batch - mean) / std).transpose(0, 3, 1, 2))


def model_input(
    crops: Sequence[np.ndarray],
    references: Sequence[tuple[np.ndarray, str] | None],
    exemplars: Sequence[np.ndarray | None] | None = None,
) -> np.ndarray:
    """N×10×64×64 float32 model input; a missing reference (or unknown taught state) or
    exemplar is zeros."""
    x = np.zeros((len(crops), CHANNELS, INPUT_SIZE, INPUT_SIZE), np.float32)
    if not crops:
        return x
    x[:, :3] = normalise(crops)
    with_ref = [
        i for i, r in enumerate(references) if r is not None and r[1] in ("empty", "occupied")
    ]
    if with_ref:
        refs = [references[i] for i in with_ref]
        x[with_ref, 3:6] = normalise([r[0] for r in refs if r is not None])
        taught = np.array([1.0 if r is not None and r[1] == "empty" else -1.0 for r in refs])
        x[with_ref, 6] = taught[:, None, None].astype(np.float32)
    given = [i for i, e in enumerate(exemplars or []) if e is not None]
    if given and exemplars is not None:
        x[given, 7:10] = normalise([e for e in exemplars if e is not None])
    return x


def _softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True))


class OccupancyJudge:
    """Judges rectified bin crops; create once per worker (holds the onnxruntime session)."""

    def __init__(
        self,
        model_path: Path | None = None,
        *,
        unknown_margin: float = 0.05,
        occluded_threshold: float | None = None,
        threads: int = 1,
    ) -> None:
        import onnxruntime as ort

        path = Path(model_path) if model_path is not None else DEFAULT_MODEL
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self._input = self._session.get_inputs()[0].name
        # a model without reference channels (older files) still judges crops on their own
        shape = self._session.get_inputs()[0].shape
        self._channels = shape[1] if isinstance(shape[1], int) else CHANNELS
        self.thresholds = Thresholds.load(path.with_suffix(".json"))
        self.combination = Combination.load(path.with_suffix(".json"))
        self.unknown_margin = unknown_margin
        # None: the fitted per-mode thresholds; a number overrides both modes
        self.occluded_threshold = occluded_threshold
        logger.info("occupancy model loaded", extra={"model": str(path)})

    def probabilities(
        self,
        crops: Sequence[np.ndarray],
        references: Sequence[tuple[np.ndarray, str] | None] | None = None,
        exemplars: Sequence[np.ndarray | None] | None = None,
    ) -> np.ndarray:
        """Model softmax per crop: columns empty, occupied, occluded."""
        if not crops:
            return np.zeros((0, 3), np.float64)
        refs = list(references) if references is not None else []
        refs += [None] * (len(crops) - len(refs))
        x = model_input(crops, refs, exemplars)[:, : self._channels]
        (logits,) = self._session.run(None, {self._input: np.ascontiguousarray(x)})
        return _softmax(np.asarray(logits, np.float64))

    def judge(
        self,
        crops: Sequence[np.ndarray],
        references: Sequence[tuple[np.ndarray, str] | None] | None = None,
        exemplars: Sequence[np.ndarray | None] | None = None,
    ) -> list[OccupancyJudgement]:
        """One judgement per crop; `references[i]` = (taught crop, taught state) or None;
        `exemplars[i]` = the crop of a bin of the same rack known to be empty, or None (see
        `edge.vision.exemplars`)."""
        refs: list[tuple[np.ndarray, str] | None] = list(references or [])[: len(crops)]
        refs += [None] * (len(crops) - len(refs))
        refs = [r if r is not None and r[1] in ("empty", "occupied") else None for r in refs]
        probs = self.probabilities(crops, refs, exemplars)
        out: list[OccupancyJudgement] = []
        for i, crop in enumerate(crops):
            p_e, p_o, p_x = (float(v) for v in probs[i])
            p_empty = p_e / max(p_e + p_o, 1e-9)
            ref = refs[i]
            diff: float | None = None
            t = self.thresholds
            threshold, occluded, occluded_any = t.empty, t.occluded, t.occluded_any
            if ref is not None:
                diff = reference_difference(crop, ref[0])
                features = reference_features(
                    np.array([p_empty]), np.array([diff]), np.array([ref[1] == "empty"])
                )
                p_empty = float(self.combination.p_empty(features)[0])
                threshold, occluded = t.empty_reference, t.occluded_reference
                occluded_any = t.occluded_any_reference
            if self.occluded_threshold is not None:
                occluded = occluded_any = self.occluded_threshold
            taught = ref[1] if ref is not None else None
            out.append(self._decide(p_empty, p_x, diff, threshold, occluded, occluded_any, taught))
        return out

    def _decide(
        self,
        p_empty: float,
        p_occluded: float,
        diff: float | None,
        threshold: float,
        occluded_threshold: float,
        occluded_any: float | None = None,
        taught: str | None = None,
    ) -> OccupancyJudgement:
        """The state from the probabilities: covered → `unknown` (for "empty" already from
        `occluded_threshold`, for anything from `occluded_any`); else "empty" from `threshold`
        (calling an occupied bin empty costs more than the reverse: a false zero-stock alarm),
        `unknown` in the margin below it (too little evidence either way), else "occupied".
        The confidence is that of the state given the bin is visible.

        A bin that has not changed at all since teaching (`diff` ≤ `AS_TAUGHT_DIFF`) is in its
        `taught` state, whatever the network makes of a rack it never saw; an "empty" still
        needs P(occluded) below `occluded_threshold` and P(empty) ≥ `AS_TAUGHT_EMPTY_MIN_P`."""
        any_limit = occluded_threshold if occluded_any is None else occluded_any
        any_limit = max(any_limit, occluded_threshold)
        if taught in ("empty", "occupied") and diff is not None and diff <= AS_TAUGHT_DIFF:
            as_taught: OccupancyState = "empty" if taught == "empty" else "occupied"
            if as_taught == "occupied" or (
                p_occluded < occluded_threshold and p_empty >= AS_TAUGHT_EMPTY_MIN_P
            ):
                p_taught = p_empty if as_taught == "empty" else 1.0 - p_empty
                return OccupancyJudgement(
                    as_taught,
                    round(max(p_taught, 0.5), 4),
                    round(p_empty, 4),
                    diff,
                    round(p_occluded, 4),
                )
        covered = OccupancyJudgement(
            "unknown", round(p_occluded, 4), round(p_empty, 4), diff, round(p_occluded, 4)
        )
        if p_occluded >= any_limit:
            return covered
        state: OccupancyState
        if p_empty >= threshold:
            if p_occluded >= occluded_threshold:
                return covered
            state, confidence = "empty", p_empty
        elif p_empty <= threshold - self.unknown_margin:
            state, confidence = "occupied", 1.0 - p_empty
        else:
            state, confidence = "unknown", 1.0 - abs(p_empty - 0.5) * 2
        return OccupancyJudgement(
            state, round(float(confidence), 4), round(p_empty, 4), diff, round(p_occluded, 4)
        )
