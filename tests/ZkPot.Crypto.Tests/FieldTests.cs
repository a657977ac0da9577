using System.Numerics;

namespace ZkPot.Crypto.Tests;

public class FieldTests
{
    static readonly BigInteger P = BigInteger.Parse("21888242871839275222246405745257275088696311157297823662689037894645226208583");
    static readonly BigInteger R = BigInteger.Parse("21888242871839275222246405745257275088548364400416034343698204186575808495617");

    [Fact]
    public void Moduli_and_montgomery_constants_follow_from_the_primes()
    {
        Assert.Equal(P, Fp.Modulus);
        Assert.Equal(R, Fr.Modulus);
        var two256 = BigInteger.One << 256;
        Assert.Equal(BigInteger.One, Fp.One.ToBigInteger());
        Assert.Equal(BigInteger.One, Fr.One.ToBigInteger());
        Assert.Equal(P - 1, (-Fp.One).ToBigInteger());
        Assert.Equal(two256 % P, Fp.FromUInt64(2).Pow(256).ToBigInteger());
        Assert.Equal(two256 % R, Fr.FromUInt64(2).Pow(256).ToBigInteger());
    }

    [Fact]
    public void Fp_operations_agree_with_BigInteger_reference() => Agree<PModulus>(P, seed: 1);

    [Fact]
    public void Fr_operations_agree_with_BigInteger_reference() => Agree<RModulus>(R, seed: 2);

    static void Agree<M>(BigInteger m, int seed) where M : struct, IModulus
    {
        var rng = new Random(seed);
        var edge = new[] { BigInteger.Zero, BigInteger.One, m - 1, m - 2, m / 2, (BigInteger.One << 192) };
        for (int i = 0; i < 2000; i++)
        {
            var a = i < edge.Length ? edge[i] : PrimeField<M>.Random(rng).ToBigInteger();
            var b = i < edge.Length ? edge[(i + 2) % edge.Length] : PrimeField<M>.Random(rng).ToBigInteger();
            var fa = PrimeField<M>.FromBigInteger(a);
            var fb = PrimeField<M>.FromBigInteger(b);
            Assert.Equal(a * b % m, (fa * fb).ToBigInteger());
            Assert.Equal((a + b) % m, (fa + fb).ToBigInteger());
            Assert.Equal(((a - b) % m + m) % m, (fa - fb).ToBigInteger());
            Assert.Equal(a * a % m, fa.Square().ToBigInteger());
            Assert.Equal((m - a) % m, (-fa).ToBigInteger());
            if (i % 20 == 0 && !a.IsZero) Assert.Equal(BigInteger.ModPow(a, m - 2, m), fa.Inverse().ToBigInteger());
        }
    }

    [Fact]
    public void Fp2_product_and_square_agree_with_BigInteger_reference_at_the_top_of_the_range()
    {
        // Elements stored as p-1 and p-2 make the unreduced Karatsuba sums reach 2p - 4, the largest operand the
        // multiplication must accept.
        var words = (BigInteger v) => Enumerable.Range(0, 4).Select(i => (ulong)((v >> (64 * i)) & ulong.MaxValue)).ToArray();
        Fp Stored(BigInteger v) { var w = words(v); return Fp.FromMontgomery(w[0], w[1], w[2], w[3]); }
        var rng = new Random(9);
        var edge = new[] { Stored(P - 1), Stored(P - 2), Stored(P / 2 + 1), Fp.Zero, Fp.One };
        var values = edge.Concat(Enumerable.Range(0, 40).Select(_ => Fp.Random(rng))).ToArray();
        for (int i = 0; i < values.Length; i++)
            for (int j = 0; j < values.Length; j += 3)
            {
                var a = new Fp2(values[i], values[(i + 1) % values.Length]);
                var b = new Fp2(values[j], values[(j + 2) % values.Length]);
                BigInteger a0 = a.C0.ToBigInteger(), a1 = a.C1.ToBigInteger(), b0 = b.C0.ToBigInteger(), b1 = b.C1.ToBigInteger();
                var product = a * b;
                Assert.Equal(((a0 * b0 - a1 * b1) % P + P) % P, product.C0.ToBigInteger());
                Assert.Equal((a0 * b1 + a1 * b0) % P, product.C1.ToBigInteger());
                var square = a.Square();
                Assert.Equal(((a0 * a0 - a1 * a1) % P + P) % P, square.C0.ToBigInteger());
                Assert.Equal(2 * a0 * a1 % P, square.C1.ToBigInteger());
            }
    }

