"""Transport: MQTT topics and client set-up shared by devices and the ledger.

May import: edge.config, edge.events. Knows nothing of vision, counting or the ledger's tables.
"""
