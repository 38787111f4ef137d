"""ActorGraph: news article → graph of actors joined by alliance and hostility."""
from __future__ import annotations

__version__ = "0.1.0"
