"""Identifiers of other registers that catalogue files carry: their form and check digits.

- Corporate number (法人番号, National Tax Agency): 13 digits, the first a check digit over the
  other twelve. With the twelve digits numbered from the right (P1 the last), the check digit is
  9 - (sum of Pn x Qn) mod 9, where Qn is 1 for odd n and 2 for even n (the National Tax Agency's
  published rule). A mistyped digit, or two neighbouring digits swapped, changes the check.
- Credential Engine CTID: "ce-" and a UUID in lowercase. Given once (`mccat new`), never changed.
"""

from __future__ import annotations

import re
import uuid
from functools import cache

CORPORATE_NUMBER = re.compile(r"^[0-9]{13}\Z")
CTID = re.compile(r"^ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")


def corporate_number_check_digit(base: str) -> int:
    """The check digit of a corporate number's twelve base digits."""
    if len(base) != 12 or not base.isdigit():
        raise ValueError(f"a corporate number's base is 12 digits, got {base!r}")
    total = sum(int(digit) * (1 if position % 2 else 2) for position, digit in enumerate(reversed(base), start=1))
    return 9 - total % 9


def is_valid_corporate_number(number: str) -> bool:
    """13 digits whose first is the check digit of the other twelve."""
    return bool(CORPORATE_NUMBER.match(number)) and int(number[0]) == corporate_number_check_digit(number[1:])


def new_ctid() -> str:
    """A fresh CTID (random UUID)."""
    return f"ce-{uuid.uuid4()}"


@cache  # a program's credential CTID is asked for by its CTDL file and by every program that stacks with it
def derived_ctid(ctid: str, name: str) -> str:
    """A CTID derived from another one: UUID v5 of `name` in the namespace of `ctid`'s UUID. Stable, so a
    record that has no field of its own (the credential a program leads to) keeps its CTID forever."""
    return f"ce-{uuid.uuid5(uuid.UUID(ctid[3:]), name)}"
