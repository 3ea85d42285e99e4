from django.apps import AppConfig


class OverviewConfig(AppConfig):
    """The pages that gather many apps: the front page, the dashboard, the UN goals' coverage,
    a plan item with its follow-up and indicators, a published plan with its latest status.

    They sit above the domain apps so that those never import each other upwards.
    """

    name = "utsyn.overview"
    verbose_name = "Overview"
