using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace ZkPot.Crypto;

/// <summary>
/// One thread's Pippenger buckets for one window at a time, accumulated in affine coordinates by batches: the
/// additions of a batch share one field inversion (Montgomery's trick), about 6 multiplications per addition
/// instead of 11 for a mixed Jacobian one. A batch holds each bucket at most once: a point whose bucket is already
/// waiting is deferred to the next batch, and one that cannot be (deferred list full) or whose x equals the
/// bucket's (doubling or cancellation, beyond the chord rule) goes to a Jacobian overflow bucket, so every input is
/// handled exactly, however degenerate.
/// </summary>
internal sealed unsafe class MsmBuckets<F> where F : unmanaged, IField<F>
{
    /// <summary>Large enough to amortise the inversion (~380 multiplications), small enough to stay in L1/L2.</summary>
    const int MaxBatch = 2048;

    /// <summary>
    /// Below this a batch cannot repay its inversion (a batch-affine addition costs ~6 multiplications plus 380 / batch
    /// for the inversion, a mixed Jacobian one ~11), so small windows add in Jacobian coordinates.
    /// </summary>
    const int MinBatch = 128;

    struct Slot { public F X, Y; }

    struct Deferred { public int Bucket; public Slot Point; }

    readonly int _maxCount;
    int _count;
    // Pinned, so the hot loops index raw pointers (no bounds checks) and can prefetch.
    readonly Slot[] _bucketArray;
    readonly Slot* _buckets;
    readonly byte[] _occupiedArray;
    readonly byte* _occupied;
    readonly int[] _pendingArray;
    readonly int* _pendingStamp;
    readonly JacobianPoint<F>[] _overflow;
    readonly byte[] _hasOverflow;
    int _stamp = 1;

    /// <summary>
    /// A batch fills to at most a quarter of the window's buckets: with more, too many points would find their bucket
    /// already waiting in the batch.
    /// </summary>
    int _batchCapacity;
    readonly int[] _batchBucketArray;
    readonly int* _batchBucket;
    readonly Slot[] _batchPointArray;
    readonly Slot* _batchPoint;
    readonly F[] _batchDenominatorArray;
    readonly F* _batchDenominator;
    readonly F[] _batchPrefixArray;
    readonly F* _batchPrefix;
    int _batchLength;

    /// <summary>Points whose bucket was waiting: retried after the next flush rather than added the slow way.</summary>
    readonly Deferred[] _deferred;
    int _deferredLength;

    /// <summary>Buckets for windows of up to <paramref name="bucketCount"/> buckets.</summary>
    public MsmBuckets(int bucketCount)
    {
        _maxCount = bucketCount;
        _buckets = Pinned(bucketCount, out _bucketArray);
        _occupied = Pinned(bucketCount, out _occupiedArray);
        _pendingStamp = Pinned(bucketCount, out _pendingArray);
        _overflow = new JacobianPoint<F>[bucketCount];
        _hasOverflow = new byte[bucketCount];
        int capacity = Capacity(bucketCount);
        _batchBucket = Pinned(capacity, out _batchBucketArray);
        _batchPoint = Pinned(capacity, out _batchPointArray);
        _batchDenominator = Pinned(capacity, out _batchDenominatorArray);
        _batchPrefix = Pinned(capacity, out _batchPrefixArray);
        _deferred = new Deferred[capacity];
    }

    static int Capacity(int bucketCount) => Math.Clamp(bucketCount / 4, 1, MaxBatch);

    /// <summary>
    /// A zeroed array on the pinned heap (it never moves, so its address stays valid while the array lives), seen
    /// from its first 64-byte boundary: a 64-byte bucket then fills exactly one cache line instead of straddling two.
    /// </summary>
    static T* Pinned<T>(int length, out T[] array) where T : unmanaged
    {
        int slack = (64 + sizeof(T) - 1) / sizeof(T);
        array = GC.AllocateArray<T>(length + slack, pinned: true);
        var start = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        var aligned = (start + 63) & ~(nuint)63;
        return (T*)aligned;
    }

