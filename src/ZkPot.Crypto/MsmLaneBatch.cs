using System.Runtime.CompilerServices;
using Lanes = ZkPot.Crypto.FieldLanes<ZkPot.Crypto.PModulus>;

namespace ZkPot.Crypto;

/// <summary>
/// The batch-affine chord additions of <see cref="MsmAccumulator{F}"/> for G1, eight at a time on AVX-512 lanes
/// (<see cref="FieldLanes{M}"/>). Entry j of a batch adds the point at <c>points[j]</c> into the accumulator at
/// <c>values[targets[j]]</c>; both are G1 slots of eight words (x then y, scalar Montgomery form), and no accumulator
/// appears twice in a batch. Montgomery's trick runs as eight interleaved chains, one per lane; their eight totals
/// share one scalar inversion.
/// </summary>
internal sealed unsafe class MsmLaneBatch
{
    const int SlotWords = 8;

    readonly Lanes* _prefix;
    readonly Lanes* _denominators;
    readonly Lanes[] _prefixArray, _denominatorArray;

    /// <summary>Working room for batches of up to <paramref name="capacity"/> entries.</summary>
    public MsmLaneBatch(int capacity)
    {
        int groups = Math.Max(1, capacity / 8);
        _prefix = MsmAccumulator<MsmField<PModulus>>.Pinned(groups, out _prefixArray);
        _denominators = MsmAccumulator<MsmField<PModulus>>.Pinned(groups, out _denominatorArray);
    }

    /// <summary>The eight lanes of group g: entries 8g .. 8g + 7 of the batch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Lanes LoadPoints(ulong* points, int g, int word)
    {
        ulong* p = points + (long)g * 8 * SlotWords + word;
        return Lanes.Load(p, p + SlotWords, p + 2 * SlotWords, p + 3 * SlotWords, p + 4 * SlotWords, p + 5 * SlotWords,
            p + 6 * SlotWords, p + 7 * SlotWords);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Lanes LoadTargets(ulong* values, int* t, int word) =>
        Lanes.Load(values + (long)t[0] * SlotWords + word, values + (long)t[1] * SlotWords + word,
            values + (long)t[2] * SlotWords + word, values + (long)t[3] * SlotWords + word,
            values + (long)t[4] * SlotWords + word, values + (long)t[5] * SlotWords + word,
            values + (long)t[6] * SlotWords + word, values + (long)t[7] * SlotWords + word);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void StoreTargets(in Lanes x, ulong* values, int* t, int word) =>
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
        var c = OnesLanes;
        for (int g = 0; g < groups; g++)
        {
            var den = Lanes.Sub(LoadPoints(points, g, 0), LoadTargets(values, targets + 8 * g, 0), Lanes.Offset32);
            _denominators[g] = den;
            _prefix[g] = c;
            c = Lanes.Mul(c, den);
        }

        // The eight chain totals, inverted together: a zero total means a zero denominator somewhere in that chain.
        var totals = stackalloc MsmField<PModulus>[8];
        var inverses = stackalloc MsmField<PModulus>[8];
        var w = (ulong*)totals;
        c.Store(w, w + 4, w + 8, w + 12, w + 16, w + 20, w + 24, w + 28);
        var running = MsmField<PModulus>.One;
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
        var lanesInv = Lanes.Load(w, w + 4, w + 8, w + 12, w + 16, w + 20, w + 24, w + 28);

        // Backward: each entry's inverse denominator, then the chord rule. x3 = l^2 - (bx + px) + 64m < 90m;
        // y3 = l (bx - x3 + 128m) - by + 32m < 58m; Store reduces both below m.
        for (int g = groups - 1; g >= 0; g--)
        {
            var denInv = Lanes.Mul(lanesInv, _prefix[g]);
            lanesInv = Lanes.Mul(lanesInv, _denominators[g]);
            int* t = targets + 8 * g;
            var bx = LoadTargets(values, t, 0);
            var by = LoadTargets(values, t, 4);
            var lambda = Lanes.Mul(Lanes.Sub(LoadPoints(points, g, 4), by, Lanes.Offset32), denInv);
            var x3 = Lanes.Sub(Lanes.Mul(lambda, lambda), Lanes.Add(bx, LoadPoints(points, g, 0)), Lanes.Offset64);
            var y3 = Lanes.Sub(Lanes.Mul(lambda, Lanes.Sub(bx, x3, Lanes.Offset128)), by, Lanes.Offset32);
            StoreTargets(x3, values, t, 0);
            StoreTargets(y3, values, t, 4);
        }
        return true;
    }

    /// <summary>One in every lane (R' mod m, as <see cref="Lanes.Load"/> reads the scalar one).</summary>
    static readonly Lanes OnesLanes = LoadOnes();

    static Lanes LoadOnes()
    {
        var ones = stackalloc MsmField<PModulus>[8];
        for (int k = 0; k < 8; k++) ones[k] = MsmField<PModulus>.One;
        var w = (ulong*)ones;
        return Lanes.Load(w, w + 4, w + 8, w + 12, w + 16, w + 20, w + 24, w + 28);
    }
}
