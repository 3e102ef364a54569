"""Indexing the national provisions of one analysis, once: their words as stems, where the
element model's terms occur in them, and their content words for text similarity.

Speed matters here (an adviser re-runs after every override; a matrix runs hundreds of codes), so
the per-word work is done by C code. The provisions are joined into one string; its chunks (what
`str.split` would give: "autorización,", "269A.") are hashed with numpy, on the machine's cores,
and looked up in a `Lexicon` that tokenises and stems each distinct chunk once per language and
process. A provision's stems are then numpy look-ups of stem ids, and the model's terms are found
in the whole code at once by array look-ups (`TermScanner`), not word by word. Tokens are those of
`elements.tokenize` (no word spans white space), so the results equal those of the unoptimised
path (`fast=False`: a string per chunk, every n-gram of every provision indexed in Python); the
tests and the benchmark check that they agree.
"""

from __future__ import annotations

import os
import re
from array import array
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import accumulate

import numpy as np

from gapcheck.elements import _SEP, _TOKEN, GAP, MAX_N, TextIndex, all_grams, analyse, no_gap_after
from gapcheck.memo import remembered
from gapcheck.model import Document, Provision
from gapcheck.text import STOPWORDS

# Markers put between the parts of the joined text (private-use characters; a statute holding one
# alone has it taken out): between a provision's heading and its text, after each provision, and
# (a chunk with no words) where its lead ends.
_SEP_CHUNK, _END_CHUNK, _LEAD_CHUNK = "\ue000", "\ue001", "\ue002"
_MARKERS = (_SEP_CHUNK, _END_CHUNK, _LEAD_CHUNK)
_END = "\x02"


# str.split's white space, as a table over code points (none above U+3000)
_SPACE = np.array([chr(c).isspace() for c in range(0x3002)], dtype=bool)
_P = 0x100000001B3                          # odd, so invertible modulo 2**64
_POW = [(np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64))]


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """P**i and P**-i modulo 2**64 for i < n, kept for the process."""
    pw, ipw = _POW[0]
    if len(pw) < n:
        m = max(n, 2 * len(pw))
        made = []
        for base in (_P, pow(_P, -1, 2 ** 64)):
            a = np.full(m, base, dtype=np.uint64)
            a[0] = 1
            made.append(np.cumprod(a))            # wraps modulo 2**64, as wanted
        pw, ipw = made
        _POW[0] = (pw, ipw)                     # one assignment: threads see old or new, both whole
    return pw[:n], ipw[:n]


