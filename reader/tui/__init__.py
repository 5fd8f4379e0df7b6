"""The reading interface: a Textual app on top of the core library (see `app.py`)."""
