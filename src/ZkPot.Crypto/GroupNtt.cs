namespace ZkPot.Crypto;

/// <summary>
/// The inverse number-theoretic transform with group elements for values: from [tau^i]G, i &lt; n, it gives the
/// Lagrange basis [L_j(tau)]G of the n-th roots of unity, L_j(tau) = (1/n) sum_i w^(-ij) tau^i, with w the root
/// <see cref="NttRoots"/> gives (snarkjs's). This is what preparing a powers-of-tau file for phase 2 computes.
/// </summary>
/// <remarks>
/// Radix-2, decimation in time, in Jacobian coordinates: (n/2) log2 n butterflies, each a scalar multiplication by a
/// twiddle (the trivial w^0 ones excepted), eight at a time on lanes (<see cref="GlvMultiplier.MultiplyMany"/>); the
/// butterflies of a stage run in parallel. The twiddles are public, so variable time is fine here. The 1/n comes
/// first, on the inputs: for the bases of every domain up to N from one series, the inputs are divided by N once
/// and domain n's outputs are then doubled log2(N/n) times, instead of n full multiplications per domain.
/// </remarks>
public static class GroupNtt
{
    const int Chunk = 256;

    /// <summary>The Lagrange basis of the domain of size points.Length (a power of two) from the powers in points.</summary>
    public static AffinePoint<F>[] InverseToAffine<F>(ReadOnlySpan<AffinePoint<F>> points) where F : struct, IField<F>
    {
        var scaled = Scale(points, points.Length);
        return ToAffine(Transform<F>(scaled), 0);
    }

    /// <summary>
    /// The Lagrange bases of every domain 2^0, 2^1, ..., 2^K from the powers in <paramref name="powers"/> (2^K of them;
    /// domain 2^k uses the first 2^k), smallest domain first, each handed to <paramref name="consume"/> as it is made.
    /// </summary>
    public static void EveryDomain<F>(ReadOnlySpan<AffinePoint<F>> powers, Action<AffinePoint<F>[]> consume) where F : struct, IField<F>
    {
        var largest = NttRoots.LogSize(powers.Length, nameof(powers));
        var scaled = Scale(powers, powers.Length);
        for (var k = 0; k <= largest; k++)
            consume(ToAffine(Transform<F>(scaled.AsSpan(0, 1 << k)), largest - k));
    }

    /// <summary>The points divided by <paramref name="n"/>, as Jacobian points.</summary>
    static JacobianPoint<F>[] Scale<F>(ReadOnlySpan<AffinePoint<F>> points, int n) where F : struct, IField<F>
    {
        var inputs = new JacobianPoint<F>[points.Length];
        for (var i = 0; i < points.Length; i++)
            inputs[i] = points[i].ToJacobian();
        var scalars = new Fr[points.Length];
        scalars.AsSpan().Fill(Fr.FromUInt64((ulong)n).Inverse());
        var scaled = new JacobianPoint<F>[inputs.Length];
        Parallel.For(0, (inputs.Length + Chunk - 1) / Chunk, c =>
        {
            var start = c * Chunk;
            var count = Math.Min(Chunk, inputs.Length - start);
            GlvMultiplier.MultiplyMany<F>(inputs.AsSpan(start, count), scalars.AsSpan(start, count), scaled.AsSpan(start, count));
        });
        return scaled;
    }

