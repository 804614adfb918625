"""reader.search"""
