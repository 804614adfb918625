"""Result sets over one searcher: fixed document sets, facet counts and decoded postings."""

from __future__ import annotations

import bisect
import threading
from collections import Counter
from collections.abc import Iterable
from itertools import accumulate, chain
from typing import Any

from whoosh import query as wq

from reader.search.schema import SearchFilters

POSTING_CACHE = 512  # decoded posting lists kept per searcher
FILTER_CACHE = 16  # filters whose document sets are kept per searcher
FACET_BY_DOC = 5_000  # result sets up to this size count facets document by document


FACETS = {"actors": "actors", "places": "places", "sources": "source"}


class _DocSet(wq.Query):  # type: ignore[misc]
    """A fixed set of top-level docnums, scoring nothing: intersected with a query, it makes
    Whoosh score just those documents."""

    def __init__(self, docnums: Iterable[int], *, scores: bool = True) -> None:
        self.docnums = sorted(docnums)
        self.boost = 1.0
        self.scores = scores  # False: adds exactly 0.0 to a document's score (Whoosh adds 1)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _DocSet) and self.docnums == other.docnums

    def __hash__(self) -> int:
        return hash(tuple(self.docnums))

    def __repr__(self) -> str:
        return f"_DocSet({len(self.docnums)} docs)"

    def is_leaf(self) -> bool:
        return True

    def estimate_size(self, ixreader: Any) -> int:
        return len(self.docnums)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        from whoosh import matching

        offset = 0
        parent = searcher.get_parent() if searcher.has_parent() else None
        if parent is not None:
            for leaf, leaf_offset in parent.leaf_searchers():
                if leaf is searcher:
                    offset = leaf_offset
                    break
        low = bisect.bisect_left(self.docnums, offset)
        high = bisect.bisect_left(self.docnums, offset + searcher.reader().doc_count_all())
        ids = [docnum - offset for docnum in self.docnums[low:high]]
        if not ids:
            return matching.NullMatcher()
        if not self.scores:
            return matching.ListMatcher(ids, weights=[0.0] * len(ids))
        return matching.ListMatcher(ids, all_weights=0.0)


class _Facet:
    """One facet field of one searcher: the documents of each label, and (made on first
    need) the labels of each document, which count a small result set faster, and each
    label's documents as a bit mask, which counts a large one faster."""

    __slots__ = ("_by_doc", "_masks", "by_label")

    def __init__(self) -> None:
        self.by_label: dict[str, frozenset[int]] = {}
        self._by_doc: dict[int, list[str]] | None = None
        self._masks: dict[str, int] | None = None

    def by_doc(self) -> dict[int, list[str]]:
        by_doc = self._by_doc
        if by_doc is None:
            by_doc = {}
            for label, docs in self.by_label.items():
                for docnum in docs:
                    labels = by_doc.get(docnum)
                    if labels is None:
                        by_doc[docnum] = [label]
                    else:
                        labels.append(label)
            self._by_doc = by_doc
        return by_doc

    def counts(self, docset: set[int], mask: int | None = None) -> dict[str, int]:
        """How many documents of `docset` (`mask`: the same as bits) carry each label
        (labels with none left out)."""
        if len(docset) <= FACET_BY_DOC:
            by_doc = self.by_doc()
            return dict(Counter(chain.from_iterable(by_doc.get(d, ()) for d in docset)))
        if mask is None:
            mask = _bitmask(docset)
        counts: dict[str, int] = {}
        for label, label_mask in self.masks().items():  # big-integer AND and popcount
            count = (label_mask & mask).bit_count()
            if count:
                counts[label] = count
        return counts

    def masks(self) -> dict[str, int]:
        """Each label's documents as one bit per docnum (made on first need)."""
        masks = self._masks
        if masks is None:
            masks = self._masks = {label: _bitmask(docs) for label, docs in self.by_label.items()}
        return masks


class _Posting:
    """One term's live postings: per segment (by docnum offset) the ids and weights Whoosh
    would read, and top-level docnum -> weight (term frequency)."""

    __slots__ = ("docs", "leaves", "weights")

    def __init__(self, leaves: dict[int, tuple[list[int], list[float]]]) -> None:
        self.leaves = leaves
        self.weights: dict[int, float] = {}
        for offset, (ids, weights) in leaves.items():
            if offset:
                self.weights.update(zip([docnum + offset for docnum in ids], weights, strict=True))
            else:
                self.weights.update(zip(ids, weights, strict=True))
        self.docs = self.weights.keys()


