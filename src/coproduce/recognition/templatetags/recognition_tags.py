"""Filters that show ledger amounts the same way on every page."""

from typing import Any

from django import template

from coproduce.ledger.queries import amount_text, money

register = template.Library()


@register.filter(name="money")
def money_filter(pence: Any) -> str:
    return money(int(pence or 0))


@register.filter(name="amount")
def amount_filter(amount: Any, unit: str) -> str:
    return amount_text(int(amount or 0), unit)
