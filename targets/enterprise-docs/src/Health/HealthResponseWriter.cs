using System.Text.Json;
using EnterpriseDocs.Auth;
using EnterpriseDocs.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EnterpriseDocs.Health;

/// <summary>Writes a health report as JSON: overall status, each dependency's status and duration.</summary>
public static class HealthResponseWriter
{
    /// <summary>Serializes <paramref name="report"/> to the response body.</summary>
    public static Task WriteDetailed(HttpContext context, HealthReport report)
    {
        var settings = context.RequestServices.GetRequiredService<ApiSettings>();
        var failures = context.RequestServices.GetRequiredService<AuthFailureCounter>();
        var body = new
        {
            status = report.Status.ToString(),
            totalDurationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 3),
            replica = settings.ReplicaName,
            redisBackplane = settings.RedisBackplane,
            authFailures = failures.Count,
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new
                {
                    status = entry.Value.Status.ToString(),
                    durationMs = Math.Round(entry.Value.Duration.TotalMilliseconds, 3),
                    description = entry.Value.Description,
                }),
        };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
