"""Cycle counting: tolerances, tiers, classes, plans and the scanner grammar.

The pure logic here imports no I/O; the ledger applies it to events and master data.
"""
