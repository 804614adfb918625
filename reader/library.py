"""Orchestration shared by the CLI and the UI: import = ingest -> store -> tag -> index."""
