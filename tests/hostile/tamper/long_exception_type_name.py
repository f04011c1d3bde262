# trick: raise an exception whose type name is 200000 characters long (and a module name as
#        long), in every call
# targets: score, neighbours, batch, output, its_report
def bernoulli_mle(x):
    raise type("E" * 200_000, (Exception,), {"__module__": "m" * 100_000})("x" * 1000)
