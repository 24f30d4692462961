"""What one load run against one path measured (wrk or the Python client)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field


@dataclass
class LoadResult:
    name: str
    requests: int  # completed responses
    seconds: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    non_2xx: int
    errors: int  # connect/read/write errors and timeouts
    sent_per_stream: list[int] = field(default_factory=list)
    wrapped: int = 0
    client_cpu_s: float = 0.0
    server_cpu_s: float | None = None
    postgres_cpu_s: float | None = None
    machine_cpu_s: float | None = None

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @classmethod
    def combined(cls, name: str, rounds: list[LoadResult]) -> LoadResult:
        """Rounds of one path as one result: counts and CPU summed, latency percentiles
        the median of the rounds' (wrk reports percentiles, not a histogram)."""

        def total(attribute: str) -> float | None:
            values = [getattr(r, attribute) for r in rounds]
            return None if any(v is None for v in values) else sum(values)

        def median(attribute: str) -> float:
            return statistics.median(getattr(r, attribute) for r in rounds)

        return cls(
            name=name,
            requests=sum(r.requests for r in rounds),
            seconds=sum(r.seconds for r in rounds),
            p50_ms=median("p50_ms"),
            p90_ms=median("p90_ms"),
            p99_ms=median("p99_ms"),
            max_ms=max(r.max_ms for r in rounds),
            non_2xx=sum(r.non_2xx for r in rounds),
            errors=sum(r.errors for r in rounds),
            sent_per_stream=[n for r in rounds for n in r.sent_per_stream],
            wrapped=sum(r.wrapped for r in rounds),
            client_cpu_s=sum(r.client_cpu_s for r in rounds),
            server_cpu_s=total("server_cpu_s"),
            postgres_cpu_s=total("postgres_cpu_s"),
            machine_cpu_s=total("machine_cpu_s"),
        )
