"""The care loop: progress reports a client sends, the therapist's clients, backups."""
