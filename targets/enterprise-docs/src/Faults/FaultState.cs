namespace EnterpriseDocs.Faults;

/// <summary>
/// Fault switches for tests and demos, set from the environment at startup and changed at run time
/// through /__admin/faults. Reads and writes are single-field and need no lock.
/// </summary>
public sealed class FaultState
{
    private volatile int latencyMs;
    private volatile string latencyRoute = "/api";
    private volatile int slowQueryMs;

    /// <summary>Delay added before every request whose path starts with <see cref="LatencyRoute"/>.</summary>
    public int LatencyMs { get => latencyMs; set => latencyMs = Math.Clamp(value, 0, 60_000); }

    /// <summary>Path prefix the added latency applies to (default /api).</summary>
    public string LatencyRoute { get => latencyRoute; set => latencyRoute = string.IsNullOrEmpty(value) ? "/api" : value; }

    /// <summary>When above zero, every API database call first runs pg_sleep for this many milliseconds.</summary>
    public int SlowQueryMs { get => slowQueryMs; set => slowQueryMs = Math.Clamp(value, 0, 60_000); }

    /// <summary>Reads FAULT_LATENCY_MS, FAULT_LATENCY_ROUTE and FAULT_SLOW_QUERY_MS.</summary>
    public static FaultState FromConfiguration(IConfiguration config) => new()
    {
        LatencyMs = config.GetValue("FAULT_LATENCY_MS", 0),
        LatencyRoute = config["FAULT_LATENCY_ROUTE"] ?? "/api",
        SlowQueryMs = config.GetValue("FAULT_SLOW_QUERY_MS", 0),
    };

    /// <summary>A serializable copy of the switches.</summary>
    public FaultSnapshot Snapshot() => new(LatencyMs, LatencyRoute, SlowQueryMs);
}

/// <summary>The fault switches as JSON; on POST every field is optional and only given fields change.</summary>
public sealed record FaultSnapshot(int? LatencyMs, string? LatencyRoute, int? SlowQueryMs);
