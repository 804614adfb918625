"""reader.tui"""
