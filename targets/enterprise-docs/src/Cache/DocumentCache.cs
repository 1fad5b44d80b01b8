using EnterpriseDocs.Timing;
using StackExchange.Redis;

namespace EnterpriseDocs.Cache;

/// <summary>Redis read cache of single documents as JSON, timed into <see cref="RequestTimings"/> (cache).</summary>
public sealed class DocumentCache(IConnectionMultiplexer redis, RequestTimings timings)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    /// <summary>The cached JSON of a document, or null on a miss.</summary>
    public Task<string?> GetAsync(long id) => timings.TimeCacheAsync(async () =>
    {
        RedisValue value = await redis.GetDatabase().StringGetAsync(Key(id));
        return value.HasValue ? value.ToString() : null;
    });

    /// <summary>Stores the JSON of a document for five minutes.</summary>
    public Task SetAsync(long id, string json) => timings.TimeCacheAsync(
        () => redis.GetDatabase().StringSetAsync(Key(id), json, Ttl));

    private static RedisKey Key(long id) => "enterprise-docs:doc:" + id;
}
