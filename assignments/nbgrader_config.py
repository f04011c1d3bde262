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

# Autograde: the kernel runs the notebook as usual, then the kit re-grades every grade("...") test
# cell outside the kernel and overwrites that cell's output with its report and score, so nothing a
# student's cell does to numpy or to the kit inside the kernel reaches the gradebook
# (autograder/nbgrader_plugin.py). nbgrader 0.9's default list, with the plugin before
# SaveAutoGrades, which reads each cell's partial credit from its output.
c.Autograde.autograde_preprocessors = [
    "nbgrader.preprocessors.Execute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "autograder.nbgrader_plugin.OutOfKernelGrades",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# A test cell the student deleted comes back (and is graded) instead of silently scoring nothing.
c.OverwriteCells.add_missing_cells = True
