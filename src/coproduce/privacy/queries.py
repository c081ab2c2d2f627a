"""Reads for people's data protection rights."""

from __future__ import annotations

from django.http import Http404

from coproduce.people.models import Person
from coproduce.privacy.models import SubjectAccessExport


def exports_for(person: Person) -> list[SubjectAccessExport]:
    return list(SubjectAccessExport.objects.filter(person=person)[:10])


def export_of(person: Person, pk: int) -> SubjectAccessExport:
    """One of this person's exports, or 404 (never another person's)."""
    export = SubjectAccessExport.objects.filter(person=person, pk=pk).first()
    if export is None:
        raise Http404("No such export.")
    return export
