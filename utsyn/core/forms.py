from django import forms
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from utsyn.audit.services import AuditedFormMixin

from .formfields import model_formfield


def _unscoped_formfield(db_field, **kwargs):
    # Model forms build their choice fields when the class is defined, outside any request's
    # scope. The choices are narrowed to the form's organisation in __init__.
    with scopes_disabled():
        return model_formfield(db_field, **kwargs)


class OrganisationModelForm(AuditedFormMixin, forms.ModelForm):
    """A model form for one organisation's rows.

    `scoped_fields` maps field names to the models whose choices must come from the same
    organisation: a crafted POST cannot point at another tenant's unit or person. The
    organisation is set on the instance before validation, so that the unique constraints
    that include it (a name unique within the organisation) are checked like any other field.
    An edit form carries the state it was opened with and refuses to save over a change made
    meanwhile (`utsyn.core.concurrency`, through `AuditedFormMixin`).
    """

    scoped_fields = {}
    unique_name_message = None
    unique_field = "name"  # the field that gets `unique_name_message` on a clash

    class Meta:
        formfield_callback = _unscoped_formfield

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.instance.organisation = organisation
        for name, model in self.scoped_fields.items():
            self.fields[name].queryset = model.objects.filter(organisation=organisation)

    def validate_unique(self):
        # Django skips constraints that involve a field the form does not show (the
        # organisation), so they are checked here to give a message instead of a crash.
        try:
            self.instance.validate_constraints()
        except ValidationError as error:
            if self.unique_name_message and self.unique_field in self.fields:
                self.add_error(self.unique_field, self.unique_name_message)
            else:
                self.add_error(None, error)
        super().validate_unique()
