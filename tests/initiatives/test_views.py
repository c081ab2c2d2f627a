import pytest
from django.test import Client

from coproduce.core.services import api_token_create
from coproduce.initiatives import services
from coproduce.initiatives.models import Initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(cast):
    return services.initiative_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": "Family therapy with faith leaders",
            "service_area": "mental_health",
            "planning": "shared",
            "delivery": "shared",
        },
    )


def test_coordinator_starts_an_initiative_with_the_form(cast, client_for):
    client = client_for(cast.coordinator)
    response = client.post(
        "/orgs/acme/initiatives/new/",
        {
            "title": "Wellbeing group",
            "service_area": "public_health",
            "status": "active",
            "planning": "community",
            "delivery": "shared",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Community delivery with little professional input" in page
    assert "Map it" in page


def test_form_errors_are_summarised(cast, client_for):
    response = client_for(cast.coordinator).post(
        "/orgs/acme/initiatives/new/",
        {"title": "", "starts_on": "2026-05-01", "ends_on": "2026-04-01"},
    )
    content = response.content.decode()
    assert 'href="#id_title"' in content
    assert 'href="#id_service_area"' in content


def test_detail_shows_full_co_production(cast, client_for, initiative):
    page = client_for(cast.member).get(initiative.get_absolute_url()).content.decode()
    assert "Full co-production" in page


def test_stakeholder_grid_warns_about_people_left_out(cast, client_for, initiative):
    client = client_for(cast.coordinator)
    url = f"/orgs/acme/initiatives/{initiative.pk}/stakeholders/"
    client.post(
        url,
        {
            "name": "Local mosque committee",
            "high_power": "False",
            "high_influence": "True",
            "attitude": "unknown",
        },
    )
    page = client.get(url).content.decode()
    assert "Left out, they may turn against the work" in page
    assert "Local mosque committee" in page


def test_priority_matrix_places_activities(cast, client_for, initiative):
    client = client_for(cast.coordinator)
    url = f"/orgs/acme/initiatives/{initiative.pk}/priorities/"
    client.post(url, {"title": "Sessions at the church", "impact": "4", "effort": "1"})
    client.post(
        url, {"title": "New building", "impact": "2", "effort": "4", "significant_spend": "on"}
    )
    matrix = client.get(url).context["matrix"]
    assert [p.title for p in matrix[0]["items"]] == ["Sessions at the church"]
    assert matrix[3]["quadrant"].title == "Hard slog"
    assert [p.title for p in matrix[3]["items"]] == ["New building"]


def test_a_stakeholder_is_corrected_then_removed_and_both_stay_in_the_history(
    cast, client_for, initiative
):
    """Found from outside: stakeholder grids and priority matrices could be added to but
    not corrected."""
    from coproduce.core.models import AuditAction, AuditEvent
    from coproduce.initiatives.models import Priority, Stakeholder

    client = client_for(cast.coordinator)
    grid = f"/orgs/acme/initiatives/{initiative.pk}/stakeholders/"
    client.post(
        grid,
        {
            "name": "Mosque comittee",
            "high_power": "False",
            "high_influence": "True",
            "attitude": "unknown",
        },
    )
    row = Stakeholder.objects.get()
    edit = f"{grid}{row.pk}/"
    assert edit in client.get(grid).content.decode()
    # A commissioner reads the grid but cannot correct it; another organisation sees nothing.
    assert edit not in client_for(cast.commissioner).get(grid).content.decode()
    assert client_for(cast.commissioner).get(edit).status_code == 403
    assert client_for(cast.outsider).get(edit).status_code == 404
    bad = client.post(
        edit, {"name": "", "high_power": "False", "high_influence": "True", "attitude": "unknown"}
    )
    assert bad.status_code == 400
    done = client.post(
        edit,
        {
            "name": "Mosque committee",
            "high_power": "True",
            "high_influence": "True",
            "attitude": "supportive",
            "involved": "on",
        },
    )
    assert done.status_code == 302
    row.refresh_from_db()
    assert (row.name, row.high_power, row.involved) == ("Mosque committee", True, True)
    page = client.get(grid).content.decode()
    assert "Mosque comittee → Mosque committee" in page
    assert "No → Yes" in page
    client.post(f"{edit}remove/")
    assert not Stakeholder.objects.exists()
    assert "Removed from a planning tool" in client.get(grid).content.decode()
    assert (
        AuditEvent.objects.filter(action=AuditAction.INITIATIVE_PLAN_REMOVE).get().changes["name"]
        == "Mosque committee"
    )
    # The priority matrix works the same way.
    matrix = f"/orgs/acme/initiatives/{initiative.pk}/priorities/"
    client.post(matrix, {"title": "Sessions at the church", "impact": "4", "effort": "1"})
    activity = Priority.objects.get()
    client.post(
        f"{matrix}{activity.pk}/", {"title": "Sessions at the church", "impact": "2", "effort": "3"}
    )
    activity.refresh_from_db()
    assert (activity.impact, activity.effort) == (2, 3)
    # A row of one initiative is not reached through another's address.
    other = services.initiative_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": "Other work",
            "service_area": "mental_health",
            "planning": "shared",
            "delivery": "shared",
        },
    )
    assert (
        client.get(f"/orgs/acme/initiatives/{other.pk}/priorities/{activity.pk}/").status_code
        == 404
    )


