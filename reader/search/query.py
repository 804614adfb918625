"""Queries: parsing with clitic expansion, filters, and running them (ranking, suggestions)."""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING, Any

from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.qparser import FieldAliasPlugin, MultifieldPlugin, QueryParser
from whoosh.qparser.dateparse import DateParseError, DateParserPlugin

from reader.errors import QueryError
from reader.models import SearchHit
from reader.search.analysis import STOP_WORDS, fold_name, stem, strip_prefix, surface_words
from reader.search.facets import FACETS, _DocSet, _PostingCache, facet_counts
from reader.search.highlight import find_hits, make_snippet
from reader.search.schema import _NO_DATE, SearchFilters, SearchResults, Sort

if TYPE_CHECKING:
    from reader.search.index import SearchIndex


TITLE_BOOST = 3.0
VARIANT_WEIGHT = 0.5  # a clitic variant of a query word counts less than the word as typed
RERANK_DEPTH = 100  # relaxed search: at least this many documents of the best tiers scored
EXACT_DEPTH = 30  # best headline tier: this many hits re-ordered by words spelt as typed
SMALL_SET = 64  # a set of documents this small is simply scored by Whoosh
ESTIMATE_LIMIT = 60_000  # larger sets without a clear headline lead are left to Whoosh


class _Parser(QueryParser):  # type: ignore[misc]
    """Whoosh's parser whose words become groups of stem + clitic variants found in the index."""

    def __init__(self, schema: Schema, reader: Any) -> None:
        super().__init__(None, schema)
        self.add_plugin(
            MultifieldPlugin(["title", "body"], fieldboosts={"title": TITLE_BOOST, "body": 1.0})
        )
        self.reader = reader
        self.add_plugin(DateParserPlugin(free=False))
        self.add_plugin(
            FieldAliasPlugin(
                {"published": ["date"], "actor": ["actors"], "place": ["places"], "source": []}
            )
        )
        self.words: list[str] = []

    def term_query(
        self,
        fieldname: str,
        text: str,
        termclass: Any,
        boost: float = 1.0,
        tokenize: bool = True,
        removestops: bool = True,
    ) -> Any:
        if fieldname not in ("title", "body") or termclass is not wq.Term:
            return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)
        groups = []
        for word, _, _ in surface_words(text):
            if fieldname == "title":
                self.words.append(word)
            weighted = expand(word, self.reader)
            terms = [wq.Term(fieldname, term, boost=boost * weight) for term, weight in weighted]
            groups.append(terms[0] if len(terms) == 1 else wq.Or(terms))
        if not groups:
            return None
        return groups[0] if len(groups) == 1 else wq.And(groups)


def expand(word: str, reader: Any) -> list[tuple[str, float]]:
    """The stem of a normalised query word plus clitic variants that occur in the index.

    Lucene strips one proclitic and never a lone ب ل ك ف; people type `بمصر` for `مصر`, `ووزير`
    for `وزير`. Variants (proclitic removed, or added) count `VARIANT_WEIGHT` of the word itself.
    """
    primary = stem(word)
    candidates: list[str] = []
    if len(word) >= 4 and word[0] in "وف":
        candidates.append(word[1:])
        if len(word) >= 5 and word[1] in "بلك":
            candidates.append(word[2:])
    if len(word) >= 4 and word[0] in "بلك":
        candidates.append(word[1:])
    if word.startswith("ال"):
        if len(word) >= 5:
            candidates.append(word[2:])  # `الواشنطن`: Lucene would strip وال, not ال
    else:
        candidates.extend(clitic + word for clitic in "بلكف")
    result = [(primary, 1.0)]
    seen = {primary}
    for candidate in candidates:
        term = stem(candidate)
        if term in seen:
            continue
        seen.add(term)
        if reader is not None and (("body", term) in reader or ("title", term) in reader):
            result.append((term, VARIANT_WEIGHT))
    return result


def _filter_query(filters: SearchFilters | None) -> Any:
    if not filters:
        return None
    parts: list[Any] = [wq.Term("actor", fold_name(name)) for name in filters.actors]
    parts += [wq.Term("place", fold_name(name)) for name in filters.places]
    if filters.sources:
        parts.append(wq.Or([wq.Term("source", source) for source in filters.sources]))
    if filters.since or filters.until:
        start = datetime.combine(filters.since, time.min) if filters.since else None
        end = datetime.combine(filters.until, time.max) if filters.until else None
        parts.append(wq.DateRange("published", start, end))
    if filters.unread_only:
        parts.append(wq.Term("read", False))
    if filters.starred_only:
        parts.append(wq.Term("starred", True))
    return parts[0] if len(parts) == 1 else wq.And(parts)


