"""Renderers: one report, many shapes. Each module turns a Report into one output format."""
