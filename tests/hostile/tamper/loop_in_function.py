# trick: an infinite loop inside a function
# targets: score
def entropy(p, base=None):
    while True:
        pass