    /// <summary>sum_i w^(-ij) x_i for every j, without the 1/n.</summary>
    static JacobianPoint<F>[] Transform<F>(ReadOnlySpan<JacobianPoint<F>> input) where F : struct, IField<F>
    {
        var n = input.Length;
        var logSize = NttRoots.LogSize(n, nameof(input));
        var values = new JacobianPoint<F>[n];
        for (var i = 0; i < n; i++)
            values[BitReverse(i, logSize)] = input[i];

        var twiddles = NttRoots.Twiddles(logSize);
        for (var m = 1; m < n; m <<= 1)
        {
            var half = m;
            var butterflies = n / 2;
            var blocks = n / (2 * m);
            if (m > 1 && blocks >= 8)
            {
                SharedTwiddleStage(values, half, blocks, twiddles);
                continue;
            }
            Parallel.For(0, (butterflies + Chunk - 1) / Chunk, c =>
            {
                var first = c * Chunk;
                var count = Math.Min(butterflies, first + Chunk) - first;
                // The chunk's twiddle products, w^0 = 1 left out.
                var inputs = new JacobianPoint<F>[count];
                var scalars = new Fr[count];
                var used = 0;
                for (var k = 0; k < count; k++)
                {
                    var (top, j) = Butterfly(first + k, half);
                    if (j == 0)
                        continue;
                    inputs[used] = values[top + half];
                    // w_{2m}^(-j) = -w_{2m}^(m - j), and twiddles[2m - j] = w_{2m}^(m - j): the product is -w^(-j) v.
                    scalars[used++] = twiddles[2 * half - j];
                }
                var products = new JacobianPoint<F>[used];
                GlvMultiplier.MultiplyMany<F>(inputs.AsSpan(0, used), scalars.AsSpan(0, used), products);
                used = 0;
                var uppers = new JacobianPoint<F>[count];
                var terms = new JacobianPoint<F>[count];
                for (var k = 0; k < count; k++)
                {
                    var (top, j) = Butterfly(first + k, half);
                    uppers[k] = values[top];
                    terms[k] = j == 0 ? values[top + half] : products[used++].Negate();
                }
                var sums = new JacobianPoint<F>[count];
                var differences = new JacobianPoint<F>[count];
                Butterflies.AddSub<F>(uppers, terms, sums, differences);
                for (var k = 0; k < count; k++)
                {
                    var (top, _) = Butterfly(first + k, half);
                    values[top] = sums[k];
                    values[top + half] = differences[k];
                }
            });
        }
        return values;
    }

    /// <summary>
    /// A stage with at least eight blocks: twiddle j is shared by one butterfly of every block, so the butterflies go
    /// j by j, eight blocks at a time, and the eight products follow one digit schedule (<see cref="GlvMultiplier.MultiplyManySame"/>).
    /// </summary>
    static void SharedTwiddleStage<F>(JacobianPoint<F>[] values, int half, int blocks, Fr[] twiddles) where F : struct, IField<F>
    {
        const int groupsPerTask = 8;
        var groups = blocks / 8;
        var tasksPerTwiddle = (groups + groupsPerTask - 1) / groupsPerTask;
        Parallel.For(0, half * tasksPerTwiddle, task =>
        {
            var j = task / tasksPerTwiddle;
            var firstGroup = task % tasksPerTwiddle * groupsPerTask;
            var endGroup = Math.Min(groups, firstGroup + groupsPerTask);
            // w_{2m}^(-j) = -w_{2m}^(m - j), and twiddles[2m - j] = w_{2m}^(m - j): the product is -w^(-j) v.
            var digits = j == 0 ? null : new GlvDigits(twiddles[2 * half - j]);
            var inputs = new JacobianPoint<F>[8];
            var products = new JacobianPoint<F>[8];
            var (uppers, terms, sums, differences) = (new JacobianPoint<F>[8], new JacobianPoint<F>[8], new JacobianPoint<F>[8], new JacobianPoint<F>[8]);
            for (var g = firstGroup; g < endGroup; g++)
            {
                for (var l = 0; l < 8; l++)
                    inputs[l] = values[2 * half * (8 * g + l) + j + half];
                if (digits is not null)
                    GlvMultiplier.MultiplyManySame<F>(inputs, digits, products);
                for (var l = 0; l < 8; l++)
                {
                    uppers[l] = values[2 * half * (8 * g + l) + j];
                    terms[l] = digits is null ? inputs[l] : products[l].Negate();
                }
                Butterflies.AddSub<F>(uppers, terms, sums, differences);
                for (var l = 0; l < 8; l++)
                {
                    var top = 2 * half * (8 * g + l) + j;
                    values[top] = sums[l];
                    values[top + half] = differences[l];
                }
            }
        });
    }

    /// <summary>The points doubled <paramref name="doublings"/> times, in affine form.</summary>
    static AffinePoint<F>[] ToAffine<F>(JacobianPoint<F>[] values, int doublings) where F : struct, IField<F>
    {
        var result = new AffinePoint<F>[values.Length];
        Parallel.For(0, (values.Length + Chunk - 1) / Chunk, c =>
        {
            var start = c * Chunk;
            var count = Math.Min(Chunk, values.Length - start);
            var slice = values.AsSpan(start, count);
            for (var d = 0; d < doublings; d++)
            {
                for (var i = 0; i < slice.Length; i++)
                    slice[i] = slice[i].Double();
            }
            JacobianPoint<F>.ToAffine(slice).CopyTo(result.AsSpan(start));
        });
        return result;
    }

    /// <summary>Butterfly b of a stage with half-size m: the index of its upper element and its twiddle exponent j.</summary>
    static (int Top, int J) Butterfly(int b, int half)
    {
        var block = b / half;
        var j = b - block * half;
        return (2 * half * block + j, j);
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
