using System.Numerics;
using ILGPU;
using ILGPU.Runtime;
using ZkPot.Gpu.Device;

namespace ZkPot.Gpu.Tests;

[Collection(CpuAcceleratorCollection.Name)]
public class FieldKernelTests(CpuAcceleratorFixture fixture)
{
    delegate PrimeField<M> Op<M>(PrimeField<M> a, PrimeField<M> b) where M : struct, IModulus;

    /// <summary>
    /// Montgomery-form words that stress carries and the final subtraction: 0, 1, R mod m (one), m - 1, m - 2,
    /// (m +- 1) / 2, 2^253, 2^64 - 1, 2^192 and all-ones words just below m; then random elements.
    /// </summary>
    static PrimeField<M>[] Inputs<M>(int seed, int randomCount) where M : struct, IModulus
    {
        var m = PrimeField<M>.Modulus;
        BigInteger[] edges =
        [
            0, 1, 2, m - 1, m - 2, (m - 1) / 2, (m + 1) / 2, BigInteger.One << 253, ulong.MaxValue, BigInteger.One << 192,
            (BigInteger.One << 192) - 1, m - (BigInteger.One << 64), m - ulong.MaxValue,
            new BigInteger(M.One0) | ((BigInteger)M.One1 << 64) | ((BigInteger)M.One2 << 128) | ((BigInteger)M.One3 << 192),
        ];
        var rng = new Random(seed);
        var list = edges.Select(FromRaw<M>).ToList();
        for (int i = 0; i < randomCount; i++) list.Add(PrimeField<M>.Random(rng));
        return [.. list];
    }

    static PrimeField<M> FromRaw<M>(BigInteger v) where M : struct, IModulus =>
        PrimeField<M>.FromMontgomery((ulong)(v & ulong.MaxValue), (ulong)((v >> 64) & ulong.MaxValue), (ulong)((v >> 128) & ulong.MaxValue), (ulong)(v >> 192));

    static Word256 Words<M>(PrimeField<M> x) where M : struct, IModulus
    {
        x.ToMontgomery(out ulong l0, out ulong l1, out ulong l2, out ulong l3);
        return new Word256(l0, l1, l2, l3);
    }

    /// <summary>Every pair of inputs (a_i, b_j) as two flat arrays.</summary>
    static (Word256[] A, Word256[] B, PrimeField<M>[] X, PrimeField<M>[] Y) Pairs<M>(PrimeField<M>[] inputs) where M : struct, IModulus
    {
        int n = inputs.Length;
        var x = new PrimeField<M>[n * n];
        var y = new PrimeField<M>[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) { x[i * n + j] = inputs[i]; y[i * n + j] = inputs[j]; }
        return (x.Select(Words).ToArray(), y.Select(Words).ToArray(), x, y);
    }

    Word256[] RunKernel(Action<Index1D, ArrayView<Word256>, ArrayView<Word256>, ArrayView<Word256>> kernel, Word256[] a, Word256[] b, int outputs)
    {
        var accelerator = fixture.Device.Accelerator;
        lock (fixture.Device.Gate)
        {
            var loaded = accelerator.LoadAutoGroupedStreamKernel(kernel);
            using var da = accelerator.Allocate1D(a);
            using var db = accelerator.Allocate1D(b);
            using var dr = accelerator.Allocate1D<Word256>(outputs);
            loaded(outputs == a.Length ? a.Length : a.Length / 2, da.View, db.View, dr.View);
            accelerator.Synchronize();
            return dr.GetAsArray1D();
        }
    }

    void AssertKernelMatches<M>(Action<Index1D, ArrayView<Word256>, ArrayView<Word256>, ArrayView<Word256>> kernel, Op<M> op, int seed)
        where M : struct, IModulus
    {
        var (a, b, x, y) = Pairs(Inputs<M>(seed, 10));
        var result = RunKernel(kernel, a, b, a.Length);
        for (int i = 0; i < x.Length; i++)
        {
            var expected = Words(op(x[i], y[i]));
            Assert.True(expected.Equals(result[i]), $"{kernel.Method.Name}({x[i]}, {y[i]}) at {i}");
        }
    }

