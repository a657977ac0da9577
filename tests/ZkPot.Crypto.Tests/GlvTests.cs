using System.Numerics;

namespace ZkPot.Crypto.Tests;

public class GlvTests
{
    static readonly BigInteger R = Fr.Modulus;

    static BigInteger Signed(UInt128 magnitude, bool negative) => negative ? -(BigInteger)magnitude : (BigInteger)magnitude;

    static IEnumerable<Fr> Scalars()
    {
        var rng = new Random(7);
        var lambda = Glv.Lambda;
        yield return Fr.Zero;
        yield return Fr.One;
        yield return -Fr.One;
        yield return lambda;
        yield return -lambda;
        yield return lambda + Fr.One;
        yield return Fr.FromBigInteger(R / 2);
        yield return Fr.FromBigInteger(R / 3);
        yield return Fr.FromBigInteger(BigInteger.One << 127);
        yield return Fr.FromBigInteger((BigInteger.One << 253) - 1);
        for (int i = 0; i < 20000; i++) yield return Fr.Random(rng);
    }

    [Fact]
    public void Lambda_and_beta_are_nontrivial_cube_roots_of_unity()
    {
        var lambda = Glv.Lambda;
        Assert.False(lambda.IsOne);
        Assert.True((lambda * lambda * lambda).IsOne);
        foreach (var beta in new[] { Glv.BetaG1, Glv.BetaG2 })
        {
            Assert.False(beta.IsOne);
            Assert.True((beta * beta * beta).IsOne);
        }
        Assert.Equal(Glv.BetaG2, Glv.BetaG1 * Glv.BetaG1);
    }

    [Fact]
    public void The_split_recombines_to_the_scalar_with_halves_below_two_to_the_127()
    {
        var lambda = Glv.Lambda.ToBigInteger();
        var bound = BigInteger.One << Glv.HalfBits;
        foreach (var k in Scalars())
        {
            Glv.Split(k, out var k1, out bool n1, out var k2, out bool n2);
            Assert.True(k1 < (UInt128)bound && k2 < (UInt128)bound, $"halves of {k} too large: {k1}, {k2}");
            var back = (Signed(k1, n1) + Signed(k2, n2) * lambda) % R;
            if (back < 0) back += R;
            Assert.Equal(k.ToBigInteger(), back);
        }
    }

    [Fact]
    public void Phi_multiplies_G1_points_by_lambda()
    {
        var rng = new Random(8);
        for (int i = 0; i < 8; i++)
        {
            var p = G1.Generator.ToJacobian().Multiply(Fr.Random(rng)).ToAffine();
            var phi = new G1Affine(p.X * Glv.BetaG1, p.Y);
            Assert.True(phi.ToJacobian().IsSamePoint(p.ToJacobian().Multiply(Glv.Lambda)));
        }
    }

    [Fact]
    public void Phi_multiplies_G2_points_by_lambda()
    {
        var rng = new Random(9);
        var beta = new Fp2(Glv.BetaG2, Fp.Zero);
        for (int i = 0; i < 4; i++)
        {
            var q = G2.Generator.ToJacobian().Multiply(Fr.Random(rng)).ToAffine();
            var phi = new G2Affine(q.X * beta, q.Y);
            Assert.True(phi.ToJacobian().IsSamePoint(q.ToJacobian().Multiply(Glv.Lambda)));
        }
    }
}
