namespace ZkPot.Crypto.Tests;

public class PointScalingTests
{
    static IEnumerable<Fr> Scalars(int count, int seed)
    {
        var rng = new Random(seed);
        yield return Fr.Zero;
        yield return Fr.One;
        yield return -Fr.One;
        yield return Glv.Lambda;
        for (var i = 0; i < count; i++)
            yield return Fr.Random(rng);
    }

    [Fact]
    public void Glv_multiplication_equals_double_and_add_on_G1_and_G2()
    {
        var p = G1.Generator.ToJacobian().Multiply(Fr.FromUInt64(12345)).ToAffine();
        var q = G2.Generator.ToJacobian().Multiply(Fr.FromUInt64(6789)).ToAffine();
        foreach (var k in Scalars(64, 11))
        {
            Assert.Equal(p.ToJacobian().Multiply(k).ToAffine(), GlvMultiplier.Multiply(p.ToJacobian(), k).ToAffine());
            Assert.Equal(q.ToJacobian().Multiply(k).ToAffine(), GlvMultiplier.Multiply(q.ToJacobian(), k).ToAffine());
            var digits = new GlvDigits(k);
            Assert.Equal(p.ToJacobian().Multiply(k).ToAffine(), GlvMultiplier.Multiply(p.ToJacobian(), digits).ToAffine());
        }
    }

    [Fact]
    public void Many_multiplications_on_lanes_equal_one_at_a_time_on_G1_and_G2_edge_cases_included()
    {
        // 8 lanes at a time where AVX-512 is there: zero scalars, the point at infinity, 1, -1 and lambda must all come
        // out exactly as the one-point multiplier gives them (the lanes fall back to it where their formulas cannot).
        var rng = new Random(19);
        var scalars = Scalars(37, 23).ToArray();
        var g1 = scalars.Select((_, i) => i == 5 ? G1Jacobian.Infinity : G1.Generator.ToJacobian().Multiply(Fr.FromUInt64((ulong)i + 3))).ToArray();
        var g2 = scalars.Select((_, i) => i == 9 ? G2Jacobian.Infinity : G2.Generator.ToJacobian().Multiply(Fr.FromUInt64((ulong)i + 3))).ToArray();
        var r1 = new G1Jacobian[g1.Length];
        var r2 = new G2Jacobian[g2.Length];
        GlvMultiplier.MultiplyMany<Fp>(g1, scalars, r1);
        GlvMultiplier.MultiplyMany<Fp2>(g2, scalars, r2);
        for (var i = 0; i < scalars.Length; i++)
        {
            Assert.True(g1[i].Multiply(scalars[i]).IsSamePoint(r1[i]), $"G1 point {i}");
            Assert.True(g2[i].Multiply(scalars[i]).IsSamePoint(r2[i]), $"G2 point {i}");
        }
        Assert.True(FieldLanes<PModulus>.IsFast || !System.Runtime.Intrinsics.X86.Avx512F.IsSupported);
    }

    [Fact]
    public void Bulk_subgroup_check_agrees_with_the_one_point_test()
    {
        // Subgroup points, twist points outside it, and the point at infinity, in groups of eight and a tail.
        var points = new List<G2Affine>();
        for (ulong i = 1; points.Count < 40; i++)
        {
            points.Add(G2.Generator.ToJacobian().Multiply(Fr.FromUInt64(i * 7919)).ToAffine());
            var x = new Fp2(Fp.FromUInt64(i), Fp.FromUInt64(3));
            if ((x.Square() * x + G2.B).TrySqrt(out var y))
                points.Add(new G2Affine(x, y));
        }
        points.Insert(11, G2Affine.Infinity);
        var expected = points.FindIndex(p => !G2.InSubgroup(p));
        Assert.True(expected >= 0);
        Assert.Equal(expected, G2.FirstOutsideSubgroup(points.ToArray()));
        Assert.Equal(Math.Min(expected, 11), G2.FirstOutsideSubgroup(points.ToArray(), infinityIsOutside: true));
        var inside = points.Where(p => G2.InSubgroup(p)).ToArray();
        Assert.Equal(-1, G2.FirstOutsideSubgroup(inside));
        Assert.Equal(Array.IndexOf(inside, G2Affine.Infinity), G2.FirstOutsideSubgroup(inside, infinityIsOutside: true));
        var one = inside.ToArray();
        one[^3] = points[expected];
        Assert.Equal(one.Length - 3, G2.FirstOutsideSubgroup(one));
    }

