"""Scripted scenarios played on the real main window (homologation demonstrations, GUI tests, benchmarks)."""
