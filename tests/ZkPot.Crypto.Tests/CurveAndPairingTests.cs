using System.Numerics;

namespace ZkPot.Crypto.Tests;

public class CurveAndPairingTests
{
    [Fact]
    public void Generators_are_on_their_curves_and_have_order_r()
    {
        Assert.True(G1.IsValid(G1.Generator));
        Assert.True(G2.Generator.IsOnCurve(G2.B));
        Assert.True(G1.Generator.ToJacobian().Multiply(Fr.Modulus).IsInfinity);
        Assert.True(G2.InSubgroupByOrder(G2.Generator));
        Assert.True(G2.InSubgroup(G2.Generator));
    }

    [Fact]
    public void Point_addition_formulas_agree_with_each_other()
    {
        var rng = new Random(11);
        var g = G1.Generator.ToJacobian();
        var a = g.Multiply(Fr.Random(rng));
        var b = g.Multiply(Fr.Random(rng));
        Assert.True(a.Add(b).IsSamePoint(a.AddMixed(b.ToAffine())));
        Assert.True(a.Add(a).IsSamePoint(a.Double()));
        Assert.True(a.AddMixed(a.ToAffine()).IsSamePoint(a.Double()));
        Assert.True(a.Add(a.Negate()).IsInfinity);
        Assert.True(a.Multiply(new BigInteger(5)).IsSamePoint(a.Double().Double().Add(a)));
        var h = G2.Generator.ToJacobian();
        var c = h.Multiply(Fr.Random(rng));
        Assert.True(c.Add(c).IsSamePoint(c.Double()));
        Assert.True(c.Add(h).IsSamePoint(c.AddMixed(G2.Generator)));
    }

    [Fact]
    public void Scalar_multiplication_is_linear()
    {
        var rng = new Random(12);
        var a = Fr.Random(rng); var b = Fr.Random(rng);
        var g = G2.Generator.ToJacobian();
        Assert.True(g.Multiply(a).Add(g.Multiply(b)).IsSamePoint(g.Multiply(a + b)));
        Assert.True(g.Multiply(a).Multiply(b).IsSamePoint(g.Multiply(a * b)));
    }

    [Fact]
    public void Batch_affine_conversion_matches_single_conversion()
    {
        var rng = new Random(13);
        var pts = Enumerable.Range(0, 9).Select(i => i == 3 ? G1Jacobian.Infinity : G1.Generator.ToJacobian().Multiply(Fr.Random(rng))).ToArray();
        var aff = G1Jacobian.ToAffine(pts);
        for (int i = 0; i < pts.Length; i++) Assert.Equal(pts[i].ToAffine(), aff[i]);
    }

    [Fact]
    public void Pairing_is_bilinear_and_non_degenerate()
    {
        var rng = new Random(14);
        var a = Fr.Random(rng); var b = Fr.Random(rng);
        var e = Pairing.Pair(G1.Generator, G2.Generator);
        Assert.False(e.IsOne);
        Assert.True(Pow(e, Fr.Modulus).IsOne);
        var aP = G1.Generator.ToJacobian().Multiply(a).ToAffine();
        var bQ = G2.Generator.ToJacobian().Multiply(b).ToAffine();
        var eab = Pairing.Pair(aP, bQ);
        Assert.Equal(Pow(e, (a * b).ToBigInteger()), eab);
        Assert.Equal(Pairing.Pair(G1.Generator.ToJacobian().Multiply(a * b).ToAffine(), G2.Generator), eab);
        Assert.True(Pairing.Check([aP, G1.Generator.Negate()], [new G2Prepared(bQ), new G2Prepared(G2.Generator.ToJacobian().Multiply(a * b).ToAffine())]));
        Assert.False(Pairing.Check([aP, G1.Generator.Negate()], [new G2Prepared(bQ), new G2Prepared(G2.Generator.ToJacobian().Multiply(a * b + Fr.One).ToAffine())]));
    }

    [Fact]
    public void Fixed_point_preparation_gives_the_same_pairings_alone_and_mixed_with_plain_ones()
    {
        var rng = new Random(15);
        var a = Fr.Random(rng); var b = Fr.Random(rng);
        var aP = G1.Generator.ToJacobian().Multiply(a).ToAffine();
        var bQ = G2.Generator.ToJacobian().Multiply(b).ToAffine();
        var abQ = G2.Generator.ToJacobian().Multiply(a * b).ToAffine();
        Assert.Equal(Pairing.Pair(aP, bQ), Pairing.FinalExponentiation(Pairing.MillerLoop([aP], [G2Prepared.ForFixedPoint(bQ)])));
        Assert.True(Pairing.Check([aP, G1.Generator.Negate(), G1Affine.Infinity],
            [G2Prepared.ForFixedPoint(bQ), new G2Prepared(abQ), G2Prepared.ForFixedPoint(G2.Generator)]));
        Assert.True(Pairing.Check([G1.Generator.Negate(), aP], [G2Prepared.ForFixedPoint(abQ), new G2Prepared(bQ)]));
        Assert.False(Pairing.Check([aP, G1.Generator.Negate()], [new G2Prepared(bQ), G2Prepared.ForFixedPoint(bQ)]));
    }

    [Fact]
    public void Pairing_with_infinity_is_one()
    {
        Assert.True(Pairing.Pair(G1Affine.Infinity, G2.Generator).IsOne);
        Assert.True(Pairing.Pair(G1.Generator, G2Affine.Infinity).IsOne);
        Assert.True(Pairing.Check([], []));
    }

