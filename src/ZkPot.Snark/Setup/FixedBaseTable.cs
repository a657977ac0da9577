using ZkPot.Crypto;

namespace ZkPot.Snark.Setup;

/// <summary>
/// Fixed-base scalar multiplication by a precomputed window table: for each 12-bit window w of the scalar, the 4,095
/// multiples j * 2^(12w) * G are stored affine, so [k]G is a sum of at most 22 table points and needs no doubling, where a
/// generic multiplication costs some 250 doublings and 60 additions. Many scalars are multiplied in lockstep with
/// batch-affine additions (one shared inversion per round, Montgomery's trick): an affine addition then costs about six
/// multiplications against eleven for a mixed Jacobian one, and the results come out affine. A dev setup multiplies
/// the generators by tens of thousands of scalars; the table (90,000 points, built in a fraction of a second) pays
/// for itself many times over.
/// </summary>
internal sealed class FixedBaseTable<F> where F : struct, IField<F>
{
    const int WindowBits = 12;
    const int Windows = (256 + WindowBits - 1) / WindowBits;
    const int PerWindow = (1 << WindowBits) - 1;

    /// <summary>Scalars per lockstep batch: enough to amortise the inversion, small enough to stay in cache.</summary>
    const int Batch = 1024;

    readonly AffinePoint<F>[] _table;

    public FixedBaseTable(in AffinePoint<F> generator)
    {
        var bases = new JacobianPoint<F>[Windows];
        bases[0] = generator.ToJacobian();
        for (var w = 1; w < Windows; w++)
        {
            var b = bases[w - 1];
            for (var d = 0; d < WindowBits; d++)
                b = b.Double();
            bases[w] = b;
        }
        var table = new JacobianPoint<F>[Windows * PerWindow];
        Parallel.For(0, Windows, w =>
        {
            var acc = bases[w];
            table[w * PerWindow] = acc;
            for (var j = 1; j < PerWindow; j++)
            {
                acc = acc.Add(bases[w]);
                table[w * PerWindow + j] = acc;
            }
        });
        _table = SparseCombiner.ToAffine(table);
    }

    /// <summary>The scalar's window digits, least significant window first.</summary>
    static void Digits(in Fr scalar, Span<int> digits)
    {
        scalar.ToCanonical(out var l0, out var l1, out var l2, out var l3);
        ReadOnlySpan<ulong> limbs = [l0, l1, l2, l3];
        for (var w = 0; w < Windows; w++)
        {
            var bit = w * WindowBits;
            var word = bit / 64;
            var shift = bit % 64;
            var value = limbs[word] >> shift;
            if (shift + WindowBits > 64 && word + 1 < 4)
                value |= limbs[word + 1] << (64 - shift);
            digits[w] = (int)(value & PerWindow);
        }
    }

    public JacobianPoint<F> Multiply(in Fr scalar)
    {
        Span<int> digits = stackalloc int[Windows];
        Digits(scalar, digits);
        var acc = JacobianPoint<F>.Infinity;
        for (var w = 0; w < Windows; w++)
        {
            if (digits[w] != 0)
                acc = acc.AddMixed(_table[w * PerWindow + digits[w] - 1]);
        }
        return acc;
    }

    /// <summary>[k_i]G for every scalar, affine, in lockstep batches on all cores.</summary>
    public AffinePoint<F>[] MultiplyMany(Fr[] scalars)
    {
        var result = new AffinePoint<F>[scalars.Length];
        var batches = (scalars.Length + Batch - 1) / Batch;
        Parallel.For(0, batches, b =>
        {
            var first = b * Batch;
            MultiplyBatch(scalars.AsSpan(first, Math.Min(Batch, scalars.Length - first)), result.AsSpan(first));
        });
        return result;
    }

    void MultiplyBatch(ReadOnlySpan<Fr> scalars, Span<AffinePoint<F>> result)
    {
        var n = scalars.Length;
        var digits = new int[n * Windows];
        for (var i = 0; i < n; i++)
            Digits(scalars[i], digits.AsSpan(i * Windows, Windows));
        var acc = result[..n];
        acc.Fill(AffinePoint<F>.Infinity);
        var pending = new int[n];
        var denominators = new F[n];
        var prefix = new F[n];

        for (var w = 0; w < Windows; w++)
        {
            // Gather the additions of this round; the first point of a sum, and the rare x1 = x2 cases, need no inversion.
            var count = 0;
            for (var i = 0; i < n; i++)
            {
                var d = digits[i * Windows + w];
                if (d == 0)
                    continue;
                var t = _table[w * PerWindow + d - 1];
                if (acc[i].IsInfinity)
                {
                    acc[i] = t;
                }
                else if (acc[i].X.Equals(t.X))
                {
                    acc[i] = acc[i].ToJacobian().AddMixed(t).ToAffine();
                }
                else
                {
                    pending[count] = i;
                    denominators[count] = t.X - acc[i].X;
                    count++;
                }
            }
            if (count == 0)
                continue;

            // One inversion for the round: prefix products, invert the total, walk back.
            var running = F.One;
            for (var k = 0; k < count; k++)
            {
                prefix[k] = running;
                running *= denominators[k];
            }
            var inverse = running.Inverse();
            for (var k = count - 1; k >= 0; k--)
            {
                var i = pending[k];
                var inv = inverse * prefix[k];
                inverse *= denominators[k];
                var t = _table[w * PerWindow + digits[i * Windows + w] - 1];
                var a = acc[i];
                var lambda = (t.Y - a.Y) * inv;
                var x = lambda.Square() - a.X - t.X;
                acc[i] = new AffinePoint<F>(x, lambda * (a.X - x) - a.Y);
            }
        }
    }
}
