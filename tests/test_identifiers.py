"""Identifiers of other registers: the corporate number's check digit, CTIDs."""

from __future__ import annotations

import pytest

from mccat.model.identifiers import (
    corporate_number_check_digit,
    derived_ctid,
    is_valid_corporate_number,
    new_ctid,
)

# Real corporate numbers of public bodies, as the National Tax Agency's register publishes them.
REAL = {
    "7000012050002": "National Tax Agency (国税庁)",
    "2000012010019": "Cabinet Office (内閣府)",
    "5010005007398": "The University of Tokyo (国立大学法人東京大学)",
}


@pytest.mark.parametrize("number", sorted(REAL))
def test_real_corporate_numbers_pass(number):
    assert is_valid_corporate_number(number), REAL[number]
    assert corporate_number_check_digit(number[1:]) == int(number[0])


@pytest.mark.parametrize("number", sorted(REAL))
def test_every_single_mistyped_digit_fails_but_0_for_9(number):
    """Changing any one digit breaks the number, except a 0 typed for a 9 (or back) in the twelve base digits:
    that changes the weighted sum by 9 or 18, which the rule, working mod 9, cannot see."""
    for position in range(13):
        for digit in "0123456789":
            if digit == number[position]:
                continue
            typo = number[:position] + digit + number[position + 1 :]
            blind_spot = position > 0 and {digit, number[position]} == {"0", "9"}
            assert is_valid_corporate_number(typo) == blind_spot, typo


@pytest.mark.parametrize("number", sorted(REAL))
def test_swapped_neighbours_fail(number):
    base = number[1:]
    for i in range(len(base) - 1):
        if base[i] == base[i + 1]:
            continue
        swapped = number[0] + base[:i] + base[i + 1] + base[i] + base[i + 2 :]
        a, b = int(base[i]), int(base[i + 1])
        if (a - b) % 9 == 0:
            continue  # 0 and 9: the same residue, the one swap the rule cannot see
        assert not is_valid_corporate_number(swapped), swapped


@pytest.mark.parametrize(
    "bad", ["", "700001205000", "70000120500021", "7000-12050002", "７０００01205000２", "abcdefghijklm"]
)
def test_malformed_corporate_numbers_fail(bad):
    assert not is_valid_corporate_number(bad)


def test_the_check_digit_needs_twelve_digits():
    with pytest.raises(ValueError):
        corporate_number_check_digit("12345")


def test_sample_numbers_are_fictional_and_valid():
    """The sample catalogue uses registry-office code 9999, which no office has, with a correct check digit."""
    from pathlib import Path

    from mccat.validation.load import load_catalogue

    catalogue = load_catalogue(Path(__file__).parents[1] / "catalogue")
    numbers = [p.data["corporate_number"] for p in catalogue.providers.values() if "corporate_number" in p.data]
    assert len(numbers) == 10
    assert all(n[1:5] == "9999" and is_valid_corporate_number(n) for n in numbers)


def test_ctids():
    first, second = new_ctid(), new_ctid()
    assert first != second and first.startswith("ce-") and len(first) == 39
    assert derived_ctid(first, "credential") == derived_ctid(first, "credential")
    assert derived_ctid(first, "credential") != derived_ctid(second, "credential")
    assert derived_ctid(first, "credential") != first
