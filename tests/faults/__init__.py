"""Probes of faults through the real CLI, in subprocesses (issue 20)."""
