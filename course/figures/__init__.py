"""Figures of the chapters, one module per topic, drawn by code with `course.diagrams`."""
