"""Demo ledger: the seed plan imported as the bureau's 2022 ledger, with progress and evidence."""


def load(people, stdout):
    pass
