namespace ZkPot.Crypto;

/// <summary>
/// One thread's Pippenger buckets for one window at a time, accumulated in affine coordinates by batches: the
/// additions of a batch share one field inversion (Montgomery's trick), about 6 multiplications per addition
/// instead of 11 for a mixed Jacobian one. A batch holds each bucket at most once; a point whose bucket is
/// already waiting, or whose x equals the bucket's (doubling or cancellation), goes to a Jacobian overflow
/// bucket instead, so every input is handled exactly, however degenerate.
/// </summary>
internal sealed unsafe class MsmBuckets<F> where F : unmanaged, IField<F>
{
    /// <summary>Large enough to amortise the inversion (~380 multiplications), small enough to stay in L1/L2.</summary>
    const int BatchSize = 1024;

    struct Slot { public F X, Y; }

    readonly int _count;
    readonly Slot[] _buckets;
    readonly byte[] _occupied;
    readonly int[] _pendingStamp;
    readonly JacobianPoint<F>[] _overflow;
    readonly byte[] _hasOverflow;
    int _stamp = 1;

    readonly int[] _batchBucket = new int[BatchSize];
    readonly Slot[] _batchPoint = new Slot[BatchSize];
    readonly F[] _batchDenominator = new F[BatchSize];
    readonly F[] _batchPrefix = new F[BatchSize];
    int _batchLength;

    public MsmBuckets(int bucketCount)
    {
        _count = bucketCount;
        _buckets = new Slot[bucketCount];
        _occupied = new byte[bucketCount];
        _pendingStamp = new int[bucketCount];
        _overflow = new JacobianPoint<F>[bucketCount];
        _hasOverflow = new byte[bucketCount];
    }

    /// <summary>sum_b (b + 1) * bucket_b after adding points [from, to) by their digits of one window.</summary>
    public JacobianPoint<F> WindowSum(AffinePoint<F>* points, short* digits, int from, int to)
    {
        Array.Clear(_occupied);
        Array.Clear(_hasOverflow);
        for (int i = from; i < to; i++)
        {
            int d = digits[i];
            if (d == 0) continue;
            ref readonly var p = ref points[i];
            int b = (d < 0 ? -d : d) - 1;
            var y = d < 0 ? -p.Y : p.Y;
            if (_occupied[b] == 0)
            {
                _buckets[b] = new Slot { X = p.X, Y = y };
                _occupied[b] = 1;
            }
            else if (_pendingStamp[b] == _stamp || _buckets[b].X.Equals(p.X))
            {
                AddToOverflow(b, new AffinePoint<F>(p.X, y));
            }
            else
            {
                _pendingStamp[b] = _stamp;
                _batchBucket[_batchLength] = b;
                _batchPoint[_batchLength] = new Slot { X = p.X, Y = y };
                if (++_batchLength == BatchSize) Flush();
            }
        }
        Flush();
        return Reduce();
    }

    void AddToOverflow(int b, in AffinePoint<F> p)
    {
        _overflow[b] = _hasOverflow[b] != 0 ? _overflow[b].AddMixed(p) : p.ToJacobian();
        _hasOverflow[b] = 1;
    }

    /// <summary>Applies the batch: bucket += point by the affine chord rule, all denominators inverted at once.</summary>
    void Flush()
    {
        int n = _batchLength;
        if (n == 0) return;
        var acc = F.One;
        for (int j = 0; j < n; j++)
        {
            var den = _batchPoint[j].X - _buckets[_batchBucket[j]].X;
            _batchDenominator[j] = den;
            _batchPrefix[j] = acc;
            acc *= den;
        }
        var inv = acc.Inverse();
        for (int j = n - 1; j >= 0; j--)
        {
            var denInv = inv * _batchPrefix[j];
            inv *= _batchDenominator[j];
            ref var bucket = ref _buckets[_batchBucket[j]];
            ref readonly var p = ref _batchPoint[j];
            var lambda = (p.Y - bucket.Y) * denInv;
            var x3 = lambda.Square() - bucket.X - p.X;
            bucket.Y = lambda * (bucket.X - x3) - bucket.Y;
            bucket.X = x3;
        }
        _batchLength = 0;
        _stamp++;
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
