"""The gauge library."""


class Foo:
    """A gauge that reports a reading every minute."""
