from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "utsyn.demo"
    label = "demo"
