"""The site's languages, with the catalogues that translate nothing taken out of their
chains, translate every word exactly as before."""

import gettext

from django.utils import translation
from django.utils.translation import trans_real

from coproduce.core.translations import trimmed


def _chain(language):
    link, chain = trans_real.translation(language), []
    while link is not None:
        chain.append(link)
        link = getattr(link, "_fallback", None)
    return chain


def test_no_empty_catalogue_is_left_in_a_site_language():
    english, welsh = _chain("en-gb"), _chain("cy")
    assert len(english) == 1
    assert len(welsh) == 2  # Welsh, then English for anything Welsh lacks
    assert welsh[1] is english[0]


def test_words_found_in_a_later_catalogue_are_still_found():
    def catalogue(words):
        made = gettext.GNUTranslations()
        made._catalog = words
        made.plural = lambda n: int(n != 1)
        return made

    first, empty, header_only, last = (
        catalogue({"one": "un"}),
        catalogue({}),
        catalogue({"": "Content-Type: text/plain"}),
        catalogue({"two": "dau", ("cat", 1): "cathod"}),
    )
    first.add_fallback(empty)
    first.add_fallback(header_only)
    first.add_fallback(last)
    trimmed(first)
    assert first._fallback is last
    assert [first.gettext(w) for w in ("one", "two", "three")] == ["un", "dau", "three"]
    assert first.ngettext("cat", "cats", 2) == "cathod"


def test_welsh_pages_still_fall_back_to_english_words():
    with translation.override("cy"):
        assert translation.gettext("People") == "Pobl"
        # Our plain English for a sign-in word with no Welsh yet.
        assert translation.gettext("Activate") == "Turn it on"
