"""Clients of outside services (Kolada, SCB): httpx, tested with respx on recorded responses,
never the network. A client only fetches and reads; what it brings goes in through the services
of the area it fills (population: ``economy.services.population``)."""
