using System.Numerics;
using Lanes = ZkPot.Crypto.FieldLanes<ZkPot.Crypto.PModulus>;

namespace ZkPot.Crypto.Tests;

/// <summary>
/// The eight-lane AVX-512 field against the scalar one, on random values and at the edges of its bounds (on a CPU without
/// AVX-512 the same code runs on Vector512's portable fallback).
/// </summary>
public unsafe class FieldLanesTests
{
    /// <summary>Random values with the extremes mixed in: 0, 1, m - 1 and m - 2 sit in some lanes.</summary>
    static Fp[] Values(Random rng)
    {
        var v = new Fp[8];
        for (int k = 0; k < 8; k++) v[k] = Fp.Random(rng);
        v[rng.Next(8)] = Fp.Zero;
        v[rng.Next(8)] = -Fp.One;
        v[rng.Next(8)] = Fp.One;
        v[rng.Next(8)] = -Fp.One - Fp.One;
        return v;
    }

    /// <summary>Eight scalar elements (Fp or Fp2) as lanes of T, and back.</summary>
    static T LoadLanes<T, E>(E[] v) where T : unmanaged, ILanes<T> where E : unmanaged
    {
        int e = T.Words;
        fixed (E* p = v)
        {
            var w = (ulong*)p;
            return T.Load(w, w + e, w + 2 * e, w + 3 * e, w + 4 * e, w + 5 * e, w + 6 * e, w + 7 * e);
        }
    }

    static E[] StoreLanes<T, E>(in T x) where T : unmanaged, ILanes<T> where E : unmanaged
    {
        int e = T.Words;
        var v = new E[8];
        fixed (E* p = v)
        {
            var w = (ulong*)p;
            x.Store(w, w + e, w + 2 * e, w + 3 * e, w + 4 * e, w + 5 * e, w + 6 * e, w + 7 * e);
        }
        return v;
    }

    static Lanes Load(Fp[] v) => LoadLanes<Lanes, Fp>(v);
    static Fp[] Store(in Lanes x) => StoreLanes<Lanes, Fp>(x);
    static Fp2Lanes Load2(Fp2[] v) => LoadLanes<Fp2Lanes, Fp2>(v);
    static Fp2[] Store2(in Fp2Lanes x) => StoreLanes<Fp2Lanes, Fp2>(x);

