"""The order the benchmarks measure their servers in."""


def in_rounds(running, rounds):
    """Each server once a round, the order rotated each round, so none is measured only in a slow or a
    fast spell of the machine. Yields (round number, server)."""
    for n in range(1, rounds + 1):
        shift = (n - 1) % len(running)
        for server in running[shift:] + running[:shift]:
            yield n, server
