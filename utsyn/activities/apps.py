from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "utsyn.activities"
    label = "activities"
