"""Where routines come from, how the library lists them, and how they travel between people."""
