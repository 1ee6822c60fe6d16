"""The pain diary: records, the SQLite store and its schema, summaries, alerts, the session lock."""
