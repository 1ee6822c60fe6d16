"""Treatment courses: the file format, its checks, editing, and the user's assigned courses."""
