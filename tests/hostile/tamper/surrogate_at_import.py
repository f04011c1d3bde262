# trick: stop the module at import with a lone surrogate in the message, so the loader's note
#        (every output shows it) carries it
# targets: score, neighbours, batch, its_report, grades
# slow: yes
class _Go:
    raise ImportError("cannot import \ud83d name")
