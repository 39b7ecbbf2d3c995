"""Every ``GONGJIAN_`` setting, read in one place."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Configuration from environment variables prefixed ``GONGJIAN_`` (or a ``.env`` file)."""

    model_config = SettingsConfigDict(env_prefix="GONGJIAN_", env_file=".env", extra="ignore")

    graph_uri: str = Field(
        default="",
        description="Which graph: unset or embedded:///dir (embedded FalkorDB), bolt:// or neo4j:// "
        "(Neo4j), falkordb://host:port/graph (external FalkorDB).",
    )
    data_dir: Path = Field(default=Path("data/graph"), description="Data folder of the embedded engine.")
    graph_name: str = Field(default="gongjian", description="Graph (FalkorDB) or database (Neo4j) name.")
    neo4j_user: str = Field(default="neo4j", description="Neo4j user.")
    neo4j_password: str = Field(default="", description="Neo4j password.")
    neo4j_database: str = Field(default="", description="Neo4j database; empty = the server's default.")
    appendfsync: Literal["everysec", "always"] = Field(
        default="everysec",
        description="Embedded durability: everysec (fast; an OS crash may lose ≤2 s) or always "
        "(every acknowledged write is on disk).",
    )
    query_timeout_ms: int = Field(default=30_000, ge=1, description="Timeout of one graph query.")
    server_start_timeout_s: float = Field(default=30.0, gt=0, description="Embedded server start-up limit.")
    batch_size: int = Field(default=2_000, ge=1, description="Rows per batched UNWIND write.")
    host: str = Field(default="127.0.0.1", description="Address `gongjian serve` binds to.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `gongjian serve` listens on.")
    environment: Literal["development", "production"] = Field(
        default="development", description="production turns GraphiQL and introspection off."
    )
    log_level: str = Field(default="info", description="Log level.")

    def resolved_graph_uri(self) -> str:
        """The effective backend URI: an unset URI means the embedded engine in ``data_dir``."""
        if self.graph_uri:
            return self.graph_uri
        return f"embedded://{self.data_dir.resolve()}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
