"""Figures drawn by code for the chapters, one module per topic (see course.diagrams)."""
