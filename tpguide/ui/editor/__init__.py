"""The routine editor window and its parts."""
