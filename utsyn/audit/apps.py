from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "utsyn.audit"
    label = "audit"
