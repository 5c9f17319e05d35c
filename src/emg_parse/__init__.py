"""emg-parse: EMG Senior Officials Meeting outcome documents as validated data."""

__version__ = "0.2.0"
