"""When will a target share be reached: a Bass diffusion curve fitted to the quarterly count of
municipalities that implemented an initiative by a dated statement, with an 80 % band.

The curve (Bass 1969) is the number of adopters after t quarters,
F(t) = m (1 − e^(−(p+q)t)) / (1 + (q/p) e^(−(p+q)t)): p the pull of the initiative itself,
q the pull of those who already adopted, m the ceiling, never more than the municipalities it
applies to. It is fitted with scipy's `least_squares` (bounded trust region): a maintained
solver for a bounded three-parameter fit, where a hand-written one would need its own tests of
convergence.

The band is a prediction band, not only the curve's own uncertainty: the municipalities are
drawn again with replacement (`SAMPLES` times), the curve is fitted to each draw with its
ceiling drawn toward a value of its own between the level reached and every municipality (the
ceiling is what a young history knows least), and from the level observed now each fitted
curve is run forward quarter by quarter with binomial draws of who adopts next. The 10th and
90th percentile of where those runs stand is the band; how often it holds what happened is
checked by backtests in `make bench` (200 simulated initiatives: 76.5 %) and `make
bench-national` (100 initiatives of the national data set: 77 %). The expected course is the
fitted curve run forward from the level observed now, without draws. For a stalled initiative
the band reaches down to today's level.

Everything here works on plain numbers; `adoption_forecasts.py` reads them from the register.
"""

from dataclasses import dataclass

import numpy as np
from scipy.optimize import least_squares

MINIMUM_QUARTERS = 8
MINIMUM_ADOPTERS = 5
# No new adopter for this many quarters: stalled, whatever the curve says.
STALLED_AFTER = 6
HORIZON = 40
SAMPLES = 200
BAND = 0.80
METHOD = "bass-bootstrap"
# How strongly the ceiling is drawn to every municipality it applies to, in the counts' noise:
# early in a curve the history cannot tell its ceiling, and then everyone may still come;
# once it levels off, the history wins.
CEILING_PULL = 2.0


@dataclass(frozen=True)
class AdoptionHistory:
    """Of the municipalities an initiative applies to (`municipalities`): the quarter (0 is
    the first of the history) in which each adopter with a dated statement began, and how many
    adopted without a date ("uiterlijk sinds"); `quarters` is how many quarters have begun,
    the last one running."""

    adopted_in: np.ndarray
    undated: int
    municipalities: int
    quarters: int

    @property
    def adopters(self) -> int:
        return len(self.adopted_in) + self.undated

    def counts(self, quarters: int | None = None) -> np.ndarray:
        """Dated adopters before the start of each quarter 0 … quarters − 1."""
        starts = np.arange(self.quarters if quarters is None else quarters)
        return np.searchsorted(np.sort(self.adopted_in), starts, side="left").astype(float)


@dataclass(frozen=True)
class Forecast:
    """The expected share (0–1) at the start of each quarter from the running one on (offset
    0 = the running quarter of the history), with the band; None throughout when too few."""

    basis_quarters: int
    basis_municipalities: int
    adopters: int
    stalled: bool
    expected: np.ndarray | None = None
    low: np.ndarray | None = None
    high: np.ndarray | None = None
    ceiling: float | None = None
    method: str = METHOD

    @property
    def enough_data(self) -> bool:
        return self.expected is not None

    def reached(self, share: float) -> tuple[int | None, int | None, int | None]:
        """(expected, early, late): the quarter offsets at which the expected course, the
        band's upper edge and its lower edge first reach `share`; None when not within the
        horizon."""
        if not self.enough_data:
            return (None, None, None)
        return tuple(
            _first_at_least(course, share) for course in (self.expected, self.high, self.low)
        )


def _first_at_least(course: np.ndarray, share: float) -> int | None:
    reached = np.flatnonzero(course >= share - 1e-12)
    return int(reached[0]) if len(reached) else None


def bass_curve(t: np.ndarray, p: float, q: float, m: float) -> np.ndarray:
    """F(t): adopters after t quarters."""
    decay = np.exp(-(p + q) * np.asarray(t, dtype=float))
    return m * (1 - decay) / (1 + (q / p) * decay)


def _bass_gradient(t: np.ndarray, p: float, q: float, m: float) -> np.ndarray:
    """dF/dp, dF/dq, dF/dm at each t (rows), for the solver, which otherwise estimates them
    from extra evaluations."""
    t = np.asarray(t, dtype=float)
    decay = np.exp(-(p + q) * t)
    ratio = q / p
    below = (1 + ratio * decay) ** 2
    common = t * decay * (1 + ratio * decay) + (1 - decay) * ratio * t * decay
    by_p = m * (common + (1 - decay) * (q / p**2) * decay) / below
    by_q = m * (common - (1 - decay) * decay / p) / below
    by_m = (1 - decay) / (1 + ratio * decay)
    return np.column_stack([by_p, by_q, by_m])


def _time_at(level: np.ndarray, p, q, m) -> np.ndarray:
    """The t at which F(t) = level (level below m): the curve is autonomous, so a run can go
    on from any level it has reached."""
    x = np.clip(level / m, 0, 1 - 1e-12)
    return -np.log((1 - x) / (1 + (q / p) * x)) / (p + q)