    /// <summary>
    /// sum_b (b + 1) * bucket_b after adding points [from, to) by their digits of one window of
    /// <paramref name="bucketCount"/> buckets (at most the count this was built for).
    /// </summary>
    public JacobianPoint<F> WindowSum(AffinePoint<F>* points, short* digits, int from, int to, int bucketCount)
    {
        if (bucketCount > _maxCount) throw new ArgumentOutOfRangeException(nameof(bucketCount), bucketCount, $"at most {_maxCount} buckets");
        _count = bucketCount;
        _batchCapacity = Capacity(bucketCount);
        _deferredLength = 0;
        new Span<byte>(_occupied, _count).Clear();
        new Span<byte>(_hasOverflow, 0, _count).Clear();
        if (_batchCapacity < MinBatch)
        {
            for (int i = from; i < to; i++)
            {
                int d = digits[i];
                if (d == 0) continue;
                AffinePoint<F>* p = points + i;
                AddToOverflow((d < 0 ? -d : d) - 1, new Slot { X = p->X, Y = d < 0 ? -p->Y : p->Y });
            }
            return Reduce();
        }
        for (int i = from; i < to; i++)
        {
            int d = digits[i];
            if (d == 0) continue;
            AffinePoint<F>* p = points + i;
            int b = (d < 0 ? -d : d) - 1;
            var point = new Slot { X = p->X, Y = d < 0 ? -p->Y : p->Y };
            if (_occupied[b] == 0)
            {
                _buckets[b] = point;
                _occupied[b] = 1;
            }
            else if (_pendingStamp[b] == _stamp)
            {
                if (_deferredLength < _batchCapacity) _deferred[_deferredLength++] = new Deferred { Bucket = b, Point = point };
                else AddToOverflow(b, point);
            }
            else
            {
                Enqueue(b, point);
                if (_batchLength == _batchCapacity) Flush();
            }
        }
        while (_batchLength > 0 || _deferredLength > 0) Flush();
        return Reduce();
    }

    /// <summary>Adds to the batch a point for an occupied bucket not already in it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    void Enqueue(int b, in Slot point)
    {
        // The bucket is read when the batch is applied; start fetching it now (the buckets outgrow L2).
        if (Sse.IsSupported) Sse.Prefetch0(_buckets + b);
        _pendingStamp[b] = _stamp;
        _batchBucket[_batchLength] = b;
        _batchPoint[_batchLength++] = point;
    }

    void AddToOverflow(int b, in Slot point)
    {
        var p = new AffinePoint<F>(point.X, point.Y);
        _overflow[b] = _hasOverflow[b] != 0 ? _overflow[b].AddMixed(p) : p.ToJacobian();
        _hasOverflow[b] = 1;
    }

    /// <summary>
    /// Applies the batch, then refills it from the deferred points (their buckets are free again), repeating while
    /// that fills it.
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
                if (_batchLength == _batchCapacity || _pendingStamp[e.Bucket] == _stamp) _deferred[kept++] = e;
                else Enqueue(e.Bucket, e.Point);
            }
            _deferredLength = kept;
        } while (_batchLength == _batchCapacity);
    }

    /// <summary>
    /// bucket += point for the whole batch by the affine chord rule, all denominators inverted at once. Equal x
    /// (doubling or cancellation, beyond the chord rule) sends that point to the overflow bucket instead.
    /// </summary>
    void ApplyBatch()
    {
        int n = _batchLength;
        if (n == 0) return;
        var acc = F.One;
        for (int j = 0; j < n; j++)
        {
            var den = _batchPoint[j].X - _buckets[_batchBucket[j]].X;
            if (den.IsZero)
            {
                AddToOverflow(_batchBucket[j], _batchPoint[j]);
                _batchBucket[j] = -1;
                den = F.One;
            }
            _batchDenominator[j] = den;
            _batchPrefix[j] = acc;
            acc *= den;
        }
        var inv = acc.Inverse();
        for (int j = n - 1; j >= 0; j--)
        {
            var denInv = inv * _batchPrefix[j];
            inv *= _batchDenominator[j];
            int b = _batchBucket[j];
            if (b < 0) continue;
            Slot* bucket = _buckets + b;
            Slot* p = _batchPoint + j;
            var lambda = (p->Y - bucket->Y) * denInv;
            var x3 = lambda.Square() - bucket->X - p->X;
            bucket->Y = lambda * (bucket->X - x3) - bucket->Y;
            bucket->X = x3;
        }
        _batchLength = 0;
    }

    /// <summary>Running-sum reduction: total = sum_b (b + 1) * bucket_b with two additions per bucket.</summary>
    JacobianPoint<F> Reduce()
    {
        var running = JacobianPoint<F>.Infinity;
        var total = JacobianPoint<F>.Infinity;
        for (int b = _count - 1; b >= 0; b--)
        {
            if (_occupied[b] != 0) running = running.AddMixed(new AffinePoint<F>(_buckets[b].X, _buckets[b].Y));
            if (_hasOverflow[b] != 0) running = running.Add(_overflow[b]);
            total = total.Add(running);
        }
        return total;
    }
}
