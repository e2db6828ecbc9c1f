"""EDIT-001 on the pages: the side-by-side rows of ``core/conflicts.py`` and a reader of what a
browser would post from a page's form (used by the other ``test_conflict*`` modules)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

from django import forms

from styr.core.conflicts import VERSION, conflict_rows, display

type Posted = dict[str, list[str]]


class _FormReader(HTMLParser):
    """The successful controls of one form, as a browser would post them."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.found = False
        self.data: Posted = {}
        self.select: str | None = None
        self.select_multiple = False
        self.select_first: str | None = None
        self.select_chosen = False
        self.textarea: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = self.found = True
            return
        if not self.inside or "disabled" in a:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in {"submit", "button", "file"} or (kind in {"checkbox", "radio"} and "checked" not in a):
                return
            self.data.setdefault(name, []).append(a.get("value", "on" if kind in {"checkbox", "radio"} else ""))
        elif tag == "select" and name:
            self.select, self.select_multiple, self.select_first, self.select_chosen = name, "multiple" in a, None, False
        elif tag == "option" and self.select is not None:
            value = a.get("value", "")
            if self.select_first is None:
                self.select_first = value
            if "selected" in a:
                self.select_chosen = True
                self.data.setdefault(self.select, []).append(value)
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []

    def handle_endtag(self, tag: str) -> None:
        if not self.inside:
            return
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            if not self.select_chosen and not self.select_multiple and self.select_first is not None:
                self.data.setdefault(self.select, []).append(self.select_first)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            text = "".join(self.text)
            self.data.setdefault(self.textarea, []).append(text.removeprefix("\n"))
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.text.append(data)


def read_form(html: str, form_id: str) -> Posted:
    """What a browser posts from the form ``form_id`` of a page (its hidden version among it)."""
    reader = _FormReader(form_id)
    reader.feed(html)
    assert reader.found, f"no form {form_id!r} on the page"
    return reader.data


def changed(posted: Posted, **values: str) -> Posted:
    """The posted form with some fields typed over."""
    return {**posted, **{name: [value] for name, value in values.items()}}


class _Sample(forms.Form):
    title = forms.CharField(label="Rubrik")
    direction = forms.ChoiceField(label="Riktning", choices=[("higher", "Högre är bättre"), ("lower", "Lägre är bättre")])
    due = forms.DateField(label="Klart")
    amount = forms.DecimalField(label="Belopp", required=False)
    active = forms.BooleanField(label="Aktiv", required=False)


def _bound(**data: str) -> _Sample:
    form = _Sample({"title": "Ny", "direction": "lower", "due": "2026-05-01", "amount": "10.50", "active": "on", VERSION: "2"} | data)
    form.fields[VERSION] = forms.IntegerField(required=False, widget=forms.HiddenInput)
    assert form.is_valid(), form.errors
    return form


def test_only_the_fields_that_differ_are_shown_with_the_forms_labels_and_choice_labels() -> None:
    form = _bound()
    saved = {"title": "Gammal", "direction": "higher", "due": date(2026, 5, 1), "amount": Decimal("10.5"), "active": True, VERSION: 3}
    rows = conflict_rows(form, saved)
    assert [(r.label, r.mine, r.saved) for r in rows] == [("Rubrik", "Ny", "Gammal"), ("Riktning", "Lägre är bättre", "Högre är bättre")]


def test_an_empty_value_and_yes_or_no_are_shown_as_a_person_reads_them() -> None:
    form = _bound(amount="")
    rows = conflict_rows(form, {"amount": Decimal("3"), "active": False})
    shown = {r.label: (r.mine, r.saved) for r in rows}
    assert shown["Belopp"] == ("—", "3")
    assert shown["Aktiv"] == (display(form.fields["active"], True), display(form.fields["active"], False))
    assert shown["Aktiv"][0] != shown["Aktiv"][1]


def test_a_field_the_saved_object_does_not_hold_is_not_compared() -> None:
    assert conflict_rows(_bound(), {}) == []


def test_the_form_reader_reads_what_a_browser_posts() -> None:
    html = """<form id="f"><input type="hidden" name="version" value="4"><input name="t" value="a &amp; b">
    <input type="checkbox" name="c" value="x" checked><input type="checkbox" name="d" value="y">
    <select name="s"><option value="1">A</option><option value="2" selected>B</option></select>
    <select name="m" multiple><option value="1" selected>A</option><option value="2" selected>B</option></select>
    <textarea name="ta">
rad</textarea><button type="submit">Spara</button></form>"""
    assert read_form(html, "f") == {"version": ["4"], "t": ["a & b"], "c": ["x"], "s": ["2"], "m": ["1", "2"], "ta": ["rad"]}
