namespace ZkPot.Crypto.Tests;

public class MsmTests
{
    static readonly CpuMsm Msm = new();

    static JacobianPoint<F> Naive<F>(ReadOnlySpan<AffinePoint<F>> points, ReadOnlySpan<Fr> scalars) where F : unmanaged, IField<F>
    {
        var acc = JacobianPoint<F>.Infinity;
        for (int i = 0; i < points.Length; i++) acc = acc.Add(points[i].ToJacobian().Multiply(scalars[i]));
        return acc;
    }

    /// <summary>
    /// Random points and scalars with the awkward cases mixed in: zero and r - 1 scalars, points at infinity,
    /// repeated points with equal and different scalars, and a point beside its negation.
    /// </summary>
    static (AffinePoint<F>[] Points, Fr[] Scalars) Awkward<F>(AffinePoint<F> generator, int n, int seed) where F : unmanaged, IField<F>
    {
        var rng = new Random(seed);
        var g = generator.ToJacobian();
        var jac = new JacobianPoint<F>[n];
        for (int i = 0; i < n; i++) jac[i] = g.Multiply(Fr.Random(rng));
        var points = JacobianPoint<F>.ToAffine(jac);
        var scalars = new Fr[n];
        for (int i = 0; i < n; i++) scalars[i] = Fr.Random(rng);
        var minusOne = -Fr.One;
        for (int i = 0; i < n; i++)
        {
            switch (i % 9)
            {
                case 1: scalars[i] = Fr.Zero; break;
                case 2: scalars[i] = minusOne; break;
                case 3: points[i] = AffinePoint<F>.Infinity; break;
                case 4: if (i >= 4) points[i] = points[i - 4]; break;
                case 5: if (i >= 1) { points[i] = points[i - 1]; scalars[i] = scalars[i - 1]; } break;
                case 6: if (i >= 1) { points[i] = points[i - 1].Negate(); } break;
                case 7: scalars[i] = Fr.One; break;
            }
        }
        return (points, scalars);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(100)]
    [InlineData(1000)]
    public void G1_multi_exp_equals_the_naive_sum_of_scalar_multiplications(int n)
    {
        var (points, scalars) = Awkward(G1.Generator, n, 10 + n);
        var expected = Naive<Fp>(points, scalars);
        Assert.True(Msm.MultiExp(points, scalars).IsSamePoint(expected));
        // Small inputs pick narrow Jacobian windows; force batch-affine buckets too.
        Assert.True(Msm.MultiExp(points, scalars, 11).IsSamePoint(expected), "batch-affine buckets");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(100)]
    public void G2_multi_exp_equals_the_naive_sum_of_scalar_multiplications(int n)
    {
        var (points, scalars) = Awkward(G2.Generator, n, 20 + n);
        var expected = Naive<Fp2>(points, scalars);
        Assert.True(Msm.MultiExp(points, scalars).IsSamePoint(expected));
        Assert.True(Msm.MultiExp(points, scalars, 5, glv: false).IsSamePoint(expected), "whole scalars");
        Assert.True(Msm.MultiExp(points, scalars, 5, glv: true).IsSamePoint(expected), "GLV");
    }

