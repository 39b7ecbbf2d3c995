"""Every ``GONGJIAN_`` setting, read in one place."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
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
    server_start_timeout_s: float = Field(
        default=600.0,
        gt=0,
        description="How long the embedded server may take to answer after starting. A server that "
        "exits is reported at once; loading a city-scale data folder takes minutes.",
    )
    batch_size: int = Field(default=5_000, ge=1, description="Rows per batched UNWIND write.")
    host: str = Field(default="127.0.0.1", description="Address `gongjian serve` binds to.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `gongjian serve` listens on.")
    environment: Literal["development", "production"] = Field(
        default="development", description="production turns GraphiQL and introspection off."
    )
    log_level: str = Field(default="info", description="Log level.")

    # The closed loop (docs/loop.md): service levels per urgency, and points (积分) for members.
    sla_hours_urgent: float = Field(
        default=24, gt=0, description="Service level of 特急/紧急 demands (hours)."
    )
    sla_hours_high: float = Field(default=72, gt=0, description="Service level of 较急 demands (hours).")
    sla_hours_normal: float = Field(default=168, gt=0, description="Service level of 一般 demands (hours).")
    sla_hours_low: float = Field(default=336, gt=0, description="Service level of 不急 demands (hours).")
    points_complete: int = Field(
        default=10, ge=0, description="Points credited to each member delivering a completed project."
    )
    points_good_rating: int = Field(
        default=5, ge=0, description="Extra points to those members when the resident rates it well."
    )
    points_good_rating_min: int = Field(
        default=4, ge=1, le=5, description="Lowest rating (1-5) that earns the extra points."
    )

    # Matching (docs/matching.md): the weights of the score's parts and the constants of its formulas.
    match_weight_tie: float = Field(default=0.30, ge=0, description="Weight of the tie to the community.")
    match_weight_distance: float = Field(default=0.20, ge=0, description="Weight of distance decay.")
    match_weight_capacity: float = Field(default=0.15, ge=0, description="Weight of capacity fit.")
    match_weight_schedule: float = Field(default=0.15, ge=0, description="Weight of schedule overlap.")
    match_weight_record: float = Field(default=0.12, ge=0, description="Weight of the track record.")
    match_weight_load: float = Field(default=0.08, ge=0, description="Weight of the (light) load.")
    match_rating_prior: float = Field(
        default=3.0, ge=0, description="k of the Bayesian average: ratings the global mean counts as."
    )
    match_experience_half: float = Field(
        default=5.0, gt=0, description="Completed projects at which the experience term reaches 0.5."
    )
    match_load_half: float = Field(
        default=3.0, gt=0, description="Open commitments at which the load term falls to 0.5."
    )
    match_default_limit: int = Field(default=10, ge=1, le=100, description="Candidates returned by default.")
    api_max_first: int = Field(default=100, ge=1, description="Largest page a GraphQL list may ask for.")

    # GraphQL and HTTP protections (docs/security.md, "GraphQL limits").
    api_max_depth: int = Field(default=12, ge=1, description="Deepest nesting of fields in one operation.")
    api_max_tokens: int = Field(default=2000, ge=200, description="Most lexical tokens in one document.")
    api_max_aliases: int = Field(default=30, ge=0, description="Most aliased fields in one document.")
    api_max_cost: int = Field(
        default=50_000,
        ge=1,
        description="Highest cost of one operation: each field costs 1, a list multiplies what it contains "
        "by its first/limit (20 when it has none).",
    )
    api_max_body_bytes: int = Field(
        default=1_048_576, ge=1024, description="Largest request body (query and variables); larger: 413."
    )
    api_max_batch: int = Field(
        default=0, ge=0, description="Most operations in one batched request (JSON array); 0 refuses batches."
    )
    api_rate_per_minute: int = Field(
        default=600,
        ge=0,
        description="Requests a minute per API key (per client address without one); 0 turns the limit off.",
    )
    api_rate_burst: int = Field(default=120, ge=1, description="Requests a key may send at once.")
    api_cors_origins: str = Field(
        default="", description="Comma-separated origins browsers may call the API from; empty = no CORS."
    )
    api_https: bool = Field(
        default=False, description="Served over HTTPS: send Strict-Transport-Security with every answer."
    )

    @property
    def cors_origins(self) -> list[str]:
        return [origin.strip() for origin in self.api_cors_origins.split(",") if origin.strip()]

    # Accounts and authentication (docs/api.md): API keys of `gongjian account`, optional OIDC/JWT.
    require_auth: bool | None = Field(
        default=None,
        description="Refuse requests without credentials (401). Unset: required in production only.",
    )
    auth_cache_ttl_s: float = Field(
        default=30.0,
        ge=0,
        description="Seconds a verified API key is trusted without checking its argon2 hash again; "
        "also how long other processes may still accept a revoked or rotated key. 0 turns it off.",
    )
    auth_cache_size: int = Field(default=1024, ge=0, description="Verified keys kept in that cache.")
    oidc_issuer: str = Field(default="", description="OIDC issuer (iss) of accepted JWTs; empty = no OIDC.")
    oidc_audience: str = Field(default="", description="Audience (aud) accepted JWTs must name.")
    oidc_jwks_url: str = Field(default="", description="Where the issuer's signing keys (JWKS) are.")
    oidc_roles_claim: str = Field(default="roles", description="Claim (dotted path) holding the roles.")
    oidc_scopes_claim: str = Field(default="scopes", description="Claim holding the area ids in scope.")
    oidc_unit_claim: str = Field(default="unit_id", description="Claim holding a unit liaison's unit id.")
    oidc_leeway_s: float = Field(default=30.0, ge=0, description="Clock skew allowed on exp/nbf/iat.")

    @model_validator(mode="after")
    def _oidc_complete(self) -> Settings:
        if self.oidc_issuer and not (self.oidc_audience and self.oidc_jwks_url):
            raise ValueError(
                "GONGJIAN_OIDC_ISSUER is set but GONGJIAN_OIDC_AUDIENCE or GONGJIAN_OIDC_JWKS_URL is "
                "empty: set both (or unset the issuer to turn OIDC off)"
            )
        if self.oidc_jwks_url and not self.oidc_jwks_url.startswith(("https://", "http://")):
            raise ValueError(
                f'GONGJIAN_OIDC_JWKS_URL "{self.oidc_jwks_url}" is not an http(s) URL: give the '
                "issuer's JWKS address (jwks_uri in its /.well-known/openid-configuration)"
            )
        return self

    @property
    def auth_required(self) -> bool:
        """Whether a request without credentials is refused: ``require_auth``, else production only."""
        return self.require_auth if self.require_auth is not None else self.environment == "production"

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer)

    @property
    def match(self) -> MatchSettings:
        """The matching weights and constants as one object."""
        return MatchSettings(
            tie=self.match_weight_tie,
            distance=self.match_weight_distance,
            capacity=self.match_weight_capacity,
            schedule=self.match_weight_schedule,
            record=self.match_weight_record,
            load=self.match_weight_load,
            rating_prior=self.match_rating_prior,
            experience_half=self.match_experience_half,
            load_half=self.match_load_half,
            default_limit=self.match_default_limit,
        )

    def resolved_graph_uri(self) -> str:
        """The effective backend URI: an unset URI means the embedded engine in ``data_dir``."""
        if self.graph_uri:
            return self.graph_uri
        return f"embedded://{self.data_dir.resolve()}"


@dataclass(frozen=True)
class MatchSettings:
    """Weights of the matching score's parts and the constants of their formulas (docs/matching.md)."""

    tie: float = 0.30
    distance: float = 0.20
    capacity: float = 0.15
    schedule: float = 0.15
    record: float = 0.12
    load: float = 0.08
    rating_prior: float = 3.0
    experience_half: float = 5.0
    load_half: float = 3.0
    default_limit: int = 10


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
