from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "utsyn.backup"
    label = "backup"