    [Fact]
    public void Fr_kernels_equal_the_CSharp_field_on_edge_and_random_values()
    {
        AssertKernelMatches<RModulus>(FieldKernels.MulFr, (a, b) => a * b, 1);
        AssertKernelMatches<RModulus>(FieldKernels.AddFr, (a, b) => a + b, 2);
        AssertKernelMatches<RModulus>(FieldKernels.SubFr, (a, b) => a - b, 3);
    }

    [Fact]
    public void Fp_kernels_equal_the_CSharp_field_on_edge_and_random_values()
    {
        AssertKernelMatches<PModulus>(FieldKernels.MulFp, (a, b) => a * b, 4);
        AssertKernelMatches<PModulus>(FieldKernels.AddFp, (a, b) => a + b, 5);
        AssertKernelMatches<PModulus>(FieldKernels.SubFp, (a, b) => a - b, 6);
    }

    [Fact]
    public void Pow_kernel_equals_PrimeField_Pow()
    {
        AssertKernelMatches<RModulus>(FieldKernels.PowFr, (a, b) =>
        {
            b.ToCanonical(out ulong e, out _, out _, out _);
            return a.Pow([e]);
        }, 7);
    }

    [Fact]
    public void Fp2_product_and_square_kernels_equal_Fp2()
    {
        var rng = new Random(8);
        var edges = Inputs<PModulus>(9, 0);
        var xs = new List<Fp2>();
        var ys = new List<Fp2>();
        for (int i = 0; i < edges.Length; i++) { xs.Add(new Fp2(edges[i], edges[^(i + 1)])); ys.Add(new Fp2(edges[(i + 3) % edges.Length], edges[i])); }
        for (int i = 0; i < 40; i++) { xs.Add(new Fp2(Fp.Random(rng), Fp.Random(rng))); ys.Add(new Fp2(Fp.Random(rng), Fp.Random(rng))); }
        var a = xs.SelectMany(v => new[] { Words(v.C0), Words(v.C1) }).ToArray();
        var b = ys.SelectMany(v => new[] { Words(v.C0), Words(v.C1) }).ToArray();
        var result = RunKernel(FieldKernels.MulFp2, a, b, 2 * a.Length);
        for (int i = 0; i < xs.Count; i++)
        {
            var product = xs[i] * ys[i];
            var square = xs[i].Square();
            Assert.True(Words(product.C0).Equals(result[4 * i]) && Words(product.C1).Equals(result[4 * i + 1]), $"product at {i}");
            Assert.True(Words(square.C0).Equals(result[4 * i + 2]) && Words(square.C1).Equals(result[4 * i + 3]), $"square at {i}");
        }
    }

    [Fact]
    public void Portable_Montgomery_path_equals_the_CSharp_field_on_many_random_values()
    {
        // The fallback the CPU accelerator runs, called directly: cheap enough for many more inputs.
        var rng = new Random(10);
        for (int i = 0; i < 20000; i++)
        {
            var a = Fp.Random(rng);
            var b = Fp.Random(rng);
            Assert.Equal(Words(a * b), MontgomeryArithmetic.MulPortable<DevicePModulus>(Words(a), Words(b)));
            var c = Fr.Random(rng);
            var d = Fr.Random(rng);
            Assert.Equal(Words(c * d), MontgomeryArithmetic.MulPortable<DeviceRModulus>(Words(c), Words(d)));
            Assert.Equal(Words(c - d), MontgomeryArithmetic.SubPortable<DeviceRModulus>(Words(c), Words(d)));
            Assert.Equal(Words(a + b), MontgomeryArithmetic.AddPortable<DevicePModulus>(Words(a), Words(b)));
        }
    }

    [Fact]
    public void Portable_high_product_equals_Math_BigMul()
    {
        var rng = new Random(11);
        ulong[] edges = [0, 1, uint.MaxValue, (ulong)uint.MaxValue + 1, ulong.MaxValue, ulong.MaxValue - 1, 1UL << 63];
        var values = edges.Concat(Enumerable.Range(0, 500).Select(_ => (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 40))).ToArray();
        foreach (var a in values)
            foreach (var b in edges.Concat(values.Take(50)))
                Assert.Equal(Math.BigMul(a, b, out _), Wide.MulHigh(a, b));
    }
}
