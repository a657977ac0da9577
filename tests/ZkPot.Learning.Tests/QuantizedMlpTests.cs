using System.Numerics;

namespace ZkPot.Learning.Tests;

public class QuantizedMlpTests
{
    /// <summary>A random integer model; <paramref name="extreme"/> pushes weights, biases and M1 to the edges of their ranges.</summary>
    private static QuantizedMlp RandomModel(Random random, int hidden, bool extreme)
    {
        var w1 = new sbyte[hidden * 784];
        var w2 = new sbyte[10 * hidden];
        var b1 = new int[hidden];
        var b2 = new int[10];
        for (int n = 0; n < w1.Length; n++)
        {
            w1[n] = extreme ? (sbyte)(random.Next(2) == 0 ? -127 : 127) : (sbyte)random.Next(-127, 128);
        }
        for (int n = 0; n < w2.Length; n++)
        {
            w2[n] = (sbyte)random.Next(-127, 128);
        }
        int biasLimit = extreme ? QuantizedMlp.BiasBound - 1 : 1 << 20;
        for (int n = 0; n < b1.Length; n++)
        {
            b1[n] = extreme && random.Next(2) == 0 ? (random.Next(2) == 0 ? biasLimit : -biasLimit) : random.Next(-biasLimit, biasLimit + 1);
        }
        for (int n = 0; n < b2.Length; n++)
        {
            b2[n] = random.Next(-biasLimit, biasLimit + 1);
        }
        int m1 = extreme ? (1 << 24) - 1 - random.Next(3) : random.Next(1, 1 << 14);
        return new QuantizedMlp(hidden, w1, b1, m1, w2, b2);
    }

    [Theory]
    [InlineData(1, 32, false)]
    [InlineData(2, 7, false)]
    [InlineData(3, 16, true)]
    [InlineData(4, 1, true)]
    public void Integer_inference_equals_an_independent_biginteger_reference(int seed, int hidden, bool extreme)
    {
        var random = new Random(seed);
        for (int trial = 0; trial < 6; trial++)
        {
            QuantizedMlp model = RandomModel(random, hidden, extreme);
            for (int sample = 0; sample < 8; sample++)
            {
                byte[] image = SyntheticData.RandomImage(random);
                var acc1 = new long[hidden];
                var h = new int[hidden];
                var acc2 = new long[10];

                int prediction = model.Evaluate(image, acc1, h, acc2);

                var expected = QuantizedMlpReference.Evaluate(model, image);
                Assert.Equal(expected.Acc1, acc1.Select(v => new BigInteger(v)));
                Assert.Equal(expected.Hidden, h);
                Assert.Equal(expected.Acc2, acc2.Select(v => new BigInteger(v)));
                Assert.Equal(expected.Prediction, prediction);
                Assert.Equal(expected.Prediction, model.Predict(image));
                Assert.Equal(acc2, model.Logits(image));
            }
        }
    }

    [Fact]
    public void Hidden_units_take_values_across_the_whole_clamp_range_in_the_reference_check()
    {
        // Guards the test above against checking only saturated or only zero hidden units.
        var random = new Random(5);
        var seen = new HashSet<int>();
        for (int trial = 0; trial < 20; trial++)
        {
            QuantizedMlp model = RandomModel(random, 16, extreme: false);
            var h = new int[16];
            model.Evaluate(SyntheticData.RandomImage(random), new long[16], h, new long[10]);
            seen.UnionWith(h);
        }
        Assert.Contains(0, seen);
        Assert.Contains(127, seen);
        Assert.True(seen.Count > 20, $"only {seen.Count} distinct hidden values");
    }

    [Theory]
    [InlineData(0L, 1 << 23)]
    [InlineData(1L, (1 << 23) - 1)]
    [InlineData(1L, 1 << 23)]
    [InlineData(-1L, 1 << 23)]
    [InlineData(-3L, 5_000_000)]
    [InlineData(3_000_000L, 16_777_215)]
    [InlineData(-2_000_000_000L, 16_777_215)]
    [InlineData(2_000_000_000L, 1)]
    public void Requantize_rounds_half_up_then_clamps_like_the_reference(long acc, int m1)
    {
        BigInteger numerator = new BigInteger(acc) * m1 + (1 << 23);
        BigInteger floor = BigInteger.Divide(numerator - (numerator.Sign < 0 ? (1 << 24) - 1 : 0), 1 << 24);
        int expected = (int)BigInteger.Min(127, BigInteger.Max(0, floor));

        Assert.Equal(expected, QuantizedMlp.Requantize(acc, m1));
    }

