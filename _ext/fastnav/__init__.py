"""Placeholder until the fastnav extension lands."""


def setup(app):
    return {"version": "0.0", "parallel_read_safe": True, "parallel_write_safe": True}
