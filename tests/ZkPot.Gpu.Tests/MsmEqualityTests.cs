namespace ZkPot.Gpu.Tests;

[Collection(CpuAcceleratorCollection.Name)]
public class MsmEqualityTests(CpuAcceleratorFixture fixture)
{
    static readonly CpuMsm Cpu = new(1);

    /// <summary>
    /// Random points and scalars with the awkward cases mixed in: zero, one and r - 1 scalars, points at infinity,
    /// repeated points with equal scalars (a bucket doubling), a point beside its negation (a bucket cancelling).
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
        for (int i = 1; i < n; i++)
        {
            switch (i % 9)
            {
                case 1: scalars[i] = Fr.Zero; break;
                case 2: scalars[i] = -Fr.One; break;
                case 3: points[i] = AffinePoint<F>.Infinity; break;
                case 4: points[i] = points[i - 1]; scalars[i] = scalars[i - 1]; break;
                case 5: points[i] = points[i - 1].Negate(); scalars[i] = scalars[i - 1]; break;
                case 7: scalars[i] = Fr.One; break;
            }
        }
        return (points, scalars);
    }

    static void AssertSamePoint<F>(JacobianPoint<F> expected, JacobianPoint<F> actual, string what) where F : struct, IField<F> =>
        Assert.True(expected.ToAffine() == actual.ToAffine(), $"{what}: expected {expected.ToAffine()}, got {actual.ToAffine()}");

    [Theory]
    [InlineData(64, 0)]
    [InlineData(128, 0)]
    [InlineData(256, 0)]
    [InlineData(100, 3)]
    [InlineData(64, 1)]
    [InlineData(64, 13)]
    public void G1_sum_equals_CpuMsm(int n, int windowBits)
    {
        var (points, scalars) = Awkward(G1.Generator, n, 1000 + n + windowBits);
        var expected = Cpu.MultiExp(points, scalars);
        var actual = windowBits == 0 ? fixture.Msm.MultiExp(points, scalars) : fixture.Msm.MultiExp(points, scalars, windowBits);
        AssertSamePoint(expected, actual, $"G1 MSM of {n} points, c = {windowBits}");
    }

    [Theory]
    [InlineData(64, 0)]
    [InlineData(40, 6)]
    public void G2_sum_equals_CpuMsm(int n, int windowBits)
    {
        var (points, scalars) = Awkward(G2.Generator, n, 2000 + n);
        var expected = Cpu.MultiExp(points, scalars);
        var actual = windowBits == 0 ? fixture.Msm.MultiExp(points, scalars) : fixture.Msm.MultiExp(points, scalars, windowBits);
        AssertSamePoint(expected, actual, $"G2 MSM of {n} points, c = {windowBits}");
    }

    [Fact]
    public void Every_point_in_one_bucket_still_sums_exactly()
    {
        // Equal scalars send all points of a window to one bucket: a long serial chain on one thread.
        var (points, _) = Awkward(G1.Generator, 64, 3000);
        var scalars = Enumerable.Repeat(Fr.FromUInt64(5), points.Length).ToArray();
        AssertSamePoint(Cpu.MultiExp(points, scalars), fixture.Msm.MultiExp(points, scalars, 4), "one bucket");
    }

    [Fact]
    public void Bases_uploaded_once_serve_several_scalar_vectors()
    {
        var (points, first) = Awkward(G1.Generator, 64, 4000);
        var (_, second) = Awkward(G1.Generator, 64, 4001);
        using var bases = fixture.Msm.Upload(points);
        Assert.Equal(64, bases.Count);
        AssertSamePoint(Cpu.MultiExp(points, first), fixture.Msm.MultiExp(bases, first), "first vector");
        AssertSamePoint(Cpu.MultiExp(points, second), fixture.Msm.MultiExp(bases, second), "second vector");
    }

    [Fact]
    public void Empty_input_is_the_identity_and_mismatched_lengths_are_rejected()
    {
        Assert.True(fixture.Msm.MultiExp(ReadOnlySpan<G1Affine>.Empty, ReadOnlySpan<Fr>.Empty).IsInfinity);
        Assert.True(fixture.Msm.MultiExp(ReadOnlySpan<G2Affine>.Empty, ReadOnlySpan<Fr>.Empty).IsInfinity);
        var e = Assert.Throws<ArgumentException>(() => fixture.Msm.MultiExp([G1.Generator, G1.Generator], [Fr.One]));
        Assert.Contains("2 points, 1 scalars", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Msm.MultiExp([G1.Generator], [Fr.One], 17));
    }

    [Fact]
    public void Window_widths_split_255_bits_exactly()
    {
        for (int c = 1; c <= 16; c++)
        {
            int k = Device.MsmShape.WindowCount(c), covered = 0;
            for (int w = 0; w < k; w++)
            {
                Assert.Equal(covered, Device.MsmShape.Offset(c, w));
                Assert.InRange(Device.MsmShape.Width(c, w), 1, c);
                covered += Device.MsmShape.Width(c, w);
            }
            Assert.Equal(255, covered);
        }
    }
}
