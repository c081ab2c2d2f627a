"""The read-replica router: reads go to the replica unless they must not."""

from django.contrib.sessions.models import Session as LoginSession
from django.http import HttpResponse
from django.test import RequestFactory

from coproduce.core.models import ApiToken, Membership
from coproduce.core.routers import PinWritesToPrimaryMiddleware, ReplicaRouter
from coproduce.people.models import Person
from coproduce.sessions.models import Session

router = ReplicaRouter()


def test_plain_reads_go_to_the_replica_and_writes_to_the_primary():
    assert router.db_for_read(Person) == "replica"
    assert router.db_for_read(Session) == "replica"
    assert router.db_for_write(Person) == "default"
    assert router.allow_migrate("default", "people")
    assert not router.allow_migrate("replica", "people")


def test_sign_in_state_and_roles_are_read_from_the_primary():
    for model in (LoginSession, ApiToken, Membership):
        assert router.db_for_read(model) == "default", model


def test_a_request_that_changes_data_reads_the_primary_throughout():
    seen = {}

    def view(request):
        seen[request.method] = router.db_for_read(Person)
        return HttpResponse()

    middleware = PinWritesToPrimaryMiddleware(view)
    factory = RequestFactory()
    middleware(factory.get("/"))
    assert seen == {"GET": "replica"}
    posted = middleware(factory.post("/"))
    assert seen["POST"] == "default"
    # Pinning ends with the request...
    assert router.db_for_read(Person) == "replica"
    # ...but the same browser's next pages read the primary for a few seconds.
    cookie = posted.cookies[PinWritesToPrimaryMiddleware.COOKIE]
    assert int(cookie["max-age"]) == PinWritesToPrimaryMiddleware.SECONDS
    factory.cookies[cookie.key] = cookie.value
    middleware(factory.get("/"))
    assert seen["GET"] == "default"
    factory.cookies[cookie.key] = "not a time"
    middleware(factory.get("/"))
    assert seen["GET"] == "replica"


def test_reads_inside_a_transaction_stay_on_the_primary(transactional_db):
    from django.db import transaction

    with transaction.atomic():
        assert router.db_for_read(Person) == "default"
    assert router.db_for_read(Person) == "replica"
