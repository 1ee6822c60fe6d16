"""Widgets and painters shared by every feature: plain labels, the phase language, body diagrams."""
