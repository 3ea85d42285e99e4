"""Currencies a fee can be given in (kept in `utsyn.money`, shared with projects and costs)."""

from utsyn.money.models import CURRENCY_CHOICES

__all__ = ["CURRENCY_CHOICES"]
