namespace EnterpriseDocs.Faults;

/// <summary>Delays requests on the configured route prefix by the configured latency fault.</summary>
public sealed class LatencyFaultMiddleware(RequestDelegate next, FaultState faults)
{
    /// <summary>Waits the added latency when the path matches, then runs the rest of the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        int delay = faults.LatencyMs;
        if (delay > 0 && context.Request.Path.StartsWithSegments(faults.LatencyRoute))
        {
            await Task.Delay(delay, context.RequestAborted);
        }
        await next(context);
    }
}
