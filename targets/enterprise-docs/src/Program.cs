// Composition root of the enterprise-docs reference API: settings, loopback listeners (plain, HTTPS
// with HTTP/1.1 and HTTP/2, a plain port redirecting to HTTPS), PostgreSQL, Redis, bearer auth
// with a fallback policy, a cookie session area, response compression, Server-Timing, fault switches,
// health endpoints and the SignalR hub.
using EnterpriseDocs.Auth;
using EnterpriseDocs.Cache;
using EnterpriseDocs.Configuration;
using EnterpriseDocs.Data;
using EnterpriseDocs.Endpoints;
using EnterpriseDocs.Faults;
using EnterpriseDocs.Health;
using EnterpriseDocs.Hubs;
using EnterpriseDocs.Timing;
using EnterpriseDocs.Transport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.ResponseCompression;
using System.IO.Compression;
using Npgsql;
using StackExchange.Redis;

var builder = WebApplication.CreateBuilder(args);
var settings = ApiSettings.FromConfiguration(builder.Configuration);
builder.ListenOnLoopback(settings);

builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(FaultState.FromConfiguration(builder.Configuration));
builder.Services.AddSingleton<MemoryHog>();
builder.Services.AddSingleton<AuthFailureCounter>();
builder.Services.AddSingleton(NpgsqlDataSource.Create(settings.PostgresConnection));
var redis = RedisConnection.Connect(settings.RedisConnection);
builder.Services.AddSingleton(redis);
builder.Services.AddSingleton<DatabaseSeeder>();
builder.Services.AddScoped<RequestTimings>();
builder.Services.AddScoped<DocumentRepository>();
builder.Services.AddScoped<DocumentCache>();
builder.Services.AddScoped<DocumentService>();

// The bearer scheme stays the default (everything under /api, /__admin, /hubs); the cookie scheme is
// used only by the session policy of /session/*. Cookies are protected with a key ring kept in Redis, so
// every replica reads the cookie another one issued.
builder.Services.AddDataProtection()
    .SetApplicationName("enterprise-docs")
    .PersistKeysToStackExchangeRedis(redis, "enterprise-docs:data-protection-keys");
builder.Services
    .AddAuthentication(BearerTokenOptions.SchemeName)
    .AddScheme<BearerTokenOptions, BearerTokenHandler>(BearerTokenOptions.SchemeName, o => o.Token = settings.ApiToken)
    .AddSessionCookie();
builder.Services.AddAuthorization(o =>
{
    o.FallbackPolicy = new AuthorizationPolicyBuilder(BearerTokenOptions.SchemeName).RequireAuthenticatedUser().Build();
    o.AddSessionPolicy();
});

// JSON (and the other default text types) compressed with Brotli or gzip as the client accepts. On for
// HTTPS too: no response mixes a secret with text a caller chose (the BREACH condition).
builder.Services.AddResponseCompression(o =>
{
    o.EnableForHttps = true;
    o.Providers.Add<BrotliCompressionProvider>();
    o.Providers.Add<GzipCompressionProvider>();
    o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Union(["application/json", "application/problem+json", "text/html"]);
});
builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);

builder.Services.AddHealthChecks()
    .AddCheck<PostgresHealthCheck>("postgresql")
    .AddCheck<RedisHealthCheck>("redis");

var signalR = builder.Services.AddSignalR().AddMessagePackProtocol();
if (settings.RedisBackplane)
{
    signalR.AddStackExchangeRedis(settings.RedisConnection, o =>
        o.Configuration.ChannelPrefix = RedisChannel.Literal("enterprise-docs"));
}

var app = builder.Build();

await app.Services.GetRequiredService<DatabaseSeeder>().EnsureSeededAsync(app.Lifetime.ApplicationStopping);

app.UseHttpsRedirectionPort(settings);
app.UseResponseCompression();
app.UseMiddleware<ServerTimingMiddleware>();
app.UseMiddleware<LatencyFaultMiddleware>();
app.UseWebSockets();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthEndpoints(settings);
app.MapDocumentEndpoints();
app.MapAdminEndpoints();
app.MapAccountEndpoints();
app.MapSessionEndpoints();
app.MapHub<DocumentsHub>("/hubs/documents");

app.Logger.LogWarning(
    "enterprise-docs replica {Replica} listening on 127.0.0.1:{Port}, HTTPS port {HttpsPort}, redirect port {RedirectPort} (0 = none) (health auth required: {HealthAuth}, Redis backplane: {Backplane})",
    settings.ReplicaName, settings.Port, settings.HttpsPort, settings.RedirectPort, settings.HealthRequireAuth, settings.RedisBackplane);
await app.RunAsync();
