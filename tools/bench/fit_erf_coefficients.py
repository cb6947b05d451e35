#!/usr/bin/python3
"""Fits the polynomials of the executor's vector erf (dev.loupe.executor.simd.VectorLoops.erf).

    /usr/bin/python3 tools/bench/fit_erf_coefficients.py

- erf(x) / x as a degree-6 polynomial in x^2 on [0, 1];
- erfc(x) * exp(x^2) as a degree-8 polynomial in 1 / (1 + x) on [1, 3.92] (beyond, float rounds erf to 1).

Both are weighted least-squares fits of the relative error on Chebyshev nodes against Python's math.erf /
math.erfc; the script prints the float32 coefficients (lowest degree first) and the error of the float32
evaluation. Needs numpy (a dependency of python3-torch).
"""
import math

import numpy as np

SPLIT = 1.0
SATURATION = 3.92


def chebyshev_nodes(lo, hi, n=4000):
    return np.cos(np.linspace(0, np.pi, n)) * (hi - lo) / 2 + (hi + lo) / 2


def fit(variable, target, xs, degree):
    y = np.array([target(v) for v in xs])
    basis = np.vander(variable(xs), degree + 1, increasing=True)
    coefficients, *_ = np.linalg.lstsq(basis / y[:, None], np.ones_like(y), rcond=None)
    return coefficients.astype(np.float32)


def horner(coefficients, u):
    acc = np.float32(0)
    for c in reversed(coefficients):
        acc = np.float32(acc * np.float32(u) + c)
    return acc


def main():
    small_x = chebyshev_nodes(0, SPLIT)
    small_x = small_x[small_x > 1e-4]
    small = fit(lambda x: x * x, lambda v: math.erf(v) / v, small_x, 6)
    large = fit(lambda x: 1 / (1 + x), lambda v: math.erfc(v) * math.exp(v * v), chebyshev_nodes(SPLIT, SATURATION), 8)
    worst_small = max(abs(float(np.float32(v) * horner(small, np.float32(v) * np.float32(v))) - math.erf(v)) / math.erf(v)
                      for v in np.linspace(1e-4, SPLIT, 3000))
    worst_large = max(abs(float(np.float32(1) - np.float32(math.exp(-float(np.float32(v) * np.float32(v))))
                                * horner(large, np.float32(1) / (np.float32(1) + np.float32(v)))) - math.erf(v))
                      for v in np.linspace(SPLIT, SATURATION, 3000))
    print("ERF_SMALL =", ", ".join("%.9gf" % c for c in small), " # max relative error %.2g" % worst_small)
    print("ERF_LARGE =", ", ".join("%.9gf" % c for c in large), " # max absolute error %.2g" % worst_large)


if __name__ == "__main__":
    main()
