"""Input checks shared by the reference functions.

Every check raises with one sentence that names the parameter and shows the
offending value, so that a student who passes the wrong thing learns what was
wrong from the message alone. The checks are written to cost as little as
possible: a whole-array reduction or two, and a search for the first bad index
only once we already know there is one.

Nothing here rescales or clips its input: unnormalised probability vectors are
accepted as they are, because the formulas are defined for them and silently
fixing them would hide student bugs.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

__all__ = [
    "as_vector",
    "check_base",
    "check_binary_samples",
    "check_nonnegative",
    "check_same_length",
    "check_theta",
    "check_unit_interval",
    "nonnegative_min",
]


def _show(value: float) -> str:
    """Format one offending entry the way Python prints a float."""
    return repr(float(value))


def _first_index(bad: np.ndarray) -> int:
    """Index of the first True entry of a boolean array known to have one."""
    return int(np.argmax(bad))


def as_vector(value, name: str) -> np.ndarray:
    """Convert ``value`` to a non-empty 1-D float64 array (no copy if it already is one)."""
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"{name} must be a 1-D array-like of real numbers; got {type(value).__name__} "
            f"({error})"
        ) from None
    if array.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array; got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} must not be empty; got an array of length 0")
    return array


def _raise_not_nonnegative(array: np.ndarray, name: str) -> None:
    bad = ~((array >= 0) & (array < math.inf))
    if bad.any():
        index = _first_index(bad)
        raise ValueError(
            f"{name} must not contain negative entries, nan or inf; "
            f"got {_show(array[index])} at index {index}"
        )


def check_nonnegative(array: np.ndarray, name: str) -> tuple[float, float]:
    """Reject negative, nan and infinite entries; return ``(min, max)``.

    ``min`` and ``max`` propagate nan, so these two reductions catch all three
    kinds of bad entry.
    """
    smallest, largest = array.min(), array.max()
    if not (smallest >= 0 and largest < math.inf):
        _raise_not_nonnegative(array, name)
    return float(smallest), float(largest)


def nonnegative_min(array: np.ndarray, name: str) -> float:
    """Reject negative and nan entries with one reduction; return the smallest entry.

    Infinite entries are not looked for here: a caller uses this when an inf
    would make its result inf or nan anyway, and then calls
    :func:`check_nonnegative` to say why.
    """
    smallest = array.min()
    if not smallest >= 0:
        _raise_not_nonnegative(array, name)
    return float(smallest)


def check_unit_interval(array: np.ndarray, name: str) -> tuple[float, float]:
    """Reject entries outside ``[0, 1]`` (nan included); return ``(min, max)``."""
    smallest, largest = array.min(), array.max()
    if not (smallest >= 0 and largest <= 1):
        bad = ~((array >= 0) & (array <= 1))
        index = _first_index(bad)
        raise ValueError(f"{name} must lie in [0, 1]; got {_show(array[index])} at index {index}")
    return float(smallest), float(largest)


def check_binary_samples(array: np.ndarray, name: str) -> int:
    """Reject anything but 0 and 1; return the number of ones (an exact count)."""
    ones = np.count_nonzero(array == 1)
    zeros = np.count_nonzero(array == 0)
    if ones + zeros != array.size:
        bad = (array != 0) & (array != 1)
        index = _first_index(bad)
        raise ValueError(
            f"{name} must contain only 0s and 1s; got {_show(array[index])} at index {index}"
        )
    return int(ones)


def check_same_length(first: np.ndarray, second: np.ndarray, names: str) -> None:
    """Reject two vectors of different lengths; ``names`` reads like ``"p and q"``."""
    if first.shape[0] != second.shape[0]:
        raise ValueError(
            f"{names} must have the same length; got {first.shape[0]} and {second.shape[0]}"
        )


def _real_scalar(value, name: str) -> float:
    """Convert a Python or numpy real number (or a 0-d array) to ``float``."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a real number; got the bool {value!r}")
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {value!r} ({type(value).__name__})")
    return float(value)


def check_theta(theta, name: str = "theta") -> float:
    """Return ``theta`` as a float after checking that it lies in ``[0, 1]``."""
    theta = _real_scalar(theta, name)
    if not 0.0 <= theta <= 1.0:
        raise ValueError(f"{name} must lie in [0, 1]; got {theta!r}")
    return theta


def check_base(base) -> float:
    """Return a logarithm base as a float: finite, positive and not 1."""
    base = _real_scalar(base, "base")
    if not (0.0 < base < math.inf) or base == 1.0:
        raise ValueError(f"base must be a positive number other than 1; got {base!r}")
    return base
