namespace EnterpriseDocs.Faults;

/// <summary>Holds memory on purpose (memory hog fault): every block is touched so it is resident.</summary>
public sealed class MemoryHog
{
    private const int BlockBytes = 1024 * 1024;
    private readonly List<byte[]> blocks = [];
    private readonly Lock gate = new();

    /// <summary>Megabytes currently held.</summary>
    public int HeldMb
    {
        get { lock (gate) { return blocks.Count; } }
    }

    /// <summary>Allocates and touches <paramref name="megabytes"/> more MB; returns the total held.</summary>
    public int Grow(int megabytes)
    {
        lock (gate)
        {
            for (int i = 0; i < megabytes; i++)
            {
                var block = GC.AllocateUninitializedArray<byte>(BlockBytes);
                for (int offset = 0; offset < block.Length; offset += 4096)
                {
                    block[offset] = (byte)(i + offset);
                }
                blocks.Add(block);
            }
            return blocks.Count;
        }
    }

    /// <summary>Releases everything held and collects it.</summary>
    public void Release()
    {
        lock (gate)
        {
            blocks.Clear();
        }
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