    [Fact]
    public void Hard_part_exponent_decomposition_holds()
    {
        BigInteger p = Fp.Modulus, r = Fr.Modulus, u = G2.U;
        var l0 = -36 * u * u * u - 30 * u * u - 18 * u - 2;
        var l1 = -36 * u * u * u - 18 * u * u - 12 * u + 1;
        var l2 = 6 * u * u + 1;
        Assert.Equal(BigInteger.Zero, (BigInteger.Pow(p, 4) - p * p + 1) % r);
        Assert.Equal((BigInteger.Pow(p, 4) - p * p + 1) / r, l0 + l1 * p + l2 * p * p + BigInteger.Pow(p, 3));
    }

    [Fact]
    public void G2_subgroup_check_agrees_with_the_order_definition_on_twist_points()
    {
        // Random points of E'(Fp2) almost never lie in the order-r subgroup; multiplying by the cofactor puts them there.
        var rng = new Random(15);
        var cofactor = 2 * Fp.Modulus - Fr.Modulus;
        int tried = 0;
        while (tried < 4)
        {
            var x = new Fp2(Fp.Random(rng), Fp.Random(rng));
            if (!(x.Square() * x + G2.B).TrySqrt(out var y)) continue;
            var q = new G2Affine(x, y);
            Assert.True(q.IsOnCurve(G2.B));
            Assert.False(G2.InSubgroupByOrder(q));
            Assert.False(G2.InSubgroup(q));
            var cleared = q.ToJacobian().Multiply(cofactor).ToAffine();
            Assert.True(G2.InSubgroupByOrder(cleared));
            Assert.True(G2.InSubgroup(cleared));
            tried++;
        }
    }

    [Fact]
    public void Psi_acts_as_multiplication_by_p_on_G2()
    {
        var q = G2.Generator.ToJacobian().Multiply(new BigInteger(12345)).ToAffine();
        Assert.True(G2.Psi(q).ToJacobian().IsSamePoint(q.ToJacobian().Multiply(Fp.Modulus % Fr.Modulus)));
    }

    static Fp12 Pow(Fp12 x, BigInteger e)
    {
        var r = Fp12.One;
        while (!e.IsZero) { if (!e.IsEven) r *= x; x = x.Square(); e >>= 1; }
        return r;
    }

    [Fact]
    public void Window_naf_rebuilds_the_integer_with_odd_bounded_spaced_digits()
    {
        var rng = new Random(12);
        var ks = new List<BigInteger> { G2.U, 1, 2, 7, 6 * G2.U + 2 };
        for (int i = 0; i < 50; i++) ks.Add(new BigInteger(rng.NextInt64(1, long.MaxValue)) * rng.NextInt64(1, long.MaxValue));
        foreach (var k in ks)
            for (int width = 2; width <= 5; width++)
            {
                var digits = Pairing.Naf(k, width);
                var value = BigInteger.Zero;
                int lastNonZero = int.MinValue / 2;
                for (int i = digits.Length - 1; i >= 0; i--) value = 2 * value + digits[i];
                Assert.Equal(k, value);
                for (int i = 0; i < digits.Length; i++)
                {
                    if (digits[i] == 0) continue;
                    Assert.True(Math.Abs((int)digits[i]) % 2 == 1 && Math.Abs((int)digits[i]) < 1 << (width - 1), $"digit {digits[i]} of {k} in width {width}");
                    Assert.True(i - lastNonZero >= width, $"non-zero digits of {k} closer than {width} apart");
                    lastNonZero = i;
                }
            }
    }

    [Fact]
    public void Cyclotomic_power_agrees_for_plain_and_window_naf()
    {
        var rng = new Random(13);
        var f = Pairing.FinalExponentiation(Pairing.Pair(G1.Generator, G2.Generator) * Pairing.Pair(
            G1.Generator.ToJacobian().Multiply(Fr.Random(rng)).ToAffine(), G2.Generator));
        var plain = f.CyclotomicPow(Pairing.Naf(G2.U));
        Assert.Equal(plain, f.CyclotomicPow(Pairing.Naf(G2.U, 4)));
        Assert.Equal(plain, f.CyclotomicPow(Pairing.Naf(G2.U, 5)));
        Assert.NotEqual(f, plain);
    }

    [Fact]
    public void First_off_curve_finds_the_first_bad_point_in_lanes_and_tail()
    {
        var rng = new Random(14);
        var g1 = new G1Affine[37];
        var g2 = new G2Affine[37];
        for (int i = 0; i < g1.Length; i++)
        {
            g1[i] = i % 9 == 4 ? G1Affine.Infinity : G1.Generator.ToJacobian().Multiply(Fr.Random(rng)).ToAffine();
            g2[i] = i % 9 == 4 ? G2Affine.Infinity : G2.Generator.ToJacobian().Multiply(Fr.Random(rng)).ToAffine();
        }
        Assert.Equal(-1, G1.FirstOffCurve(g1));
        Assert.Equal(-1, G2.FirstOffCurve(g2));
        // A bad point inside a group of eight (index 13), and one in the scalar tail (index 34) alone.
        foreach (var bad in new[] { 13, 34, 0 })
        {
            var p1 = (G1Affine[])g1.Clone();
            var p2 = (G2Affine[])g2.Clone();
            p1[bad] = new G1Affine(p1[bad].X, p1[bad].Y + Fp.One);
            p2[bad] = new G2Affine(p2[bad].X + Fp2.One, p2[bad].Y);
            if (bad != 34) { p1[34] = new G1Affine(Fp.One, Fp.One); p2[34] = new G2Affine(Fp2.One, Fp2.One); }
            Assert.Equal(bad, G1.FirstOffCurve(p1));
            Assert.Equal(bad, G2.FirstOffCurve(p2));
            Assert.False(p1[bad].IsOnCurve(G1.B));
        }
    }
}
