"""The guided session: its window, the timer-driven controller, sound, speech and the diary link."""
