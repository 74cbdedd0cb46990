"""Make paho-mqtt's MQTT v5 `Properties` cheap to create.

paho-mqtt 2.x builds a 27-entry name table and a 27-entry property table, and runs its checked
`__setattr__` four times, for every v5 packet it reads or writes (each PUBLISH, each PUBACK);
`clear()` then scans the table again. With QoS 1 that was the largest single cost of both the
ledger and the device outbox in a yappi profile (≈ 40 % of the network thread). `install()`
replaces `__init__` and `clear` with equivalents that share read-only tables built once by paho's
own constructor. Nothing else changes; an unknown paho layout leaves paho as it is.
"""

from __future__ import annotations

import logging
from types import MappingProxyType
from typing import Any

from paho.mqtt import properties as paho_properties
from paho.mqtt.packettypes import PacketTypes

logger = logging.getLogger(__name__)

_PRIVATE = frozenset({"packetType", "types", "names", "properties"})


def install() -> bool:
    """Patch `paho.mqtt.properties.Properties` once; True when the fast path is in place."""
    cls: Any = paho_properties.Properties
    if getattr(cls, "_edge_shared_tables", False):
        return True
    prototype = cls(PacketTypes.PUBLISH)  # paho's own tables, built by paho's own code
    if not all(name in vars(prototype) for name in _PRIVATE):
        logger.warning("unexpected paho-mqtt Properties layout; leaving it unpatched")
        return False
    types = tuple(prototype.types)
    names = MappingProxyType(dict(prototype.names))
    table = MappingProxyType(dict(prototype.properties))

    def __init__(self: Any, packetType: int) -> None:
        state = self.__dict__
        state["packetType"] = packetType
        state["types"] = types
        state["names"] = names
        state["properties"] = table

    def clear(self: Any) -> None:
        for name in [n for n in self.__dict__ if n not in _PRIVATE]:
            delattr(self, name)

    cls.__init__ = __init__
    cls.clear = clear
    cls._edge_shared_tables = True
    return True
