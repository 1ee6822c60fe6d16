"""Plain-Python heart of tpguide: routines, atlas, plans, sessions, history.

Nothing here may import Qt; a test enforces it, so the CLI and the tests run
without a display and the timing logic can be driven by a fake clock.
"""
