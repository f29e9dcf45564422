"""Use cases: one function per user action, over a Workspace that owns the data, the programs and the clock.

No Qt here: the windows, the command line and the tests call the same functions, and every change is
reported through the workspace's events so each view refreshes itself (ARCHITECTURE.md).
"""
