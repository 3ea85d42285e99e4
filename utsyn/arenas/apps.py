from django.apps import AppConfig


class ArenasConfig(AppConfig):
    name = "utsyn.arenas"
    label = "arenas"
