namespace EnterpriseDocs.Auth;

/// <summary>Counts authentication challenges (401 answers) since start, shown on /health/detailed.</summary>
public sealed class AuthFailureCounter
{
    private long count;

    /// <summary>Challenges answered so far.</summary>
    public long Count => Interlocked.Read(ref count);

    /// <summary>Records one challenge.</summary>
    public void Increment() => Interlocked.Increment(ref count);
}
