using ZkPot.Crypto;

namespace ZkPot.Snark.Setup;

/// <summary>A multi-scalar multiplication over one group, so the combiner is written once for G1 and G2.</summary>
internal delegate JacobianPoint<F> MultiExp<F>(ReadOnlySpan<AffinePoint<F>> points, ReadOnlySpan<Fr> scalars)
    where F : struct, IField<F>;

/// <summary>One matrix's columns together with the points its rows stand for (for instance [L_row(tau)]G1).</summary>
internal readonly record struct ColumnBasis<F>(SparseColumns Columns, AffinePoint<F>[] Bases) where F : struct, IField<F>;

/// <summary>
/// Computes, for each wire, the sum over its terms of coefficient * basis point: the key points of a setup from a
/// phase-1 file. R1CS columns are short and their coefficients mostly +-1 or small, so a term is an addition or a
/// 64-bit multiplication; a wire with many terms (a public input used in every row, say) goes to the MSM instead.
/// </summary>
internal static class SparseCombiner
{
    const int MsmThreshold = 64;

    public static AffinePoint<F>[] Combine<F>(int firstWire, int count, ColumnBasis<F>[] parts, MultiExp<F> msm)
        where F : struct, IField<F>
    {
        var sums = new JacobianPoint<F>[count];
        var heavy = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var terms = 0;
            foreach (var part in parts)
                terms += part.Columns.TermCount(firstWire + i);
            if (terms > MsmThreshold)
                heavy.Add(i);
        }
        var isHeavy = new bool[count];
        foreach (var i in heavy)
            isHeavy[i] = true;

        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, count, 256), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                if (isHeavy[i])
                    continue;
                var acc = JacobianPoint<F>.Infinity;
                foreach (var part in parts)
                {
                    var columns = part.Columns;
                    var wire = firstWire + i;
                    for (var k = columns.Start[wire]; k < columns.Start[wire + 1]; k++)
                        acc = acc.Add(Term(part.Bases[columns.Rows[k]], columns.Values[k]));
                }
                sums[i] = acc;
            }
        });

        // Each MSM already uses every core, so heavy wires go one after the other.
        foreach (var i in heavy)
        {
            var points = new List<AffinePoint<F>>();
            var scalars = new List<Fr>();
            foreach (var part in parts)
            {
                var columns = part.Columns;
                var wire = firstWire + i;
                for (var k = columns.Start[wire]; k < columns.Start[wire + 1]; k++)
                {
                    points.Add(part.Bases[columns.Rows[k]]);
                    scalars.Add(columns.Values[k]);
                }
            }
            sums[i] = msm(points.ToArray(), scalars.ToArray());
        }
        return ToAffine(sums);
    }

    /// <summary>[c]P, with the shortcuts that make R1CS coefficients cheap: +-1 and values or negations below 2^64.</summary>
    public static JacobianPoint<F> Term<F>(in AffinePoint<F> point, in Fr coefficient) where F : struct, IField<F>
    {
        if (point.IsInfinity || coefficient.IsZero)
            return JacobianPoint<F>.Infinity;
        if (TrySmall(coefficient, out var small))
            return Small(point, small);
        if (TrySmall(-coefficient, out small))
            return Small(point, small).Negate();
        return point.ToJacobian().Multiply(coefficient);
    }

    static JacobianPoint<F> Small<F>(in AffinePoint<F> point, ulong k) where F : struct, IField<F> =>
        k == 1 ? point.ToJacobian() : point.ToJacobian().Multiply([k]);

    static bool TrySmall(in Fr value, out ulong small)
    {
        value.ToCanonical(out small, out var l1, out var l2, out var l3);
        return (l1 | l2 | l3) == 0;
    }

    /// <summary>Batch conversion in chunks on all cores: one inversion per chunk instead of one per point.</summary>
    public static AffinePoint<F>[] ToAffine<F>(JacobianPoint<F>[] points) where F : struct, IField<F>
    {
        const int chunk = 4096;
        var result = new AffinePoint<F>[points.Length];
        Parallel.For(0, (points.Length + chunk - 1) / chunk, c =>
        {
            var first = c * chunk;
            var n = Math.Min(chunk, points.Length - first);
            JacobianPoint<F>.ToAffine(points.AsSpan(first, n)).CopyTo(result, first);
        });
        return result;
    }
}
