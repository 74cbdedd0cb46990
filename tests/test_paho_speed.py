"""The shared-table Properties behave exactly like paho's own."""

from __future__ import annotations

import pytest
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import MQTTException, Properties

from edge.bus.paho_speed import install


def test_install_is_idempotent() -> None:
    assert install() and install()


def test_properties_round_trip_after_patch() -> None:
    install()
    props = Properties(PacketTypes.CONNECT)
    props.SessionExpiryInterval = 604800
    props.ReceiveMaximum = 20
    props.UserProperty = ("site", "plant-1")
    props.UserProperty = ("device", "pi-rack-a")
    decoded = Properties(PacketTypes.CONNECT)
    decoded.unpack(props.pack())
    assert decoded.SessionExpiryInterval == 604800
    assert decoded.ReceiveMaximum == 20
    assert decoded.UserProperty == [("site", "plant-1"), ("device", "pi-rack-a")]
    assert decoded.json()["SessionExpiryInterval"] == 604800


def test_instances_do_not_share_values_and_clear_works() -> None:
    install()
    a, b = Properties(PacketTypes.PUBLISH), Properties(PacketTypes.PUBLISH)
    a.ContentType = "application/json"
    assert not hasattr(b, "ContentType")
    assert b.isEmpty()
    a.clear()
    assert a.isEmpty()
    assert a.packetType == PacketTypes.PUBLISH


def test_paho_checks_still_apply() -> None:
    install()
    props = Properties(PacketTypes.PUBACK)
    with pytest.raises(MQTTException):
        props.SessionExpiryInterval = 5  # not a PUBACK property
    with pytest.raises(MQTTException):
        Properties(PacketTypes.CONNECT).ReceiveMaximum = 0
