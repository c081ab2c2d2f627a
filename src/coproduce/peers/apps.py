from django.apps import AppConfig


class PeersConfig(AppConfig):
    name = "coproduce.peers"
    label = "peers"
    verbose_name = "Peer learning network"

    def ready(self) -> None:
        from coproduce.web.navigation import NavEntry, label, register

        register(
            NavEntry(
                order=96,
                label=label("Peer network"),
                url_name="peers:directory",
                permission="peers.view",
                namespaces=("peers",),
            )
        )
        from coproduce.peers import rules  # noqa: F401  (registers the rules)
