namespace ZkPot.Crypto;

/// <summary>
/// The inverse number-theoretic transform with group elements for values: from [tau^i]G, i &lt; n, it gives the
/// Lagrange basis [L_j(tau)]G of the n-th roots of unity, L_j(tau) = (1/n) sum_i w^(-ij) tau^i, with w the root
/// <see cref="NttRoots"/> gives (snarkjs's). This is what preparing a powers-of-tau file for phase 2 computes.
/// </summary>
/// <remarks>
/// Radix-2, decimation in time, in Jacobian coordinates: (n/2) log2 n butterflies, each a scalar multiplication by a
/// twiddle (the trivial w^0 ones excepted), then n multiplications by 1/n; the butterflies of a stage run in parallel.
/// The twiddles are public, so the variable-time <see cref="GlvMultiplier"/> is fine here.
/// </remarks>
public static class GroupNtt
{
    const int Chunk = 256;

    /// <summary>The Lagrange basis of the domain of size points.Length (a power of two) from the powers in points.</summary>
    public static AffinePoint<F>[] InverseToAffine<F>(ReadOnlySpan<AffinePoint<F>> points) where F : struct, IField<F>
    {
        var n = points.Length;
        var logSize = NttRoots.LogSize(n, nameof(points));
        var values = new JacobianPoint<F>[n];
        for (var i = 0; i < n; i++)
            values[BitReverse(i, logSize)] = points[i].ToJacobian();

        var twiddles = NttRoots.Twiddles(logSize);
        for (var m = 1; m < n; m <<= 1)
        {
            var half = m;
            var butterflies = n / 2;
            Parallel.For(0, (butterflies + Chunk - 1) / Chunk, c =>
            {
                var end = Math.Min(butterflies, (c + 1) * Chunk);
                for (var b = c * Chunk; b < end; b++)
                {
                    var block = b / half;
                    var j = b - block * half;
                    var top = 2 * half * block + j;
                    var u = values[top];
                    var v = values[top + half];
                    if (j == 0)
                    {
                        values[top] = u.Add(v);
                        values[top + half] = u.Add(v.Negate());
                    }
                    else
                    {
                        // w_{2m}^(-j) = -w_{2m}^(m - j), and twiddles[2m - j] = w_{2m}^(m - j): t = -w^(-j) v.
                        var t = GlvMultiplier.Multiply(v, twiddles[2 * half - j]);
                        values[top] = u.Add(t.Negate());
                        values[top + half] = u.Add(t);
                    }
                }
            });
        }

        var nInverse = Fr.FromUInt64((ulong)n).Inverse();
        var digits = new GlvDigits(nInverse);
        var result = new AffinePoint<F>[n];
        Parallel.For(0, (n + Chunk - 1) / Chunk, c =>
        {
            var start = c * Chunk;
            var count = Math.Min(Chunk, n - start);
            var scaled = new JacobianPoint<F>[count];
            for (var i = 0; i < count; i++)
                scaled[i] = GlvMultiplier.Multiply(values[start + i], digits);
            JacobianPoint<F>.ToAffine(scaled).CopyTo(result.AsSpan(start));
        });
        return result;
    }

    static int BitReverse(int i, int bits) => bits == 0 ? 0 : (int)(ReverseBits((uint)i) >> (32 - bits));

    static uint ReverseBits(uint v)
    {
        v = ((v >> 1) & 0x55555555) | ((v & 0x55555555) << 1);
        v = ((v >> 2) & 0x33333333) | ((v & 0x33333333) << 2);
        v = ((v >> 4) & 0x0F0F0F0F) | ((v & 0x0F0F0F0F) << 4);
        v = ((v >> 8) & 0x00FF00FF) | ((v & 0x00FF00FF) << 8);
        return (v >> 16) | (v << 16);
    }
}
