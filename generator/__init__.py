"""Builds the public site of a county's campaign against official inaction.

The pipeline: load -> validate -> derive -> render -> engine adapter. Each stage has
its own module; `pipeline.py` strings them together.
"""