class _PostingCache:
    """Decoded posting lists of one searcher's reader, least recently used dropped first.

    Whoosh's `all_ids()` yields one id per Python call; reading each block's arrays is
    several times faster on long posting lists, and a kept list costs nothing the next time.
    """

    def __init__(self, reader: Any, capacity: int = POSTING_CACHE) -> None:
        self.reader = reader
        self.capacity = capacity
        self._terms: dict[tuple[str, bytes], _Posting] = {}
        self._lengths: dict[str, dict[int, int]] = {}
        self._filters: dict[SearchFilters | None, set[int]] = {}
        self._lock = threading.Lock()

    def get(self, fieldname: str, text: bytes) -> _Posting:
        key = (fieldname, text)
        with self._lock:
            posting = self._terms.pop(key, None)
            if posting is not None:
                self._terms[key] = posting  # most recently used last
                return posting
        posting = _Posting(_read_postings(self.reader, fieldname, text))
        with self._lock:
            self._terms[key] = posting
            while len(self._terms) > self.capacity:
                del self._terms[next(iter(self._terms))]
        return posting

    def filter_docs(self, filters: SearchFilters | None) -> set[int] | None:
        """The documents a filter allows, if this searcher has computed them lately
        (the UI keeps one filter while the query changes)."""
        with self._lock:
            return self._filters.get(filters)

    def keep_filter_docs(self, filters: SearchFilters | None, docs: set[int]) -> None:
        with self._lock:
            self._filters[filters] = docs
            while len(self._filters) > FILTER_CACHE:
                del self._filters[next(iter(self._filters))]

    def lengths(self, fieldname: str) -> dict[int, int]:
        """Field lengths as Whoosh scores them, read in one piece per segment where the
        codec allows (else filled by callers document by document)."""
        with self._lock:
            found = self._lengths.get(fieldname)
            if found is None:
                found = self._lengths[fieldname] = _bulk_lengths(self.reader, fieldname)
            return found


def _bitmask(docnums: Iterable[int]) -> int:
    """An integer with bit `docnum` set for each of `docnums`."""
    docs = list(docnums)
    if not docs:
        return 0
    buffer = bytearray((max(docs) >> 3) + 1)
    for docnum in docs:
        buffer[docnum >> 3] |= 1 << (docnum & 7)
    return int.from_bytes(buffer, "little")


def _bulk_lengths(reader: Any, fieldname: str) -> dict[int, int]:
    """Docnum -> the field length Whoosh's scorer sees (its one-byte encoding, decoded), for
    every document, from the segments' length columns; {} when the codec is another."""
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN
        from whoosh.util.numeric import byte_to_length

        table = [0] + [byte_to_length(code) for code in range(1, 256)]
        lengths: dict[int, int] = {}
        for leaf, offset in reader.leaf_readers():
            column = leaf._perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
            if column is None:
                continue
            raw = column._dbfile.get(column._basepos, column._count)
            values = [table[code] for code in raw]
            lengths.update((offset + docnum, value) for docnum, value in enumerate(values) if value)
        return lengths
    except (AttributeError, ImportError, TypeError):
        return {}


def _read_postings(
    reader: Any, fieldname: str, text: bytes
) -> dict[int, tuple[list[int], list[float]]]:
    """Per segment offset, the live ids (segment docnums) and weights of one term.

    Read a posting block at a time: Whoosh decodes ids with a Python generator and yields
    them one call each; `accumulate` undoes the delta coding at C speed.
    """
    leaves: dict[int, tuple[list[int], list[float]]] = {}
    for leaf, offset in reader.leaf_readers():
        if (fieldname, text) not in leaf:
            continue
        ids: list[int] = []
        weights: list[float] = []
        matcher = leaf._terms.matcher(fieldname, text, leaf.schema[fieldname].format)
        if all(hasattr(matcher, name) for name in ("_read_data", "_read_weights", "_byteids")):
            while matcher.is_active():
                if matcher._data is None:
                    matcher._read_data()
                raw = matcher._data[0]
                ids.extend(raw if matcher._byteids else accumulate(raw))
                if matcher._weights is None:
                    matcher._read_weights()
                weights.extend(matcher._weights)
                matcher._next_block()
        else:
            while matcher.is_active():
                ids.append(matcher.id())
                weights.append(matcher.weight())
                matcher.next()
        deleted = leaf.deleted_docs_set
        if deleted:
            kept = [i for i, docnum in enumerate(ids) if docnum not in deleted]
            ids = [ids[i] for i in kept]
            weights = [weights[i] for i in kept]
        leaves[offset] = (ids, weights)
    return leaves


def facet_counts(table: dict[str, _Facet], docset: set[int]) -> dict[str, list[tuple[str, int]]]:
    """Each facet's label counts over `docset`, most first; a large set is turned into one bit
    mask that every facet shares."""
    mask = _bitmask(docset) if len(docset) > FACET_BY_DOC else None
    return {
        name: sorted(facet.counts(docset, mask).items(), key=lambda pair: (-pair[1], pair[0]))
        for name, facet in table.items()
    }
