"""edge: cameras and scanners on a warehouse floor into a live, trustworthy inventory ledger.

Data flows one way: source → gate → analyse → track → event → outbox → broker → ledger → sync.
"""

__version__ = "0.1.0"
