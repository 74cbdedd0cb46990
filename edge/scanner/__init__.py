"""The handheld scanner workflow (`edge scanner`): input devices, key mapping, count grammar.

`session` is the pure grammar (events go into any `EventSink`); `inputs` turns stdin, an evdev
keyboard-wedge device or a serial port into payload lines; `keymap` maps key codes to text;
`lookup` reads master data from the ledger file to refuse unknown locations.
"""
