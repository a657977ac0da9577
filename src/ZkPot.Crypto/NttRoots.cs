using System.Numerics;

namespace ZkPot.Crypto;

/// <summary>
/// The power-of-two roots of unity of Fr (r - 1 = 2^28 * t, t odd) and the shared twiddle table the NTT reads.
/// The roots are those snarkjs (ffjavascript) uses: w_28 = 5^t, w_k = w_{k+1}^2, so coset evaluations match .zkey data.
/// </summary>
public static class NttRoots
{
    /// <summary>The largest k with 2^k dividing r - 1.</summary>
    public const int TwoAdicity = 28;

    /// <summary>The quadratic non-residue whose odd part power generates the 2^28-th roots.</summary>
    public static readonly Fr NonResidue = Fr.FromUInt64(5);

    static readonly Fr[] Roots = BuildRoots();

    /// <summary>Grows by replacement (never in place), so a reader's snapshot stays valid while another thread grows it.</summary>
    static volatile Fr[] _twiddles = [Fr.Zero, Fr.One];
    static readonly Lock GrowLock = new();

    /// <summary>The primitive 2^logSize-th root of unity, 0 &lt;= logSize &lt;= 28.</summary>
    public static Fr Root(int logSize)
    {
        if ((uint)logSize > TwoAdicity)
            throw new ArgumentOutOfRangeException(nameof(logSize), logSize, $"log2 of the domain size must be in 0..{TwoAdicity}");
        return Roots[logSize];
    }

    /// <summary>log2 of a valid NTT length; throws unless the length is a power of two up to 2^28.</summary>
    public static int LogSize(int length, string paramName)
    {
        if (length <= 0 || !BitOperations.IsPow2(length) || length > 1 << TwoAdicity)
            throw new ArgumentException($"NTT length must be a power of two between 1 and 2^{TwoAdicity}, got {length}", paramName);
        return BitOperations.Log2((uint)length);
    }

    static Fr[] BuildRoots()
    {
        var t = (Fr.Modulus - 1) >> TwoAdicity;
        var roots = new Fr[TwoAdicity + 1];
        roots[TwoAdicity] = NonResidue.Pow(t);
        for (int k = TwoAdicity - 1; k >= 0; k--) roots[k] = roots[k + 1].Square();
        return roots;
    }

    /// <summary>
    /// A table T of at least n entries with T[m + j] = w_{2m}^j for every power of two m &lt; n and j &lt; m: stage m of a
    /// radix-2 transform reads its twiddles contiguously, and every smaller domain reads a prefix of the same table.
    /// </summary>
    internal static Fr[] Twiddles(int logSize)
    {
        var table = _twiddles;
        if (table.Length >= 1 << logSize) return table;
        lock (GrowLock)
        {
            table = _twiddles;
            if (table.Length >= 1 << logSize) return table;
            table = BuildTwiddles(logSize);
            _twiddles = table;
            return table;
        }
    }

    static Fr[] BuildTwiddles(int logSize)
    {
        int n = 1 << logSize;
        var table = new Fr[n];
        table[0] = Fr.Zero;
        if (n == 1) return table;
        // The top stage (m = n/2) by powers of w_n, in parallel chunks each seeded by one exponentiation.
        int half = n / 2;
        var w = Roots[logSize];
        int chunk = Math.Max(1 << 12, half / (4 * Environment.ProcessorCount));
        int chunks = (half + chunk - 1) / chunk;
        Parallel.For(0, chunks, c =>
        {
            int start = c * chunk, end = Math.Min(half, start + chunk);
            var x = w.Pow([(ulong)start]);
            for (int j = start; j < end; j++) { table[half + j] = x; x *= w; }
        });
        // Lower stages are strided copies: w_{2m}^j = w_{4m}^{2j}, so they are exact, not recomputed.
        for (int m = half / 2; m >= 1; m /= 2)
            for (int j = 0; j < m; j++) table[m + j] = table[2 * m + 2 * j];
        return table;
    }
}
