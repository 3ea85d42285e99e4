from django.apps import AppConfig


class AccessibilityConfig(AppConfig):
    name = "utsyn.accessibility"
    verbose_name = "Accessibility"
