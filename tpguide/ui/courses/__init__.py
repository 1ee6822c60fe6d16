"""Courses in the app: today's panel, adherence, reminders and the course editor."""
