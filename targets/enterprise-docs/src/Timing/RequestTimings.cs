using System.Diagnostics;
using System.Globalization;

namespace EnterpriseDocs.Timing;

/// <summary>
/// Time one request spent in PostgreSQL and in Redis, summed over every call it made.
/// Registered as a scoped service and reported in the Server-Timing response header.
/// </summary>
public sealed class RequestTimings
{
    private long dbTicks;
    private long cacheTicks;

    /// <summary>Milliseconds spent waiting on PostgreSQL.</summary>
    public double DbMs => TicksToMs(Interlocked.Read(ref dbTicks));

    /// <summary>Milliseconds spent waiting on Redis.</summary>
    public double CacheMs => TicksToMs(Interlocked.Read(ref cacheTicks));

    /// <summary>Runs a PostgreSQL operation and adds its duration to the db total.</summary>
    public async Task<T> TimeDbAsync<T>(Func<Task<T>> operation)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            return await operation();
        }
        finally
        {
            Interlocked.Add(ref dbTicks, Stopwatch.GetTimestamp() - start);
        }
    }

    /// <summary>Runs a Redis operation and adds its duration to the cache total.</summary>
    public async Task<T> TimeCacheAsync<T>(Func<Task<T>> operation)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            return await operation();
        }
        finally
        {
            Interlocked.Add(ref cacheTicks, Stopwatch.GetTimestamp() - start);
        }
    }

    /// <summary>The Server-Timing header value: db, cache and the whole application time.</summary>
    public string ToHeader(TimeSpan total) => string.Create(
        CultureInfo.InvariantCulture,
        $"db;dur={DbMs:0.###};desc=\"PostgreSQL\", cache;dur={CacheMs:0.###};desc=\"Redis\", app;dur={total.TotalMilliseconds:0.###}");

    private static double TicksToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
