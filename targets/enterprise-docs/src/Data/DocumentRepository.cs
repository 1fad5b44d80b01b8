using EnterpriseDocs.Faults;
using EnterpriseDocs.Timing;
using Npgsql;

namespace EnterpriseDocs.Data;

/// <summary>
/// Document queries on PostgreSQL. Every call is timed into <see cref="RequestTimings"/> (db) and,
/// when the slow-query fault is on, first runs pg_sleep on the same connection.
/// </summary>
public sealed class DocumentRepository(NpgsqlDataSource dataSource, RequestTimings timings, FaultState faults)
{
    private const string DocumentColumns =
        "id, title, owner, department, mime_type, size_bytes, version, tags, content, created_at, updated_at";

    /// <summary>Largest page size the list accepts.</summary>
    public const int MaxPageSize = 100;

    /// <summary>One page of documents ordered by id (1-based page).</summary>
    public Task<DocumentPage> ListAsync(int page, int pageSize, CancellationToken cancel) => timings.TimeDbAsync(async () =>
    {
        await using var connection = await OpenAsync(cancel);
        await using var command = new NpgsqlCommand(
            "SELECT id, title, owner, department, mime_type, size_bytes, version, updated_at " +
            "FROM documents ORDER BY id LIMIT @limit OFFSET @offset", connection);
        command.Parameters.AddWithValue("limit", pageSize + 1);
        command.Parameters.AddWithValue("offset", (long)(page - 1) * pageSize);
        var items = new List<DocumentSummary>(pageSize + 1);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
        {
            items.Add(new DocumentSummary(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetInt64(5), reader.GetInt32(6), reader.GetDateTime(7)));
        }
        bool hasMore = items.Count > pageSize;
        if (hasMore)
        {
            items.RemoveAt(items.Count - 1);
        }
        return new DocumentPage(page, pageSize, hasMore, items);
    });

    /// <summary>The <paramref name="limit"/> documents of <paramref name="owner"/> updated last, newest first.</summary>
    public Task<IReadOnlyList<DocumentSummary>> ListRecentByOwnerAsync(string owner, int limit, CancellationToken cancel) => timings.TimeDbAsync(async () =>
    {
        await using var connection = await OpenAsync(cancel);
        await using var command = new NpgsqlCommand(
            "SELECT id, title, owner, department, mime_type, size_bytes, version, updated_at " +
            "FROM documents WHERE owner = @owner ORDER BY updated_at DESC, id DESC LIMIT @limit", connection);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("limit", limit);
        var items = new List<DocumentSummary>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
        {
            items.Add(new DocumentSummary(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetInt64(5), reader.GetInt32(6), reader.GetDateTime(7)));
        }
        return (IReadOnlyList<DocumentSummary>)items;
    });

    /// <summary>The document with this id, or null.</summary>
    public Task<Document?> GetAsync(long id, CancellationToken cancel) => timings.TimeDbAsync(async () =>
    {
        await using var connection = await OpenAsync(cancel);
        await using var command = new NpgsqlCommand($"SELECT {DocumentColumns} FROM documents WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        return await reader.ReadAsync(cancel) ? ReadDocument(reader) : null;
    });

    /// <summary>Inserts a document and returns it as stored.</summary>
    public Task<Document> CreateAsync(NewDocument input, CancellationToken cancel) => timings.TimeDbAsync(async () =>
    {
        await using var connection = await OpenAsync(cancel);
        await using var command = new NpgsqlCommand(
            "INSERT INTO documents (title, owner, department, mime_type, size_bytes, tags, content) " +
            $"VALUES (@title, @owner, @department, @mime, @size, @tags, @content) RETURNING {DocumentColumns}", connection);
        command.Parameters.AddWithValue("title", input.Title ?? "untitled");
        command.Parameters.AddWithValue("owner", input.Owner ?? "loadcert");
        command.Parameters.AddWithValue("department", input.Department ?? "engineering");
        command.Parameters.AddWithValue("mime", input.MimeType ?? "text/markdown");
        command.Parameters.AddWithValue("size", input.SizeBytes ?? (input.Content?.Length ?? 0));
        command.Parameters.AddWithValue("tags", input.Tags ?? []);
        command.Parameters.AddWithValue("content", input.Content ?? "");
        await using var reader = await command.ExecuteReaderAsync(cancel);
        await reader.ReadAsync(cancel);
        return ReadDocument(reader);
    });

    /// <summary>Full-text search (websearch syntax, English configuration), best ranked first.</summary>
    public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int limit, CancellationToken cancel) => timings.TimeDbAsync(async () =>
    {
        await using var connection = await OpenAsync(cancel);
        await using var command = new NpgsqlCommand(
            "SELECT d.id, d.title, d.department, ts_rank(d.search, q) AS rank " +
            "FROM documents d, websearch_to_tsquery('english', @q) q " +
            "WHERE d.search @@ q ORDER BY rank DESC, d.id LIMIT @limit", connection);
        command.Parameters.AddWithValue("q", query);
        command.Parameters.AddWithValue("limit", limit);
        var hits = new List<SearchHit>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
        {
            hits.Add(new SearchHit(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFloat(3)));
        }
        return (IReadOnlyList<SearchHit>)hits;
    });

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancel)
    {
        var connection = await dataSource.OpenConnectionAsync(cancel);
        int slowMs = faults.SlowQueryMs;
        if (slowMs > 0)
        {
            await using var sleep = new NpgsqlCommand("SELECT pg_sleep(@s)", connection);
            sleep.Parameters.AddWithValue("s", slowMs / 1000.0);
            await sleep.ExecuteNonQueryAsync(cancel);
        }
        return connection;
    }

    private static Document ReadDocument(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5),
        r.GetInt32(6), r.GetFieldValue<string[]>(7), r.GetString(8), r.GetDateTime(9), r.GetDateTime(10));
}
