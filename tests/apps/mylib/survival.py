"""Helpers of the test application, shipped with --py-files (a folder)."""


def age_band(age):
    """A passenger's age band; runs in the executors' Python workers as a UDF."""
    if age is None:
        return "unknown"
    return "child" if age < 18 else "adult"
