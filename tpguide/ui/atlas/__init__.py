"""Browsing the atlas and 'Where does it hurt?'."""
