"""`edge demo`: the whole pipeline on embedded defaults, in one process tree.

An embedded Mosquitto, the ledger, a camera worker on a rendered rack video (bins emptying and
refilling, a person walking past) and a scripted handheld count session, with master data that
makes the counts hit every outcome; then a summary read back from the ledger.
"""

from edge.demo.run import DemoOptions, DemoResult, run_demo

__all__ = ["DemoOptions", "DemoResult", "run_demo"]
