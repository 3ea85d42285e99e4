from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The national-scale data generator and the benchmark (`make bench`); no models."""

    name = "utsyn.bench"
    label = "bench"
