"""Model-free name finding: capitalised runs, gazetteers and closed word lists.

The fast engine uses these candidates as they are; the statistical engine uses
the confident ones to correct and complete spaCy's entities. Offsets are over
the text passed in; nothing here allocates per character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from streams.enrich.gazetteer import Canon, Gazetteer
from streams.enrich.words import (
    CELESTIAL,
    CONNECTORS,
    DEMONYMS,
    FIRST_NAMES,
    LOC_HEADS,
    LOC_SUFFIXES,
    NON_ENTITY_ACRONYMS,
    NON_ENTITY_WORDS,
    ORG_HEADS,
    ORG_SUFFIXES,
    PERSON_TITLES,
    SPEECH_VERBS,
    STOP_CAPITALS,
    THING_WORDS,
    TITLE_MODIFIERS,
    _words,
    given_name,
)

__all__ = [
    "CONFIDENT_REASONS",
    "LOWER_TITLES",
    "NATURE_NOUNS",
    "NOT_ALONE",
    "PLACE_COMPOUNDS",
    "PLACE_OF",
    "PLACE_PREPOSITIONS",
    "Candidate",
    "find_candidates",
    "is_title",
    "space_centre",
    "strip_possessive",
    "title_cased",
    "two_orgs",
]

#: "Kigali-based", "Lagos-born", "Bangkok-bound": the name before the hyphen is a place.
PLACE_COMPOUNDS = frozenset(("based", "born", "bound", "headquartered", "registered"))
#: "Kigali-based" is two tokens ("Kigali", "-", "based"): the place stands alone.
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|\w+(?:(?!-(?:"
    + "|".join(sorted(PLACE_COMPOUNDS))
    + r")\b)[-'’&.]\w+)*|[^\w\s]"
)
#: Nouns after a name that make it a natural place, whatever company shares it.
NATURE_NOUNS = frozenset(("rainforest", "basin", "jungle", "river", "delta", "region"))
#: "the town of X", "the coast of X": the name after "of" is a place.
PLACE_OF = frozenset(
    ("town", "city", "village", "villages", "coast", "island", "islands", "province", "region",
     "district", "state", "county", "port", "capital", "outskirts", "suburb", "municipality",
     "prefecture", "oblast", "shores", "banks", "area", "hamlet", "commune")
)  # fmt: skip
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&+\-]{1,6}$")
PLACE_PREPOSITIONS = _words(
    "in at near from to outside into across toward towards around throughout"
)
#: Title words as they appear in lower case before a name ("finance minister Jane Roe").
LOWER_TITLES = frozenset(w.lower() for w in PERSON_TITLES if len(w) > 3 and "." not in w)
#: Single words never tagged on their own (months, units, celestial bodies, ...).
NOT_ALONE = STOP_CAPITALS | NON_ENTITY_WORDS | CELESTIAL | NON_ENTITY_ACRONYMS | PERSON_TITLES
#: Reasons precise enough to add an entity the model missed.
CONFIDENT_REASONS = frozenset({"gaz", "acronym", "title", "first_name", "defined", "suffix"})


@dataclass(slots=True)
class Candidate:
    """A capitalised name, with what the rules think it is (``label`` may be empty)."""

    start: int
    end: int
    label: str
    reason: str
    canon: Canon | None = None


def strip_possessive(text: str, end: int) -> int:
    """End offset without a trailing ``'s``/``’s``/``'``."""
    for suffix in ("'s", "’s"):
        if text.endswith(suffix, 0, end):
            end -= 2
            while end > 0 and text[end - 1].isspace():
                end -= 1  # "O'Neil ’s"
            return end
    return end


def is_title(words: list[str], i: int) -> bool:
    word = words[i]
    if word == "Chief" and i + 1 < len(words) and _named_after(words[i + 1]):
        return True  # "Chief Jane Roe" (a police or tribal chief)
    if word in TITLE_MODIFIERS:
        if i > 0 and words[i - 1] in PERSON_TITLES and words[i - 1] not in TITLE_MODIFIERS:
            return True  # "Secretary General", "Attorney General"
        return i + 1 < len(words) and is_title(words, i + 1)
    return word in PERSON_TITLES


class _Scanner:
    """One pass over one text: runs of capitalised tokens -> candidates."""

    def __init__(self, text: str, gaz: Gazetteer, headline_end: int = 0) -> None:
        self.text = text
        self.gaz = gaz
        self.headline_end = headline_end
        found = list(_TOKEN.finditer(text))
        self.tokens = [m.span() for m in found]
        # Every token's text, capital and spacing, once: the scan asks for them many times.
        self.words = [m.group() for m in found]
        self.capitals = [
            w[0].isupper() or (len(w) > 3 and w[2] == "-" and w[3].isupper()) for w in self.words
        ]
        ends = [b for _, b in self.tokens]
        self.glued = [False] + [
            a - end == 1 and text[end] == " "
            for (a, _), end in zip(self.tokens[1:], ends, strict=False)
        ]
        self.out: list[Candidate] = []
        self.acronyms: dict[str, tuple[int, int]] = {}

    def word(self, i: int) -> str:
        return self.words[i]

    def joined(self, i: int) -> bool:
        """Is token i separated from token i-1 by exactly one space?"""
        return self.glued[i]

    def capital(self, i: int) -> bool:
        return self.capitals[i]

    def runs(self) -> list[tuple[int, int]]:
        """Maximal runs of capitalised tokens (with "of", "von der", ... inside).

        A possessive ends a run ("Lindner's Free Democrats"), unless a place or
        organisation word follows it ("St Peter's Basilica").
        """
        words, capitals, glued = self.words, self.capitals, self.glued
        runs, i, n = [], 0, len(self.tokens)
        while i < n:
            if not capitals[i]:
                i += 1
                continue
            j = i + 1
            while j < n and glued[j] and not self.possessive_end(j - 1):
                if capitals[j] or (words[j][0].isdigit() and words[j - 1][0].isupper()):
                    j += 1
                    continue
                k = j
                while k < n and k - j < 2 and words[k] in CONNECTORS and glued[k]:
                    k += 1
                if k == j or k >= n or not glued[k] or not capitals[k]:
                    break
                if words[k] in STOP_CAPITALS:
                    break  # "Gulf Coast on Saturday"
                j = k + 1
            runs.append((i, j))
            i = j
        return runs

    def possessive_end(self, i: int) -> bool:
        word = self.word(i)
        if not word.endswith(("'s", "’s")) or i + 1 >= len(self.tokens):
            return False
        following = self.word(i + 1)
        if following not in LOC_SUFFIXES and following not in ORG_SUFFIXES:
            return True
        return self.place_owner(i)  # "Spain's State Meteorological Agency"

    def place_owner(self, i: int) -> bool:
        """The possessive at ``i`` closes a place the tables know ("Saudi Arabia's")."""
        for size in (1, 2, 3):
            if i - size + 1 < 0:
                break
            words = [self.word(j) for j in range(i - size + 1, i + 1)]
            words[-1] = words[-1][:-2]
            canon = self.gaz.table.get(" ".join(words))
            if canon is not None and canon.label == "LOC":
                return True
        return False

    def scan(self) -> list[Candidate]:
        for i, j in self.runs():
            if self.tokens[i][0] < self.headline_end:
                self.headline_run(i, j)
            else:
                self.split_run(i, j, i > 0 and self.word(i - 1) in LOWER_TITLES)
        self.defined_acronyms()
        return self.out

    def split_run(self, i: int, j: int, after_title: bool = False) -> None:
        """Gazetteer longest match first, then titles and nationality words split the rest."""
        words = [self.word(k).removesuffix("'s").removesuffix("’s") for k in range(i, j)]
        if self.party_name(i, j, words):
            self.piece(i, words, 0, len(words), after_title)  # one name, whatever it holds
            return
        k, piece_start = 0, 0
        while k < len(words):
            match = self.longest_gaz(words, k)
            if match and self.standalone(words, piece_start, k, k + match):
                self.piece(i, words, piece_start, k, after_title)
                self.add_gaz(i + k, i + k + match)
                k += match
                piece_start, after_title = k, False
            elif is_title(words, k) or words[k] in DEMONYMS or _role(words, k, i, self):
                if words[k] in DEMONYMS and self.demonym_inside(words, k):
                    k += 1
                    continue
                self.piece(i, words, piece_start, k, after_title)
                if words[k] in DEMONYMS:
                    self.emit(i + k, i + k + 1, "NORP", "demonym")
                after_title = is_title(words, k) or _role(words, k, i, self)
                k += 1
                piece_start = k
            else:
                k += 1
        self.piece(i, words, piece_start, len(words), after_title)

    def party_after(self, j: int) -> bool:
        """Is token ``j`` the word "party", one space after the name before it?"""
        return j < len(self.tokens) and self.word(j) == "party" and self.joined(j)

    def party_name(self, i: int, j: int, words: list[str]) -> bool:
        """ "the Law and Justice party": the run right before "party" names it (not
        "President Jane Roe's party": a possessive or a title says whose party it is)."""
        if not self.party_after(j):
            return False
        if self.word(j - 1).endswith(("'s", "’s")):
            return False
        return not any(is_title(words, k) for k in range(len(words)))

    def demonym_inside(self, words: list[str], k: int) -> bool:
        """A nationality word inside a name: "German Football Association", "Korean Air",
        "Alliance for the Union of Romanians"; not "German Chancellor Jane Roe"."""
        if k > 0 and words[k - 1] in CONNECTORS:
            return True
        rest = words[k + 1 :]
        if not rest or any(is_title(rest, x) for x in range(len(rest))):
            return False
        if rest[-1] in ORG_SUFFIXES or rest[0] in ORG_HEADS:
            return True
        return rest[0] not in FIRST_NAMES and self.longest_gaz(rest, 0) == 0

    def standalone(self, words: list[str], pending: int, a: int, b: int) -> bool:
        """A table name inside a longer unknown name ("Real Madrid") is not the name."""
        for k in range(a - 1, pending - 1, -1):
            if words[k] in ("and", "&"):
                break
            if words[k] not in STOP_CAPITALS and words[k] not in CONNECTORS:
                return False
        if b < len(words) and words[b] not in CONNECTORS:
            if is_title(words, b) or words[b] in DEMONYMS:
                return True  # "Kyiv Mayor ...", "EU Spanish ..."
            size = self.longest_gaz(words, b)
            following = self.gaz.table.get(" ".join(words[b : b + size])) if size else None
            return following is not None and following.kind in ("org", "country")
        return True

    def headline_run(self, i: int, j: int) -> None:
        """A Title Case Headline capitalises every word: only table names count there."""
        words = [self.word(k).removesuffix("'s").removesuffix("’s") for k in range(i, j)]
        k = 0
        while k < len(words):
            match = self.longest_gaz(words, k)
            if match:
                self.add_gaz(i + k, i + k + match)
            k += max(match, 1)

    def gaz_key(self, words: list[str]) -> str | None:
        """The table key for these words: as written, or "KYIV" as "Kyiv"."""
        key = " ".join(words)
        if key in self.gaz.table:
            return key
        if key.isupper() and len(key) > 3:
            titled = key.title()
            canon = self.gaz.table.get(titled)
            if canon is not None and canon.label == "LOC":
                return titled
        return None

    def longest_gaz(self, words: list[str], k: int) -> int:
        for size in range(min(self.gaz.max_words, len(words) - k), 0, -1):
            if size == 1 and words[k] in NOT_ALONE:
                return 0
            if self.gaz_key(words[k : k + size]) is not None:
                return size
        return 0

    def add_gaz(self, a: int, b: int) -> None:
        start, end = self.tokens[a][0], strip_possessive(self.text, self.tokens[b - 1][1])
        surface = self.text[start:end]
        canon = self.gaz.table[self.gaz_key(surface.split()) or surface]
        if canon.label == "ORG" and b < len(self.tokens) and self.word(b) in NATURE_NOUNS:
            self.emit(a, b, "LOC", "context")  # "the Amazon rainforest", not the company
            return
        if not self.gaz.confident(surface, canon) and not self.place_context(a, b):
            self.emit(a, b, canon.label, "gaz-weak", canon)
        else:
            self.emit(a, b, canon.label, "gaz", canon)

    def place_context(self, a: int, b: int | None = None) -> bool:
        """ "in X", "the town of X"; with ``b``, also "X-based"."""
        if a > 0 and self.word(a - 1) in PLACE_PREPOSITIONS:
            return True
        if a > 1 and self.word(a - 1) == "of" and self.word(a - 2) in PLACE_OF:
            return True
        return b is not None and self.compound_place(b)

    def compound_place(self, b: int) -> bool:
        """Tokens ``b``, ``b+1`` are "-" and "based" (or "born", ...), glued to token ``b-1``."""
        return (
            b + 1 < len(self.tokens)
            and self.word(b) == "-"
            and self.tokens[b][0] == self.tokens[b - 1][1]
            and self.word(b + 1) in PLACE_COMPOUNDS
        )

    def emit(self, a: int, b: int, label: str, reason: str, canon: Canon | None = None) -> None:
        start, end = self.tokens[a][0], self.tokens[b - 1][1]
        end = strip_possessive(self.text, end)
        if end > start:
            self.out.append(Candidate(start, end, label, reason, canon))

    def piece(self, base: int, words: list[str], a: int, b: int, after_title: bool) -> None:
        """Classify the words[a:b] that no table claimed."""
        while a < b and (words[a] in STOP_CAPITALS or words[a] in CONNECTORS):
            if self.longest_gaz(words[:b], a) > 1:
                break  # "New South Wales Police": "New" opens a name the tables know
            a += 1
        while b > a and words[b - 1] in CONNECTORS:
            b -= 1
        if a >= b:
            return
        split = _person_of(words, a, b)
        if "and" in words[a:b] and (
            after_title or _two_features(words, a, b) or _two_orgs(words, a, b)
        ):
            split = words.index("and", a, b)  # "Minister Jane Roe and Azerbaijani ..."
        if split:
            self.piece(base, words, a, split, after_title)
            self.piece(base, words, split + 1, b, False)
            return
        label, reason = self.classify(words[a:b], base + a, after_title)
        if label or b - a > 0:
            self.emit(base + a, base + b, label, reason)

    def classify(self, words: list[str], at: int, after_title: bool) -> tuple[str, str]:
        last = words[-1].removesuffix("'s").removesuffix("’s")
        n = len(words)
        if any(w in THING_WORDS for w in words) and last not in ORG_SUFFIXES:
            return "", ""  # "Hurricane Delia"; not "National Hurricane Center"
        if last in ORG_SUFFIXES and n > 1 and not space_centre(words):
            return "ORG", "suffix"
        if n > 2 and ("of" in words or "for" in words) and _org_word_before_of(words):
            return "ORG", "suffix"  # "Ministry of ...", "General Directorate of Water ..."
        if n > 1 and (last in LOC_SUFFIXES or words[0] in LOC_HEADS or space_centre(words)):
            return "LOC", "suffix"
        if n <= 3 and _name_like(words, cased=True) and self.place_context(at, at + n):
            return "LOC", "context"  # "the town of Djibo", "Kigali-based"
        if self.party_after(at + n):
            return "ORG", "suffix"  # "the Law and Justice party"
        if after_title and n <= 4 and _name_like(words):
            return "PERSON", "title"
        if 2 <= n <= 3 and given_name(words[0]) and _name_like(words):
            return "PERSON", "first_name"
        if n == 1 and words[0] in NOT_ALONE:
            return "", ""
        if n == 1 and _ACRONYM.match(words[0]) and not (at and self.word(at - 1).isdigit()):
            return "ORG", "caps"
        if 2 <= n <= 3 and _name_like(words, cased=True) and self.near_speech(at, at + n):
            return "PERSON", "speech"
        return "", ""

    def near_speech(self, a: int, b: int) -> bool:
        before = self.word(a - 1) if a > 0 else ""
        after = self.word(b) if b < len(self.tokens) else ""
        return before in SPEECH_VERBS or after in SPEECH_VERBS

    def defined_acronyms(self) -> None:
        """``Full Name (ACR)``: the full name is an organisation and ACR its alias."""
        by_end = {c.end: c for c in self.out}
        for k in range(1, len(self.tokens) - 2):
            if self.word(k) != "(" or self.word(k + 2) != ")":
                continue
            acronym = self.word(k + 1)
            full = by_end.get(self.tokens[k - 1][1])
            if full is None or not _ACRONYM.match(acronym):
                continue
            full = self.joined_name(full, acronym, by_end)
            surface = self.text[full.start : full.end]
            if _initials_match(surface, acronym):
                if full.label in ("", "ORG"):
                    full.label, full.reason = "ORG", "defined"
                self.acronyms[acronym] = (full.start, full.end)
                a, b = self.tokens[k + 1]  # "(JNTO)" is a mention of the name too
                self.out = [c for c in self.out if c.start != a]
                self.out.append(Candidate(a, b, full.label, "defined", full.canon))

    def joined_name(self, full: Candidate, acronym: str, by_end: dict[int, Candidate]) -> Candidate:
        """ "New Energy and Industrial ... Organization (NEDO)": the runs split at "and" are
        one name when only together do their initials spell the acronym."""
        if _initials_match(self.text[full.start : full.end], acronym):
            return full
        before = self.text[max(0, full.start - 40) : full.start]
        word = before.split()[-1] if before.endswith(" ") and before.split() else ""
        if word[:1].isupper() and word.isalpha():  # "New" is a stop word, not here
            start = full.start - len(word) - 1
            if _initials_match(self.text[start : full.end], acronym):
                full.start = start
                return full
        gap = self.text[max(0, full.start - 6) : full.start]
        for joiner in (" and ", " of ", " for ", " & ", " on ", " in "):
            left = by_end.get(full.start - len(joiner)) if gap.endswith(joiner) else None
            if left is None or not _initials_match(self.text[left.start : full.end], acronym):
                continue
            joined = Candidate(left.start, full.end, "ORG", "defined")
            self.out = [c for c in self.out if c is not left and c is not full] + [joined]
            self.out.sort(key=lambda c: c.start)
            return joined
        return full


def _named_after(word: str) -> bool:
    """Could ``word`` open a person's name (not "Executive", "Bank", "Justice")?"""
    return (
        word[:1].isupper()
        and not word.isupper()
        and word not in PERSON_TITLES
        and word not in ORG_SUFFIXES
        and word not in ORG_HEADS
        and word not in STOP_CAPITALS
    )


