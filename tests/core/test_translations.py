"""The site's languages, with the catalogues that translate nothing taken out of their
chains, translate every word exactly as before."""

import gettext
from pathlib import Path

import django
import polib
import pytest
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


CATALOGUES = [
    *Path(__file__).parents[2].glob("src/coproduce/locale/*/LC_MESSAGES/django.po"),
    Path(django.__file__).parent / "conf/locale/cy/LC_MESSAGES/django.po",
    Path(django.__file__).parent / "conf/locale/en_GB/LC_MESSAGES/django.po",
]


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_every_message_translates_as_it_did_before_trimming(language):
    messages = {
        (e.msgctxt, e.msgid, e.msgid_plural) for po in CATALOGUES for e in polib.pofile(str(po))
    }
    assert len(messages) > 3000
    trimmed_chain = trans_real.translation(language)
    # Made afresh as Django makes them; Welsh falls back to an untrimmed English too.
    untrimmed = trans_real.DjangoTranslation(language)
    if language != "en-gb":
        untrimmed._fallback = trans_real.DjangoTranslation("en-gb")
    assert len(_chain_of(untrimmed)) > len(_chain_of(trimmed_chain))
    for context, message, plural in messages:
        if plural:
            for n in (0, 1, 2, 3, 6, 11):
                assert trimmed_chain.ngettext(message, plural, n) == untrimmed.ngettext(
                    message, plural, n
                )
        elif context:
            assert trimmed_chain.pgettext(context, message) == untrimmed.pgettext(context, message)
        else:
            assert trimmed_chain.gettext(message) == untrimmed.gettext(message)


def _chain_of(made):
    chain = []
    while made is not None:
        chain.append(made)
        made = getattr(made, "_fallback", None)
    return chain