    [Fact]
    public void Every_window_width_gives_the_same_sum()
    {
        var (points, scalars) = Awkward(G1.Generator, 60, 30);
        var expected = Naive<Fp>(points, scalars);
        for (int c = 1; c <= 18; c++)
        {
            Assert.True(Msm.MultiExp(points, scalars, c).IsSamePoint(expected), $"window width {c}");
            Assert.True(Msm.MultiExp(points, scalars, c, glv: true).IsSamePoint(expected), $"window width {c}, GLV");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(16)]
    public void One_point_repeated_with_one_scalar_sums_to_the_multiple(int windowBits)
    {
        // Every addition of a window lands in one bucket: with batch-affine buckets (c = 11) the batch never holds
        // more than one of them, so the rest wait, overflow, or double; with c = 16 the reduction sees Jacobian parts.
        var rng = new Random(40);
        var p = G1.Generator.ToJacobian().Multiply(Fr.Random(rng)).ToAffine();
        var s = Fr.Random(rng);
        const int n = 3000;
        var points = Enumerable.Repeat(p, n).ToArray();
        var scalars = Enumerable.Repeat(s, n).ToArray();
        var expected = p.ToJacobian().Multiply(s * Fr.FromUInt64(n));
        var sum = windowBits == 0 ? Msm.MultiExp(points, scalars) : Msm.MultiExp(points, scalars, windowBits);
        Assert.True(sum.IsSamePoint(expected));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(16)]
    public void Points_beside_their_negations_cancel_to_infinity(int windowBits)
    {
        var rng = new Random(50);
        var g = G1.Generator.ToJacobian();
        const int n = 2000;
        var points = new G1Affine[2 * n];
        var scalars = new Fr[2 * n];
        for (int i = 0; i < n; i++)
        {
            var p = g.Multiply(Fr.FromUInt64((ulong)(i % 7) + 1)).ToAffine();
            points[2 * i] = p;
            points[2 * i + 1] = p.Negate();
            scalars[2 * i] = scalars[2 * i + 1] = Fr.Random(rng);
        }
        var sum = windowBits == 0 ? Msm.MultiExp(points, scalars) : Msm.MultiExp(points, scalars, windowBits);
        Assert.True(sum.IsInfinity);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(40, 0)]
    [InlineData(2, 16)]
    [InlineData(2, -16)]
    [InlineData(1, -11)]
    public void Large_G1_multi_exp_equals_the_multiple_of_the_combined_discrete_log(int threads, int windowBits)
    {
        // Points [i + 1]G have known logs, so the sum is [sum_i s_i (i + 1)]G: one multiplication checks 2^14 points.
        const int n = 1 << 14;
        var points = MultiplesOf<Fp>(G1.Generator, n);
        var rng = new Random(60);
        var scalars = new Fr[n];
        var log = Fr.Zero;
        for (int i = 0; i < n; i++)
        {
            scalars[i] = i % 5 == 0 ? Fr.FromUInt64((ulong)i) : Fr.Random(rng);
            log += scalars[i] * Fr.FromUInt64((ulong)i + 1);
        }
        var expected = G1.Generator.ToJacobian().Multiply(log);
        var msm = new CpuMsm(threads);
        // Windows of 15 bits and more reduce their buckets through batch-affine partial sums; a negative width asks
        // for that width with the GLV split.
        var sum = windowBits == 0 ? msm.MultiExp(points, scalars) : msm.MultiExp(points, scalars, Math.Abs(windowBits), glv: windowBits < 0);
        Assert.True(sum.IsSamePoint(expected));
    }

    [Fact]
    public void Large_G2_multi_exp_equals_the_multiple_of_the_combined_discrete_log()
    {
        const int n = 3000;
        var points = MultiplesOf<Fp2>(G2.Generator, n);
        var rng = new Random(70);
        var scalars = new Fr[n];
        var log = Fr.Zero;
        for (int i = 0; i < n; i++)
        {
            scalars[i] = Fr.Random(rng);
            log += scalars[i] * Fr.FromUInt64((ulong)i + 1);
        }
        var expected = G2.Generator.ToJacobian().Multiply(log);
        Assert.True(Msm.MultiExp(points, scalars).IsSamePoint(expected));
        Assert.True(Msm.MultiExp(points, scalars, 11).IsSamePoint(expected), "batch-affine buckets");
        Assert.True(Msm.MultiExp(points, scalars, 15).IsSamePoint(expected), "batch-affine reduction");
        Assert.True(Msm.MultiExp(points, scalars, 11, glv: true).IsSamePoint(expected), "GLV, batch-affine buckets");
        Assert.True(Msm.MultiExp(points, scalars, 7, glv: true).IsSamePoint(expected), "GLV, Jacobian buckets");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_witness_of_mostly_bits_sums_its_ones_apart_and_equals_the_combined_discrete_log(int threads)
    {
        // Points [i + 1]G; 40 % of the scalars 1, 30 % 0, the rest random, with repeated points under scalar 1 (the
        // plain sum must double) and points at infinity: the split path, checked on G1 at 2^14 points and on G2.
        const int n = 1 << 14;
        var points = MultiplesOf<Fp>(G1.Generator, n);
        var rng = new Random(80);
        var scalars = new Fr[n];
        var log = Fr.Zero;
        for (int i = 0; i < n; i++)
        {
            int kind = rng.Next(10);
            scalars[i] = kind < 4 ? Fr.One : kind < 7 ? Fr.Zero : Fr.Random(rng);
            if (i % 101 == 1) { points[i] = points[i - 1]; scalars[i] = scalars[i - 1] = Fr.One; }
            if (i % 103 == 2) points[i] = AffinePoint<Fp>.Infinity;
        }
        for (int i = 0; i < n; i++)
            if (!points[i].IsInfinity) log += scalars[i] * Fr.FromUInt64(i % 101 == 1 ? (ulong)i : (ulong)i + 1);
        Assert.True(new CpuMsm(threads).MultiExp(points, scalars).IsSamePoint(G1.Generator.ToJacobian().Multiply(log)));

        // One point 5,000 times under scalar 1: every batch-affine accumulator meets its own x (doubling) again and again.
        var same = Enumerable.Repeat(G1.Generator, 5000).ToArray();
        var ones = Enumerable.Repeat(Fr.One, 5000).ToArray();
        Assert.True(new CpuMsm(threads).MultiExp(same, ones).IsSamePoint(G1.Generator.ToJacobian().Multiply(Fr.FromUInt64(5000))));

        var (g2Points, g2Scalars) = Awkward(G2.Generator, 300, 81);
        for (int i = 0; i < g2Scalars.Length; i++)
            if (i % 3 != 0) g2Scalars[i] = i % 3 == 1 ? Fr.One : Fr.Zero;
        Assert.True(new CpuMsm(threads).MultiExp(g2Points, g2Scalars).IsSamePoint(Naive<Fp2>(g2Points, g2Scalars)));
    }

    [Fact]
    public void Rejects_spans_of_different_lengths()
    {
        var points = new[] { G1.Generator, G1.Generator };
        var e = Assert.Throws<ArgumentException>(() => Msm.MultiExp(points, new[] { Fr.One }));
        Assert.Contains("2 points, 1 scalars", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Msm.MultiExp(points, new[] { Fr.One, Fr.One }, 21));
    }

    static AffinePoint<F>[] MultiplesOf<F>(AffinePoint<F> generator, int n) where F : unmanaged, IField<F>
    {
        var jac = new JacobianPoint<F>[n];
        var acc = JacobianPoint<F>.Infinity;
        for (int i = 0; i < n; i++) jac[i] = acc = acc.AddMixed(generator);
        return JacobianPoint<F>.ToAffine(jac);
    }
}
