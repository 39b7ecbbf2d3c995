"""Gongjian (共建): a graph knowledge system for party-building-led community co-construction."""

__version__ = "0.1.0"