    [Fact]
    public void Lanes_agree_with_the_scalar_field()
    {
        var rng = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            var a = Values(rng);
            var b = Values(rng);
            var la = Load(a);
            var lb = Load(b);
            Assert.Equal(a, Store(la));
            Assert.Equal(Enumerable.Range(0, 8).Select(k => a[k] * b[k]), Store(Lanes.Mul(la, lb)));
            Assert.Equal(Enumerable.Range(0, 8).Select(k => a[k] + b[k]), Store(Lanes.Add(la, lb)));
            Assert.Equal(Enumerable.Range(0, 8).Select(k => a[k] - b[k]), Store(Lanes.Sub(la, lb, Lanes.Offset32)));
        }
    }

    [Fact]
    public void Lanes_stay_exact_at_the_largest_operands_the_msm_uses()
    {
        // The chord rule of the MSM at its bounds: x3 = l^2 - (bx + px) + 64m, y3 = l (bx - x3 + 128m) - by + 32m,
        // repeated so every product sees operands near its stated limits.
        var rng = new Random(8);
        for (int trial = 0; trial < 100; trial++)
        {
            var bx = Values(rng); var px = Values(rng); var by = Values(rng); var py = Values(rng); var inv = Values(rng);
            var lbx = Load(bx); var lpx = Load(px); var lby = Load(by); var lpy = Load(py);
            var den = Lanes.Sub(lpx, lbx, Lanes.Offset32);
            var denInv = Lanes.Mul(Lanes.Mul(Load(inv), den), den);
            var lambda = Lanes.Mul(Lanes.Sub(lpy, lby, Lanes.Offset32), denInv);
            var x3 = Lanes.Sub(Lanes.Mul(lambda, lambda), Lanes.Add(lbx, lpx), Lanes.Offset64);
            var y3 = Lanes.Sub(Lanes.Mul(lambda, Lanes.Sub(lbx, x3, Lanes.Offset128)), lby, Lanes.Offset32);
            var storedX = Store(x3);
            var storedY = Store(y3);
            for (int k = 0; k < 8; k++)
            {
                var d = inv[k] * (px[k] - bx[k]) * (px[k] - bx[k]);
                var l = (py[k] - by[k]) * d;
                var ex = l.Square() - bx[k] - px[k];
                Assert.Equal(ex, storedX[k]);
                Assert.Equal(l * (bx[k] - ex) - by[k], storedY[k]);
            }
        }
    }

    [Fact]
    public void Reduce_keeps_the_value_of_any_loose_input()
    {
        var rng = new Random(10);
        for (int trial = 0; trial < 100; trial++)
        {
            var a = Values(rng);
            var b = Values(rng);
            // Loads are below 32m; sums of them reach up to 2^263 (above the 2^261 a product takes, within what Reduce takes).
            var loose = Lanes.Add(Lanes.Add(Load(a), Load(b)), Lanes.Add(Load(b), Load(b)));
            var reduced = Lanes.Reduce(loose);
            Assert.Equal(Enumerable.Range(0, 8).Select(k => a[k] + b[k] + b[k] + b[k]), Store(reduced));
            Assert.Equal(Store(reduced), Store(loose));
            for (int k = 0; k < 8; k++) Assert.True(Integer(reduced, k) < 3 * Fp.Modulus, $"lane {k}: reduced value not below 3m");
            Assert.Equal(Enumerable.Range(0, 8).Select(k => (a[k] + b[k] + b[k] + b[k]) * a[k]), Store(Lanes.Mul(reduced, Load(a))));
        }
    }

    /// <summary>The integer lane k holds (limb j weighs 2^(29 j)).</summary>
    static BigInteger Integer(in Lanes x, int k)
    {
        var limbs = new[] { x.L0, x.L1, x.L2, x.L3, x.L4, x.L5, x.L6, x.L7, x.L8 };
        var v = BigInteger.Zero;
        for (int j = 8; j >= 0; j--) v = (v << 29) + limbs[j][k];
        return v;
    }

    static Fp2[] Values2(Random rng)
    {
        var c0 = Values(rng);
        var c1 = Values(rng);
        return Enumerable.Range(0, 8).Select(k => new Fp2(c0[k], c1[k])).ToArray();
    }

    [Fact]
    public void Fp2_lanes_agree_with_scalar_Fp2_through_the_chord_rule_at_its_bounds()
    {
        var rng = new Random(9);
        for (int trial = 0; trial < 100; trial++)
        {
            var bx = Values2(rng); var px = Values2(rng); var by = Values2(rng); var py = Values2(rng); var inv = Values2(rng);
            var lbx = Load2(bx); var lpx = Load2(px); var lby = Load2(by); var lpy = Load2(py);
            Assert.Equal(Enumerable.Range(0, 8).Select(k => bx[k] * px[k]), Store2(Fp2Lanes.Mul(lbx, lpx)));
            Assert.Equal(Enumerable.Range(0, 8).Select(k => bx[k].Square()), Store2(Fp2Lanes.Square(lbx)));
            // The G2 chord rule as MsmLaneBatch runs it, with the running products of two chain steps.
            var den = Fp2Lanes.Sub(lpx, lbx, Fp2Lanes.Offset32);
            var chain = Fp2Lanes.Mul(Fp2Lanes.Mul(Load2(inv), den), den);
            var denInv = Fp2Lanes.Mul(Fp2Lanes.Mul(chain, chain), den);
            var lambda = Fp2Lanes.Mul(Fp2Lanes.Sub(lpy, lby, Fp2Lanes.Offset32), denInv);
            var x3 = Fp2Lanes.Sub(Fp2Lanes.Square(lambda), Fp2Lanes.Add(lbx, lpx), Fp2Lanes.Offset64);
            var y3 = Fp2Lanes.Sub(Fp2Lanes.Mul(lambda, Fp2Lanes.Sub(lbx, x3, Fp2Lanes.Offset128)), lby, Fp2Lanes.Offset32);
            var storedX = Store2(x3);
            var storedY = Store2(y3);
            for (int k = 0; k < 8; k++)
            {
                var d = px[k] - bx[k];
                var c = inv[k] * d * d;
                var l = (py[k] - by[k]) * (c * c * d);
                var ex = l.Square() - bx[k] - px[k];
                Assert.Equal(ex, storedX[k]);
                Assert.Equal(l * (bx[k] - ex) - by[k], storedY[k]);
            }
        }
    }
}
