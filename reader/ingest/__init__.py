"""reader.ingest"""
