"""The diary pages: sessions, pain over time, headaches and alerts."""