def _org_word_before_of(words: list[str]) -> bool:
    """An organisation word ("Directorate", "Ministry", "Bank") before "of"/"for"."""
    cut = min(words.index(w) for w in ("of", "for") if w in words)
    return any(w in ORG_HEADS or w in ORG_SUFFIXES for w in words[:cut])


def space_centre(words: list[str]) -> bool:
    """ "Tanegashima Space Center": a launch site, a place (unlike "Moroccan Film Centre")."""
    return len(words) > 2 and words[-2] == "Space" and words[-1] in ("Center", "Centre")


def _name_like(words: list[str], cased: bool = False) -> bool:
    """Capitalised words that could be a person's name (no "Bank", "Telescope", ...).

    ``cased``: also no all-capitals word ("ETH Zurich said" is not a person).
    """
    if words[0] in CONNECTORS or words[-1] in CONNECTORS:
        return False
    return all(
        w in CONNECTORS
        or (
            w[0].isupper()
            and not (cased and w.isupper())
            and w not in ORG_SUFFIXES
            and w not in LOC_SUFFIXES
            and w not in ORG_HEADS
            and w not in THING_WORDS
        )
        for w in words
    )


def _person_of(words: list[str], a: int, b: int) -> int:
    """Index of "of" in "Jane Roe of Cambridge University" (a person, then her employer)."""
    for i in range(a + 2, min(b - 1, a + 4)):
        if words[i] != "of" or not _name_like(words[a:i]):
            continue
        if words[a] in FIRST_NAMES or words[b - 1] in ORG_SUFFIXES:
            return i
    return 0


