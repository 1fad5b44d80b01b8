using EnterpriseDocs.Configuration;
using Npgsql;

namespace EnterpriseDocs.Data;

/// <summary>
/// Creates the schema and seeds the documents at startup when the table is empty. Runs under a
/// transaction-scoped advisory lock so two replicas starting together seed once.
/// </summary>
public sealed class DatabaseSeeder(NpgsqlDataSource dataSource, ApiSettings settings, ILogger<DatabaseSeeder> log)
{
    private const long AdvisoryLockKey = 0x656e_7464_6f63; // "entdoc"

    /// <summary>Ensures the schema exists and seeds it if empty; retries while PostgreSQL starts.</summary>
    public async Task EnsureSeededAsync(CancellationToken cancel)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await SeedOnceAsync(cancel);
                return;
            }
            catch (NpgsqlException ex) when (attempt < 30)
            {
                log.LogWarning("PostgreSQL not ready (attempt {Attempt}): {Message}", attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancel);
            }
        }
    }

    private async Task SeedOnceAsync(CancellationToken cancel)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancel);
        await using var tx = await connection.BeginTransactionAsync(cancel);
        await Execute(connection, "SELECT pg_advisory_xact_lock(" + AdvisoryLockKey + ")", cancel);
        await Execute(connection, Schema.Create, cancel);

        await using var count = new NpgsqlCommand("SELECT count(*) FROM documents", connection);
        long existing = (long)(await count.ExecuteScalarAsync(cancel) ?? 0L);
        if (existing == 0 && settings.SeedDocuments > 0)
        {
            var started = DateTime.UtcNow;
            await using var seed = new NpgsqlCommand(Schema.Seed, connection) { CommandTimeout = 300 };
            seed.Parameters.AddWithValue("count", settings.SeedDocuments);
            int rows = await seed.ExecuteNonQueryAsync(cancel);
            log.LogWarning("Seeded {Rows} documents in {Ms:0} ms", rows, (DateTime.UtcNow - started).TotalMilliseconds);
        }
        await tx.CommitAsync(cancel);
        await Execute(connection, "ANALYZE documents", cancel);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancel)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancel);
    }
}
