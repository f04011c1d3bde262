# trick: raise exceptions whose messages hold lone surrogates (\ud800, \udfff), which no UTF-8
#        writer accepts, in a public and a hidden function
# targets: score, neighbours, batch, its_report, grades
# slow: yes
def bernoulli_mle(x):
    raise ValueError("lone surrogate \ud800 here \udfff")


def entropy(p, base=None):
    raise RuntimeError("\udcff" * 50)