def test_charter_written_then_shown(cast, client_for, initiative):
    client = client_for(cast.coordinator)
    url = f"/orgs/acme/initiatives/{initiative.pk}/charter/"
    client.post(
        url,
        {
            "roles": "Co-chairs: one from the church, one from the trust",
            "voluntariness": "Taking part is always your choice.",
        },
    )
    page = client_for(cast.member).get(url).content.decode()
    assert "Taking part is always your choice." in page


def test_roles_and_tenancy(cast, client_for, initiative):
    assert (
        client_for(cast.member)
        .get(f"/orgs/acme/initiatives/{initiative.pk}/stakeholders/")
        .status_code
        == 403
    )
    assert (
        client_for(cast.member)
        .post(f"/orgs/acme/initiatives/{initiative.pk}/charter/", {"roles": "x"})
        .status_code
        == 403
    )
    assert client_for(cast.reviewer).get("/orgs/acme/initiatives/").status_code == 403
    outsider = client_for(cast.outsider)
    for url in (
        initiative.get_absolute_url(),
        f"{initiative.get_absolute_url()}edit/",
        f"{initiative.get_absolute_url()}stakeholders/",
        f"{initiative.get_absolute_url()}priorities/",
        f"{initiative.get_absolute_url()}charter/",
        f"/orgs/other/initiatives/{initiative.pk}/",
    ):
        assert outsider.get(url).status_code == 404, url
    api = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=cast.outsider).token}")
    assert api.get(f"/api/v1/orgs/acme/initiatives/{initiative.pk}").status_code == 404
    assert api.get(f"/api/v1/orgs/other/initiatives/{initiative.pk}").status_code == 404


def test_api_round_trip(cast, initiative):
    api = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=cast.coordinator).token}")
    body = api.get(f"/api/v1/orgs/acme/initiatives/{initiative.pk}").json()
    assert body["bovaird_cell"] == "full-co-production"
    changed = api.patch(
        f"/api/v1/orgs/acme/initiatives/{initiative.pk}",
        {"delivery": "professional"},
        content_type="application/json",
    ).json()
    assert changed["bovaird_cell"] == "professional-delivery-of-co-design"
    added = api.post(
        f"/api/v1/orgs/acme/initiatives/{initiative.pk}/stakeholders",
        {"name": "Carers' forum", "high_power": False, "high_influence": True},
        content_type="application/json",
    )
    assert added.status_code == 201
    assert added.json()["left_out_warning"] is True
    bad = api.post(
        f"/api/v1/orgs/acme/initiatives/{initiative.pk}/priorities",
        {"title": "X", "impact": 5, "effort": 1, "significant_spend": 0},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"impact", "significant_spend"}
    listing = api.get("/api/v1/orgs/acme/initiatives", {"service_area": "mental_health"}).json()
    assert [i["id"] for i in listing] == [initiative.pk]
    assert Initiative.objects.count() == 1


