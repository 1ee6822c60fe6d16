"""The main window and what frames every feature: menus, pages, settings, file handling."""
