using System.Numerics;

namespace ZkPot.Crypto.Tests;

public class NttTests
{
    static readonly CpuNtt Ntt = new();

    static Fr[] RandomVector(int n, int seed)
    {
        var rng = new Random(seed);
        var v = new Fr[n];
        for (int i = 0; i < n; i++) v[i] = Fr.Random(rng);
        return v;
    }

    static Fr Evaluate(ReadOnlySpan<Fr> coefficients, Fr x)
    {
        var acc = Fr.Zero;
        for (int i = coefficients.Length - 1; i >= 0; i--) acc = acc * x + coefficients[i];
        return acc;
    }

    [Fact]
    public void Two_adic_generator_has_order_exactly_2_pow_28()
    {
        var r = Fr.Modulus;
        Assert.Equal(BigInteger.Zero, (r - 1) % (BigInteger.One << 28));
        Assert.False(((r - 1) >> 28).IsEven);
        // 5 is a non-residue, so its odd-part power has the full 2-power order.
        Assert.Equal(-Fr.One, NttRoots.NonResidue.Pow((r - 1) / 2));
        var g = NttRoots.Root(28);
        Assert.Equal(g, NttRoots.NonResidue.Pow((r - 1) >> 28));
        Assert.Equal(-Fr.One, g.Pow(BigInteger.One << 27));
        Assert.Equal(Fr.One, g.Pow(BigInteger.One << 28));
    }

    [Fact]
    public void Every_root_is_primitive_for_its_size()
    {
        Assert.Equal(Fr.One, NttRoots.Root(0));
        for (int k = 1; k <= NttRoots.TwoAdicity; k++)
        {
            var w = NttRoots.Root(k);
            Assert.Equal(-Fr.One, w.Pow(BigInteger.One << (k - 1)));
            if (k < NttRoots.TwoAdicity) Assert.Equal(w, NttRoots.Root(k + 1).Square());
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => NttRoots.Root(29));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void Forward_equals_naive_evaluation_at_powers_of_the_root(int log)
    {
        int n = 1 << log;
        var coefficients = RandomVector(n, 100 + log);
        var values = (Fr[])coefficients.Clone();
        Ntt.Forward(values);
        var w = NttRoots.Root(log);
        var x = Fr.One;
        for (int i = 0; i < n; i++, x *= w) Assert.Equal(Evaluate(coefficients, x), values[i]);
    }

    [Theory]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(16)]
    public void Forward_on_multi_block_parallel_sizes_matches_naive_evaluation_at_sampled_points(int log)
    {
        int n = 1 << log;
        var coefficients = RandomVector(n, 200 + log);
        var values = (Fr[])coefficients.Clone();
        Ntt.Forward(values);
        var w = NttRoots.Root(log);
        foreach (int i in new[] { 0, 1, 2, 4095, 4096, n / 2 - 1, n / 2, n / 2 + 1, n - 1, 12345 % n })
            Assert.Equal(Evaluate(coefficients, w.Pow([(ulong)i])), values[i]);
    }

    [Fact]
    public void Inverse_undoes_forward_for_every_size_up_to_2_pow_14()
    {
        for (int log = 0; log <= 14; log++)
        {
            var original = RandomVector(1 << log, 300 + log);
            var values = (Fr[])original.Clone();
            Ntt.Forward(values);
            if (log > 0) Assert.NotEqual(original, values);
            Ntt.Inverse(values);
            Assert.Equal(original, values);
        }
    }

    [Fact]
    public void Inverse_maps_evaluations_to_the_coefficients_that_produce_them()
    {
        const int log = 6;
        var coefficients = RandomVector(1 << log, 400);
        var w = NttRoots.Root(log);
        var values = new Fr[1 << log];
        var x = Fr.One;
        for (int i = 0; i < values.Length; i++, x *= w) values[i] = Evaluate(coefficients, x);
        Ntt.Inverse(values);
        Assert.Equal(coefficients, values);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(6)]
    public void Coset_forward_equals_naive_evaluation_at_shifted_powers(int log)
    {
        int n = 1 << log;
        var coefficients = RandomVector(n, 500 + log);
        var shift = Fr.Random(new Random(501));
        var values = (Fr[])coefficients.Clone();
        Ntt.ForwardOnCoset(values, shift);
        var w = NttRoots.Root(log);
        var x = shift;
        for (int i = 0; i < n; i++, x *= w) Assert.Equal(Evaluate(coefficients, x), values[i]);
        Ntt.InverseOnCoset(values, shift);
        Assert.Equal(coefficients, values);
    }

