using System.Diagnostics;

namespace EnterpriseDocs.Timing;

/// <summary>
/// Adds a Server-Timing header (db, cache, app durations) to every HTTP response except the SignalR
/// transport requests under /hubs, whose responses are streams rather than API answers.
/// </summary>
public sealed class ServerTimingMiddleware(RequestDelegate next)
{
    /// <summary>Registers the header callback, then runs the rest of the pipeline.</summary>
    public Task InvokeAsync(HttpContext context, RequestTimings timings)
    {
        if (context.Request.Path.StartsWithSegments("/hubs"))
        {
            return next(context);
        }
        long start = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            context.Response.Headers["Server-Timing"] = timings.ToHeader(Stopwatch.GetElapsedTime(start));
            return Task.CompletedTask;
        });
        return next(context);
    }
}
