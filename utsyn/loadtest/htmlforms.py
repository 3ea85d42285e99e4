"""Reads forms, links and table rows out of a page, as a browser would, with the stdlib only.

The load test's editors open a form and post back every field it holds, hidden ones included
(the CSRF token, and any state a form carries from the moment it was opened), changing only
what a person would type. A hand-made POST would miss fields a form gains later.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Controls whose value a browser never submits as a plain field.
BUTTON_TYPES = {"submit", "image", "button", "reset"}


@dataclass
class Form:
    action: str = ""
    method: str = "get"
    # The successful controls in document order, as a browser would submit them (no buttons).
    fields: list = field(default_factory=list)
    # Named submit buttons: (name, value).
    buttons: list = field(default_factory=list)
    # The values each select offers, by the select's name.
    options: dict = field(default_factory=dict)
    # The values each group of checkboxes or radio buttons offers, checked or not, by name.
    choices: dict = field(default_factory=dict)
    # What each field is on the page, by name: an input's type ("text", "date", "checkbox" …),
    # "textarea" or "select".
    kinds: dict = field(default_factory=dict)

    @property
    def names(self):
        return {name for name, _value in self.fields}

    def value(self, name, default=None):
        return next((value for key, value in self.fields if key == name), default)

    def has_button(self, name, value):
        return (name, value) in self.buttons

    def data(self, button=None, **changes):
        """The form as a browser submits it: every field, `changes` replacing (or adding)
        values by name, and the button pressed."""
        pairs = [(name, value) for name, value in self.fields if name not in changes]
        pairs += [(name, str(value)) for name, value in changes.items()]
        if button is not None:
            if button not in self.buttons:
                raise ValueError(f"The form has no button {button}.")
            pairs.append(button)
        return pairs


def parse_forms(html):
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.forms


def find_form(html, button=None, field_name=None):
    """The first form with that submit button (name, value) or that field, else None."""
    for form in parse_forms(html):
        if button is not None and not form.has_button(*button):
            continue
        if field_name is not None and field_name not in form.names:
            continue
        return form
    return None


def parse_rows(html):
    """The page's table rows, each as {"links": [href …], "classes": {class …}}."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.rows


def parse_links(html):
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.links


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.rows, self.links = [], [], []
        self._form = self._row = None
        self._select = None  # (name, multiple, [(value, selected)])
        self._option = None  # [value or None, selected, text]
        self._textarea = None  # [name, text]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
            if self._row is not None:
                self._row["links"].append(attrs["href"])
        if tag == "tr":
            self._row = {"links": [], "classes": set()}
            self.rows.append(self._row)
        if self._row is not None and attrs.get("class"):
            self._row["classes"].update(attrs["class"].split())
        if tag == "form":
            self._form = Form(
                action=attrs.get("action") or "", method=(attrs.get("method") or "get").lower()
            )
            self.forms.append(self._form)
        if self._form is None or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            self._input(name, attrs)
        elif tag == "button" and name and (attrs.get("type") or "submit").lower() == "submit":
            self._form.buttons.append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self._select = (name, "multiple" in attrs, [])
            self._form.kinds.setdefault(name, "select")
        elif tag == "option" and self._select is not None:
            self._end_option()  # the end tag of an option is optional
            self._option = [attrs.get("value"), "selected" in attrs, ""]
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
            self._form.kinds.setdefault(name, "textarea")

    def _input(self, name, attrs):
        kind = (attrs.get("type") or "text").lower()
        value = attrs.get("value") or ""
        self._form.kinds.setdefault(name, kind)
        if kind in ("submit", "image"):
            self._form.buttons.append((name, value))
        elif kind in BUTTON_TYPES or kind == "file":
            return
        elif kind in ("checkbox", "radio"):
            self._form.choices.setdefault(name, []).append(value or "on")
            if "checked" in attrs:
                self._form.fields.append((name, value or "on"))
        else:
            self._form.fields.append((name, value))

    def handle_data(self, data):
        if self._option is not None:
            self._option[2] += data
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "option":
            self._end_option()
        elif tag == "select" and self._select is not None:
            self._end_option()
            name, multiple, options = self._select
            self._form.options[name] = [value for value, _selected in options]
            chosen = [value for value, selected in options if selected]
            if not chosen and not multiple and options:
                chosen = [options[0][0]]  # a browser submits the first option
            self._form.fields.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # Browsers drop the newline right after <textarea>, which Django writes.
            self._form.fields.append((name, text.removeprefix("\r\n").removeprefix("\n")))
            self._textarea = None
        elif tag == "form":
            self._form = None
        elif tag == "tr":
            self._row = None

    def _end_option(self):
        if self._option is not None and self._select is not None:
            value, selected, text = self._option
            self._select[2].append((text.strip() if value is None else value, selected))
        self._option = None
