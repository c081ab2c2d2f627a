"""factory_boy factories with made-up data, one per model that tests build."""

import datetime
from typing import Any

import factory
from allauth.account.models import EmailAddress

from coproduce.core.models import Membership, Organisation, OrganisationKind, Role, User
from coproduce.people.models import Consent, ConsentPurpose, Person

PASSWORD = "a long test password 42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test Organisation {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")
    kind = OrganisationKind.VOLUNTARY


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.MEMBER


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    preferred_name = factory.Sequence(lambda n: f"Partner {n}")
    full_name = factory.LazyAttribute(lambda p: f"{p.preferred_name} Example")


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SelfAttribute("person.organisation")
    purpose = ConsentPurpose.SPECIAL_CATEGORY
    given_on = datetime.date(2026, 1, 15)


def png_bytes(size: tuple[int, int] = (4, 3), exif: bytes | None = None) -> bytes:
    """A real (tiny) PNG image, optionally carrying EXIF data."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    image = Image.new("RGB", size, "teal")
    if exif is None:
        image.save(buffer, "PNG")
    else:
        image.save(buffer, "PNG", exif=exif)
    return buffer.getvalue()


def published_story(by: Any, **details: Any) -> Any:
    """A case study through moderation to the public library, with short defaults for
    whatever the test does not care about."""
    from coproduce.library.models import CaseStatus
    from coproduce.library.services import case_study_move, case_study_save

    story = case_study_save(
        by=by,
        details={
            "title": "Play streets",
            "summary": "Streets close so children can play.",
            "problem": "Busy roads.",
            "who_and_how": "Residents.",
            "what_changed": "More play.",
            **details,
        },
    )
    case_study_move(case_study=story, by=by, to=CaseStatus.SUBMITTED)
    return case_study_move(case_study=story, by=by, to=CaseStatus.PUBLISHED)
