"""Choices of records by number: anything that could never be a record number is an
invalid choice, never a database error (make fuzz sent 2**63 to the session form)."""

import importlib
import inspect
import pkgutil
from typing import Any

import pytest
from django import forms

import coproduce
from coproduce.people.models import Person
from coproduce.web.forms import RecordChoiceField, RecordsChoiceField

NOT_RECORD_NUMBERS = [str(2**63), "9" * 40, "¹", "abc", "-1", "1.5", "1 or 1=1"]


@pytest.mark.parametrize("value", NOT_RECORD_NUMBERS)
def test_one_choice_that_is_not_a_record_number_is_invalid(cast: Any, value: str) -> None:
    field = RecordChoiceField(queryset=Person.objects.filter(organisation=cast.org))
    with pytest.raises(forms.ValidationError) as caught:
        field.clean(value)
    assert caught.value.code == "invalid_choice"


@pytest.mark.parametrize("value", NOT_RECORD_NUMBERS)
def test_many_choices_with_one_not_a_record_number_are_invalid(cast: Any, value: str) -> None:
    field = RecordsChoiceField(queryset=Person.objects.filter(organisation=cast.org))
    with pytest.raises(forms.ValidationError) as caught:
        field.clean([str(cast.coproducer.pk), value])
    assert caught.value.code == "invalid_pk_value"


def test_real_choices_still_work_and_other_organisations_records_do_not(cast: Any) -> None:
    people = Person.objects.filter(organisation=cast.org)
    assert RecordChoiceField(queryset=people).clean(str(cast.coproducer.pk)) == cast.coproducer
    assert list(RecordsChoiceField(queryset=people).clean([cast.coproducer.pk])) == [
        cast.coproducer
    ]
    with pytest.raises(forms.ValidationError):
        RecordChoiceField(queryset=people).clean(str(cast.other_person.pk))


def _form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for module in pkgutil.walk_packages(coproduce.__path__, "coproduce."):
        if not module.name.endswith(".forms"):
            continue
        for _name, value in inspect.getmembers(importlib.import_module(module.name)):
            if inspect.isclass(value) and issubclass(value, forms.BaseForm):
                found.append(value)
    return found


def test_every_form_chooses_records_through_the_safe_fields(db: None) -> None:
    forms_checked = _form_classes()
    assert len(forms_checked) > 40
    unsafe = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in forms_checked
        for name, field in form.base_fields.items()
        if isinstance(field, forms.ModelChoiceField)
        and not isinstance(field, RecordChoiceField | RecordsChoiceField)
    ]
    assert unsafe == []


def test_every_date_is_picked_with_the_one_date_widget(db: None) -> None:
    from coproduce.web.widgets import DateInput

    others = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in _form_classes()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.DateField) and not isinstance(field.widget, DateInput)
    ]
    assert others == []
    widget = DateInput()
    # GOV.UK's pattern: three boxes, sent as day, month and year.
    assert (
        widget.value_from_datadict({"on-day": "3", "on-month": "12", "on-year": "2026"}, {}, "on")
        == "2026-12-03"
    )
    # One value in the ISO form is taken too, and an empty date is no date.
    assert widget.value_from_datadict({"on": "2026-12-03"}, {}, "on") == "2026-12-03"
    assert (
        widget.value_from_datadict({"on-day": "", "on-month": "", "on-year": ""}, {}, "on") is None
    )
    assert widget.value_omitted_from_data({}, {}, "on")
    assert not widget.value_omitted_from_data({"on-year": "2026"}, {}, "on")


def test_a_date_is_typed_in_three_boxes_and_a_wrong_one_comes_back_as_typed(cast, client_for):
    client = client_for(cast.coordinator)
    page = client.get("/orgs/acme/opportunities/new/").content.decode()
    assert 'name="closes_on-day"' in page
    assert "For example, 27 3 2026" in page
    wrong = client.post(
        "/orgs/acme/opportunities/new/",
        {
            "title": "Panel",
            "kind": "interview_panel",
            "closes_on-day": "31",
            "closes_on-month": "2",
            "closes_on-year": "2027",
        },
    )
    assert wrong.status_code == 400
    html = wrong.content.decode()
    assert 'value="31"' in html
    assert 'value="2027"' in html
    assert 'href="#id_closes_on-day"' in html


def test_a_select_lists_names_escaped_with_the_choice_kept(cast: Any) -> None:
    """Options are made in one pass (issue 23); a name is still escaped, the chosen one
    still selected, and the empty choice still says what it means."""
    from django.template import Context, Template

    from coproduce.people.forms import PersonChoiceField

    cast.coproducer.preferred_name = 'Sam <b>"Jo"</b> & co'
    cast.coproducer.save()

    class Choose(forms.Form):
        person = PersonChoiceField(queryset=Person.objects.filter(organisation=cast.org))

    page = Template("{% load govuk %}{% govuk_field form.person %}")
    html = page.render(Context({"form": Choose(initial={"person": cast.coproducer.pk})}))
    assert "Sam &lt;b&gt;&quot;Jo&quot;&lt;/b&gt; &amp; co" in html
    assert "<b>" not in html
    assert f'<option value="{cast.coproducer.pk}" selected>' in html
    assert '<option value="">Choose one</option>' in html
    assert html.count("<option") == Person.objects.filter(organisation=cast.org).count() + 1


def test_records_listed_once_are_the_choices_and_the_query_still_checks(cast: Any) -> None:
    from coproduce.web.forms import choose_from

    people = Person.objects.filter(organisation=cast.org)
    field = RecordChoiceField(queryset=people, empty_label="Nobody")
    choose_from(field, [cast.coproducer])
    assert list(field.widget.choices) == [
        ("", "Nobody"),
        (cast.coproducer.pk, str(cast.coproducer)),
    ]
    assert field.clean(str(cast.coproducer.pk)) == cast.coproducer
    with pytest.raises(forms.ValidationError):
        field.clean(str(cast.other_person.pk))