    [Fact]
    public void Decimal_and_byte_encodings_round_trip_and_reject_non_canonical()
    {
        var rng = new Random(3);
        for (int i = 0; i < 50; i++)
        {
            var x = Fp.Random(rng);
            Assert.Equal(x, Fp.ParseDecimal(x.ToDecimal()));
            var be = new byte[32]; x.WriteBigEndian(be);
            Assert.Equal(x, Fp.FromBytesBigEndian(be));
            var le = new byte[32]; x.WriteLittleEndian(le);
            Assert.Equal(x, Fp.FromBytesLittleEndian(le));
        }
        Assert.Throws<FormatException>(() => Fp.ParseDecimal(P.ToString()));
        Assert.Throws<FormatException>(() => Fr.ParseDecimal("-1"));
        Assert.Throws<FormatException>(() => Fr.ParseDecimal("12a"));
        Assert.Throws<FormatException>(() => Fr.ParseDecimal(""));
    }

    [Fact]
    public void Batch_inverse_matches_single_inverses_and_keeps_zero()
    {
        var rng = new Random(4);
        var xs = Enumerable.Range(0, 17).Select(i => i == 5 ? Fr.Zero : Fr.Random(rng)).ToArray();
        var ys = (Fr[])xs.Clone();
        Fr.BatchInverse(ys);
        for (int i = 0; i < xs.Length; i++) Assert.Equal(xs[i].Inverse(), ys[i]);
        Assert.True(ys[5].IsZero);
    }

    [Fact]
    public void Fp2_inverse_square_and_sqrt_are_consistent()
    {
        var rng = new Random(5);
        int roots = 0;
        for (int i = 0; i < 40; i++)
        {
            var a = new Fp2(Fp.Random(rng), Fp.Random(rng));
            Assert.Equal(Fp2.One, a * a.Inverse());
            Assert.Equal(a * a, a.Square());
            Assert.True(a.Square().TrySqrt(out var s));
            Assert.True(s == a || s == -a);
            if (a.TrySqrt(out var t)) { roots++; Assert.Equal(a, t.Square()); }
            Assert.Equal(a * Fp2.Xi, a.MulByXi());
        }
        Assert.InRange(roots, 5, 35); // about half of Fp2 are squares
    }

    [Fact]
    public void Fp6_and_Fp12_multiplication_agree_with_squaring_and_inverse()
    {
        var rng = new Random(6);
        Fp2 R2() => RandomFp2(rng);
        Fp6 R6() => RandomFp6(rng);
        for (int i = 0; i < 10; i++)
        {
            var a = R6(); var b = R6();
            Assert.Equal(a * a, a.Square());
            Assert.Equal(Fp6.One, a * a.Inverse());
            Assert.Equal(a * new Fp6(b.C0, b.C1, Fp2.Zero), a.MulBy01(b.C0, b.C1));
            var f = new Fp12(R6(), R6());
            Assert.Equal(f * f, f.Square());
            Assert.Equal(Fp12.One, f * f.Inverse());
            var (l0, l1, l2) = (R2(), R2(), R2());
            Assert.Equal(f * new Fp12(new Fp6(l0, Fp2.Zero, Fp2.Zero), new Fp6(l1, l2, Fp2.Zero)), f.MulByLine(l0, l1, l2));
        }
    }

