namespace EnterpriseDocs.Configuration;

/// <summary>
/// Settings of one API replica, read once at startup from configuration (environment variables
/// in the container). Names are the environment variable names documented in the README.
/// </summary>
public sealed class ApiSettings
{
    /// <summary>TCP port Kestrel listens on, always on 127.0.0.1 (API_PORT, default 5080).</summary>
    public int Port { get; init; } = 5080;

    /// <summary>TLS port serving HTTP/1.1 and HTTP/2 with TLS_CERT (HTTPS_PORT; 0, the default, serves no HTTPS).</summary>
    public int HttpsPort { get; init; }

    /// <summary>Plain port whose every request is redirected (307) to HTTPS_PORT (HTTP_REDIRECT_PORT; 0 = none).</summary>
    public int RedirectPort { get; init; }

    /// <summary>PEM certificate of the TLS port (TLS_CERT), required with HTTPS_PORT.</summary>
    public string TlsCertPath { get; init; } = "";

    /// <summary>Unencrypted PEM private key of TLS_CERT (TLS_KEY), required with HTTPS_PORT.</summary>
    public string TlsKeyPath { get; init; } = "";

    /// <summary>The one bearer token the API accepts (LOADCERT_API_TOKEN); required.</summary>
    public string ApiToken { get; init; } = "";

    /// <summary>Npgsql connection string (PG_CONNECTION).</summary>
    public string PostgresConnection { get; init; } = "";

    /// <summary>StackExchange.Redis configuration string (REDIS_CONNECTION).</summary>
    public string RedisConnection { get; init; } = "";

    /// <summary>
    /// Reproduces the known fault (HEALTH_REQUIRE_AUTH=true): the health endpoints are mapped
    /// without AllowAnonymous, fall under the fallback policy and answer 401.
    /// </summary>
    public bool HealthRequireAuth { get; init; }

    /// <summary>Routes SignalR messages through the Redis backplane (REDIS_BACKPLANE=true).</summary>
    public bool RedisBackplane { get; init; }

    /// <summary>Number of documents seeded when the table is empty (SEED_DOCUMENTS, default 10000).</summary>
    public int SeedDocuments { get; init; } = 10_000;

    /// <summary>Name of this replica, reported in hub broadcasts and /health/detailed (REPLICA_NAME).</summary>
    public string ReplicaName { get; init; } = Environment.MachineName;

    /// <summary>User name of the one demo account of the cookie session area (SESSION_USER, default a.martin,
    /// an owner of seeded documents).</summary>
    public string SessionUser { get; init; } = "a.martin";

    /// <summary>Password of the demo account (SESSION_PASSWORD, default enterprise-docs-demo).</summary>
    public string SessionPassword { get; init; } = "enterprise-docs-demo";

    /// <summary>Reads the settings from configuration and rejects a missing token or connection.</summary>
    public static ApiSettings FromConfiguration(IConfiguration config)
    {
        var settings = new ApiSettings
        {
            Port = config.GetValue("API_PORT", 5080),
            HttpsPort = config.GetValue("HTTPS_PORT", 0),
            RedirectPort = config.GetValue("HTTP_REDIRECT_PORT", 0),
            TlsCertPath = config["TLS_CERT"] ?? "",
            TlsKeyPath = config["TLS_KEY"] ?? "",
            ApiToken = config["LOADCERT_API_TOKEN"] ?? "",
            PostgresConnection = config["PG_CONNECTION"]
                ?? "Host=127.0.0.1;Port=55432;Username=docs;Database=docs;Maximum Pool Size=40",
            RedisConnection = config["REDIS_CONNECTION"] ?? "127.0.0.1:56379",
            HealthRequireAuth = IsTrue(config["HEALTH_REQUIRE_AUTH"]),
            RedisBackplane = IsTrue(config["REDIS_BACKPLANE"]),
            SeedDocuments = config.GetValue("SEED_DOCUMENTS", 10_000),
            ReplicaName = config["REPLICA_NAME"] ?? Environment.MachineName,
            SessionUser = config["SESSION_USER"] ?? "a.martin",
            SessionPassword = config["SESSION_PASSWORD"] ?? "enterprise-docs-demo",
        };
        if (string.IsNullOrWhiteSpace(settings.ApiToken))
        {
            throw new InvalidOperationException("LOADCERT_API_TOKEN must be set: the API refuses to start without a token.");
        }
        if (settings.HttpsPort > 0 && (string.IsNullOrWhiteSpace(settings.TlsCertPath) || string.IsNullOrWhiteSpace(settings.TlsKeyPath)))
        {
            throw new InvalidOperationException("HTTPS_PORT needs TLS_CERT and TLS_KEY (PEM files; scripts/stack/tls.sh makes them).");
        }
        if (settings.RedirectPort > 0 && settings.HttpsPort <= 0)
        {
            throw new InvalidOperationException("HTTP_REDIRECT_PORT redirects to HTTPS_PORT: set HTTPS_PORT too.");
        }
        if (string.IsNullOrWhiteSpace(settings.SessionUser) || string.IsNullOrEmpty(settings.SessionPassword))
        {
            throw new InvalidOperationException("SESSION_USER and SESSION_PASSWORD must not be empty (unset them for the defaults).");
        }
        return settings;
    }

    private static bool IsTrue(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");
}
