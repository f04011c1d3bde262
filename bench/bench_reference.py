"""Time the reference functions beside the plainest numpy expression and scipy.

Run from the project root:

    python bench/bench_reference.py            # 10^3, 10^6 and 10^7 elements
    python bench/bench_reference.py --quick    # 10^3 and 10^6 only

Every time is the best of several runs (``timeit.repeat``), all in one process
on the same inputs. The plain expressions have no zero handling and no input
checks, so they are the floor a careful implementation is measured against.
Targets: at 10^6 and 10^7 elements the reference takes at most 1.5 times the
plain expression and less time than scipy's equivalent. The inputs contain no
zeros, so the plain expressions give the right answer and the comparison is
fair.
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import timeit

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

import solutions as ref  # noqa: E402

try:
    import scipy.special
    import scipy.stats
except ImportError:  # the scipy columns are optional
    scipy = None

PLAIN_TARGET = 1.5
TARGET_SIZES = (10**6, 10**7)
THETA = 0.3
CLASSES = 100  # the softmax rows: n elements are n / 100 rows of 100 logits


def make_inputs(n: int, seed: int = 0) -> dict[str, np.ndarray]:
    """Zero-free inputs of length ``n``: two distributions, labels, predictions, samples."""
    rng = np.random.default_rng(seed)
    p = rng.random(n) + 0.01
    p /= p.sum()
    q = rng.random(n) + 0.01
    q /= q.sum()
    return {
        "p": p,
        "q": q,
        "y": (rng.random(n) < 0.4).astype(float),
        "y_hat": rng.uniform(0.01, 0.99, n),
        "x": (rng.random(n) < THETA).astype(float),
        "z": rng.normal(0.0, 3.0, (max(1, n // CLASSES), CLASSES)),
        "labels": rng.integers(0, CLASSES, max(1, n // CLASSES)),
    }


def cases(d: dict[str, np.ndarray]):
    """Rows of (name, reference, plain numpy, scipy or None), each a zero-argument callable."""
    p, q, y, y_hat, x, t = d["p"], d["q"], d["y"], d["y_hat"], d["x"], THETA
    z, c = d["z"], d["labels"]
    rows = np.arange(len(c))
    have_scipy = scipy is not None
    return [
        (
            "entropy",
            lambda: ref.entropy(p),
            lambda: -np.sum(p * np.log(p)),
            (lambda: scipy.stats.entropy(p)) if have_scipy else None,
        ),
        (
            "kl_divergence",
            lambda: ref.kl_divergence(p, q),
            lambda: np.sum(p * np.log(p / q)),
            (lambda: scipy.special.rel_entr(p, q).sum()) if have_scipy else None,
        ),
        (
            "cross_entropy",
            lambda: ref.cross_entropy(p, q),
            lambda: -np.sum(p * np.log(q)),
            None,
        ),
        (
            "binary_cross_entropy",
            lambda: ref.binary_cross_entropy(y, y_hat),
            lambda: -np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)),
            None,
        ),
        (
            "bernoulli_log_likelihood",
            lambda: ref.bernoulli_log_likelihood(x, t),
            lambda: np.sum(x * np.log(t) + (1 - x) * np.log(1 - t)),
            (lambda: scipy.stats.bernoulli.logpmf(x, t).sum()) if have_scipy else None,
        ),
        (
            "bernoulli_mle",
            lambda: ref.bernoulli_mle(x),
            lambda: np.mean(x),
            None,
        ),
        # the plain expressions below do not subtract the row maximum (they overflow for
        # logits near 1000): the fastest thing that is right on these inputs
        (
            "log_softmax",
            lambda: ref.log_softmax(z),
            lambda: z - np.log(np.exp(z).sum(axis=1, keepdims=True)),
            (lambda: scipy.special.log_softmax(z, axis=1)) if have_scipy else None,
        ),
        (
            "softmax_cross_entropy",
            lambda: ref.softmax_cross_entropy(z, c),
            lambda: np.mean(np.log(np.exp(z).sum(axis=1)) - z[rows, c]),
            None,
        ),
        (
            "softmax_cross_entropy_grad",
            lambda: ref.softmax_cross_entropy_grad(z, c),
            lambda: (np.exp(z) / np.exp(z).sum(axis=1, keepdims=True) - np.eye(z.shape[1])[c])
            / len(c),
            None,
        ),
    ]


def best_time(func, n: int) -> float:
    """Best time of one call in seconds; more repeats for small inputs."""
    repeat, number = (7, 200) if n <= 10**4 else (7, 3) if n <= 10**6 else (5, 1)
    func()  # warm up (first-call costs, page faults of fresh allocations)
    return min(timeit.repeat(func, repeat=repeat, number=number)) / number


def format_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:8.1f} us"
    return f"{seconds * 1e3:8.2f} ms"


def verdict(n: int, plain_ratio: float, scipy_ratio: float | None) -> str:
    """OK / MISS against the targets; targets apply only at the large sizes."""
    if n not in TARGET_SIZES:
        return "-"
    ok = plain_ratio <= PLAIN_TARGET and (scipy_ratio is None or scipy_ratio < 1.0)
    return "OK" if ok else "MISS"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 10^7-element inputs")
    args = parser.parse_args(argv)
    sizes = (10**3, 10**6) if args.quick else (10**3, 10**6, 10**7)

    print(f"numpy {np.__version__}" + (f", scipy {scipy.__version__}" if scipy else ", no scipy"))
    print(f"targets at n in {{10^6, 10^7}}: ref/plain <= {PLAIN_TARGET}, ref/scipy < 1\n")
    header = (
        f"{'function':26s}{'n':>10s}{'ref':>12s}{'plain':>12s}{'scipy':>12s}"
        f"{'ref/plain':>11s}{'ref/scipy':>11s}  target"
    )
    print(header)
    print("-" * len(header))
    misses = 0
    for n in sizes:
        data = make_inputs(n)
        for name, reference, plain, scipy_version in cases(data):
            t_ref = best_time(reference, n)
            t_plain = best_time(plain, n)
            t_scipy = best_time(scipy_version, n) if scipy_version else None
            plain_ratio = t_ref / t_plain
            scipy_ratio = t_ref / t_scipy if t_scipy else None
            mark = verdict(n, plain_ratio, scipy_ratio)
            misses += mark == "MISS"
            print(
                f"{name:26s}{n:>10.0e}{format_time(t_ref):>12s}{format_time(t_plain):>12s}"
                f"{format_time(t_scipy) if t_scipy else '-':>12s}{plain_ratio:>11.2f}"
                f"{f'{scipy_ratio:.2f}' if scipy_ratio else '-':>11s}  {mark}"
            )
        del data
    print(f"\n{misses} target(s) missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