def _top_level_groups(parsed: Any) -> list[Any]:
    if isinstance(parsed, wq.And):
        return list(parsed.subqueries)
    return [parsed]


class _Search:
    """One query against one searcher."""

    def __init__(
        self,
        index: SearchIndex,
        searcher: Any,
        limit: int,
        filters: SearchFilters | None,
        sort: Sort,
    ) -> None:
        self.index = index
        self.searcher = searcher
        self.reader = searcher.reader()
        self.limit = max(1, limit)
        self.words: list[str] = []  # the query's words as typed (normalised), for exact forms
        self.filters = filters
        self.filter = _filter_query(filters)
        self._filter_docs: set[int] | None = None
        self.sort = sort
        self.postings = index._postings_for(searcher)
        self._lengths: dict[str, dict[int, int]] = {}
        self._phrases: dict[int, set[int]] = {}  # id(phrase query) -> its documents

    def _parse(self, text: str) -> tuple[Any, list[str]]:
        _check_balance(text)
        parser = _Parser(self.searcher.schema, self.reader)
        try:
            parsed = parser.parse(text)
        except DateParseError as exc:
            raise QueryError(f"cannot read the date in the query ({exc})") from None
        except Exception as exc:
            raise QueryError(f"cannot parse the query: {exc}") from None
        for node in _walk(parsed):
            error = getattr(node, "error", None)
            if error:
                raise QueryError(f"cannot parse the query: {error}")
        return parsed.normalize(), parser.words

    def run(self, text: str) -> SearchResults:
        stripped = text.strip()
        if not stripped:
            parsed: Any = wq.Every()
            words: list[str] = []
            sort: Sort = "newest" if self.sort == "relevance" else self.sort
        else:
            parsed, words = self._parse(stripped)
            self.words = words
            sort = self.sort
            if parsed is wq.NullQuery:
                return SearchResults(hits=[], total=0, facets={})
        terms = tuple(
            sorted(
                {
                    term.decode("utf-8") if isinstance(term, bytes) else str(term)
                    for fieldname, term in parsed.iter_all_terms()
                    if fieldname in ("title", "body")
                }
            )
        )
        results = self._collect(parsed, sort)
        relaxed = False
        suggestion = None
        if results[1] == 0 and stripped:
            groups = _top_level_groups(parsed)
            if len(groups) > 1 and not any(isinstance(g, wq.Not) for g in groups):
                relaxed_results = self._collect_relaxed(groups, sort)
                if relaxed_results[1]:
                    results, relaxed = relaxed_results, True
            suggestion = self._suggest(stripped, words)
        docnums, total, facets = results
        hits = [self._hit(docnum, score, terms) for docnum, score in docnums]
        return SearchResults(
            hits=hits,
            total=total,
            facets=facets,
            suggestion=suggestion,
            relaxed=relaxed,
            terms=terms,
        )

    def _facets(self, docset: set[int]) -> dict[str, list[tuple[str, int]]]:
        return facet_counts(self.index._facet_table_for(self.searcher), docset)

    def _docs(self, query: Any) -> set[int]:
        """Live docnums matching `query`, from posting lists and set algebra where possible.

        Much cheaper than iterating Whoosh matchers document by document, which is what exact
        totals and facets over a whole result set would otherwise cost at 100k articles.
        """
        if isinstance(query, wq.Term):
            field_type = self.searcher.schema[query.fieldname]
            try:
                text = field_type.to_bytes(query.text)
            except ValueError:
                return set()
            if (query.fieldname, text) not in self.reader:
                return set()
            return set(self.postings.get(query.fieldname, text).docs)
        if isinstance(query, wq.Every):
            return set(self.reader.all_doc_ids())
        if isinstance(query, wq.NumericRange) and query.fieldname == "published":
            values, docnums = self.index._dates_for(self.searcher)
            low = 0
            if query.start is not None:
                bisector = bisect.bisect_right if query.startexcl else bisect.bisect_left
                low = bisector(values, query.start)
            high = len(values)
            if query.end is not None:
                bisector = bisect.bisect_left if query.endexcl else bisect.bisect_right
                high = bisector(values, query.end)
            return set(docnums[low:high])
        if isinstance(query, wq.And):
            positive = [sub for sub in query.subqueries if not isinstance(sub, wq.Not)]
            negative = [sub.query for sub in query.subqueries if isinstance(sub, wq.Not)]
            sets = sorted((self._docs(sub) for sub in positive), key=len)
            result = sets[0] if sets else set(self.reader.all_doc_ids())
            for other in sets[1:]:
                result = result & other
            for sub in negative:
                if result:
                    result = result - self._docs(sub)
            return result
        if isinstance(query, (wq.Or, wq.DisjunctionMax)):
            union: set[int] = set()
            for sub in query.subqueries:
                union |= self._docs(sub)
            return union
        if isinstance(query, wq.Not):
            return set(self.reader.all_doc_ids()) - self._docs(query.query)
        if isinstance(query, wq.AndNot):
            return self._docs(query.a) - self._docs(query.b)
        if isinstance(query, wq.AndMaybe):
            return self._docs(query.a)
        if isinstance(query, wq.Require):
            return self._docs(query.a) & self._docs(query.b)
        if type(query) is wq.Phrase:
            return self._phrase_docs(query)
        return set(query.docs(self.searcher))

    def _allowed(self) -> set[int] | None:
        if self.filter is None:
            return None
        if self._filter_docs is None:
            cached = self.postings.filter_docs(self.filters)
            if cached is None:
                cached = self._docs(self.filter)
                self.postings.keep_filter_docs(self.filters, cached)
            self._filter_docs = cached
        return self._filter_docs

    def _matching(self, parsed: Any) -> set[int]:
        docset = self._docs(parsed)
        allowed = self._allowed()
        return docset if allowed is None else docset & allowed

    def _top(self, query: Any, allow: set[int] | None, depth: int) -> list[tuple[int, float]]:
        """The best `depth` hits (within `allow`) by BM25F, Whoosh's block-skipping collector.

        Without `allow` the collector may skip low-scoring blocks; a filter makes it visit
        every match, so one is passed only when it removes something.
        """
        results = self.searcher.search(query, limit=depth, filter=allow)
        return [(hit.docnum, float(hit.score or 0.0)) for hit in results]

    def _top_within(self, query: Any, docnums: set[int], depth: int) -> list[tuple[int, float]]:
        """The best `depth` of `docnums` for `query`: the query is intersected with the set,
        so Whoosh skips straight to those documents instead of visiting every match."""
        return self._top(wq.And([_DocSet(docnums), query]), None, depth)

    def _best(
        self, query: Any, docnums: set[int], depth: int, *, within: bool = True
    ) -> list[tuple[int, float]]:
        """The best `depth` of `docnums` by BM25F, scored by Whoosh over as few as possible.

        For a query of plain title/body terms, each document's score is first estimated from
        the cached posting lists (Whoosh's per-term formula; only the order of additions
        differs), the documents that can reach the top `depth` are kept (a margin covers
        rounding), and Whoosh scores every one of those from the cached postings. Headline
        matches are estimated first: when `depth` of them beat anything a body-only match
        could score, the rest is never looked at. `within` keeps the score `_top_within`
        gives (Whoosh counts the document set as 1); without it, the query's own score.
        Other queries (phrases, NOT...) are left to Whoosh as before.
        """
        leaves = _term_leaves(query)
        if leaves is None:
            if within:
                return self._top_within(query, docnums, depth)
            return self._top(query, docnums if self.filter is not None else None, depth)
        candidates: set[int] | None = docnums
        if len(docnums) > max(2 * depth, SMALL_SET):
            candidates = self._candidates(leaves, docnums, depth)
        if candidates is None:  # too many to estimate: Whoosh alone, as before
            if within:
                return self._top_within(query, docnums, depth)
            return self._top(query, docnums if self.filter is not None else None, depth)
        top = wq.And([_DocSet(candidates, scores=within), _with_cached_terms(query, self.postings)])
        scored = self._score_exactly(top)
        if scored is None:
            results = self.searcher.search(top, limit=None)
            return [(hit.docnum, float(hit.score or 0.0)) for hit in results][:depth]
        scored.sort(key=lambda pair: (-pair[1], pair[0]))  # Whoosh's order: score, then docnum
        return scored[:depth]

    def _score_all(self, query: Any, docnums: set[int]) -> list[tuple[int, float]]:
        """Whoosh's score (as `_top_within` gives it) of every document of `docnums`, best first."""
        if _term_leaves(query) is not None:
            top = wq.And([_DocSet(docnums), _with_cached_terms(query, self.postings)])
            scored = self._score_exactly(top)
            if scored is not None:
                scored.sort(key=lambda pair: (-pair[1], pair[0]))
                return scored
        return self._top_within(query, docnums, len(docnums))

    def _score_exactly(self, query: Any) -> list[tuple[int, float]] | None:
        """Whoosh's score of each document of `query` (a document set AND cached terms).

        The matcher tree is the one Whoosh's collector builds; each document's score is
        summed over that tree in the same order as Whoosh's matchers would, without their
        per-posting stepping. When the tree holds a matcher this walk does not mirror (small
        segments preload unions into arrays), the collector itself scores, as Whoosh would.
        """
        searcher = self.searcher
        collector = searcher.collector(limit=None)
        collector.prepare(searcher, query, searcher.context())
        scored: list[tuple[int, float]] = []
        leaves = list(searcher.leaf_searchers())
        for position, (leaf, offset) in enumerate(leaves):
            collector.set_subsearcher(leaf, offset)
            root = collector.matcher
            try:
                if not _mirrored(root):
                    raise _UnknownMatcher
                docset = _docset_matcher(root)
                if docset is None:
                    raise _UnknownMatcher
                for docid in docset._ids:
                    score = _tree_score(root, docid)
                    if score is not None:
                        scored.append((offset + docid, score))
            except _UnknownMatcher:
                if position:  # rare: a later segment differs; let Whoosh redo the whole
                    return None
                try:
                    collector.collect_matches()
                    for other, other_offset in leaves[1:]:
                        collector.set_subsearcher(other, other_offset)
                        collector.collect_matches()
                finally:
                    collector.finish()
                return [(hit.docnum, float(hit.score or 0.0)) for hit in collector.results()]
        return scored

    def _candidates(self, leaves: list[_Leaf], docnums: set[int], depth: int) -> set[int] | None:
        """The documents of `docnums` whose estimated score may reach the top `depth`."""
        terms = [self._term_score(*leaf) for leaf in leaves]
        scorable = [term for term in terms if term is not None]
        headline: set[int] = set()
        for term in scorable:
            if term.fieldname == "title":
                headline.update(term.weights)
        headline &= docnums
        if len(headline) >= depth:
            outside: float | None = None
            if len(headline) < len(docnums):
                outside = sum(term.bound for term in scorable if term.fieldname != "title")
            found = self._contenders(headline, scorable, depth, floor=outside)
            if found is not None:
                return found
        if len(docnums) > ESTIMATE_LIMIT:
            return None
        return self._contenders(docnums, scorable, depth, floor=None)

    def _contenders(
        self, docnums: set[int], terms: list[_TermScore], depth: int, floor: float | None
    ) -> set[int] | None:
        """Documents whose estimated score may reach the top `depth` of `docnums`.

        With `floor` (the best score a document outside `docnums` could have), None unless
        the `depth`-th estimate clearly beats it.
        """
        estimates: dict[int, float] = dict.fromkeys(docnums, 0.0)
        for term in terms:
            lengths = self._field_lengths(term.fieldname)
            reader = self.reader
            fieldname = term.fieldname
            score = term.score
            weights = term.weights
            if len(weights) < len(estimates):
                pairs = [(d, w) for d, w in weights.items() if d in estimates]
            else:
                pairs = [(d, weights[d]) for d in estimates if d in weights]
            if term.required is not None:
                required = term.required
                pairs = [(d, w) for d, w in pairs if d in required]
            for docnum, weight in pairs:
                length = lengths.get(docnum)
                if length is None:
                    length = lengths[docnum] = reader.doc_field_length(docnum, fieldname, 1)
                estimates[docnum] += score(weight, length) * term.boost
        ordered = heapq.nlargest(depth, estimates.values())
        cut = ordered[-1]
        margin = 1e-9 * max(1.0, abs(cut))
        if floor is not None and cut <= floor + margin:
            return None
        return {docnum for docnum, value in estimates.items() if value >= cut - margin}

    def _field_lengths(self, fieldname: str) -> dict[int, int]:
        return self._lengths.setdefault(fieldname, self.postings.lengths(fieldname))

    def _term_score(
        self, fieldname: str, text: str, boost: float, phrase: Any = None
    ) -> _TermScore | None:
        try:
            key = self.searcher.schema[fieldname].to_bytes(text)
        except ValueError:
            return None
        if (fieldname, key) not in self.reader:
            return None
        posting = self.postings.get(fieldname, key)
        scorer = self.searcher.weighting.scorer(self.searcher, fieldname, key)
        info = self.reader.term_info(fieldname, key)
        bound = scorer._score(info.max_weight(), info.min_length()) * boost
        required = None if phrase is None else self._phrase_docs(phrase)
        return _TermScore(fieldname, posting.weights, scorer._score, boost, bound, required)

    def _phrase_docs(self, phrase: Any) -> set[int]:
        """The documents where `phrase` matches (worked out once per query)."""
        key = id(phrase)
        found = self._phrases.get(key)
        if found is None:
            found = self._phrases[key] = set(phrase.docs(self.searcher))
        return found

    def _by_date(self, docset: set[int], sort: Sort) -> list[tuple[int, float]]:
        column = self.reader.column_reader("published", translate=False)
        newest = sort == "newest"

        def key(docnum: int) -> tuple[bool, int, int]:
            value = column[docnum]
            return (value == _NO_DATE, -value if newest else value, docnum)  # undated last

        ordered = heapq.nsmallest(self.limit, docset, key=key)
        return [(docnum, 0.0) for docnum in ordered]

    def _collect(
        self, parsed: Any, sort: Sort
    ) -> tuple[list[tuple[int, float]], int, dict[str, list[tuple[str, int]]]]:
        docset = self._matching(parsed)
        if not docset:
            return [], 0, {name: [] for name in FACETS}
        if sort == "relevance":
            docnums = self._rank_by_headline(parsed, docset, _top_level_groups(parsed))
        else:
            docnums = self._by_date(docset, sort)
        return docnums, len(docset), self._facets(docset)

    def _title_sets(self, groups: Sequence[Any]) -> list[set[int]]:
        """For each query group, the docnums whose title holds one of its terms."""
        sets: list[set[int]] = []
        for group in groups:
            docs: set[int] = set()
            for fieldname, term in group.iter_all_terms():
                if fieldname != "title":
                    continue
                key = (
                    term
                    if isinstance(term, bytes)
                    else self.searcher.schema[fieldname].to_bytes(term)
                )
                if (fieldname, key) in self.reader:
                    docs.update(self.postings.get(fieldname, key).docs)
            sets.append(docs)
        return sets

    def _rank_by_headline(
        self, parsed: Any, docset: set[int], groups: Sequence[Any]
    ) -> list[tuple[int, float]]:
        """Headlines holding more of the query's words first, then BM25F (title boosted).

        Tiers are formed with set operations on the title postings; only the documents of the
        tiers needed to fill the page are scored.
        """
        if len(groups) < 2:  # one word: the title boost alone orders headlines first
            return self._best(parsed, docset, self.limit, within=False)
        sets = [docs & docset for docs in self._title_sets(groups)]
        coverage: dict[int, int] = {}
        for docs in sets:
            for docnum in docs:
                coverage[docnum] = coverage.get(docnum, 0) + 1
        tiers: dict[int, set[int]] = {}
        for docnum, count in coverage.items():
            tiers.setdefault(count, set()).add(docnum)
        rest = docset - coverage.keys()
        if rest:
            tiers[0] = rest
        ranked: list[tuple[int, float]] = []
        depth = max(self.limit, EXACT_DEPTH)
        for count in sorted(tiers, reverse=True):
            need = depth - len(ranked)
            if need <= 0:
                break
            tier = self._best(parsed, tiers[count], need)
            ranked.extend(self._by_exact_form(tier) if count else tier)
        return ranked[: self.limit]

    def _by_exact_form(self, tier: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """Within one headline tier, headlines spelling more query words as typed come first
        (clitics aside): `للسيارات` prefers `للسيارات` to `سيارة`, which share a stem."""
        if not EXACT_DEPTH or not self.words:
            return tier
        wanted = [_surface_keys(word) for word in self.words]

        def exact(docnum: int) -> int:
            title = str(self.searcher.stored_fields(docnum).get("title", ""))
            keys = {key for word, _, _ in surface_words(title) for key in _surface_keys(word)}
            return sum(bool(keys & forms) for forms in wanted)

        counts = {docnum: exact(docnum) for docnum, _ in tier}
        return sorted(tier, key=lambda pair: -counts[pair[0]])  # stable: score order kept

    def _collect_relaxed(
        self, groups: Sequence[Any], sort: Sort
    ) -> tuple[list[tuple[int, float]], int, dict[str, list[tuple[str, int]]]]:
        """Any group may match; more matching groups rank first, then headline, then score."""
        allowed = self._allowed()
        matched: dict[int, int] = {}
        for group in groups:
            for docnum in self._docs(group):
                if allowed is None or docnum in allowed:
                    matched[docnum] = matched.get(docnum, 0) + 1
        docset = set(matched)
        if not docset:
            return [], 0, {name: [] for name in FACETS}
        facets = self._facets(docset)
        if sort != "relevance":
            return self._by_date(docset, sort), len(docset), facets
        # Score only the best tiers (most groups matched) that fill the page.
        depth = max(self.limit, RERANK_DEPTH)
        by_count: dict[int, set[int]] = {}
        for docnum, count in matched.items():
            by_count.setdefault(count, set()).add(docnum)
        candidates: set[int] = set()
        for count in sorted(by_count, reverse=True):
            candidates |= by_count[count]
            if len(candidates) >= depth:
                break
        query = wq.Or(list(groups))
        sets = self._title_sets(groups)
        if len(candidates) > 4 * depth and _term_leaves(query) is not None:
            # The order is (groups matched, headline groups, score): only the best classes
            # that fill the page need scores, and only their best `need` documents.
            classes: dict[tuple[int, int], set[int]] = {}
            for docnum in candidates:
                key = (matched[docnum], sum(docnum in docs for docs in sets))
                classes.setdefault(key, set()).add(docnum)
            ranked: list[tuple[int, float]] = []
            for key in sorted(classes, reverse=True):
                need = self.limit - len(ranked)
                if need <= 0:
                    break
                ranked.extend(self._best(query, classes[key], need))
            return ranked, len(docset), facets
        scored = self._score_all(query, candidates)
        scored.sort(
            key=lambda pair: (
                -matched.get(pair[0], 0),
                -sum(pair[0] in docs for docs in sets),
                -pair[1],
            )
        )
        return scored[: self.limit], len(docset), facets

    def _suggest(self, text: str, words: list[str]) -> str | None:
        """'Did you mean': each query word that is in no article replaced by its nearest word."""
        replacements: dict[str, str] = {}
        for word, _, _ in surface_words(text):
            if word in replacements:
                continue
            if any(term in self.reader for term in _term_keys(word)):
                continue
            better = self._correct(word)
            if better and better != word:
                replacements[word] = better
        if not replacements:
            return None
        out: list[str] = []
        last = 0
        for word, start, end in surface_words(text):
            if word in replacements:
                out.append(text[last:start])
                out.append(replacements[word])
                last = end
        out.append(text[last:])
        return "".join(out)

    def _correct(self, word: str) -> str | None:
        """The nearest spelling whose stem is indexed: edit distance 1, else 2.

        Ranked by distance, then how many articles hold the stem, then the longer spelling
        (typing drops letters more often than it adds them). Whoosh's own corrector ranks by
        the maximum distance (see the notes), and its spelling fields double the index size.
        """
        known = self._known_words(_edits(word))
        if not known and len(word) >= 5:
            known = self._known_words(
                {far for near in _deletions(word) for far in _edits(near)}
                | {
                    far
                    for near in _transpositions_and_substitutions(word)
                    for far in _deletions(near)
                }
            )
        known.discard(word)
        if not known:
            return None
        return max(
            known,
            key=lambda candidate: (
                -_distance(word, candidate),
                self._frequency(stem(candidate)),
                len(candidate),
                candidate,
            ),
        )

    def _frequency(self, term: str) -> int:
        return int(
            self.reader.doc_frequency("body", term) + self.reader.doc_frequency("title", term)
        )

    def _known_words(self, candidates: Iterable[str]) -> set[str]:
        reader = self.reader
        known = set()
        for candidate in candidates:
            if len(candidate) < 2 or candidate in STOP_WORDS:
                continue
            term = stem(candidate)
            if ("body", term) in reader or ("title", term) in reader:
                known.add(candidate)
        return known

    def _hit(self, docnum: int, score: float, terms: tuple[str, ...]) -> SearchHit:
        stored = self.searcher.stored_fields(docnum)
        article_id = str(stored.get("id", ""))
        title = str(stored.get("title", ""))
        published = stored.get("published")
        if isinstance(published, datetime) and published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
        snippet = ""
        snippet_hits: tuple[tuple[int, int], ...] = ()
        body_hits: tuple[tuple[int, int], ...] = ()
        archive = self.index.archive
        if archive is not None:
            full = archive.get(article_id)
            if full is not None:
                body = full.article.body
                found = find_hits(body, terms)
                body_hits = tuple(found)
                snippet, snippet_hits = make_snippet(body, found)
        return SearchHit(
            id=article_id,
            title=title,
            source=str(stored.get("source", "")),
            published=published if isinstance(published, datetime) else None,
            score=score,
            snippet=snippet,
            snippet_hits=snippet_hits,
            title_hits=tuple(find_hits(title, terms)),
            body_hits=body_hits,
            read=bool(stored.get("read", False)),
            starred=bool(stored.get("starred", False)),
        )


_ALPHABET = "ءابتثجحخدذرزسشصضطظعغفقكلمنهويؤئ"  # normalised letters only


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _transpositions_and_substitutions(word: str) -> set[str]:
    out = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    out |= {word[:i] + c + word[i + 1 :] for i in range(len(word)) for c in _ALPHABET}
    return out


def _edits(word: str) -> set[str]:
    """Every string one edit away: deletion, transposition, substitution, insertion."""
    out = _deletions(word) | _transpositions_and_substitutions(word)
    out |= {word[:i] + c + word[i:] for i in range(len(word) + 1) for c in _ALPHABET}
    return out


@dataclass(slots=True)
class _TermScore:
    """What estimating one query term's BM25F contribution needs."""

    fieldname: str
    weights: dict[int, float]
    score: Any  # Whoosh's scorer formula: (weight, length) -> float
    boost: float
    bound: float  # the most this term adds to any document's score
    required: set[int] | None = None  # a phrase word: counts only where the phrase matches


_Leaf = tuple[str, str, float, Any]  # field, text, boost, the phrase it must match in (or None)


def _term_leaves(query: Any) -> list[_Leaf] | None:
    """The terms of an AND/OR tree of title/body terms and phrases, for estimating scores.

    Whoosh sums the scores of the matching terms of such a tree; a phrase adds its words'
    scores (times its boost) where the phrase itself matches. None for anything else (NOT,
    other fields, boosted groups, sloppy phrases): those are scored by Whoosh alone.
    """
    if isinstance(query, wq.Term):
        if query.fieldname not in ("title", "body") or isinstance(query.text, bytes):
            return None
        return [(query.fieldname, query.text, float(query.boost), None)]
    if type(query) is wq.Phrase:
        if query.fieldname not in ("title", "body") or query.slop != 1 or query.char_ranges:
            return None
        return [(query.fieldname, word, float(query.boost), query) for word in query.words]
    if type(query) in (wq.And, wq.Or) and query.boost == 1.0:
        if isinstance(query, wq.Or) and (query.minmatch or query.scale):
            return None
        leaves: list[_Leaf] = []
        for sub in query.subqueries:
            found = _term_leaves(sub)
            if found is None:
                return None
            leaves.extend(found)
        return leaves
    return None


class _CachedTerm(wq.Term):  # type: ignore[misc]
    """A title/body term whose matcher reads the cached, decoded posting list.

    Whoosh scores it exactly as the stored postings (same ids, weights, scorer and boost);
    it only saves decoding posting blocks again while skipping to a few documents.
    """

    def __init__(self, term: Any, cache: _PostingCache) -> None:
        super().__init__(term.fieldname, term.text, boost=term.boost)
        self.cache = cache

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        from whoosh import matching

        field = searcher.schema[self.fieldname]
        text = field.to_bytes(self.text)
        if (self.fieldname, text) not in searcher.reader():
            return matching.NullMatcher()
        ids, weights = self.cache.get(self.fieldname, text).leaves.get(
            _leaf_offset(searcher), ([], [])
        )
        if not ids:
            return matching.NullMatcher()
        weighting = searcher.weighting if context is None else context.weighting
        scorer = weighting.scorer(searcher, self.fieldname, text)
        m: Any = _SkippingListMatcher(ids, weights, scorer=scorer)
        if self.boost != 1.0:
            m = matching.WrappingMatcher(m, boost=self.boost)
        return m


def _leaf_offset(searcher: Any) -> int:
    parent = searcher.get_parent() if searcher.has_parent() else None
    if parent is not None:
        for leaf, offset in parent.leaf_searchers():
            if leaf is searcher:
                return int(offset)
    return 0


def _skipping_list_matcher() -> Any:
    from whoosh import matching

    class SkippingListMatcher(matching.ListMatcher):  # type: ignore[misc]
        """A list matcher that skips by bisection and claims no block quality (so a
        collector scores every document it is given)."""

        def skip_to(self, id: int) -> None:
            if not self.is_active():
                raise matching.ReadTooFar
            here: int = self._i  # type: ignore[has-type]
            if id > self._ids[here]:
                self._i = bisect.bisect_left(self._ids, id, here)

        def supports_block_quality(self) -> bool:
            return False

    return SkippingListMatcher


_SkippingListMatcher = _skipping_list_matcher()


class _UnknownMatcher(Exception):
    """A matcher `_tree_score` cannot mirror: the caller lets Whoosh's collector score."""


def _docset_matcher(root: Any) -> Any:
    """The list matcher of the `_DocSet` in a tree built for AND(_DocSet, terms), or None."""
    from whoosh import matching

    if type(root) is matching.NullMatcherClass:
        return _EMPTY_LIST
    if type(root) is not matching.IntersectionMatcher:
        return None
    for side in (root.a, root.b):
        if type(side) is matching.ListMatcher:
            return side
    return None


class _EmptyList:
    _ids: tuple[int, ...] = ()


_EMPTY_LIST = _EmptyList()


def _mirrored(node: Any) -> bool:
    """Whether `_tree_score` knows every matcher of the tree under `node`."""
    from whoosh import matching

    kind = type(node)
    if kind is _SkippingListMatcher or kind is matching.ListMatcher:
        return True
    if kind is matching.UnionMatcher or kind is matching.IntersectionMatcher:
        return _mirrored(node.a) and _mirrored(node.b)
    if kind is matching.WrappingMatcher:
        return _mirrored(node.child)
    return kind is matching.NullMatcherClass or kind is _span_near_matcher()


def _tree_score(node: Any, docid: int) -> float | None:
    """Whoosh's score of segment document `docid` under matcher `node` (None: no match),
    with the additions in the order Whoosh's union/intersection matchers make them."""
    from whoosh import matching
    from whoosh.scoring import WeightLengthScorer

    kind = type(node)
    if kind is _SkippingListMatcher or kind is matching.ListMatcher:
        ids = node._ids
        i = bisect.bisect_left(ids, docid)
        if i == len(ids) or ids[i] != docid:
            return None
        if node._all_weights:
            weight = node._all_weights
        elif node._weights:
            weight = node._weights[i]
        else:
            weight = 1.0
        scorer = node._scorer
        if scorer is None:
            return float(weight)
        if type(scorer).score is not WeightLengthScorer.score:
            raise _UnknownMatcher
        return float(scorer._score(weight, scorer.dfl(docid)))
    if kind is matching.UnionMatcher:
        a = _tree_score(node.a, docid)
        b = _tree_score(node.b, docid)
        if a is None:
            return b
        if b is None:
            return a
        return a + b
    if kind is matching.IntersectionMatcher:
        a = _tree_score(node.a, docid)
        if a is None:
            return None
        b = _tree_score(node.b, docid)
        if b is None:
            return None
        return a + b
    if kind is matching.WrappingMatcher:
        child = _tree_score(node.child, docid)
        return None if child is None else child * node.boost
    if kind is matching.NullMatcherClass:
        return None
    if kind is _span_near_matcher():
        # A phrase: Whoosh's matcher moved forward to the document (documents come in
        # ascending order), checking the word positions there only.
        if not node.is_active():
            return None
        if node.id() < docid:
            node.skip_to(docid)
            if not node.is_active():
                return None
        if node.id() != docid:
            return None
        return float(node.score())
    raise _UnknownMatcher


def _span_near_matcher() -> Any:
    from whoosh.query.spans import SpanNear2

    return SpanNear2.SpanNear2Matcher


def _with_cached_terms(query: Any, cache: _PostingCache) -> Any:
    """`query` (an AND/OR tree of title/body terms) with each term reading `cache`."""
    if type(query) is wq.Term:
        return _CachedTerm(query, cache)
    if type(query) in (wq.And, wq.Or):
        return type(query)([_with_cached_terms(sub, cache) for sub in query.subqueries])
    return query  # a phrase: Whoosh's own matcher


def _surface_keys(word: str) -> set[str]:
    """A normalised word without its proclitics (and without one more ب ل ك ف و if long)."""
    keys = {strip_prefix(word)}
    if len(word) >= 5 and word[0] in "وفبلك":
        keys.add(strip_prefix(word[1:]))
    return keys


def _term_keys(word: str) -> list[tuple[str, str]]:
    term = stem(word)
    return [("title", term), ("body", term)]


def _check_balance(text: str) -> None:
    """Whoosh guesses its way through broken syntax; refuse the two mistakes it hides."""
    if text.count('"') % 2:
        raise QueryError("unbalanced double quote in the query")
    depth = 0
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted and char == "(":
            depth += 1
        elif not quoted and char == ")":
            depth -= 1
            if depth < 0:
                raise QueryError("unbalanced parenthesis in the query")
    if depth:
        raise QueryError("unbalanced parenthesis in the query")


def _walk(node: Any) -> Iterator[Any]:
    yield node
    for child in node.children():
        yield from _walk(child)


def _distance(left: str, right: str) -> int:
    """Damerau-free Levenshtein distance (short words only)."""
    previous = list(range(len(right) + 1))
    for i, a in enumerate(left, 1):
        current = [i]
        for j, b in enumerate(right, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]
