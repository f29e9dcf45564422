"""ILP Desktop: offline Individual Learning Plans for induction programs."""

__version__ = "0.1.0"
APP_NAME = "ILP Desktop"
