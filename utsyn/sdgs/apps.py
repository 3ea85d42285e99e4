from django.apps import AppConfig


class SdgsConfig(AppConfig):
    name = "utsyn.sdgs"
    verbose_name = "UN Sustainable Development Goals"
