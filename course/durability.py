"""What "eleven nines" of durability means for a number of objects.

S3 Standard is designed for 99.999999999 % durability of objects over a given year
(AWS: "if you store 10,000,000 objects, you can on average expect to incur a loss of a
single object once every 10,000 years"). Durability is about losing data; availability
(99.99 % designed for Standard) is about being able to reach it at a given moment.
"""

from __future__ import annotations

from dataclasses import dataclass

ELEVEN_NINES = 11


@dataclass(frozen=True)
class LossOdds:
    objects: int
    expected_losses_per_year: float
    years_per_loss: float


def loss_odds(objects: int, nines: int = ELEVEN_NINES) -> LossOdds:
    """Expected objects lost per year, and years between losses, for ``objects`` stored
    in a class designed for ``nines`` nines of annual durability (11 = 99.999999999 %).

    Raises:
        ValueError: ``objects`` is not a positive whole number, or ``nines`` not in 1..20.
    """
    if isinstance(objects, bool) or not isinstance(objects, int) or objects <= 0:
        raise ValueError(f"objects must be a positive whole number, not {objects!r}")
    if isinstance(nines, bool) or not isinstance(nines, int) or not 1 <= nines <= 20:
        raise ValueError(f"nines must be a whole number from 1 to 20, not {nines!r}")
    # Work in powers of ten: 1 - 0.99999999999 in floating point is off in the 9th digit.
    per_year = objects * 10.0 ** -nines
    return LossOdds(objects, per_year, 1 / per_year)
