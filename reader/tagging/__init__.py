"""reader.tagging"""
