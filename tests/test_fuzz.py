"""Property-based tests: the loader and validator turn any input into data or clean problems."""

from tests.fuzzing import run


def test_fuzz_loader_and_validator():
    assert run(300) > 0