def chunk_hashes(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The chunks of `text` as `str.split` makes them, without making them: (starts, ends, 64-bit
    polynomial hashes of their code points), computed with numpy."""
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    space = cp <= 32
    wide = np.flatnonzero(cp >= 0x85)                 # the white space beyond ASCII is rare
    if len(wide):
        space[wide] = _SPACE[np.minimum(cp[wide], len(_SPACE) - 1)]
    # chunk edges alternate: a start (space to word), then an end
    edges = np.flatnonzero(np.diff(space.view(np.int8), prepend=np.int8(1), append=np.int8(1)))
    starts, ends = edges[0::2], edges[1::2]
    pw, ipw = _powers(len(cp) + 1)
    prefix = np.zeros(len(cp) + 1, dtype=np.uint64)
    np.cumsum(cp * pw[:len(cp)], out=prefix[1:])
    return starts, ends, (prefix[ends] - prefix[starts]) * ipw[starts]


def _key(hashes: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """A chunk's key: its hash mixed with its length, never 0 (an empty slot)."""
    key = hashes ^ (lens.astype(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F))
    key[key == 0] = 1
    return key


def _slots(hashes: np.ndarray, bits: int) -> np.ndarray:
    # multiplicative hashing: the top bits of hash * an odd constant
    return ((hashes * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(64 - bits)).astype(np.int64)


_POOL: list = []
_THREADS = [min(4, os.cpu_count() or 1)]


def threads(n: int | None = None) -> int:
    """How many threads indexing uses (`threads(1)` in processes that share the cores)."""
    if n is not None:
        _THREADS[0] = max(1, n)
    return _THREADS[0]


def _map(fn, items: list) -> list:
    if len(items) == 1:
        return [fn(items[0])]
    # a pool per process: a forked child does not have its parent's threads
    if not _POOL or _POOL[0] != os.getpid() or _POOL[1]._max_workers < len(items):
        _POOL[:] = [os.getpid(), ThreadPoolExecutor(max_workers=len(items), thread_name_prefix="gapcheck-index")]
    return list(_POOL[1].map(fn, items))


def _pieces(text: str, n: int) -> list[tuple[str, int]]:
    """`text` cut in about `n` pieces at white space, with their offsets (small texts: one piece)."""
    if n == 1 or len(text) < 200_000:
        return [(text, 0)]
    cuts = [0]
    for k in range(1, n):
        at = text.find(" ", max(cuts[-1], len(text) * k // n))
        if at < 0:
            break
        cuts.append(at)
    cuts.append(len(text))
    return [(text[a:b], a) for a, b in zip(cuts, cuts[1:]) if b > a]


class Lexicon:
    """What gapcheck has learnt of a language's chunks in this process: each chunk's words as
    written, their stems (as ids) and which of them are content words (no stopword, no number)."""

    def __init__(self, lang3: str):
        self.lang3 = lang3
        self.chunk_ids: dict[str, int] = {}
        self.chunk_words: list[tuple[str, ...]] = []
        self.stem_ids: dict[str, int] = {}
        self.stems: list[str] = []
        self._ntok = array("q")                 # per chunk: how many words
        self._tok_stem = array("q")             # per word of every chunk, in order: stem id
        self._tok_content = array("b")          # … and whether it is a content word
        self._arrays = None
        # the chunks by (hash, length), for `ids_of_text`
        self._hash_new: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []   # hashes, lengths, ids
        self._table = None
        self._hash_keys = np.zeros(0, dtype=np.uint64)
        self._hash_ids = np.zeros(0, dtype=np.int64)
        # the last few texts and their chunk ids: an adviser re-runs the analysis on the same laws
        # after each override, and a text seen before needs no cutting or hashing
        self._recent: dict[str, np.ndarray] = {}
        self._add(_SEP_CHUNK, (_SEP,), (_SEP,), (0,))
        self._add(_END_CHUNK, (_END,), (_END,), (0,))
        self._add(_LEAD_CHUNK, (), (), ())

    def stem_id(self, stem: str) -> int:
        i = self.stem_ids.get(stem)
        if i is None:
            i = self.stem_ids[stem] = len(self.stems)
            self.stems.append(stem)
        return i

    def _add(self, chunk, words, stems, content):
        self.learn_many([chunk], [len(words)], list(words), list(stems), list(content))

    def learn(self, chunks) -> None:
        """Tokenise the chunks not seen before, all in one pass, and keep them."""
        new = [c for c in dict.fromkeys(chunks) if c not in self.chunk_ids]
        if not new:
            return
        # the new chunks in one string: no word spans the line breaks between them
        joined = "\n".join(new)
        found = list(_TOKEN.finditer(joined))
        words = [m.group() for m in found]
        folded, stems = analyse(words, self.lang3)
        bounds = np.cumsum([len(c) + 1 for c in new])          # where each chunk's line ends
        owner = np.searchsorted(bounds, [m.start() for m in found], side="right")
        counts = np.bincount(owner, minlength=len(new)).tolist()
        stop = STOPWORDS.get(self.lang3, set())
        content = [int(f not in stop and not f.isdigit()) for f in folded]
        self.learn_many(new, counts, words, stems, content)

    def learn_many(self, chunks: list[str], counts: list[int], words: list[str], stems: list[str],
                   content: list[int]) -> None:
        """Keep new chunks: how many words each has, and all their words, stems and content flags
        one after the other."""
        base = len(self.chunk_words)
        offsets = [0, *accumulate(counts)]
        self.chunk_words.extend(tuple(words[a:b]) for a, b in zip(offsets, offsets[1:]))
        self.chunk_ids.update(zip(chunks, range(base, base + len(chunks))))
        hashes = chunk_hashes(" ".join(chunks))[2]              # a chunk holds no white space
        self._hash_new.append((hashes, np.array([len(c) for c in chunks], dtype=np.int64),
                               np.arange(base, base + len(chunks), dtype=np.int64)))
        self._ntok.extend(counts)
        self._tok_stem.extend(map(self.stem_id, stems))
        self._tok_content.extend(content)
        self._arrays = None

    def arrays(self):
        """(words per chunk, first word of each chunk, stem id per word, content flag per word)."""
        if self._arrays is None:
            ntok = np.frombuffer(self._ntok, dtype=np.int64).copy()
            ptr = np.zeros(len(ntok) + 1, dtype=np.int64)
            np.cumsum(ntok, out=ptr[1:])
            self._arrays = (ntok, ptr, np.frombuffer(self._tok_stem, dtype=np.int64).copy(),
                            np.frombuffer(self._tok_content, dtype=np.int8).astype(bool))
        return self._arrays

    def _hash_table(self):
        """An open-addressing table (numpy arrays) from chunk key (hash and length) to chunk id,
        at most a quarter full; rebuilt when chunks were learnt. Key 0 marks an empty slot."""
        if self._hash_new:
            self._hash_keys = np.concatenate([self._hash_keys] + [_key(h, n) for h, n, _ in self._hash_new])
            self._hash_ids = np.concatenate([self._hash_ids] + [i for _, _, i in self._hash_new])
            self._hash_new = []
            bits = max(4, int(4 * len(self._hash_keys)).bit_length())
            size = 1 << bits
            keys, ids = np.zeros(size, np.uint64), np.full(size, -1, np.int64)
            slot = _slots(self._hash_keys, bits)
            pending = np.arange(len(self._hash_keys))
            while len(pending):
                s = slot[pending]
                free = keys[s] == 0
                # one entry per free slot; the others try the next slot
                _, first = np.unique(s[free], return_index=True)
                win = pending[free][first]
                keys[slot[win]], ids[slot[win]] = self._hash_keys[win], self._hash_ids[win]
                placed = np.zeros(len(self._hash_keys), dtype=bool)
                placed[win] = True
                pending = pending[~placed[pending]]
                slot[pending] = (slot[pending] + 1) & (size - 1)
            self._table = (bits, keys, ids)
        return self._table

    def _look_up(self, hashes: np.ndarray, lens: np.ndarray) -> np.ndarray:
        """Chunk id per (hash, length), -1 where not known."""
        bits, keys, ids = self._hash_table()
        key = _key(hashes, lens)
        slot = _slots(key, bits)
        k = keys[slot]
        out = np.where(k == key, ids[slot], -1)
        todo = np.flatnonzero((out < 0) & (k != 0))      # an empty slot ends the search
        while len(todo):
            slot[todo] = (slot[todo] + 1) & ((1 << bits) - 1)
            s = slot[todo]
            k = keys[s]
            hit = k == key[todo]
            out[todo[hit]] = ids[s[hit]]
            todo = todo[~hit & (k != 0)]
        return out

    def ids_of_text(self, text: str) -> np.ndarray:
        """The chunk ids of `text` (as `ids(text.split())` gives them), by hashing its chunks with
        numpy instead of making a string of each; only chunks not seen before are made, and
        learnt. A chunk is known by its 64-bit hash and its length. The text is cut in pieces
        hashed on the machine's cores (numpy lets go of the GIL)."""
        seen = self._recent.get(text)
        if seen is not None:
            return seen.copy()
        ids = self._ids_of_new_text(text)
        if len(self._recent) >= _RECENT:
            del self._recent[next(iter(self._recent))]
        self._recent[text] = ids.copy()
        return ids

    def _ids_of_new_text(self, text: str) -> np.ndarray:
        self._hash_table()                          # up to date before the threads read it
        pieces = _pieces(text, threads())
        _powers(max(len(p) for p, _ in pieces) + 1)
        found = _map(lambda piece: self._ids_of_piece(*piece), pieces)
        starts = np.concatenate([f[0] for f in found])
        ends = np.concatenate([f[1] for f in found])
        hashes = np.concatenate([f[2] for f in found])
        ids = np.concatenate([f[3] for f in found])
        unknown = np.flatnonzero(ids < 0)
        if len(unknown):
            _, first = np.unique(hashes[unknown], return_index=True)
            self.learn([text[a:b] for a, b in zip(starts[unknown[first]].tolist(), ends[unknown[first]].tolist())])
            ids[unknown] = self._look_up(hashes[unknown], (ends - starts)[unknown])
            if (ids < 0).any():
                # two chunks of one hash (not seen in practice): the exact path
                return self.ids(text.split())
        return ids

    def _ids_of_piece(self, text: str, offset: int):
        starts, ends, hashes = chunk_hashes(text)
        return starts + offset, ends + offset, hashes, self._look_up(hashes, ends - starts)

    def ids(self, chunks: list[str]) -> np.ndarray:
        try:
            return np.fromiter(map(self.chunk_ids.__getitem__, chunks), dtype=np.int64, count=len(chunks))
        except KeyError:
            self.learn(chunks)
            return np.fromiter(map(self.chunk_ids.__getitem__, chunks), dtype=np.int64, count=len(chunks))


_RECENT = 4                     # texts a lexicon remembers the chunk ids of
_LEXICONS: dict[str, Lexicon] = {}


def lexicon(lang3: str) -> Lexicon:
    if lang3 not in _LEXICONS:
        _LEXICONS[lang3] = Lexicon(lang3)
    return _LEXICONS[lang3]


class TermScanner:
    """Every term of a model, found in a whole code at once with numpy: one-word terms by a
    look-up table over stem ids, longer terms where their first two stems meet (then checked word
    by word). The pre-filter before any scoring; Python only touches actual occurrences."""

    def __init__(self, terms, lex: Lexicon):
        self.lex = lex
        self.terms = sorted({t for t in terms if t})            # sorted: the same on every run
        self.ids = [tuple(lex.stem_id(s) for s in t) for t in self.terms]
        self.longest = max((len(t) for t in self.ids), default=0)
        self._lengths = np.array([len(t) for t in self.ids], dtype=np.int64)
        self._keyed = None

    def _keys(self, n_stems: int):
        """Each term's words folded into one int64 (exact while n_stems**len fits; beyond, equal
        keys are checked word by word): per length, the keys of whole terms and of prefixes."""
        if self._keyed and self._keyed[0] == n_stems:
            return self._keyed[1]
        whole: dict[int, dict[int, list[int]]] = {}
        prefix: dict[int, set[int]] = {}
        for k, t in enumerate(self.ids):
            key = 0
            for n, s in enumerate(t, 1):
                # as numpy's int64 arithmetic computes it, wrapping around
                key = ((key * n_stems + s + 2 ** 63) % 2 ** 64) - 2 ** 63
                if n < len(t):
                    prefix.setdefault(n, set()).add(key)
            whole.setdefault(len(t), {}).setdefault(key, []).append(k)
        # as sorted arrays for searchsorted: per length, the keys of whole terms with the first term
        # of each key, and the keys of prefixes
        arrays = {}
        for length, table in whole.items():
            keys = sorted(table)
            arrays[length] = (np.array(keys, dtype=np.int64), np.array([table[k][0] for k in keys], dtype=np.int64))
        prefix_arrays = {length: np.array(sorted(ks), dtype=np.int64) for length, ks in prefix.items()}
        if 2 in whole:
            keys2, terms2 = arrays[2]
            no_gap = no_gap_after(self.lex.lang3)
            arrays["firsts2"] = np.array([self.ids[t][0] for t in terms2.tolist()
                                          if self.terms[t][0] not in no_gap], dtype=np.int64)
        self._keyed = (n_stems, (whole, prefix, arrays, prefix_arrays))
        return self._keyed[1]

    def scan(self, stem_ids: np.ndarray, starts: np.ndarray, ends: np.ndarray,
             boundary: np.ndarray | None = None) -> "Found":
        """The first occurrence of each term in each provision (provision k is
        `stem_ids[starts[k]:ends[k]]`). `boundary`: where no term may reach across (heading/text
        separators, provision ends)."""
        if not self.terms or not len(stem_ids):
            return Found.none(self.terms, len(starts))
        n_stems, n = len(self.lex.stems), len(stem_ids)
        whole, prefix, arrays, prefix_arrays = self._keys(n_stems)
        pos_parts, term_parts, span_parts = [], [], []
        # one-word terms, and where longer terms may begin, by tables over stem ids
        if 1 in whole:
            single = np.full(n_stems, -1, dtype=np.int64)
            single[list(whole[1])] = [ks[0] for ks in whole[1].values()]
            hit = single[stem_ids]
            at = np.flatnonzero(hit >= 0)
            pos_parts.append(at)
            term_parts.append(hit[at])
            span_parts.append(np.ones(len(at), dtype=np.int64))
        if prefix.get(1):
            begins = np.zeros(n_stems, dtype=bool)
            begins[list(prefix[1])] = True
            cand = np.flatnonzero(begins[stem_ids])
            key = stem_ids[cand]
        else:
            cand = key = np.zeros(0, dtype=np.int64)
        if 2 in whole and len(cand):
            # two-word terms with up to GAP words between their two, not across a boundary
            walls = np.zeros(n + 1, dtype=np.int64)
            if boundary is not None:
                np.cumsum(boundary, out=walls[1:])
            keys2, terms2 = arrays[2]
            firsts = np.zeros(n_stems, dtype=bool)
            firsts[arrays["firsts2"]] = True
            two = cand[firsts[stem_ids[cand]]]
            for gap in range(1, GAP + 1):
                j = two + gap + 1
                ok = j < n
                p2, j = two[ok], j[ok]
                ok = walls[j + 1] == walls[p2]
                p2, j = p2[ok], j[ok]
                k2 = stem_ids[p2] * np.int64(n_stems) + stem_ids[j]
                at = np.minimum(np.searchsorted(keys2, k2), len(keys2) - 1)
                hit = keys2[at] == k2
                pos_parts.append(p2[hit])
                term_parts.append(terms2[at[hit]])
                span_parts.append(np.full(int(hit.sum()), gap + 2, dtype=np.int64))
        # grow each candidate one word at a time while it is the beginning of some term
        with np.errstate(over="ignore"):
            for length in range(2, self.longest + 1):
                ok = cand + length - 1 < n
                cand, key = cand[ok], key[ok]
                key = key * np.int64(n_stems) + stem_ids[cand + length - 1]
                if length in whole:
                    table = whole[length]
                    keys, first_term = arrays[length]
                    at = np.minimum(np.searchsorted(keys, key), len(keys) - 1)
                    hit = keys[at] == key
                    if n_stems ** length < 2 ** 63:
                        # exact keys: one term per key
                        pos_parts.append(cand[hit])
                        term_parts.append(first_term[at[hit]])
                        span_parts.append(np.full(int(hit.sum()), length, dtype=np.int64))
                    else:
                        mp, mt = [], []
                        for p, kk in zip(cand[hit].tolist(), key[hit].tolist()):
                            for t in table[kk]:
                                if tuple(stem_ids[p:p + length].tolist()) == self.ids[t]:
                                    mp.append(p)
                                    mt.append(t)
                        pos_parts.append(np.array(mp, dtype=np.int64))
                        term_parts.append(np.array(mt, dtype=np.int64))
                        span_parts.append(np.full(len(mp), length, dtype=np.int64))
                more = prefix.get(length)
                if not more or not len(cand):
                    break
                wanted = prefix_arrays[length]
                keep = wanted[np.minimum(np.searchsorted(wanted, key), len(wanted) - 1)] == key
                cand, key = cand[keep], key[keep]
        if not pos_parts:
            return Found.none(self.terms, len(starts))
        pos, term, span = np.concatenate(pos_parts), np.concatenate(term_parts), np.concatenate(span_parts)
        prov = np.searchsorted(ends, pos)             # no term holds an end marker
        # the first occurrence of each term in each provision: sorted by position (and, at one
        # position, words together before words apart), the first of each (provision, term)
        order = np.lexsort((span, pos))
        pair = (prov * len(self.terms) + term)[order]
        _, first = np.unique(pair, return_index=True)
        at = order[first]                             # in order of provision, then term
        tk = term[at]
        return Found(self.terms, len(starts), prov[at], tk, (pos - starts[prov])[at],
                     np.where(span[at] > self._lengths[tk], span[at], 0))


@dataclass
class Found:
    """What `TermScanner.scan` found: one row per (provision, term), in order of provision, with
    the position (in words, from the provision's start) of the term's first occurrence there and,
    where a two-word term was first found with words between its two (`elements.GAP`), how many
    words it covers (else 0)."""
    terms: list[tuple[str, ...]]
    n: int                       # provisions scanned
    prov: np.ndarray
    term: np.ndarray
    pos: np.ndarray
    span: np.ndarray

    @classmethod
    def none(cls, terms, n: int) -> "Found":
        empty = np.zeros(0, dtype=np.int64)
        return cls(terms, n, empty, empty, empty, empty)

    def dicts(self) -> tuple[list[dict[tuple[str, ...], int]], list[dict[tuple[str, ...], int]]]:
        """Per provision: term -> position, and term -> words covered where found apart."""
        found: list[dict] = [{} for _ in range(self.n)]
        spans: list[dict] = [{} for _ in range(self.n)]
        terms = self.terms
        for k, t, p in zip(self.prov.tolist(), self.term.tolist(), self.pos.tolist()):
            found[k][terms[t]] = p
        apart = np.flatnonzero(self.span)
        for k, t, w in zip(self.prov[apart].tolist(), self.term[apart].tolist(), self.span[apart].tolist()):
            spans[k][terms[t]] = w
        return found, spans

    def postings(self) -> dict[tuple[str, ...], list[int]]:
        """Each term found -> the provisions holding it, in order."""
        order = np.argsort(self.term, kind="stable")
        terms_in, first = np.unique(self.term[order], return_index=True)
        groups = np.split(self.prov[order], first[1:]) if len(first) else []
        return {self.terms[t]: g.tolist() for t, g in zip(terms_in.tolist(), groups)}


@dataclass
class Corpus:
    """The top-level provisions of one analysis, indexed once: matching and the search for
    national-only offences both read it. Provision i's words are `stem_ids[starts[i]:ends[i]]`:
    its heading, a separator, its text."""
    provisions: list[Provision]
    language: str
    lexicon: Lexicon
    stem_ids: np.ndarray
    content: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    indexes: list[TextIndex] = field(default_factory=list)   # where the model's terms occur
    kinds: list[set[str]] = field(default_factory=list)       # offence, power, definition, … per provision
    postings: dict | None = None             # term -> provisions holding it (fast path only)
    chunk_ids: np.ndarray | None = None
    chunk_first: np.ndarray | None = None    # first word of each chunk
    heading_lens: list[int] = field(default_factory=list)

    def heading_stems(self, i: int) -> str:
        """Provision i's heading as its content stems, space-separated."""
        a = int(self.starts[i])
        ids = self.stem_ids[a:a + self.heading_lens[i]]
        stems = self.lexicon.stems
        return " ".join(stems[k] for k in ids[self.content[a:a + len(ids)]].tolist())

    def words(self, g: int, n: int) -> list[str]:
        """The `n` words as written from word `g` of the corpus (to show a match)."""
        c = int(np.searchsorted(self.chunk_first, g, side="right")) - 1
        out: list[str] = []
        off = g - int(self.chunk_first[c])
        for chunk in self.chunk_ids[c:c + n + 1].tolist():
            out.extend(self.lexicon.chunk_words[chunk][off:])
            off = 0
            if len(out) >= n:
                break
        return out[:n]


def _clean(s: str) -> str:
    for m in _MARKERS:
        s = s.replace(m, " ")
    return s


def _sub_parts(p: Provision, out: list, clean) -> None:
    # as `Provision.full_text` reads a sub-provision: number, own words, sub-provisions, closing words
    out += [clean(p.num), clean(p.text)]
    for c in p.children:
        _sub_parts(c, out, clean)
    out.append(clean(p.wrap_up))


# An amending section's heading says only what it amends ("Insertion of new section 18A into Cap.
# 140A", "Agrégase el siguiente artículo"); the sections it inserts carry their own headings inside
# the quotation ("“Confidentiality of request for assistance"), which say what it is about.
_AMENDING_HEADING = re.compile(
    r"^(?:insertion|amendment|substitution|replacement|repeal and replacement|addition)s?\b"
    r"|^(?:agr[eé]gase|incorp[oó]rase|sustit[uú]yese|reempl[aá]zase|modif[ií]case|intr[oó]d[uú]cense|adici[oó]nase)\b",
    re.I)
# the inserted heading, right after the opening quote and before the inserted number ("“Spontaneous
# information 34A.(1) Subject to …", "“Artículo 218 bis.- Preservación …" is read as the article's own)
_QUOTED_HEADING = re.compile(r"[“\"«]\s*([A-ZÁÉÍÓÚÑ][^.;:,“”\"«»()]{2,90}?)\s+\d+[A-Z]{0,2}\.\s*(?:\(\d+\)|[A-Z])")


def matching_heading(p: Provision) -> str:
    """The heading a provision is matched on: its own, and for an amending section the headings
    of the sections it inserts."""
    if not p.heading or not _AMENDING_HEADING.match(p.heading):
        return p.heading
    inserted = [m.group(1).strip() for m in _QUOTED_HEADING.finditer(p.full_text)]
    return " ".join(inserted) or p.heading


_SAME_PENALTY = re.compile(
    r"^\W*(?:(?:la|con la|en la)\s+misma\s+pena|igual\s+pena|las\s+mismas\s+penas|id[ée]ntica\s+pena"
    r"|na\s+mesma\s+pena|incorre\s+na\s+mesma\s+pena|nas\s+mesmas\s+penas"
    r"|est\s+puni\s+des\s+m[êe]mes\s+peines|the\s+same\s+penalty)\b", re.I)


def same_penalty(text: str) -> bool:
    """Whether a sub-provision opens by giving a further offence the same penalty ("La misma pena
    se impondrá a quien…", "Na mesma pena incorre quem…")."""
    return bool(_SAME_PENALTY.match(text))


# a sub-provision's own title before its words: "Computer-related Forgery. —", "Cybersex. —"
_TITLED = re.compile(r"^[A-Z][^.:;]{1,60}\.\s*[—–-]")
# the offender, opening an item of a list of offences
_OFFENDER = re.compile(r"^\W*(?:(?:el|la|los|al|a)\s+que|(?:a\s+)?quien(?:es)?|la\s+persona\s+que|quem"
                       r"|(?:a|any)\s+person\s+who|whoever)\b", re.I)
# a list of offences says so ("Computer-related Offenses:"), a list of definitions does not
_OFFENCES = re.compile(r"\b(?:offen[cs]es|crimes|delitos|infracciones|infractions|cybercrimes)\b", re.I)


def further_offence(p: Provision, listed: bool = False) -> bool:
    """Whether a sub-provision after the first defines offences of its own, as its lead does: it
    gives a further offence the same penalty, lists offences each under its own title ("(b)
    Computer-related Offenses: (1) Computer-related Forgery. — …", as a law that defines all its
    offences in one section does), or, `listed` in a list its provision announces ("Será
    sancionada con pena privativa de libertad de tres a cinco años:"), opens with the offender
    ("2. La persona que …")."""
    return (same_penalty(p.text) or (listed and bool(_OFFENDER.match(p.text)))
            or (p.text.rstrip().endswith(":") and bool(_OFFENCES.search(p.text))
                and bool(p.children) and all(_TITLED.match(c.text) for c in p.children)))


def further_offences(p: Provision, start: int = 1) -> list[Provision]:
    """The sub-provisions of `p` from the `start`-th (after the first, which is part of the lead
    anyway) that define offences of their own."""
    listed = p.text.rstrip().endswith(":")
    return [c for c in p.children[start:] if further_offence(c, listed)]


def _joined_text(provisions: list[Provision], clean=str) -> str:
    """Every provision as heading, separator, text (with a marker where its lead ends) and an end
    marker, joined by spaces: one string for the whole corpus."""
    parts: list[str] = []
    for p in provisions:
        parts += [clean(matching_heading(p)), _SEP_CHUNK, clean(p.text)]
        if p.children:
            # the lead: the first sub-provision, and any later one that defines further offences
            # ("La misma pena se impondrá … a quien distribuya …")
            lead = [p.children[0]] + further_offences(p)
            for c in lead:
                _sub_parts(c, parts, clean)
            parts.append(_LEAD_CHUNK)
            for c in p.children[1:]:
                if not any(c is x for x in lead):
                    _sub_parts(c, parts, clean)
        parts += [clean(p.wrap_up), _END_CHUNK]
    return " ".join(parts)


# the corpus text joined for the last few sets of provisions, with the provisions (their ids are
# not reused meanwhile): a re-run on the same laws (an override changed) joins nothing again
_JOINED: dict[tuple, tuple[list, str]] = {}


def index_corpus(documents: list[Document], language: str, scanner: TermScanner | None = None,
                 classify=None, classify_all=None, fast: bool = True) -> Corpus:
    """Index the top-level provisions of `documents`. With a `scanner` (the model's terms), each
    provision gets a `TextIndex`, and `classify(index, provision)` says what kind of provision it
    is (`classify_all(corpus, found)`, the same for all at once from the scan); `fast=False`
    indexes every n-gram instead of scanning (to check that both agree)."""
    provisions = [p for d in documents for p in d.provisions]
    lex = lexicon(language)
    expected = 2 * len(provisions) + sum(1 for p in provisions if p.children)
    markers = np.array([lex.chunk_ids[m] for m in _MARKERS])
    for clean in (str, _clean):
        text = remembered(_JOINED, provisions, lambda: _joined_text(provisions, clean), 2 * _RECENT, tag=clean)
        # the unoptimised path makes a string of every chunk and looks it up
        ids = lex.ids_of_text(text) if fast else lex.ids(text.split())
        if np.isin(ids, markers).sum() == expected:
            break
        # else a statute holds a marker character, standing alone: take it out, and again
    ntok, ptr, tok_stem, tok_content = lex.arrays()
    counts = ntok[ids]
    first = np.zeros(len(ids) + 1, dtype=np.int64)          # first word of each chunk in the corpus
    np.cumsum(counts, out=first[1:])
    total = int(first[-1])
    # the words of every chunk, gathered from the lexicon's flat arrays
    word = np.arange(total, dtype=np.int64) + np.repeat(ptr[ids] - first[:-1], counts)
    stem_ids, content = tok_stem[word], tok_content[word]
    end_pos = np.flatnonzero(stem_ids == lex.stem_ids[_END])
    starts = np.concatenate(([0], end_pos[:-1] + 1)).astype(np.int64)
    sep_pos = np.flatnonzero(stem_ids == lex.stem_ids[_SEP])
    corpus = Corpus(provisions=provisions, language=language, lexicon=lex, stem_ids=stem_ids, content=content,
                    starts=starts, ends=end_pos, heading_lens=(sep_pos - starts).tolist())
    if scanner is None:
        return corpus
    corpus.chunk_ids, corpus.chunk_first = ids, first
    sep_pos = sep_pos.tolist()
    lead_at = iter(first[np.flatnonzero(ids == lex.chunk_ids[_LEAD_CHUNK])].tolist())
    ends = end_pos.tolist()
    if fast:
        walls = (stem_ids == lex.stem_ids[_SEP]) | (stem_ids == lex.stem_ids[_END])
        found = scanner.scan(stem_ids, starts, end_pos, walls)
        found_grams, found_spans = found.dicts()
    for i, p in enumerate(provisions):
        a, b, sep = int(starts[i]), ends[i], sep_pos[i]
        heading_len = sep - a
        # the lead: heading, own words and first sub-provision (where an offence is defined)
        lead_end = next(lead_at) - a if p.children else b - a
        if fast:
            grams, span = found_grams[i], found_spans[i]
        else:
            span = {}
            grams = all_grams([lex.stems[s] for s in stem_ids[a:b].tolist()], max(MAX_N, scanner.longest), span,
                              no_gap_after(language))
        corpus.indexes.append(TextIndex.of(grams, heading_len, lead_end,
                                           lambda i, n, a=a: corpus.words(a + i, n), span))
    if fast:
        corpus.postings = found.postings()
    if classify is not None:
        if fast and classify_all is not None:
            corpus.kinds = classify_all(corpus, found)
        else:
            corpus.kinds = [classify(ix, p) for ix, p in zip(corpus.indexes, provisions)]
    return corpus
