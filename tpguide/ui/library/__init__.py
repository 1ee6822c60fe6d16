"""The routine library sidebar, a routine's page, and a broken file's problems."""
