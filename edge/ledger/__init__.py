"""The ledger: events in, projections (bin state, counts, variances, tiers) out.

May import: edge.events, edge.config, edge.counting (pure logic). Never imports vision code.
"""
