"""Errors the instructor CLI reports as a message (no traceback) with the fixing command."""


class CourseError(ValueError):
    """Something about the course, a lab or the submissions is not as the step needs it."""

    def __init__(self, message: str, fix: str | None = None):
        super().__init__(message)
        self.fix = fix

    def __str__(self) -> str:
        text = super().__str__()
        return f"{text}\n  fix: {self.fix}" if self.fix else text