    [Fact]
    public void Cyclotomic_squaring_equals_squaring_in_the_cyclotomic_subgroup()
    {
        var rng = new Random(8);
        Fp2 R2() => RandomFp2(rng);
        for (int i = 0; i < 5; i++)
        {
            var f = new Fp12(new Fp6(R2(), R2(), R2()), new Fp6(R2(), R2(), R2()));
            var g = f.Conjugate() * f.Inverse();   // f^(p^6 - 1)
            g = g.Frobenius(2) * g;                // ^(p^2 + 1): now in the cyclotomic subgroup
            Assert.Equal(g.Square(), g.CyclotomicSquare());
            Assert.NotEqual(f.Square(), f.CyclotomicSquare());
        }
    }

    [Fact]
    public void Frobenius_equals_raising_to_p()
    {
        var rng = new Random(7);
        Fp2 R2() => RandomFp2(rng);
        var f = new Fp12(new Fp6(R2(), R2(), R2()), new Fp6(R2(), R2(), R2()));
        var fp = Fp12.One; var x = f; var e = P;
        while (!e.IsZero) { if (!e.IsEven) fp *= x; x = x.Square(); e >>= 1; }
        Assert.Equal(fp, f.Frobenius(1));
        Assert.Equal(fp.Frobenius(1), f.Frobenius(2));
        Assert.Equal(f.Frobenius(2).Frobenius(1), f.Frobenius(3));
    }

    [Fact]
    public void Vartime_inverse_agrees_with_Fermat_and_maps_zero_to_zero()
    {
        var rng = new Random(11);
        Assert.True(Fp.Zero.InverseVartime().IsZero);
        Assert.True(Fr.Zero.InverseVartime().IsZero);
        Assert.Equal(Fp.One, Fp.One.InverseVartime());
        Assert.Equal(-Fp.One, (-Fp.One).InverseVartime());
        for (int i = 0; i < 300; i++)
        {
            var a = Fp.Random(rng);
            var b = Fr.Random(rng);
            Assert.Equal(a.Inverse(), a.InverseVartime());
            Assert.Equal(b.Inverse(), b.InverseVartime());
            Assert.Equal(Fp.One, a * a.InverseVartime());
        }
        // Stored words with long runs of zeros (64 and more trailing zeros take several shifts), and the extremes.
        var awkward = new[]
        {
            Fp.FromMontgomery(1, 0, 0, 0), Fp.FromMontgomery(2, 0, 0, 0), Fp.FromMontgomery(0, 1, 0, 0),
            Fp.FromMontgomery(0, 0, 0, 1UL << 60), Fp.FromMontgomery(0, 0x8000000000000000, 0, 0), Fp.FromMontgomery(0, 0, 1, 1),
            -Fp.FromMontgomery(1, 0, 0, 0), -Fp.FromMontgomery(2, 0, 0, 0), Fp.FromUInt64(2), -Fp.FromUInt64(2),
        };
        foreach (var a in awkward) Assert.Equal(a.Inverse(), a.InverseVartime());
    }

    [Fact]
    public void Vartime_inverses_of_the_tower_and_the_batch_agree_with_the_constant_time_ones()
    {
        var rng = new Random(12);
        for (int i = 0; i < 20; i++)
        {
            var a = RandomFp2(rng);
            var b = RandomFp6(rng);
            var f = new Fp12(RandomFp6(rng), RandomFp6(rng));
            Assert.Equal(a.Inverse(), a.Inverse(vartime: true));
            Assert.Equal(b.Inverse(), b.Inverse(vartime: true));
            Assert.Equal(f.Inverse(), f.Inverse(vartime: true));
        }
        var values = new[] { Fp.Random(rng), Fp.Zero, Fp.Random(rng), Fp.One };
        var constant = values.ToArray();
        var vartime = values.ToArray();
        Fp.BatchInverse(constant);
        Fp.BatchInverse(vartime, vartime: true);
        Assert.Equal(constant, vartime);
        Assert.True(vartime[1].IsZero);
        Assert.Equal(Fp.One, values[0] * vartime[0]);
    }

    static Fp2 RandomFp2(Random rng) => new(Fp.Random(rng), Fp.Random(rng));

    static Fp6 RandomFp6(Random rng) => new(RandomFp2(rng), RandomFp2(rng), RandomFp2(rng));
}
