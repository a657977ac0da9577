namespace ZkPot.Ledger.Simulation;

/// <summary>SplitMix64: a tiny seeded generator whose output is fixed by its definition, so a simulation seed replays identically on every runtime.</summary>
public sealed class SplitMix64(ulong seed)
{
    ulong _state = seed;

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max); the tiny modulo bias is irrelevant for simulated delays.</summary>
    public long Range(long min, long max)
    {
        if (max <= min) throw new ArgumentOutOfRangeException(nameof(max), $"empty range [{min}, {max})");
        return min + (long)(Next() % (ulong)(max - min));
    }

    public void Fill(Span<byte> bytes)
    {
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)Next();
    }

    public void Shuffle<T>(IList<T> list)
    {
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = (int)Range(0, i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
