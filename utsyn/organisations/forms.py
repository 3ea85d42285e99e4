from typing import cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from utsyn.audit.editing import AuditedFormMixin

from .formbase import OrganisationModelForm
from .models import Membership, Person, Role, Unit


class UnitForm(OrganisationModelForm):
    scoped_fields = {"parent": Unit}
    other_unit_fields = ("parent",)
    unique_name_message = _("This organisation already has a unit with that name.")

    class Meta(OrganisationModelForm.Meta):
        model = Unit
        fields = ["name", "kind", "parent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            parent = cast(forms.ModelChoiceField, self.fields["parent"])
            parent.queryset = Unit.objects.filter(organisation=self.organisation).exclude(
                pk=self.instance.pk
            )


class PersonForm(OrganisationModelForm):
    scoped_fields = {"unit": Unit}
    other_unit_fields = ("unit",)

    class Meta(OrganisationModelForm.Meta):
        model = Person
        fields = ["name", "title", "unit", "email", "phone"]


class MembershipForm(AuditedFormMixin, forms.ModelForm):
    class Meta(OrganisationModelForm.Meta):
        model = Membership
        fields = ["role", "units"]
        widgets = {"units": forms.CheckboxSelectMultiple}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        units = cast(forms.ModelMultipleChoiceField, self.fields["units"])
        units.queryset = Unit.objects.filter(organisation=organisation)
        self.fields["units"].help_text = _("Editors change what belongs to these units.")

    def clean_role(self):
        role = self.cleaned_data["role"]
        # The instance still holds the stored role here; the form copies its values later.
        if (
            role != Role.ADMINISTRATOR
            and self.instance.pk
            and self.instance.is_last_administrator()
        ):
            raise forms.ValidationError(_("The organisation must keep at least one administrator."))
        return role


class AddMemberForm(MembershipForm):
    username = forms.CharField(label=_("Username"), max_length=150)

    class Meta(MembershipForm.Meta):
        fields = ["username", "role", "units"]

    def clean_username(self):
        username = self.cleaned_data["username"]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise forms.ValidationError(_("There is no user with that username."))
        if Membership.objects.filter(user=user, organisation=self.instance.organisation).exists():
            raise forms.ValidationError(_("This user is already a member."))
        self.instance.user = user
        return username
