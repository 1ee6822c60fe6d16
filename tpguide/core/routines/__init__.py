"""The routine file format: reading untrusted YAML, checking it, the model, writing it back."""
