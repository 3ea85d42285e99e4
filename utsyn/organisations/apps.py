from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "utsyn.organisations"
    label = "organisations"
