using EnterpriseDocs.Configuration;
using EnterpriseDocs.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace EnterpriseDocs.Endpoints;

/// <summary>
/// Maps /health (liveness), /health/detailed and /api/health (PostgreSQL and Redis as JSON).
/// They allow anonymous access unless HEALTH_REQUIRE_AUTH reproduces the known fault, in which case
/// they carry no authorization metadata, fall under the fallback policy and answer 401.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>Adds the three health endpoints.</summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app, ApiSettings settings)
    {
        var liveness = new HealthCheckOptions { Predicate = _ => false };
        var detailed = new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteDetailed };

        IEndpointConventionBuilder[] endpoints =
        [
            app.MapHealthChecks("/health", liveness),
            app.MapHealthChecks("/health/detailed", detailed),
            app.MapHealthChecks("/api/health", detailed),
        ];
        if (settings.HealthRequireAuth)
        {
            return;
        }
        foreach (var endpoint in endpoints)
        {
            endpoint.AllowAnonymous();
        }
    }
}
