using StackExchange.Redis;

namespace EnterpriseDocs.Cache;

/// <summary>Opens the shared Redis connection without failing startup when Redis is not up yet.</summary>
public static class RedisConnection
{
    /// <summary>
    /// Connects with abortConnect=false so the multiplexer keeps retrying in the background, and
    /// fails commands at once while disconnected instead of queueing them until a timeout.
    /// </summary>
    public static IConnectionMultiplexer Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        options.SyncTimeout = 2000;
        options.AsyncTimeout = 2000;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return ConnectionMultiplexer.Connect(options);
    }
}
