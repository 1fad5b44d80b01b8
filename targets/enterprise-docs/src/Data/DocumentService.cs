using System.Text.Json;
using EnterpriseDocs.Cache;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EnterpriseDocs.Data;

/// <summary>
/// Reads single documents through the Redis cache, falling back to PostgreSQL on a miss. When Redis
/// fails the read goes on from PostgreSQL (the cache is an optimisation, not a dependency).
/// </summary>
public sealed class DocumentService(DocumentRepository repository, DocumentCache cache, IOptions<JsonOptions> json, ILogger<DocumentService> log)
{
    /// <summary>The JSON of document <paramref name="id"/> and whether it came from the cache, or null.</summary>
    public async Task<(string Json, bool Hit)?> GetJsonAsync(long id, CancellationToken cancel)
    {
        string? cached = null;
        try
        {
            cached = await cache.GetAsync(id);
        }
        catch (RedisException ex)
        {
            log.LogWarning("Redis read failed, reading PostgreSQL: {Message}", ex.Message);
        }
        if (cached is not null)
        {
            return (cached, true);
        }
        Document? document = await repository.GetAsync(id, cancel);
        if (document is null)
        {
            return null;
        }
        string serialized = JsonSerializer.Serialize(document, json.Value.SerializerOptions);
        try
        {
            await cache.SetAsync(id, serialized);
        }
        catch (RedisException ex)
        {
            log.LogWarning("Redis write failed: {Message}", ex.Message);
        }
        return (serialized, false);
    }
}
