"""Write ``briefings/extract/data/given_names_world.json``: given names of many countries, from Faker's name lists.

    python scripts/world_given_names.py path/to/faker-<version>-py3-none-any.whl

The 1990 US census list (``given_names.json``) holds English given names; news names people of every country
("Reinhard Selten", "Recep Tayyip Erdogan", "Jens Stoltenberg"), and the small model types many of them as
organisations or places. Faker (MIT License) ships, for each of its locales, the first names its fake people take.
This keeps those of the locales written in the Latin script (the lists in other scripts are not how English news
spells the names), except:

- the ``en`` list (the US Social Security Administration's names, with "Alabama", "Doctor" and "Messiah"): English
  given names are the census's;
- names that are English dictionary words ("Duma", "Colon", "Drake"): in an English text such a capitalised word
  is more often the word or another name than a foreign given name (the census list keeps the English given names
  that are words, "Grace", "Will", and extraction treats them with care);
- names of one or two letters.

The wheel is read as a zip file; nothing of Faker is imported or installed.
"""

from __future__ import annotations

import ast
import json
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "briefings" / "extract" / "data" / "given_names_world.json"
PERSON = re.compile(r"faker/providers/person/([a-z]{2,3}(?:_[A-Z]{2})?)/__init__\.py")
LISTS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
SKIPPED_LOCALES = frozenset({"en"})
NAME = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")


def _latin(name: str) -> bool:
    """A capitalised word (or two joined by a hyphen) of Latin letters, accents allowed."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return bool(NAME.fullmatch(plain)) and all(c == "-" or unicodedata.name(c, "").startswith("LATIN") for c in name)


def _names_in(source: str) -> set[str]:
    """The strings of the first-name lists a provider module assigns (tuples, lists, or the keys of a dict of
    weights)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Assign) or not any(isinstance(t, ast.Name) and t.id in LISTS for t in node.targets):
            continue
        value = node.value
        items = value.keys if isinstance(value, ast.Dict) else getattr(value, "elts", [])
        if isinstance(value, ast.Call) and value.args:  # OrderedDict((name, weight), ...)
            items = [getattr(e, "elts", [None])[0] for e in getattr(value.args[0], "elts", [])]
        names.update(i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str))
    return names


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__.split("\n\n")[1])
    wheel = Path(sys.argv[1])
    sys.path.insert(0, str(ROOT))
    from briefings.extract.model import census_given_names, dictionary_words
    from briefings.extract.names import fold

    english = dictionary_words()
    census = census_given_names()
    per_locale: dict[str, int] = {}
    kept: set[str] = set()
    with zipfile.ZipFile(wheel) as z:
        metadata = z.read(next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))).decode("utf-8")
        version = re.search(r"^Version: (\S+)$", metadata, re.M).group(1)  # type: ignore[union-attr]
        notice = next(z.read(n) for n in z.namelist() if re.search(r"\.dist-info/(licenses/)?LICENSE", n))
        for path in sorted(z.namelist()):
            match = PERSON.fullmatch(path)
            if match is None or match.group(1) in SKIPPED_LOCALES:
                continue
            names = {
                n
                for n in _names_in(z.read(path).decode("utf-8"))
                if len(n) >= 3 and _latin(n) and fold(n) not in english and fold(n) not in census
            }
            if names:
                per_locale[match.group(1)] = len(names)
                kept |= names
    data = {
        "source": (
            f"Faker {version} (https://github.com/joke2k/faker), faker/providers/person/<locale>: the first names "
            "of its locales written in the Latin script, except 'en'; names that are English dictionary words or "
            "in the 1990 US census list left out (scripts/world_given_names.py). Given names only, capitalised."
        ),
        "license": notice.decode("utf-8").strip(),
        "locales": per_locale,
        "names": sorted(kept),
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(kept)} names from {len(per_locale)} locales → {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
