using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace ZkPot.Crypto;

/// <summary>
/// A set of accumulators (Pippenger buckets, or the partial sums that reduce them) that affine points are added
/// into by batches: the additions of a batch share one field inversion (Montgomery's trick), about 6 multiplications
/// per addition instead of 11 for a mixed Jacobian one. A batch holds each accumulator at most once: a point whose
/// accumulator is already waiting is deferred to the next batch, and one that cannot be (deferred list full) or whose
/// x equals the accumulator's (doubling or cancellation, beyond the chord rule) goes to the accumulator's Jacobian
/// overflow, so every input is handled exactly, however degenerate. One instance per thread; reused across windows.
/// </summary>
internal sealed unsafe class MsmAccumulator<F> where F : unmanaged, IField<F>
{
    /// <summary>
    /// Below this a batch cannot repay its inversion, so small sets add in Jacobian coordinates only. A batch-affine
    /// addition costs ~6 products (a tenth of that on AVX-512 lanes) plus the inversion shared by the batch (binary
    /// Euclid, ~100 products' time); a mixed Jacobian one ~11. Measured: 128 (the value for Fermat inversions) to 32
    /// took the G2 MSM at 2^14 from 183 to 116 ms and at 2^16 from 454 to 346 ms, mostly in the bucket reduction.
    /// </summary>
    public const int MinBatch = 32;

    /// <summary>An affine point without the infinity flag: occupancy is tracked beside it.</summary>
    public struct Slot { public F X, Y; }

    struct Deferred { public int Target; public Slot Point; }

    readonly int _maxCount, _maxCapacity;
    int _count, _capacity;

    // Pinned, so the hot loops index raw pointers (no bounds checks) and can prefetch.
    readonly Slot[] _valueArray;
    readonly Slot* _values;
    readonly byte[] _occupiedArray;
    readonly byte* _occupied;
    readonly int[] _pendingArray;
    readonly int* _pendingStamp;
    readonly JacobianPoint<F>[] _overflow;
    readonly byte[] _hasOverflow;
    int _stamp = 1;

    readonly int[] _batchTargetArray;
    readonly int* _batchTarget;
    readonly Slot[] _batchPointArray;
    readonly Slot* _batchPoint;
    readonly F[] _batchDenominatorArray;
    readonly F* _batchDenominator;
    readonly F[] _batchPrefixArray;
    readonly F* _batchPrefix;
    int _batchLength;

    /// <summary>Points whose accumulator was waiting: retried after the next flush rather than added the slow way.</summary>
    readonly Deferred[] _deferred;
    int _deferredLength;

    /// <summary>Room for up to <paramref name="maxCount"/> accumulators and batches of up to <paramref name="maxCapacity"/>.</summary>
    public MsmAccumulator(int maxCount, int maxCapacity)
    {
        _maxCount = maxCount;
        _maxCapacity = Math.Max(1, maxCapacity);
        _values = Pinned(maxCount, out _valueArray);
        _occupied = Pinned(maxCount, out _occupiedArray);
        _pendingStamp = Pinned(maxCount, out _pendingArray);
        _overflow = new JacobianPoint<F>[maxCount];
        _hasOverflow = new byte[maxCount];
        _batchTarget = Pinned(_maxCapacity, out _batchTargetArray);
        _batchPoint = Pinned(_maxCapacity, out _batchPointArray);
        _batchDenominator = Pinned(_maxCapacity, out _batchDenominatorArray);
        _batchPrefix = Pinned(_maxCapacity, out _batchPrefixArray);
        _deferred = new Deferred[_maxCapacity];
        if (FieldLanes<PModulus>.IsFast && _maxCapacity >= MinBatch)
        {
            if (typeof(F) == typeof(MsmField<PModulus>)) _g1Lanes = new(_maxCapacity);
            else if (typeof(F) == typeof(MsmFp2)) _g2Lanes = new(_maxCapacity);
        }
    }

    /// <summary>The AVX-512 path for G1 or G2 batches (both null without AVX-512).</summary>
    readonly MsmLaneBatch<FieldLanes<PModulus>, F>? _g1Lanes;
    readonly MsmLaneBatch<Fp2Lanes, F>? _g2Lanes;

    /// <summary>
    /// A zeroed array on the pinned heap (it never moves, so its address stays valid while the array lives), seen
    /// from its first 64-byte boundary: a 64-byte G1 slot then fills exactly one cache line instead of straddling two.
    /// </summary>
    internal static T* Pinned<T>(int length, out T[] array) where T : unmanaged
    {
        int slack = (64 + sizeof(T) - 1) / sizeof(T);
        array = GC.AllocateArray<T>(length + slack, pinned: true);
        var start = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        return (T*)((start + 63) & ~(nuint)63);
    }

    /// <summary>Empties the first <paramref name="count"/> accumulators and sets the batch size for the next additions.</summary>
    public void Reset(int count, int capacity)
    {
        if (count > _maxCount) throw new ArgumentOutOfRangeException(nameof(count), count, $"at most {_maxCount} accumulators");
        _count = count;
        _capacity = Math.Clamp(capacity, 1, _maxCapacity);
        _batchLength = 0;
        _deferredLength = 0;
        new Span<byte>(_occupied, count).Clear();
        new Span<byte>(_hasOverflow, 0, count).Clear();
    }

