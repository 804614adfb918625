"""reader.text"""
