"""Key codes of a keyboard-wedge scanner → text lines (US layout, the scanners' default).

Pure: it works on evdev key *names* (`KEY_A`, `KEY_LEFTSHIFT`…) and key values (1 down, 0 up,
2 repeat), so it is testable without a device. Shift gives capitals and symbols; Ctrl+] / Ctrl+^
/ Ctrl+D give GS / RS / EOT, as scanners programmed for GS1 and ISO/IEC 15434 send them.
Enter (or keypad Enter) ends a line.
"""

from __future__ import annotations

_PLAIN = {
    **{f"KEY_{c}": (c.lower(), c) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
    "KEY_1": ("1", "!"),
    "KEY_2": ("2", "@"),
    "KEY_3": ("3", "#"),
    "KEY_4": ("4", "$"),
    "KEY_5": ("5", "%"),
    "KEY_6": ("6", "^"),
    "KEY_7": ("7", "&"),
    "KEY_8": ("8", "*"),
    "KEY_9": ("9", "("),
    "KEY_0": ("0", ")"),
    "KEY_MINUS": ("-", "_"),
    "KEY_EQUAL": ("=", "+"),
    "KEY_LEFTBRACE": ("[", "{"),
    "KEY_RIGHTBRACE": ("]", "}"),
    "KEY_BACKSLASH": ("\\", "|"),
    "KEY_SEMICOLON": (";", ":"),
    "KEY_APOSTROPHE": ("'", '"'),
    "KEY_GRAVE": ("`", "~"),
    "KEY_COMMA": (",", "<"),
    "KEY_DOT": (".", ">"),
    "KEY_SLASH": ("/", "?"),
    "KEY_SPACE": (" ", " "),
    "KEY_TAB": ("\t", "\t"),
    **{f"KEY_KP{d}": (str(d), str(d)) for d in range(10)},
    "KEY_KPMINUS": ("-", "-"),
    "KEY_KPPLUS": ("+", "+"),
    "KEY_KPDOT": (".", "."),
    "KEY_KPSLASH": ("/", "/"),
    "KEY_KPASTERISK": ("*", "*"),
}
_CONTROL = {"KEY_RIGHTBRACE": "\x1d", "KEY_6": "\x1e", "KEY_D": "\x04"}
_SHIFT = {"KEY_LEFTSHIFT", "KEY_RIGHTSHIFT"}
_CTRL = {"KEY_LEFTCTRL", "KEY_RIGHTCTRL"}
_ENTER = {"KEY_ENTER", "KEY_KPENTER"}

DOWN, UP, REPEAT = 1, 0, 2


class KeyDecoder:
    """Feed key events; `feed` returns a finished line at Enter, else None."""

    def __init__(self) -> None:
        self._buffer: list[str] = []
        self._shift: set[str] = set()
        self._ctrl: set[str] = set()
        self._caps = False

    def feed(self, key: str, value: int) -> str | None:
        if key in _SHIFT:
            self._press(self._shift, key, value)
            return None
        if key in _CTRL:
            self._press(self._ctrl, key, value)
            return None
        if value == UP:
            return None
        if key == "KEY_CAPSLOCK":
            self._caps = not self._caps
            return None
        if key in _ENTER:
            line, self._buffer = "".join(self._buffer), []
            return line
        if key == "KEY_BACKSPACE":
            if self._buffer:
                self._buffer.pop()
            return None
        if self._ctrl:
            control = _CONTROL.get(key)
            if control:
                self._buffer.append(control)
            return None
        pair = _PLAIN.get(key)
        if pair is None:
            return None
        shifted = bool(self._shift)
        if self._caps and key[4:].isalpha() and len(key) == 5:
            shifted = not shifted
        self._buffer.append(pair[1] if shifted else pair[0])
        return None

    @staticmethod
    def _press(held: set[str], key: str, value: int) -> None:
        if value == UP:
            held.discard(key)
        else:
            held.add(key)
