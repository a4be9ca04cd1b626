"""Work done in other apps that counts as evidence for a ledger task (item 12's clean-up
campaign, item 13's interpretations …): the ledger shows it under the task and nobody uploads
it twice.

The ledger never imports those apps (they sit beside it): the floor above hands their
providers in at start-up (`gongkai.site.apps`). A provider takes a Task and returns
[{"title", "url", "date", "kind"}].
"""

_providers = []


def register(provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def for_task(task) -> list[dict]:
    return [item for provider in _providers for item in provider(task)]