def _step(level: np.ndarray, p, q, m) -> np.ndarray:
    """Expected new adopters in the next quarter, from `level` (arrays alike)."""
    ahead = bass_curve(_time_at(level, p, q, m) + 1, p, q, m)
    return np.where(level < m, np.maximum(ahead - level, 0), 0.0)


def since_launch(counts: np.ndarray) -> np.ndarray:
    """The counts from the last quarter without any adopter on (keeping at least three): the
    curve starts when the initiative does, and the register's history may begin years
    earlier. Fitted from the history's start, a late initiative's slow early years have to be
    explained by a tiny p and a large q, which bends the curve over too soon."""
    started = np.flatnonzero(counts > 0)
    first = max(int(started[0]) - 1, 0) if len(started) else 0
    return counts[min(first, max(len(counts) - 3, 0)) :]


def fit_bass(counts: np.ndarray, ceiling: float, start=None, toward: float | None = None):
    """(p, q, m) of the curve nearest to the cumulative `counts` since the initiative began
    (least squares), m at most `ceiling` and at least the last count."""
    counts = since_launch(counts)
    last = max(float(counts[-1]), 1.0)
    upper = max(ceiling, last + 1e-6)
    lower, high = np.array([1e-6, 0.0, last]), np.array([0.5, 1.0, upper])
    t = np.arange(len(counts))
    # In counts' own scale: their noise grows as the square root of the municipalities.
    pull = CEILING_PULL / np.sqrt(upper)
    toward = upper if toward is None else min(max(toward, last), upper)

    def residuals(theta):
        return np.append(bass_curve(t, *theta) - counts, pull * (toward - theta[2]))

    def jacobian(theta):
        return np.vstack([_bass_gradient(t, *theta), [0.0, 0.0, -pull]])

    starts = (
        [start]
        if start is not None
        else [
            np.array([0.01, 0.2, min(upper, 1.5 * last)]),
            np.array([0.002, 0.5, upper]),
        ]
    )
    fits = [
        least_squares(
            residuals, np.clip(x0, lower, high), jac=jacobian, bounds=(lower, high), max_nfev=200
        )
        for x0 in starts
    ]
    return min(fits, key=lambda fit: fit.cost).x


def forecast(history: AdoptionHistory, seed: int = 0, samples: int = SAMPLES) -> Forecast:
    """The forecast of this history, or "te weinig gegevens" (fewer than 8 quarters or 5
    adopters)."""
    counts = history.counts()
    stalled = (
        history.quarters > STALLED_AFTER
        and len(history.adopted_in) > 0
        and counts[-1] == counts[-1 - STALLED_AFTER]
    )
    basis = (history.quarters, history.municipalities, history.adopters, bool(stalled))
    if history.quarters < MINIMUM_QUARTERS or history.adopters < MINIMUM_ADOPTERS:
        return Forecast(*basis)
    room = history.municipalities - history.undated
    theta = fit_bass(counts, room)
    level = counts[-1]
    expected = _run(np.array([level]), theta, None)[0]
    rng = np.random.default_rng(seed)
    thetas = np.array([_refit(history, theta, level, rng) for _ in range(samples)])
    runs = _run(np.full(samples, level), thetas.T, rng)
    tail = (1 - BAND) / 2
    low, high = np.quantile(runs, [tail, 1 - tail], axis=0)
    if stalled:
        # Nobody came for six quarters: that nobody comes at all is as likely as the curve.
        low = np.full_like(low, level)

    def share(dated):
        return (dated + history.undated) / history.municipalities

    return Forecast(
        *basis,
        expected=share(expected),
        low=share(low),
        high=share(high),
        ceiling=(theta[2] + history.undated) / history.municipalities,
    )


def _refit(history: AdoptionHistory, theta: np.ndarray, level: float, rng) -> np.ndarray:
    """The curve fitted to the history of the municipalities drawn again with replacement,
    its ceiling moved to the level observed now: a draw varies in how many have adopted
    already, which is known, and in how many are still to come and how fast, which is not."""
    n = history.municipalities
    drawn = rng.integers(0, n, size=n)
    dated = len(history.adopted_in)
    undated = int(np.count_nonzero((drawn >= dated) & (drawn < dated + history.undated)))
    again = AdoptionHistory(history.adopted_in[drawn[drawn < dated]], undated, n, history.quarters)
    counts = again.counts()
    # Where the ceiling lies is what the history knows least early on: each draw pulls it
    # toward a ceiling of its own between the level reached and every municipality.
    toward = rng.uniform(counts[-1], n - undated)
    p, q, m = fit_bass(counts, n - undated, start=theta, toward=toward)
    room = history.municipalities - history.undated
    return np.array([p, q, np.clip(level + m - counts[-1], level, room)])


def _run(levels: np.ndarray, theta, rng) -> np.ndarray:
    """Runs forward from `levels` over the horizon: rows of the level at the start of each
    quarter (column 0 is `levels`); expected steps without `rng`, binomial draws with it."""
    p, q, m = theta
    path = [levels.astype(float)]
    for _quarter in range(HORIZON):
        level = path[-1]
        step = _step(level, p, q, m)
        if rng is not None:
            remaining = np.floor(np.maximum(m - level, 0))
            chance = np.divide(step, remaining, out=np.zeros_like(step), where=remaining > 0)
            step = rng.binomial(remaining.astype(int), np.clip(chance, 0, 1))
        path.append(level + step)
    return np.array(path).T
