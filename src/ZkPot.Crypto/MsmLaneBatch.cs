using System.Runtime.CompilerServices;

namespace ZkPot.Crypto;

/// <summary>
/// The batch-affine chord additions of <see cref="MsmAccumulator{F}"/>, eight at a time on AVX-512 lanes: T is
/// <see cref="FieldLanes{M}"/> over F = MsmField (G1) or <see cref="Fp2Lanes"/> over F = MsmFp2 (G2). Entry j of a batch
/// adds the point at <c>points[j]</c> into the accumulator at <c>values[targets[j]]</c>; both are slots of two
/// coordinates (x then y, scalar Montgomery form), and no accumulator appears twice in a batch. Montgomery's trick
/// runs as eight interleaved chains, one per lane; their eight totals share one scalar inversion.
/// <para>
/// Bounds, per base coordinate, in units of m (see FieldLanes: a product is below ab / 2^261 + m, 2^261 ~ 169m): loads
/// below 32; den = px - bx + 32 below 64; chain products below 58; l below 53; l^2 below 50; x3 = l^2 - (bx + px) + 64
/// below 114; bx - x3 + 128 below 160; y3 = l (bx - x3 + 128) - by + 32 below 147. All stay under 2^261.
/// </para>
/// </summary>
[SkipLocalsInit] // every local is written before it is read; zeroing 576-byte lane structs is pure cost
internal sealed unsafe class MsmLaneBatch<T, F> where T : unmanaged, ILanes<T> where F : unmanaged, IField<F>
{
    static int SlotWords => 2 * T.Words;

    readonly T* _prefix;
    readonly T* _denominators;
    readonly T[] _prefixArray, _denominatorArray;

    /// <summary>Working room for batches of up to <paramref name="capacity"/> entries.</summary>
    public MsmLaneBatch(int capacity)
    {
        int groups = Math.Max(1, capacity / 8);
        _prefix = MsmAccumulator<F>.Pinned(groups, out _prefixArray);
        _denominators = MsmAccumulator<F>.Pinned(groups, out _denominatorArray);
    }

    /// <summary>The eight lanes of group g: entries 8g .. 8g + 7 of the batch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static T LoadPoints(ulong* points, int g, int word)
    {
        ulong* p = points + (long)g * 8 * SlotWords + word;
        return T.Load(p, p + SlotWords, p + 2 * SlotWords, p + 3 * SlotWords, p + 4 * SlotWords, p + 5 * SlotWords,
            p + 6 * SlotWords, p + 7 * SlotWords);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static T LoadTargets(ulong* values, int* t, int word) =>
        T.Load(values + (long)t[0] * SlotWords + word, values + (long)t[1] * SlotWords + word,
            values + (long)t[2] * SlotWords + word, values + (long)t[3] * SlotWords + word,
            values + (long)t[4] * SlotWords + word, values + (long)t[5] * SlotWords + word,
            values + (long)t[6] * SlotWords + word, values + (long)t[7] * SlotWords + word);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void StoreTargets(in T x, ulong* values, int* t, int word) =>
        x.Store(values + (long)t[0] * SlotWords + word, values + (long)t[1] * SlotWords + word,
            values + (long)t[2] * SlotWords + word, values + (long)t[3] * SlotWords + word,
            values + (long)t[4] * SlotWords + word, values + (long)t[5] * SlotWords + word,
            values + (long)t[6] * SlotWords + word, values + (long)t[7] * SlotWords + word);

    /// <summary>
    /// Applies entries 0 .. 8 * <paramref name="groups"/> - 1 and returns true; or returns false, having written
    /// nothing, when one of their denominators is zero (equal x: a doubling or a cancellation, for the scalar path).
    /// </summary>
    public bool TryApply(ulong* values, int* targets, ulong* points, int groups)
    {
        // Forward: the running product of each lane's chain before each of its entries. Bounds (see FieldLanes):
        // loads < 32m, den < 64m, products < 26m.
        var c = T.One;
        for (int g = 0; g < groups; g++)
        {
            var den = T.Sub(LoadPoints(points, g, 0), LoadTargets(values, targets + 8 * g, 0), T.Offset32);
            _denominators[g] = den;
            _prefix[g] = c;
            c = T.Mul(c, den);
        }

        // The eight chain totals, inverted together: a zero total means a zero denominator somewhere in that chain.
        var totals = stackalloc F[8];
        var inverses = stackalloc F[8];
        var w = (ulong*)totals;
        int e = T.Words;
        c.Store(w, w + e, w + 2 * e, w + 3 * e, w + 4 * e, w + 5 * e, w + 6 * e, w + 7 * e);
        var running = F.One;
        for (int k = 0; k < 8; k++)
        {
            if (totals[k].IsZero) return false;
            inverses[k] = running;
            running *= totals[k];
        }
        var inv = running.Inverse();
        for (int k = 7; k >= 0; k--)
        {
            inverses[k] *= inv;
            inv *= totals[k];
        }
        w = (ulong*)inverses;
        var lanesInv = T.Load(w, w + e, w + 2 * e, w + 3 * e, w + 4 * e, w + 5 * e, w + 6 * e, w + 7 * e);

        // Backward: each entry's inverse denominator, then the chord rule; Store reduces x3 and y3 below m.
        for (int g = groups - 1; g >= 0; g--)
        {
            var denInv = T.Mul(lanesInv, _prefix[g]);
            lanesInv = T.Mul(lanesInv, _denominators[g]);
            int* t = targets + 8 * g;
            var bx = LoadTargets(values, t, 0);
            var by = LoadTargets(values, t, e);
            var lambda = T.Mul(T.Sub(LoadPoints(points, g, e), by, T.Offset32), denInv);
            var x3 = T.Sub(T.Square(lambda), T.Add(bx, LoadPoints(points, g, 0)), T.Offset64);
            var y3 = T.Sub(T.Mul(lambda, T.Sub(bx, x3, T.Offset128)), by, T.Offset32);
            StoreTargets(x3, values, t, 0);
            StoreTargets(y3, values, t, e);
        }
        return true;
    }
}