def _two_features(words: list[str], a: int, b: int) -> bool:
    """ "Lake Malawi and the Shire River", "Thwaites Glacier and the Weddell Sea"."""
    k = words.index("and", a, b)
    left, right = words[a:k], [w for w in words[k + 1 : b] if w != "the"]

    def feature(part: list[str]) -> bool:
        return len(part) > 1 and (part[0] in LOC_HEADS or part[-1] in LOC_SUFFIXES)

    return feature(left) and feature(right)


def _two_orgs(words: list[str], a: int, b: int) -> bool:
    k = words.index("and", a, b)
    return two_orgs(words[a:k], words[k + 1 : b])


def two_orgs(left: list[str], right: list[str]) -> bool:
    """ "Seoul National University and Yonsei University": the words either side of "and"
    are two names, each with an organisation's end."""
    return (
        len(left) > 1 and len(right) > 1 and left[-1] in ORG_SUFFIXES and right[-1] in ORG_SUFFIXES
    )


def _initials_match(surface: str, acronym: str) -> bool:
    """ "European Central Bank (ECB)"; also "New Energy and Industrial ... (NEDO)"."""
    initials = "".join(w[0] for w in surface.replace("-", " ").split() if w[0].isupper())
    letters = "".join(ch for ch in acronym if ch.isalpha()).upper()
    if len(letters) < 2 or not initials or initials[0] != letters[0]:
        return False
    found = iter(initials)
    return all(ch in found for ch in letters)


