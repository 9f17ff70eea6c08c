"""planbuilder: answers in, a printed back-strengthening programme out."""

__version__ = "0.1.0"
