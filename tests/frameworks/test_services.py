import copy

import pytest
from django.core.exceptions import ValidationError

from coproduce.frameworks import loader
from coproduce.frameworks.models import Framework, FrameworkItem, Statement
from coproduce.frameworks.services import MODELS, framework_create, frameworks_sync, parse_items

pytestmark = pytest.mark.django_db

DOMAIN_FRAMEWORKS = {
    "four-cos",
    "five-steps",
    "customers-as",
    "six-elements",
    "way-ahead-principles",
    "toolkit-structure",
    "design-delivery-matrix",
    "participation-white",
    "continuum",
    "levels",
    "four-levels-of-change",
    "four-core-functions",
    "five-aspects",
    "ways-of-influencing",
    "wcen-phases",
    "nef-outcome-themes",
    "islington-capabilities",
    "community-cultural-competence",
    "involvement-matrix",
    "authentic-principles",
    "ladder",
}


def test_every_framework_ships_with_items_and_a_source():
    library = Framework.objects.library().current()
    assert set(library.values_list("key", flat=True)) == DOMAIN_FRAMEWORKS
    for framework in library:
        assert framework.items.exists(), framework.key
        assert framework.source_document, framework.key
    # Every pack of principles can be assessed against (issue 17, 7: only 3 could), and so
    # can the four Co's and the NLCF's five aspects; each statement has easy-read words.
    with_statements = set(
        Framework.objects.library()
        .filter(statement_sets__isnull=False)
        .values_list("key", flat=True)
    )
    principles = set(library.filter(kind="principles").values_list("key", flat=True))
    assert principles <= with_statements
    assert with_statements == principles | {"four-cos", "five-aspects"}
    assert not Statement.objects.filter(statement_set__framework__in=library, easy_read="").exists()


def test_ladder_has_seven_rungs_in_order():
    ladder = Framework.objects.get(key="ladder", is_current=True)
    assert list(ladder.items.values_list("key", flat=True)) == [
        "coercion",
        "educating",
        "informing",
        "consultation",
        "engagement",
        "co-design",
        "co-production",
    ]


def test_bovaird_matrix_has_nine_cells_with_full_co_production_shared_by_shared():
    matrix = Framework.objects.get(key="design-delivery-matrix", is_current=True)
    cells = FrameworkItem.objects.filter(framework=matrix, parent__isnull=False)
    assert cells.count() == 9
    assert cells.get(key="full-co-production").parent.key == "shared-planning"


def test_sync_is_idempotent():
    report = frameworks_sync()
    assert report.created == []
    assert report.new_versions == []
    assert len(report.unchanged) == 21


def test_a_changed_pack_makes_a_new_version_and_keeps_the_old_one():
    packs = loader.read_packs()
    old = Framework.objects.get(key="six-elements", is_current=True)
    old_statements = list(
        Statement.objects.filter(statement_set__framework=old).values_list("pk", "text")
    )
    changed = copy.deepcopy(packs)
    six = next(p for p in changed if p["key"] == "six-elements")
    six["items"][0]["title"] = "Building on what people can do"
    report = loader.sync(MODELS, changed)
    assert report.new_versions == ["six-elements"]
    new = Framework.objects.get(key="six-elements", is_current=True)
    assert new.version == old.version + 1
    old.refresh_from_db()
    assert not old.is_current
    assert old.items.get(key="capabilities").title == "Building on people's capabilities"
    assert (
        list(Statement.objects.filter(statement_set__framework=old).values_list("pk", "text"))
        == old_statements
    )


def test_parse_items_nests_dashed_lines_and_splits_descriptions():
    items = parse_items("Trust: we keep our promises\n- Keeping promises\n\nRespect\nRespect")
    assert [i["key"] for i in items] == ["trust", "respect", "respect-2"]
    assert items[0]["description"] == "we keep our promises"
    assert items[0]["items"][0]["title"] == "Keeping promises"


def test_organisation_framework_versions_and_refuses_empty(cast):
    first = framework_create(
        organisation=cast.org,
        by=cast.coordinator,
        title="Our charter",
        kind="principles",
        description="",
        items_text="Honesty\nKindness",
    )
    second = framework_create(
        organisation=cast.org,
        by=cast.coordinator,
        title="Our charter",
        kind="principles",
        description="",
        items_text="Honesty",
    )
    assert (first.version, second.version) == (1, 2)
    first.refresh_from_db()
    assert not first.is_current
    assert second.is_current
    with pytest.raises(ValidationError) as error:
        framework_create(
            organisation=cast.org,
            by=cast.coordinator,
            title="Empty",
            kind="principles",
            description="",
            items_text="   \n",
        )
    assert "items_text" in error.value.message_dict
