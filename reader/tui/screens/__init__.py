"""Screens of the reader: main, help, bidi check."""
