import pytest
from django.core.management import call_command

from coproduce.core.models import Membership, Organisation, Role
from coproduce.demo.services import ADMIN_EMAIL, demo_load
from coproduce.people.models import Person, SpecialCategoryData

pytestmark = pytest.mark.django_db


def test_demo_loads_once_and_a_second_run_adds_nothing(tmp_path, settings, capsys):
    settings.VAR_DIR = tmp_path
    call_command("demo", "--no-serve")
    output = capsys.readouterr().out
    assert "Loaded: 13 organisations," in output
    assert ADMIN_EMAIL in output
    counts = (Organisation.objects.count(), Person.objects.count())
    call_command("demo", "--no-serve")
    assert "Already loaded" in capsys.readouterr().out
    assert (Organisation.objects.count(), Person.objects.count()) == counts


def test_demo_admin_is_admin_of_every_organisation_and_rules_hold(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    summary = demo_load()
    assert summary.people >= 30
    assert Person.objects.filter(organisation__slug="wandle-cen").count() == 16
    admin_orgs = Membership.objects.filter(user__email=ADMIN_EMAIL, role=Role.ADMIN).count()
    assert admin_orgs == Organisation.objects.count()
    # Special-category data exists only where consent is active.
    for record in SpecialCategoryData.objects.select_related("consent"):
        assert record.consent.is_active
    assert Person.objects.filter(consents__withdrawn_at__isnull=False).count() == 2
    # Everyone who prefers email has an address; everyone who prefers phone or text a number.
    assert not Person.objects.filter(contact_preference="email", email="").exists()
    assert not Person.objects.filter(contact_preference__in=["phone", "text"], phone="").exists()
    # A range of access needs, so organisers have something to plan for.
    kinds = set(Person.objects.values_list("access_needs__kind", flat=True)) - {None}
    assert len(kinds) == 8


def test_demo_has_a_two_round_assessment_where_views_differ(tmp_path, settings):
    from coproduce.assessments.models import Assessment, ModeratedScore
    from coproduce.assessments.queries import results_for

    settings.VAR_DIR = tmp_path
    demo_load()
    first, second = Assessment.objects.order_by("round_number")
    assert second.previous == first
    one, two = results_for(first), results_for(second)
    groups = {g for g, _label in one.groups}
    assert groups == {"staff", "co_producer", "community_partner", "peer_reviewer"}
    assert any(item.gap_to_discuss for item in one.items)
    assert two.overall_mean > one.overall_mean
    assert ModeratedScore.objects.filter(assessment=first).count() == 2
    # The unfinished actions were carried into round two.
    assert second.actions.filter(carried_from__isnull=False).count() == 2


def test_demo_initiatives_are_modelled_on_the_sources(tmp_path, settings):
    from coproduce.initiatives.models import Initiative

    settings.VAR_DIR = tmp_path
    demo_load()
    titles = set(Initiative.objects.values_list("title", flat=True))
    assert {
        "Family therapy network with faith leaders",
        "Talking therapies at community sites",
        "Bradford wellbeing group",
    } <= titles
    family = Initiative.objects.get(title="Family therapy network with faith leaders")
    assert family.bovaird_cell == "full-co-production"
    assert any(s.left_out for s in family.stakeholders.all())
    assert family.charter.voluntariness


def test_demo_has_influence_items_in_every_status(tmp_path, settings):
    from coproduce.influence.models import InfluenceItem, ItemStatus

    settings.VAR_DIR = tmp_path
    demo_load()
    assert set(InfluenceItem.objects.values_list("status", flat=True)) == set(ItemStatus.values)
    assert InfluenceItem.objects.filter(is_public=True).exists()


def test_demo_sessions_cover_six_months_and_show_falling_attendance(tmp_path, settings):
    from django.db.models import Count

    from coproduce.sessions.models import Session

    settings.VAR_DIR = tmp_path
    demo_load()
    regional = (
        Session.objects.filter(organisation__slug="wy-network")
        .annotate(n=Count("attendance"))
        .order_by("starts_at")
    )
    counts = [s.n for s in regional]
    assert len(counts) == 7
    assert counts[0] == 30
    assert counts[-1] < 10
    months = {s.starts_at.month for s in Session.objects.filter(kind="forum")}
    assert len(months) >= 6
    assert Session.objects.filter(kind="trust_building").exists()


def test_serve_and_demo_agree_on_two_step_sign_in_for_the_demo(settings):
    """Found from outside: `make demo` printed a login that `make serve` on the same
    database then refused until two-step sign-in was set up."""
    from coproduce.demo.management.commands.serve import demo_without_two_step

    assert not demo_without_two_step({})  # no demo here yet
    call_command("demo", "--no-serve")
    assert demo_without_two_step({})
    assert not demo_without_two_step({"COPRODUCE_REQUIRE_MFA": "true"})
    settings.HTTPS = True
    assert not demo_without_two_step({})


def test_a_busy_port_is_a_plain_error_that_leaves_nothing_running(tmp_path):
    """Found from outside: serving on a port in use started the background worker, then
    gunicorn failed and left the worker behind."""
    import os
    import socket
    import subprocess
    import sys

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "COPRODUCE_VAR_DIR": str(tmp_path)}
        # In a session of its own, so anything it started can be found afterwards.
        serve = subprocess.Popen(
            [sys.executable, "-m", "coproduce.cli", "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        _out, err = serve.communicate(timeout=60)
    assert serve.returncode != 0
    assert f"Port {port} on 127.0.0.1 is in use" in err
    assert "Traceback" not in err
    left = subprocess.run(["pgrep", "-s", str(serve.pid)], capture_output=True, text=True)
    assert left.stdout == ""


def test_the_demo_writes_emails_to_files_unless_a_mail_server_is_set(tmp_path):
    """The demo's people have made-up addresses: its emails go to files, not out."""
    import subprocess
    import sys

    from coproduce.demo.management.commands.serve import FILES, demo_mail_to_files

    environ = {}
    assert demo_mail_to_files(environ)
    assert environ["EMAIL_BACKEND"] == FILES
    assert not demo_mail_to_files({"EMAIL_URL": "smtp://relay:25"})
    code = (
        "import django; django.setup();"
        "from django.conf import settings;"
        "from django.core.mail import get_connection, send_mail;"
        "send_mail('Hello', 'A message', None, ['amara@example.org'],"
        " connection=get_connection(settings.MESSAGING_EMAIL_BACKEND))"
    )
    env = {
        "COPRODUCE_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "coproduce.settings",
        "PATH": "/usr/bin:/bin",
        **environ,
    }
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    [written] = list((tmp_path / "sent-mail").iterdir())
    assert "amara@example.org" in written.read_text()
