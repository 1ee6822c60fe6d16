"""Qt widgets of tpguide: they render core state and forward what the user asks."""