    [Fact]
    public void Argmax_ties_go_to_the_lowest_class()
    {
        var b2 = new int[10];
        b2[3] = 500;
        b2[7] = 500;
        var model = new QuantizedMlp(2, new sbyte[2 * 784], new int[2], 1, new sbyte[20], b2);

        Assert.Equal(3, model.Predict(new byte[784]));
        Assert.Equal(0, QuantizedMlp.Argmax([5, 5, 5]));
        Assert.Equal(2, QuantizedMlp.Argmax([-9, -8, -1, -1]));
    }

    [Fact]
    public void Constructor_rejects_values_outside_the_circuit_ranges_naming_the_entry()
    {
        var w1 = new sbyte[3 * 784];
        w1[784 + 5] = -128;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new QuantizedMlp(3, w1, new int[3], 1, new sbyte[30], new int[10]));
        Assert.Contains("w1[1,5] is -128", e.Message);

        var b2 = new int[10];
        b2[4] = QuantizedMlp.BiasBound;
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new QuantizedMlp(3, new sbyte[3 * 784], new int[3], 1, new sbyte[30], b2));
        Assert.Contains("b2[4]", e.Message);

        Assert.Throws<ArgumentOutOfRangeException>(() => new QuantizedMlp(3, new sbyte[3 * 784], new int[3], 0, new sbyte[30], new int[10]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuantizedMlp(3, new sbyte[3 * 784], new int[3], 1 << 24, new sbyte[30], new int[10]));
        Assert.Throws<ArgumentException>(() => new QuantizedMlp(3, new sbyte[3 * 783], new int[3], 1, new sbyte[30], new int[10]));
        Assert.Throws<ArgumentException>(() => new QuantizedMlp(3, new sbyte[3 * 784], new int[3], 1, new sbyte[30], new int[10]).Predict(new byte[783]));
    }

    [Fact]
    public void Quantize_produces_in_range_integers_deterministically_and_transposes_to_output_major()
    {
        Dataset data = SyntheticData.Create(300, seed: 6);
        var model = (FloatMlp)SgdTrainer.Train(FloatMlp.Create(12, seed: 7), data, new SgdOptions { Seed = 8, Epochs = 4 }).Model;

        QuantizedMlp q = QuantizedMlp.Quantize(model, data.Take(100));
        QuantizedMlp again = QuantizedMlp.Quantize(model, data.Take(100));

        Assert.Equal(12, q.Hidden);
        Assert.InRange(q.M1, 1, (1 << 24) - 1);
        Assert.Equal(q.W1.ToArray(), again.W1.ToArray());
        Assert.Equal(q.B1.ToArray(), again.B1.ToArray());
        Assert.Equal(q.W2.ToArray(), again.W2.ToArray());
        Assert.Equal(q.B2.ToArray(), again.B2.ToArray());
        Assert.Equal(q.M1, again.M1);
        Assert.Contains(q.W1.ToArray(), w => Math.Abs((int)w) == 127);
        // The largest float weight lands on +-127, at the transposed position.
        ReadOnlySpan<float> w1 = model.W1;
        int largest = 0;
        for (int n = 1; n < w1.Length; n++)
        {
            if (Math.Abs(w1[n]) > Math.Abs(w1[largest])) largest = n;
        }
        int i = largest / 12, j = largest % 12;
        Assert.Equal(Math.Sign(w1[largest]) * 127, q.W1[j * 784 + i]);
        Assert.True(q.Accuracy(data) > 0.9, $"int8 accuracy {q.Accuracy(data):P1}, float {model.Accuracy(data):P1}");
    }

    [Fact]
    public void Quantize_rejects_a_non_finite_model_and_an_empty_calibration_set()
    {
        var model = FloatMlp.Create(4, seed: 1);
        Dataset calibration = SyntheticData.Create(5, seed: 2);
        Assert.Throws<ArgumentException>(() => QuantizedMlp.Quantize(model, calibration.Take(0)));
        model.Parameters[17] = float.PositiveInfinity;
        var e = Assert.Throws<ArgumentException>(() => QuantizedMlp.Quantize(model, calibration));
        Assert.Contains("parameter 17", e.Message);
    }
}