    [Fact]
    public void Coset_round_trip_holds_on_parallel_sizes()
    {
        var original = RandomVector(1 << 14, 600);
        var shift = NttRoots.NonResidue;
        var values = (Fr[])original.Clone();
        Ntt.ForwardOnCoset(values, shift);
        Assert.Equal(Evaluate(original, shift * NttRoots.Root(14).Pow([777UL])), values[777]);
        Ntt.InverseOnCoset(values, shift);
        Assert.Equal(original, values);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(7)]
    public void ToOddCoset_gives_evaluations_at_odd_powers_of_the_double_size_root(int log)
    {
        int n = 1 << log;
        var coefficients = RandomVector(n, 700 + log);
        var values = (Fr[])coefficients.Clone();
        Ntt.Forward(values);
        Ntt.ToOddCoset(values);
        var w2n = NttRoots.Root(log + 1);
        for (int i = 0; i < n; i++) Assert.Equal(Evaluate(coefficients, w2n.Pow([(ulong)(2 * i + 1)])), values[i]);
    }

    [Fact]
    public void ToOddCoset_equals_inverse_then_coset_forward_on_parallel_sizes()
    {
        const int log = 14;
        var evaluations = RandomVector(1 << log, 800);
        var expected = (Fr[])evaluations.Clone();
        Ntt.Inverse(expected);
        Ntt.ForwardOnCoset(expected, NttRoots.Root(log + 1));
        Ntt.ToOddCoset(evaluations);
        Assert.Equal(expected, evaluations);
    }

    [Fact]
    public void Forward_is_exact_on_extreme_field_values()
    {
        // 0, 1, r - 1 and r - 2 drive every carry and conditional subtraction to its edge.
        var rng = new Random(950);
        var specials = new[] { Fr.Zero, Fr.One, -Fr.One, -Fr.One - Fr.One };
        var coefficients = new Fr[64];
        for (int i = 0; i < coefficients.Length; i++) coefficients[i] = i % 5 == 4 ? Fr.Random(rng) : specials[(i * 7 + i / 4) % 4];
        var values = (Fr[])coefficients.Clone();
        Ntt.Forward(values);
        var w = NttRoots.Root(6);
        var x = Fr.One;
        for (int i = 0; i < values.Length; i++, x *= w) Assert.Equal(Evaluate(coefficients, x), values[i]);
        Ntt.Inverse(values);
        Assert.Equal(coefficients, values);
    }

    [Fact]
    public void Single_thread_and_multi_thread_transforms_agree()
    {
        var a = RandomVector(1 << 15, 900);
        var b = (Fr[])a.Clone();
        new CpuNtt(1).Forward(a);
        new CpuNtt(3).Forward(b);
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(12)]
    public void Rejects_lengths_that_are_not_powers_of_two_without_touching_the_data(int length)
    {
        var values = RandomVector(length, 1000);
        var copy = (Fr[])values.Clone();
        var e = Assert.Throws<ArgumentException>(() => Ntt.Forward(values));
        Assert.Contains(length.ToString(), e.Message);
        Assert.Throws<ArgumentException>(() => Ntt.Inverse(values));
        Assert.Throws<ArgumentException>(() => Ntt.ToOddCoset(values));
        Assert.Equal(copy, values);
    }

    [Fact]
    public void Inverse_on_coset_rejects_a_zero_shift_without_touching_the_data()
    {
        var values = RandomVector(8, 1100);
        var copy = (Fr[])values.Clone();
        Assert.Throws<ArgumentException>(() => Ntt.InverseOnCoset(values, Fr.Zero));
        Assert.Equal(copy, values);
    }
}
