using EnterpriseDocs.Faults;

namespace EnterpriseDocs.Endpoints;

/// <summary>
/// Fault switches under /__admin (bearer token required): latency and slow query, memory hog, crash.
/// </summary>
public static class AdminEndpoints
{
    /// <summary>Adds the admin routes.</summary>
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/__admin");

        admin.MapGet("/faults", (FaultState faults) => faults.Snapshot());

        admin.MapPost("/faults", (FaultSnapshot change, FaultState faults) =>
        {
            if (change.LatencyMs is int latency) faults.LatencyMs = latency;
            if (change.LatencyRoute is string route) faults.LatencyRoute = route;
            if (change.SlowQueryMs is int slow) faults.SlowQueryMs = slow;
            return faults.Snapshot();
        });

        admin.MapPost("/memory", (int? mb, MemoryHog hog) =>
        {
            int held = hog.Grow(Math.Clamp(mb ?? 64, 1, 4096));
            return Results.Ok(new { heldMb = held });
        });

        admin.MapDelete("/memory", (MemoryHog hog) =>
        {
            hog.Release();
            return Results.Ok(new { heldMb = hog.HeldMb });
        });

        admin.MapPost("/crash", (HttpContext context, ILoggerFactory logs) =>
        {
            logs.CreateLogger("EnterpriseDocs.Crash").LogCritical("Crash requested: exiting with code 1");
            context.Response.OnCompleted(async () =>
            {
                await Task.Delay(100);
                Environment.Exit(1);
            });
            return Results.Accepted(value: new { crashing = true, exitCode = 1 });
        });
    }
}
