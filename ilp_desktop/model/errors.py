"""Errors a user can meet and act on; each renders as one plain line."""


class UserError(Exception):
    """An error caused by input or environment, shown without a traceback."""


class TemplateError(UserError):
    """A template or resource file is broken: names the file, the key and the problem."""

    def __init__(self, file: str, key: str, problem: str):
        self.file, self.key, self.problem = file, key, problem
        super().__init__(f"{file}: {key}: {problem}")
