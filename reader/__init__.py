"""reader: compare how different outlets cover the same news story."""

__version__ = "0.1.0"
