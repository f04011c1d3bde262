"""nbgrader configuration for the ``xent`` course.

Run nbgrader from this folder, e.g. ``nbgrader generate_assignment xent --force`` after editing
``text/`` and rebuilding ``source/xent/`` (see ``build_notebooks.py``). The course root is this
file's folder, wherever the repository is checked out, and the gradebook lives next to it
(git-ignored).
"""

import os
import sys

c = get_config()  # noqa: F821  (provided by traitlets when nbgrader loads this file)

COURSE_ROOT = os.path.dirname(os.path.abspath(__file__))
REPOSITORY = os.path.dirname(COURSE_ROOT)
if REPOSITORY not in sys.path:  # the kit and its reference solutions, for the autograde plugin
    sys.path.insert(0, REPOSITORY)

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

# Autograde: no kernel runs. nbgrader's default list starts with Execute, which runs the student's
# notebook in a Jupyter kernel as nbgrader's own user: from there a notebook could write the
# gradebook, rewrite classmates' autograded files, edit the kit and the course, and print the
# answer key into its feedback. Here Execute is left out; the kit grades every grade("...") test
# cell itself, running the student's code only in its sandbox (its own uid, the course and the
# reference out of view), and writes that cell's output (report and score) for SaveAutoGrades to
# read. Any other grade cell scores 0 and is flagged for manual grading
# (autograder/nbgrader_plugin.py). The rest is nbgrader 0.9's default list.
c.Autograde.autograde_preprocessors = [
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "autograder.nbgrader_plugin.OutOfKernelGrades",
    "nbgrader.preprocessors.SaveAutoGrades",
    "autograder.nbgrader_plugin.FlagForManualGrading",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# A test cell the student deleted comes back (and is graded) instead of silently scoring nothing.
c.OverwriteCells.add_missing_cells = True