    /// <summary>accumulator[target] += point.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int target, in Slot point)
    {
        if (_capacity < MinBatch) AddToOverflow(target, point);
        else if (_occupied[target] == 0)
        {
            _values[target] = point;
            _occupied[target] = 1;
        }
        else if (_pendingStamp[target] == _stamp)
        {
            if (_deferredLength < _capacity) _deferred[_deferredLength++] = new Deferred { Target = target, Point = point };
            else AddToOverflow(target, point);
        }
        else
        {
            Enqueue(target, point);
            if (_batchLength == _capacity) Flush();
        }
    }

    /// <summary>accumulator[target] += point, for a point already in Jacobian coordinates.</summary>
    public void AddJacobian(int target, in JacobianPoint<F> point)
    {
        _overflow[target] = _hasOverflow[target] != 0 ? _overflow[target].Add(point) : point;
        _hasOverflow[target] = 1;
    }

    /// <summary>Applies every pending and deferred addition.</summary>
    public void Finish()
    {
        while (_batchLength > 0 || _deferredLength > 0) Flush();
    }

    /// <summary>The affine part of an accumulator, when it has one (after <see cref="Finish"/>).</summary>
    public bool TryGetAffine(int target, out Slot point)
    {
        bool occupied = _occupied[target] != 0;
        point = occupied ? _values[target] : default;
        return occupied;
    }

    /// <summary>The Jacobian part of an accumulator, when it has one (after <see cref="Finish"/>).</summary>
    public bool TryGetOverflow(int target, out JacobianPoint<F> point)
    {
        bool has = _hasOverflow[target] != 0;
        point = has ? _overflow[target] : default;
        return has;
    }

    /// <summary>Adds to the batch a point for an occupied accumulator not already in it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    void Enqueue(int target, in Slot point)
    {
        // The accumulator is read when the batch is applied; start fetching it now (bucket sets outgrow L2).
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(_values + target);
            // A G2 slot (128 bytes) spans two cache lines: y is in the second.
            if (sizeof(Slot) > 64) Sse.Prefetch0((byte*)(_values + target) + 64);
        }
        _pendingStamp[target] = _stamp;
        _batchTarget[_batchLength] = target;
        _batchPoint[_batchLength++] = point;
    }

    void AddToOverflow(int target, in Slot point)
    {
        var p = new AffinePoint<F>(point.X, point.Y);
        _overflow[target] = _hasOverflow[target] != 0 ? _overflow[target].AddMixed(p) : p.ToJacobian();
        _hasOverflow[target] = 1;
    }

    /// <summary>
    /// Applies the batch, then refills it from the deferred points (their accumulators are free again), repeating
    /// while that fills it.
    /// </summary>
    void Flush()
    {
        do
        {
            ApplyBatch();
            _stamp++;
            int waiting = _deferredLength, kept = 0;
            for (int j = 0; j < waiting; j++)
            {
                ref readonly var e = ref _deferred[j];
                if (_batchLength == _capacity || _pendingStamp[e.Target] == _stamp) _deferred[kept++] = e;
                else Enqueue(e.Target, e.Point);
            }
            _deferredLength = kept;
        } while (_batchLength == _capacity);
    }

    /// <summary>
    /// accumulator += point for the whole batch by the affine chord rule, all denominators inverted at once. Equal x
    /// sends that point to the overflow instead.
    /// </summary>
    void ApplyBatch()
    {
        int n = _batchLength;
        if (n == 0) return;
        int groups = n / 8, from = 0;
        if (groups > 0 &&
            (_g1Lanes?.TryApply((ulong*)_values, _batchTarget, (ulong*)_batchPoint, groups) ??
             _g2Lanes?.TryApply((ulong*)_values, _batchTarget, (ulong*)_batchPoint, groups) ?? false))
            from = 8 * groups;
        ApplyRange(from, n);
        _batchLength = 0;
    }

    /// <summary>The chord additions of batch entries [from, n) in scalar arithmetic.</summary>
    void ApplyRange(int from, int n)
    {
        if (from == n) return;
        var acc = F.One;
        for (int j = from; j < n; j++)
        {
            var den = _batchPoint[j].X - _values[_batchTarget[j]].X;
            if (den.IsZero)
            {
                AddToOverflow(_batchTarget[j], _batchPoint[j]);
                _batchTarget[j] = -1;
                den = F.One;
            }
            _batchDenominator[j] = den;
            _batchPrefix[j] = acc;
            acc *= den;
        }
        var inv = acc.Inverse();
        for (int j = n - 1; j >= from; j--)
        {
            var denInv = inv * _batchPrefix[j];
            inv *= _batchDenominator[j];
            int t = _batchTarget[j];
            if (t < 0) continue;
            Slot* value = _values + t;
            Slot* p = _batchPoint + j;
            var lambda = (p->Y - value->Y) * denInv;
            var x3 = lambda.Square() - value->X - p->X;
            value->Y = lambda * (value->X - x3) - value->Y;
            value->X = x3;
        }
    }
}
