using System.Numerics;
using Element = ZkPot.Crypto.MsmField<ZkPot.Crypto.RModulus>;
using Lanes = ZkPot.Crypto.FieldLanes<ZkPot.Crypto.RModulus>;

namespace ZkPot.Crypto;

/// <summary>
/// Iterative radix-2 NTT on the CPU: bit-reversal permutation, then decimation-in-time butterflies. The first stages
/// run block by block inside a cache-sized block, the later ones as whole passes split across threads. The loops view
/// Fr as <see cref="MsmField{M}"/> (same layout and values) for its faster multiplication; with AVX-512, the stages with
/// m >= 8 run up to three per pass on <see cref="FieldLanes{M}"/> (see Stages), as does the scaling pass.
/// </summary>
public sealed unsafe class CpuNtt : INtt
{
    /// <summary>4096 elements (128 KiB) keep a block's early stages in L2 while one thread works on it.</summary>
    const int BlockLog = 12;

    /// <summary>Below this size the work is too short to repay handing it to the thread pool.</summary>
    const int ParallelLog = 13;

    readonly ParallelOptions _options;

    /// <summary>An NTT that uses at most <paramref name="maxThreads"/> threads (0: one per processor).</summary>
    public CpuNtt(int maxThreads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxThreads);
        _options = new ParallelOptions { MaxDegreeOfParallelism = maxThreads > 0 ? maxThreads : Environment.ProcessorCount };
    }

    /// <summary>A shared instance using every processor; the class holds no mutable state, so sharing is safe.</summary>
    public static CpuNtt Shared { get; } = new();

    public void Forward(Span<Fr> values)
    {
        int log = NttRoots.LogSize(values.Length, nameof(values));
        fixed (Fr* p = values) Transform(p, log);
    }

    public void Inverse(Span<Fr> values)
    {
        int log = NttRoots.LogSize(values.Length, nameof(values));
        fixed (Fr* p = values)
        {
            Transform(p, log);
            ReverseTail(p, log);
            ScaleByPowers(p, log, Fr.One, SizeInverse(log));
        }
    }

    public void ForwardOnCoset(Span<Fr> values, in Fr shift)
    {
        int log = NttRoots.LogSize(values.Length, nameof(values));
        fixed (Fr* p = values)
        {
            ScaleByPowers(p, log, shift, Fr.One);
            Transform(p, log);
        }
    }

    public void InverseOnCoset(Span<Fr> values, in Fr shift)
    {
        int log = NttRoots.LogSize(values.Length, nameof(values));
        if (shift.IsZero) throw new ArgumentException("coset shift must be nonzero", nameof(shift));
        fixed (Fr* p = values)
        {
            Transform(p, log);
            ReverseTail(p, log);
            ScaleByPowers(p, log, shift.Inverse(), SizeInverse(log));
        }
    }

    public void ToOddCoset(Span<Fr> evaluations)
    {
        int log = NttRoots.LogSize(evaluations.Length, nameof(evaluations));
        if (log >= NttRoots.TwoAdicity)
            throw new ArgumentException($"the odd coset of a domain of size 2^{log} needs 2^{log + 1}-th roots of unity, beyond Fr's 2^{NttRoots.TwoAdicity}", nameof(evaluations));
        fixed (Fr* p = evaluations)
        {
            Transform(p, log);
            ReverseTail(p, log);
            // The 1/n of the inverse and the coset powers w_2n^i share one pass.
            ScaleByPowers(p, log, NttRoots.Root(log + 1), SizeInverse(log));
            Transform(p, log);
        }
    }

    static Fr SizeInverse(int log) => Fr.FromUInt64(1UL << log).Inverse();

    /// <summary>The unnormalised forward transform: bit-reverse, then every butterfly stage.</summary>
    void Transform(Fr* values, int log)
    {
        if (log == 0) return;
        var twiddles = NttRoots.Twiddles(log);
        fixed (Fr* tw = twiddles)
        {
            var p = (Element*)values;
            var t = (Element*)tw;
            BitReverse(p, log);
            int blockLog = Math.Min(BlockLog, log);
            For(log, 1 << (log - blockLog), b => BlockStages(p + ((long)b << blockLog), blockLog, t));
            for (int s = blockLog; s < log; s++)
            {
                int stage = s;
                int chunks = ChunkCount(log);
                if (Lanes.IsFast)
                {
                    // Several stages per pass over the data (see Stages); chunk bounds are multiples of 8 groups.
                    int layers = Layers(log - s);
                    long octets = 1L << (log - layers - 3);
                    For(log, chunks, c => Stages(p, stage, layers, t, 8 * (octets * c / chunks), 8 * (octets * (c + 1) / chunks)));
                    s += layers - 1;
                    continue;
                }
                long butterflies = 1L << (log - 1);
                For(log, chunks, c => StageRange(p, stage, t, butterflies * c / chunks, butterflies * (c + 1) / chunks));
            }
        }
    }

    /// <summary>All stages whose butterflies stay inside one block of 2^blockLog elements.</summary>
    static void BlockStages(Element* a, int blockLog, Element* t)
    {
        int n = 1 << blockLog;
        // Stage m = 1 has only the twiddle 1: no multiplication.
        for (int i = 0; i < n; i += 2)
        {
            var u = a[i];
            var v = a[i + 1];
            a[i] = u + v;
            a[i + 1] = u - v;
        }
        for (int m = 2; m < n; m <<= 1)
        {
            if (m >= 8 && Lanes.IsFast)
            {
                int s = BitOperations.Log2((uint)m), layers = Layers(blockLog - s);
                Stages(a, s, layers, t, 0, n >> layers);
                m <<= layers - 1;
                continue;
            }
            Element* w = t + m;
            for (int k = 0; k < n; k += 2 * m)
            {
                Element* x = a + k;
                Element* y = x + m;
                // w^0 = 1: one butterfly in m needs no multiplication, which over these stages is n/2 of them.
                var u0 = x[0];
                var v0 = y[0];
                x[0] = u0 + v0;
                y[0] = u0 - v0;
                for (int j = 1; j < m; j++)
                {
                    var v = y[j] * w[j];
                    var u = x[j];
                    x[j] = u + v;
                    y[j] = u - v;
                }
            }
        }
    }

    /// <summary>Butterflies [from, to) of stage 2^s (numbered block-major), so threads split one stage evenly.</summary>
    static void StageRange(Element* a, int s, Element* t, long from, long to)
    {
        long m = 1L << s;
        long idx = from;
        while (idx < to)
        {
            long block = idx >> s;
            long j = idx & (m - 1);
            long count = Math.Min(m - j, to - idx);
            Element* x = a + (block << (s + 1)) + j;
            Element* y = x + m;
            Element* w = t + m + j;
            Butterflies(x, y, w, count);
            idx += count;
        }
    }

    /// <summary>
    /// Stages 2^s .. 2^(s + layers - 1) (s >= 3, layers 1 to 3) in one pass, for element groups [from, to)
    /// (multiples of 8, numbered block-major). Group (block b, j &lt; m = 2^s) is the 2^layers elements
    /// e_i = a[2^layers m b + j + i m], which these stages mix among themselves only: stage 2^L m pairs e_i with
    /// e_(i + 2^L) (bit L of i clear) under the twiddle t[2^L m + j + (i mod 2^L) m]. On lanes each element is loaded and
    /// stored once for all the layers, and the conversions cost more than the products: three layers need 23
    /// conversions per 12 butterflies, one layer 5 per butterfly. Bounds, in units of m (see FieldLanes; 2^261 ~ 169m):
    /// loads below 32; a layer's products stay below 20 (inputs below 96 times twiddles below 32, / 169, + 1), under the
    /// offset of 32 its differences add; outputs grow by at most 32 per layer, to below 128 after three.
    /// </summary>
    static void Stages(Element* a, int s, int layers, Element* t, long from, long to)
    {
        long m = 1L << s;
        int width = 1 << layers;
        var e = stackalloc Lanes[8];
        for (long q = from; q < to; q += 8)
        {
            long block = q >> s, j = q & (m - 1);
            Element* start = a + (block << (s + layers)) + j;
            for (int i = 0; i < width; i++) e[i] = Load(start + i * m);
            for (int layer = 0; layer < layers; layer++)
            {
                int half = 1 << layer;
                for (int i = 0; i < width; i++)
                {
                    if ((i & half) != 0) continue;
                    var v = Lanes.Mul(e[i + half], Load(t + half * m + j + (i & (half - 1)) * m));
                    var x = e[i];
                    e[i] = Lanes.Add(x, v);
                    e[i + half] = Lanes.Sub(x, v, Lanes.Offset32);
                }
            }
            for (int i = 0; i < width; i++) Store(e[i], start + i * m);
        }
    }

    /// <summary>How many stages one pass takes when <paramref name="remaining"/> are left: three, but two and two of four.</summary>
    static int Layers(int remaining) => remaining == 4 ? 2 : Math.Min(3, remaining);

    /// <summary>x[k], y[k] = x[k] + w[k] y[k], x[k] - w[k] y[k] for k below count (the path without lanes; see Stages).</summary>
    static void Butterflies(Element* x, Element* y, Element* w, long count)
    {
        long k = 0;
        for (; k < count; k++)
        {
            var v = y[k] * w[k];
            var u = x[k];
            x[k] = u + v;
            y[k] = u - v;
        }
    }

    static ulong* Words(Element* e, int i) => (ulong*)(e + i);

    /// <summary>Eight consecutive elements as lanes.</summary>
    static Lanes Load(Element* e) =>
        Lanes.Load(Words(e, 0), Words(e, 1), Words(e, 2), Words(e, 3), Words(e, 4), Words(e, 5), Words(e, 6), Words(e, 7));

    /// <summary>One element in all eight lanes.</summary>
    static Lanes Broadcast(Element e)
    {
        var p = (ulong*)&e;
        return Lanes.Load(p, p, p, p, p, p, p, p);
    }

    static void Store(in Lanes v, Element* e) =>
        v.Store(Words(e, 0), Words(e, 1), Words(e, 2), Words(e, 3), Words(e, 4), Words(e, 5), Words(e, 6), Words(e, 7));

    void BitReverse(Element* a, int log)
    {
        long n = 1L << log;
        int chunks = ChunkCount(log);
        For(log, chunks, c =>
        {
            long end = n * (c + 1) / chunks;
            for (long i = n * c / chunks; i < end; i++)
            {
                long r = ReverseBits((uint)i) >> (32 - log);
                if (i < r) (a[i], a[r]) = (a[r], a[i]);
            }
        });
    }

    /// <summary>Maps index i to (n - i) mod n, which turns a forward transform into an unnormalised inverse.</summary>
    void ReverseTail(Fr* a, int log)
    {
        long n = 1L << log;
        long pairs = n / 2 - 1; // i = 1 .. n/2 - 1 swap with n - i; 0 and n/2 stay
        if (pairs <= 0) return;
        int chunks = ChunkCount(log);
        For(log, chunks, c =>
        {
            long end = 1 + pairs * (c + 1) / chunks;
            for (long i = 1 + pairs * c / chunks; i < end; i++) (a[i], a[n - i]) = (a[n - i], a[i]);
        });
    }

    /// <summary>a[i] *= start * factor^i.</summary>
    void ScaleByPowers(Fr* values, int log, Fr factor, Fr start)
    {
        var a = (Element*)values;
        var step = Reinterpret(factor);
        long n = 1L << log;
        int chunks = ChunkCount(log);
        bool constant = factor.IsOne;
        For(log, chunks, c =>
        {
            long from = n * c / chunks, end = n * (c + 1) / chunks;
            if (constant)
            {
                var scale = Reinterpret(start);
                long i = from;
                if (Lanes.IsFast)
                {
                    var scales = Broadcast(scale);
                    for (; i + 8 <= end; i += 8) Store(Lanes.Mul(Load(a + i), scales), a + i);
                }
                for (; i < end; i++) a[i] *= scale;
                return;
            }
            var f = Reinterpret(start * factor.Pow([(ulong)from]));
            long k = from;
            if (Lanes.IsFast && end - from >= 8)
            {
                // Lane j carries f step^j and advances by step^8: eight running products instead of one chain.
                var firsts = stackalloc Element[8];
                for (int j = 0; j < 8; j++) { firsts[j] = f; f *= step; }
                var powers = Load(firsts);
                var step8 = Broadcast(Reinterpret(factor.Pow([8UL])));
                for (; k + 8 <= end; k += 8)
                {
                    Store(Lanes.Mul(Load(a + k), powers), a + k);
                    powers = Lanes.Mul(powers, step8);
                }
                f = Reinterpret(start * factor.Pow([(ulong)k]));
            }
            for (; k < end; k++) { a[k] *= f; f *= step; }
        });
    }

    int ChunkCount(int log) => log < ParallelLog ? 1 : 4 * _options.MaxDegreeOfParallelism;

    void For(int log, int count, Action<int> body)
    {
        if (log < ParallelLog || count == 1 || _options.MaxDegreeOfParallelism == 1)
        {
            for (int i = 0; i < count; i++) body(i);
            return;
        }
        Parallel.For(0, count, _options, body);
    }

    static Element Reinterpret(Fr x) => *(Element*)&x;

    static uint ReverseBits(uint v)
    {
        v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
        v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
        v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
        v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
        return (v >> 16) | (v << 16);
    }
}
