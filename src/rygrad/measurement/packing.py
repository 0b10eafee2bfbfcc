"""Packing a pupil's answers into one short text and back, for whole columns at once.

One character per item in base 36 ("0"-"9", "a"-"z"), "-" for not answered. Both ways work
on numpy arrays, so a national year (600,000 x 40) packs or unpacks in well under a second.
"""

from __future__ import annotations

import numpy as np

from .models import MISSING

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
# Index 0 is "not answered" (value -1), index v + 1 is the character of value v.
_ENCODE = np.frombuffer((MISSING + _DIGITS).encode("ascii"), dtype=np.uint8)


def pack(values: np.ndarray) -> list[str]:
    """Rows of int values (-1 = not answered) -> one packed text per row."""
    values = np.asarray(values, dtype=np.int16)
    n, width = values.shape
    if n == 0:
        return []
    characters = np.ascontiguousarray(_ENCODE[values + 1])
    return characters.view(f"S{width}").ravel().astype(f"U{width}").tolist()


def unpack(texts: list[str], width: int) -> np.ndarray:
    """Packed texts -> an (n, width) int8 array with -1 for not answered."""
    if not texts:
        return np.empty((0, width), dtype=np.int8)
    raw = np.frombuffer("".join(texts).encode("ascii"), dtype=np.uint8)
    if raw.size != len(texts) * width:
        raise ValueError("A stored answer string does not match the instrument's items.")
    raw = raw.reshape(len(texts), width).astype(np.int16)
    values = np.where(raw <= ord("9"), raw - ord("0"), raw - ord("a") + 10)
    values[raw == ord(MISSING)] = -1
    return values.astype(np.int8)
