"""reader.store"""