#: Endings of role nouns ("Librarian", "Farmer", "Economist") that open a sentence.
_ROLE_ENDINGS = ("ian", "er", "ist", "or", "ant", "ent", "ive", "eur")


def _role(words: list[str], k: int, base: int, scanner: _Scanner) -> bool:
    """ "Librarian Maria Gonzalez said": a sentence-opening role word before a given name."""
    if k != 0 or len(words) < 3 or words[1] not in FIRST_NAMES or words[0] in FIRST_NAMES:
        return False
    before = scanner.word(base - 1) if base > 0 else "."
    return before in (".", "!", "?", '"', "“", ":") and words[0].lower().endswith(_ROLE_ENDINGS)


def title_cased(title: str) -> bool:
    """Is this A Headline In Title Case (where capitals say nothing about names)?"""
    long = [w for w in title.split() if len(w) > 3 and w[0].isalpha()]
    return len(long) >= 4 and sum(w[0].isupper() for w in long) >= 0.9 * len(long)


def find_candidates(
    text: str, gaz: Gazetteer, headline_end: int = 0
) -> tuple[list[Candidate], dict[str, tuple[int, int]]]:
    """All capitalised names in ``text`` and the acronyms it defines (ACR -> full span).

    ``headline_end``: the text opens with a Title Case headline this long; only
    table names are taken from it (the body names the rest).
    """
    scanner = _Scanner(text, gaz, headline_end)
    return scanner.scan(), scanner.acronyms
