from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "utsyn.core"
    label = "core"
