namespace ZkPot.Crypto;

/// <summary>
/// Many points, each multiplied by its own scalar, on every core: what a powers-of-tau contribution does to each
/// section (point i times first * step^i). Each point goes through <see cref="GlvMultiplier"/>; each chunk of results
/// returns to affine with one inversion.
/// </summary>
public static class PointScaling
{
    const int Chunk = 512;

    /// <summary>points[i] becomes [first * step^i] points[i] (affine in and out); every point must be in the order-r subgroup.</summary>
    public static void ByPowers<F>(Memory<AffinePoint<F>> points, Fr first, Fr step) where F : struct, IField<F>
    {
        var chunks = (points.Length + Chunk - 1) / Chunk;
        Parallel.For(0, chunks, c =>
        {
            var start = c * Chunk;
            var slice = points.Span.Slice(start, Math.Min(Chunk, points.Length - start));
            var scalar = first * step.Pow([(ulong)start]);
            var inputs = new JacobianPoint<F>[slice.Length];
            var scalars = new Fr[slice.Length];
            for (var i = 0; i < slice.Length; i++)
            {
                inputs[i] = slice[i].ToJacobian();
                scalars[i] = scalar;
                scalar *= step;
            }
            var products = new JacobianPoint<F>[slice.Length];
            GlvMultiplier.MultiplyMany<F>(inputs, scalars, products);
            JacobianPoint<F>.ToAffine(products).CopyTo(slice);
        });
    }
}
