"""Input formats to `Article`s: plain text, HTML, RSS/Atom, JSON Lines, TREC <DOC> files.

`read_paths(paths)` yields an `Ingested` per article and an `InputError` per refused input.
"""

from reader.ingest.base import Ingested
from reader.ingest.files import InputWalker, detect_format, read_path, read_paths

__all__ = ["Ingested", "InputWalker", "detect_format", "read_path", "read_paths"]
