"""QuickSelect renders what Django's Select does, faster."""

from html.parser import HTMLParser

from django import forms

from coproduce.web.widgets import QuickSelect


class _Options(HTMLParser):
    def __init__(self):
        super().__init__()
        self.select = {}
        self.options = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        if tag == "select":
            self.select = dict(attrs)
        if tag == "option":
            self._open = dict(attrs)
            self.options.append([self._open.get("value"), "selected" in self._open, ""])

    def handle_data(self, data):
        if self._open is not None:
            self.options[-1][2] += data

    def handle_endtag(self, tag):
        if tag == "option":
            self._open = None


def _parsed(widget_class, value):
    field = forms.ChoiceField(
        choices=[("", "Choose"), ("1", "Amira <Ahmed>"), ("2", "Ben & Co"), ("3", "Chloe")],
        widget=widget_class(attrs={"class": "govuk-select"}),
    )
    parser = _Options()
    parser.feed(field.widget.render("receiver", value, attrs={"id": "id_receiver"}))
    return parser


def test_same_options_labels_selection_and_attributes_as_select():
    for value in ("2", "", None):
        quick, plain = _parsed(QuickSelect, value), _parsed(forms.Select, value)
        assert quick.options == plain.options
        assert quick.select == plain.select
    assert _parsed(QuickSelect, "2").options[2] == ["2", True, "Ben & Co"]
    # Labels are escaped, not markup.
    assert "&lt;Ahmed&gt;" in QuickSelect(choices=[("1", "Amira <Ahmed>")]).render("r", None)