    [Fact]
    public void Butterfly_additions_on_lanes_are_exact_at_equal_opposite_and_infinite_operands()
    {
        var g = G1.Generator.ToJacobian();
        var a = Enumerable.Range(1, 19).Select(i => g.Multiply(Fr.FromUInt64((ulong)i * 31))).ToArray();
        var b = Enumerable.Range(1, 19).Select(i => g.Multiply(Fr.FromUInt64((ulong)i * 57))).ToArray();
        b[1] = a[1];                       // a + a: the doubling case
        b[2] = a[2].Negate();              // a - (-a) and a + (-a) = infinity
        a[3] = G1Jacobian.Infinity;        // infinity + b
        b[9] = G1Jacobian.Infinity;        // a + infinity
        var sums = new G1Jacobian[a.Length];
        var differences = new G1Jacobian[a.Length];
        Butterflies.AddSub<Fp>(a, b, sums, differences);
        for (var i = 0; i < a.Length; i++)
        {
            Assert.True(a[i].Add(b[i]).IsSamePoint(sums[i]), $"sum {i}");
            Assert.True(a[i].Add(b[i].Negate()).IsSamePoint(differences[i]), $"difference {i}");
        }
    }

    [Fact]
    public void By_powers_multiplies_point_i_by_first_times_step_to_the_i()
    {
        var rng = new Random(5);
        // More than one chunk, and a last chunk that is not full.
        var points = Enumerable.Range(0, 1100).Select(i => G1.Generator.ToJacobian().Multiply(Fr.FromUInt64((ulong)i + 2)).ToAffine()).ToArray();
        var first = Fr.Random(rng);
        var step = Fr.Random(rng);
        var scaled = points.ToArray();
        PointScaling.ByPowers<Fp>(scaled, first, step);
        var scalar = first;
        for (var i = 0; i < points.Length; i++)
        {
            if (i % 97 == 0 || i >= 1020)
                Assert.Equal(points[i].ToJacobian().Multiply(scalar).ToAffine(), scaled[i]);
            scalar *= step;
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Group_inverse_ntt_gives_the_lagrange_basis_computed_term_by_term(int logSize)
    {
        var n = 1 << logSize;
        var tau = Fr.FromUInt64(987654321);
        var powers = new G2Affine[n];
        var t = Fr.One;
        for (var i = 0; i < n; i++)
        {
            powers[i] = G2.Generator.ToJacobian().Multiply(t).ToAffine();
            t *= tau;
        }
        var lagrange = GroupNtt.InverseToAffine<Fp2>(powers);

        var omegaInverse = NttRoots.Root(logSize).Inverse();
        var nInverse = Fr.FromUInt64((ulong)n).Inverse();
        for (var j = 0; j < n; j++)
        {
            var expected = G2Jacobian.Infinity;
            for (var i = 0; i < n; i++)
                expected = expected.Add(powers[i].ToJacobian().Multiply(omegaInverse.Pow([(ulong)(i * j)]) * nInverse));
            Assert.Equal(expected.ToAffine(), lagrange[j]);
        }
    }

    [Fact]
    public void Group_inverse_ntt_agrees_with_the_scalar_transform_at_2_to_the_10()
    {
        // sum_j v_j L_j = sum_i c_i P_i when v is the forward transform of c: the basis is right, point for point.
        const int n = 1 << 10;
        var rng = new Random(3);
        var tau = Fr.Random(rng);
        var scalars = new Fr[n];
        scalars[0] = Fr.One;
        for (var i = 1; i < n; i++)
            scalars[i] = scalars[i - 1] * tau;
        var powers = JacobianPoint<Fp>.ToAffine(scalars.Select(s => G1.Generator.ToJacobian().Multiply(s)).ToArray());
        var lagrange = GroupNtt.InverseToAffine<Fp>(powers);

        var coefficients = Enumerable.Range(0, n).Select(_ => Fr.Random(rng)).ToArray();
        var values = coefficients.ToArray();
        CpuNtt.Shared.Forward(values);
        Assert.True(CpuMsm.Shared.MultiExp(lagrange, values).IsSamePoint(CpuMsm.Shared.MultiExp(powers, coefficients)));
        // And each L_j is the point of the scalar L_j(tau) = (inverse transform of the powers)_j.
        var lagrangeScalars = scalars.ToArray();
        CpuNtt.Shared.Inverse(lagrangeScalars);
        Assert.Equal(G1.Generator.ToJacobian().Multiply(lagrangeScalars[5]).ToAffine(), lagrange[5]);
        Assert.Equal(G1.Generator.ToJacobian().Multiply(lagrangeScalars[n - 1]).ToAffine(), lagrange[n - 1]);
    }
}
