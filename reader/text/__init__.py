"""Arabic text for terminals, pure functions: sanitize, fold, direction, shape, bidi, layout."""

from reader.text.chars import cell_width, paragraph_direction
from reader.text.sanitize import fold_presentation_forms, sanitize, sanitize_with_map
from reader.text.visual import (
    BidiMode,
    VisualLine,
    layout,
    layout_line,
    render_lines,
)

__all__ = [
    "BidiMode",
    "VisualLine",
    "cell_width",
    "fold_presentation_forms",
    "layout",
    "layout_line",
    "paragraph_direction",
    "render_lines",
    "sanitize",
    "sanitize_with_map",
]
