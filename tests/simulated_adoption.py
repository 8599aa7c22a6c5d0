"""Adoption drawn from a Bass curve with known parameters, for the forecast's tests and its
backtest: the truth is known, so the forecast can be held against it."""

import numpy as np


def bass_adopters(
    p: float,
    q: float,
    ceiling: int,
    quarters: int,
    rng: np.random.Generator,
    stall_after: int | None = None,
) -> np.ndarray:
    """The quarter each adopter began in: in every quarter each of the `ceiling` − F potential
    adopters adopts with chance p + q F / ceiling; from quarter `stall_after` on nobody does."""
    began, level = [], 0
    for quarter in range(quarters):
        if stall_after is not None and quarter >= stall_after:
            break
        new = rng.binomial(ceiling - level, min(p + q * level / ceiling, 1.0))
        began += [quarter] * new
        level += new
    return np.array(began, dtype=int)
