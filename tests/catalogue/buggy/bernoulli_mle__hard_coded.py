# catalogue: buggy
# function: bernoulli_mle
# check: bernoulli_mle.basic
# diagnosis: none
# why: returns 0.5 (a fair coin) whatever the data
# reveals: bernoulli_mle(x=[1.0, 0.0, 1.0]) -> 0.5, expected 0.6666666666666666
# note: diagnosis none: no check has a case whose answer is 0.5, so the grader never sees the constant twice in one check
def bernoulli_mle(x):
    return 0.5