def test_list_query_count_is_bounded(cast, client_for, django_assert_max_num_queries):
    for n in range(30):
        services.initiative_create(
            organisation=cast.org,
            by=cast.coordinator,
            details={"title": f"Initiative {n}", "service_area": "other"},
        )
    client = client_for(cast.coordinator)
    with django_assert_max_num_queries(10):
        assert client.get("/orgs/acme/initiatives/").status_code == 200


def test_an_initiative_can_follow_the_wcen_phases_in_the_page_and_the_api(cast, client_for):
    """Found from outside: no form or API field let an initiative follow any stages but
    the five steps, and the WCEN phases were not shipped."""
    client = client_for(cast.coordinator)
    page = client.get("/orgs/acme/initiatives/new/").content.decode()
    assert "It follows: Five steps to co-production." in page
    assert "?stages=wcen-phases" in page
    wcen = client.get("/orgs/acme/initiatives/new/?stages=wcen-phases").content.decode()
    assert "Phase 0: build trust" in wcen
    from coproduce.frameworks.models import FrameworkItem

    phase_0 = FrameworkItem.objects.get(
        framework__key="wcen-phases", framework__is_current=True, key="phase-0"
    )
    made = client.post(
        "/orgs/acme/initiatives/new/",
        {
            "title": "Healing our broken village",
            "service_area": "mental_health",
            "status": "idea",
            "stage_framework": "wcen-phases",
            "stage": phase_0.pk,
            "planning": "shared",
            "delivery": "shared",
            "participation": "transformative",
            "level": "system",
        },
    )
    assert made.status_code == 302
    initiative = Initiative.objects.get(title="Healing our broken village")
    assert (initiative.stage_framework.key, initiative.stage.key) == ("wcen-phases", "phase-0")

    api = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=cast.coordinator).token}")
    created = api.post(
        "/api/v1/orgs/acme/initiatives",
        {"title": "Forum", "service_area": "mental_health", "stages": "wcen-phases"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert (created.json()["stage_framework"], created.json()["stage"]) == (
        "wcen-phases",
        "phase-0",
    )
    unknown = api.post(
        "/api/v1/orgs/acme/initiatives",
        {"title": "Forum", "service_area": "mental_health", "stages": "no-such"},
        content_type="application/json",
    )
    assert unknown.status_code == 422
    assert "stages" in unknown.content.decode()


def test_team_and_partners_are_corrected_with_history(cast, client_for, initiative):
    """Found from outside: someone added to a team by mistake could only be "marked as
    left", leaving was not in the history, and partner changes were not recorded."""
    from coproduce.core.models import AuditAction, AuditEvent
    from coproduce.initiatives.models import TeamMember

    client = client_for(cast.coordinator)
    client.post(initiative.get_absolute_url(), {"person": cast.coproducer.pk, "role": "co_chair"})
    member = TeamMember.objects.get()
    removed = client.post(f"{initiative.get_absolute_url()}team/{member.pk}/remove/")
    assert removed.status_code == 302
    assert not TeamMember.objects.exists()
    event = AuditEvent.objects.get(action=AuditAction.INITIATIVE_TEAM_REMOVE)
    assert event.changes["person"] == cast.coproducer.preferred_name
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Taken off the team (added by mistake)" in page
    assert client_for(cast.member).post(
        f"{initiative.get_absolute_url()}team/{member.pk}/remove/"
    ).status_code in (403, 404)
    from coproduce.core.services import network_member_add

    network_member_add(network=cast.org, organisation=cast.other_org, by=None)
    services.initiative_update(
        initiative=initiative, by=cast.coordinator, changes={}, partners=[cast.other_org]
    )
    update = AuditEvent.objects.filter(action=AuditAction.INITIATIVE_UPDATE).latest("id")
    assert update.changes["partners"] == ["", "Other Borough Council"]
    assert (
        "partners – → Other Borough Council"
        in client.get(initiative.get_absolute_url()).content.decode()
    )
