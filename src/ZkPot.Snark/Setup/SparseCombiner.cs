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

        // Terms whose coefficient is a full-size field element (hash constants, say) cost a scalar multiplication each:
        // they are all made first, eight at a time on lanes, and looked up by term below.
        var big = BigTerms(firstWire, count, parts, isHeavy);
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, count, 256), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                if (isHeavy[i])
                    continue;
                var acc = JacobianPoint<F>.Infinity;
                for (var p = 0; p < parts.Length; p++)
                {
                    var columns = parts[p].Columns;
                    var wire = firstWire + i;
                    for (var k = columns.Start[wire]; k < columns.Start[wire + 1]; k++)
                    {
                        acc = big.TryGetValue((p, k), out var product)
                            ? acc.Add(product)
                            : acc.Add(Term(parts[p].Bases[columns.Rows[k]], columns.Values[k]));
                    }
                }
                sums[i] = acc;
            }
        });

        // A heavy wire's MSM is small (a few hundred terms): one thread each, the wires side by side.
        Parallel.ForEach(heavy, i =>
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
        });
        return ToAffine(sums);
    }

    /// <summary>The products of every term (part, index) of a light wire whose coefficient and its negation are both above 2^64.</summary>
    static Dictionary<(int Part, int Term), JacobianPoint<F>> BigTerms<F>(int firstWire, int count, ColumnBasis<F>[] parts, bool[] isHeavy)
        where F : struct, IField<F>
    {
        var where = new List<(int Part, int Term)>();
        var points = new List<JacobianPoint<F>>();
        var scalars = new List<Fr>();
        for (var p = 0; p < parts.Length; p++)
        {
            var columns = parts[p].Columns;
            for (var i = 0; i < count; i++)
            {
                if (isHeavy[i])
                    continue;
                var wire = firstWire + i;
                for (var k = columns.Start[wire]; k < columns.Start[wire + 1]; k++)
                {
                    var value = columns.Values[k];
                    if (value.IsZero || TrySmall(value, out _) || TrySmall(-value, out _) || parts[p].Bases[columns.Rows[k]].IsInfinity)
                        continue;
                    where.Add((p, k));
                    points.Add(parts[p].Bases[columns.Rows[k]].ToJacobian());
                    scalars.Add(value);
                }
            }
        }
        var products = new JacobianPoint<F>[points.Count];
        var inputs = points.ToArray();
        var values = scalars.ToArray();
        const int chunk = 512;
        Parallel.For(0, (inputs.Length + chunk - 1) / chunk, c =>
        {
            var start = c * chunk;
            var n = Math.Min(chunk, inputs.Length - start);
            GlvMultiplier.MultiplyMany<F>(inputs.AsSpan(start, n), values.AsSpan(start, n), products.AsSpan(start, n));
        });
        var result = new Dictionary<(int, int), JacobianPoint<F>>(where.Count);
        for (var i = 0; i < where.Count; i++)
            result[where[i]] = products[i];
        return result;
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
