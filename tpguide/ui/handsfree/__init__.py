"""Hands-free on the Linux desktop: media keys' D-Bus side (MPRIS), keeping the screen
awake during a session, one app process per person, and course reminders by desktop
notification while the app is closed.

Only QtCore, QtDBus and QtNetwork are used here (``tpguide remind`` loads no widgets); the
composition roots (``ui/app.py``, ``ui/run_command.py``) connect it to the session launcher.
"""
