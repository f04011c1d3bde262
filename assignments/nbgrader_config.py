"""nbgrader configuration for the ``xent`` course.

Run nbgrader from this folder, e.g. ``nbgrader generate_assignment xent --force`` after editing
``source/xent/`` (see ``build_source.py``). The course root is this file's folder, wherever the
repository is checked out, and the gradebook lives next to it (git-ignored).
"""

import os

c = get_config()  # noqa: F821  (provided by traitlets when nbgrader loads this file)

COURSE_ROOT = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = "xent"
c.CourseDirectory.root = COURSE_ROOT
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(COURSE_ROOT, "gradebook.db")

# What a student sees in place of a solution: a stub that fails loudly with a sentence saying what
# to do, so the grader reports "not implemented" instead of a confusing error somewhere else.
c.ClearSolutions.code_stub = {
    "python": '# YOUR CODE HERE\nraise NotImplementedError("replace this line with your code")',
}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Files that never belong in a release, even if running the source notebooks left them behind
# (the grader's property-based checks keep a .hypothesis/ cache in the working directory).
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".hypothesis"]
