"""Errors a user can meet and act on; each renders as one plain line."""


class UserError(Exception):
    """An error caused by input or environment, shown without a traceback."""


class TemplateError(UserError):
    """A template or resource file is broken: names the file, where in it (line and column once known), the key
    and the problem."""

    def __init__(self, file: str, key: str, problem: str, line: int | None = None, column: int | None = None):
        self.file, self.key, self.problem = file, key, problem
        self.line, self.column = line, column
        super().__init__(file, key, problem)

    @property
    def place(self) -> str:
        """'line 12, column 5', or '' where the position is not known (a file that cannot be read)."""
        if self.line is None:
            return ""
        return f"line {self.line}" + (f", column {self.column}" if self.column else "")

    def __str__(self) -> str:
        where = f"{self.file}, {self.place}" if self.line is not None else self.file
        return f"{where}: {self.key}: {self.problem}"


class TemplateProblems(TemplateError):
    """Every problem found in one file, in the order of the file; reads as the first where one is expected."""

    def __init__(self, problems: list[TemplateError]):
        first = problems[0]
        super().__init__(first.file, first.key, first.problem, first.line, first.column)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
