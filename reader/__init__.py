"""akhbar: a terminal news reader built for Arabic. Importing this package imports nothing else."""

__version__ = "0.1.0"
