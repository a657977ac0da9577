using ZkPot.Crypto;

namespace ZkPot.Snark.Setup;

/// <summary>
/// Fixed-base scalar multiplication by a precomputed window table: for each 8-bit window w of the scalar, the 255
/// multiples j * 2^(8w) * G are stored affine, so [k]G costs at most 32 mixed additions and no doublings, against
/// some 250 doublings and 60 additions for a generic multiplication. The dev setup multiplies the two generators by
/// tens of thousands of scalars, where the table (about 8,000 points) pays for itself many times over.
/// </summary>
internal sealed class FixedBaseTable<F> where F : struct, IField<F>
{
    const int WindowBits = 8;
    const int Windows = 256 / WindowBits;
    const int PerWindow = (1 << WindowBits) - 1;

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

    public JacobianPoint<F> Multiply(in Fr scalar)
    {
        scalar.ToCanonical(out var l0, out var l1, out var l2, out var l3);
        var acc = JacobianPoint<F>.Infinity;
        ReadOnlySpan<ulong> limbs = [l0, l1, l2, l3];
        for (var w = 0; w < Windows; w++)
        {
            var digit = (int)((limbs[w / 8] >> (WindowBits * (w % 8))) & 0xFF);
            if (digit != 0)
                acc = acc.AddMixed(_table[w * PerWindow + digit - 1]);
        }
        return acc;
    }

    /// <summary>[k_i]G for every scalar, on all cores, returned affine.</summary>
    public AffinePoint<F>[] MultiplyMany(Fr[] scalars)
    {
        var result = new JacobianPoint<F>[scalars.Length];
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, scalars.Length, 512), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
                result[i] = Multiply(scalars[i]);
        });
        return SparseCombiner.ToAffine(result);
    }
}
