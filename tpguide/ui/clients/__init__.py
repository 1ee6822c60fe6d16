"""The therapist's Clients page: imported reports, one client at a time."""
