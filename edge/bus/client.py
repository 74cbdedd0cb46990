"""Building paho-mqtt clients the way FINDINGS.md says they must be built.

MQTT v5, VERSION2 callbacks, `connect_async` (plain `connect` raises while the broker is down),
automatic reconnect with backoff, TLS for mqtts://, credentials from the config.
"""

from __future__ import annotations

import json
import logging
import socket
import ssl
from contextlib import suppress
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion, MQTTProtocolVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from edge.bus.paho_speed import install as _install_paho_speedup
from edge.config.root import BrokerConfig

logger = logging.getLogger(__name__)

_install_paho_speedup()


def make_client(
    broker: BrokerConfig,
    client_id: str,
    *,
    manual_ack: bool = False,
    will: tuple[str, dict[str, Any]] | None = None,
    max_inflight: int = 20,
) -> mqtt.Client:
    """A configured, not yet connected client. `will` is (topic, JSON document), retained."""
    client = mqtt.Client(
        callback_api_version=CallbackAPIVersion.VERSION2,
        client_id=client_id,
        protocol=MQTTProtocolVersion.MQTTv5,
        manual_ack=manual_ack,
    )
    client.max_inflight_messages_set(max_inflight)
    # paho's own queue lives in memory; the outbox is the durable queue, so keep this unbounded
    client.max_queued_messages_set(0)
    client.reconnect_delay_set(min_delay=1, max_delay=30)
    if broker.username:
        password = broker.password.get_secret_value() if broker.password else None
        client.username_pw_set(broker.username, password)
    if broker.tls:
        client.tls_set(
            ca_certs=str(broker.ca_file) if broker.ca_file else None,
            cert_reqs=ssl.CERT_REQUIRED,
        )
    client.on_socket_open = _no_delay
    if will is not None:
        topic, doc = will
        client.will_set(topic, json.dumps(doc), qos=1, retain=True)
    return client


def _no_delay(_client: mqtt.Client, _userdata: Any, sock: Any) -> None:
    """paho leaves Nagle on: small QoS 1 messages then wait ~40 ms for the peer's delayed ACK."""
    with suppress(OSError, AttributeError):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def session_properties(expiry_seconds: int) -> Properties:
    """CONNECT properties for a persistent session (without expiry v5 keeps nothing: FINDINGS)."""
    props = Properties(PacketTypes.CONNECT)  # type: ignore[no-untyped-call]
    props.SessionExpiryInterval = expiry_seconds
    return props


def connect(
    client: mqtt.Client, broker: BrokerConfig, *, clean_start: bool, expiry: int = 0
) -> None:
    """Start connecting in the background; paho keeps reconnecting with backoff."""
    client.connect_async(
        broker.host,
        broker.port,
        keepalive=broker.keepalive,
        clean_start=clean_start,
        properties=session_properties(expiry) if expiry else None,
    )
    client.loop_start()
