# catalogue: buggy
# function: bernoulli_mle
# check: bernoulli_mle.basic
# diagnosis: integer_arithmetic
# why: k // n floors the proportion to 0 unless every sample is a one
# reveals: bernoulli_mle(x=[1.0, 0.0, 1.0]) -> 0.0, expected 0.6666666666666666
def bernoulli_mle(x):
    k = 0
    for xi in x:
        k += int(xi)
    return float(k // len(x))
