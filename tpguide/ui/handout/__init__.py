"""The printable handout: content, figures and the pages text flows onto."""
