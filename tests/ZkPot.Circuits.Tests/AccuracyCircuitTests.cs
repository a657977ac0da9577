using ZkPot.Learning;
using ZkPot.Snark.Circuits;

namespace ZkPot.Circuits.Tests;

/// <summary>The circuit's integer semantics equal QuantizedMlp's, sample by sample, including clamping and ties.</summary>
public class AccuracyCircuitTests
{
    static readonly Fr Mask = Fr.FromUInt64(987654321);

    static BuiltCircuit Build(Dataset batch, QuantizedMlp model, int claimed) =>
        CircuitBuilder.Build(new AccuracyCircuit(batch, model.Hidden, model.M1,
            new AccuracyStatement(Fr.FromUInt64(1), 5, Fr.FromUInt64(2), claimed), model, Mask));

    public static IEnumerable<object[]> Models => [["trained"], ["random 1"], ["random 2"], ["random 3"]];

    static QuantizedMlp ModelNamed(string name) => name == "trained" ? TestModels.Trained : TestModels.Random(int.Parse(name[7..]));

    [Theory, MemberData(nameof(Models))]
    public void Each_sample_is_provable_exactly_with_the_native_verdict(string name)
    {
        var model = ModelNamed(name);
        var batch = TestModels.Batch(6);
        for (int s = 0; s < batch.Count; s++)
        {
            var one = batch.Subset([s]);
            int native = model.Predict(one.Image(0)) == one.Label(0) ? 1 : 0;
            var built = Build(one, model, native);
            if (!built.IsSatisfied)
                Assert.Fail($"{name}, sample {s}: native verdict {native} not provable: constraint " +
                    $"{built.FirstUnsatisfiedConstraint} ({built.DescribeConstraint(built.FirstUnsatisfiedConstraint)}) fails");
            Assert.False(Build(one, model, 1 - native).IsSatisfied, $"{name}, sample {s}: opposite verdict provable");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Every_activation_and_verdict_equals_the_native_model_for_random_models_multipliers_and_images(int seed)
    {
        // Property test: random widths, multipliers (powers of two, as formats use, and arbitrary odd parts), models
        // (lively, large-bias and extreme: every weight +-127, biases at +-(2^24 - 1)) and images (real, random bytes,
        // all 0, all 255). Each hidden activation wire equals QuantizedMlp's h, and only the native verdict is provable.
        var rng = new Random(seed);
        int hidden = rng.Next(1, 5);
        int m1 = seed % 2 == 0 ? 1 << rng.Next(0, 24) : rng.Next(1, 1 << 24);
        var lively = TestModels.Lively(seed, hidden);
        var model = seed switch
        {
            1 => new QuantizedMlp(hidden, lively.W1, lively.B1, m1, lively.W2, lively.B2),
            2 => TestModels.Random(seed, hidden, m1),
            _ => Extreme(rng, hidden, m1),
        };
        var real = TestModels.Batch(3, seed);
        var images = new List<byte[]> { real.Image(0).ToArray(), real.Image(1).ToArray(), real.Image(2).ToArray(),
            new byte[QuantizedMlp.InputSize], Enumerable.Repeat((byte)255, QuantizedMlp.InputSize).ToArray() };
        var noise = new byte[QuantizedMlp.InputSize];
        rng.NextBytes(noise);
        images.Add(noise);
        var acc1 = new long[hidden]; var h = new int[hidden]; var acc2 = new long[QuantizedMlp.OutputSize];
        foreach (var image in images)
        {
            var one = new Dataset([image], [(byte)rng.Next(10)]);
            var circuit = new AccuracyWires(one, model);
            Assert.True(circuit.Honest.IsSatisfied, $"seed {seed}: the native verdict {circuit.Truth} is not provable");
            model.Evaluate(image, acc1, h, acc2);
            for (int j = 0; j < hidden; j++)
                Assert.Equal(Fr.FromUInt64((ulong)h[j]), circuit.Honest.Witness.Values[circuit.Activation(0, j)]);
            Assert.False(Build(one, model, 1 - circuit.Truth).IsSatisfied);
        }
    }

    static QuantizedMlp Extreme(Random rng, int hidden, int m1)
    {
        sbyte Weight() => (sbyte)(rng.Next(2) == 0 ? -127 : 127);
        int Bias() => rng.Next(2) == 0 ? -(QuantizedMlp.BiasBound - 1) : QuantizedMlp.BiasBound - 1;
        var w1 = Enumerable.Range(0, hidden * QuantizedMlp.InputSize).Select(_ => Weight()).ToArray();
        var w2 = Enumerable.Range(0, QuantizedMlp.OutputSize * hidden).Select(_ => Weight()).ToArray();
        return new QuantizedMlp(hidden, w1, Enumerable.Range(0, hidden).Select(_ => Bias()).ToArray(), m1, w2,
            Enumerable.Range(0, QuantizedMlp.OutputSize).Select(_ => Bias()).ToArray());
    }

    [Fact]
    public void Random_models_exercise_both_clamps()
    {
        var batch = TestModels.Batch(6);
        int zeros = 0, saturated = 0, between = 0;
        var acc1 = new long[TestModels.Hidden]; var h = new int[TestModels.Hidden]; var acc2 = new long[QuantizedMlp.OutputSize];
        for (int seed = 1; seed <= 3; seed++)
            for (int s = 0; s < batch.Count; s++)
            {
                TestModels.Random(seed).Evaluate(batch.Image(s), acc1, h, acc2);
                zeros += h.Count(v => v == 0); saturated += h.Count(v => v == 127); between += h.Count(v => v is > 0 and < 127);
            }
        Assert.True(zeros > 0 && saturated > 0, $"clamps not exercised: {zeros} zeros, {saturated} saturated, {between} between");
    }

    [Fact]
    public void The_batch_count_must_be_exact()
    {
        var model = TestModels.Trained;
        var batch = TestModels.Batch(8);
        int truth = model.CountCorrect(batch);
        Assert.True(Build(batch, model, truth).IsSatisfied);
        Assert.False(Build(batch, model, truth + 1).IsSatisfied);
        if (truth > 0) Assert.False(Build(batch, model, truth - 1).IsSatisfied);
    }

    [Fact]
    public void The_committed_wires_are_the_model_values_in_order_then_the_mask()
    {
        var model = TestModels.Trained;
        var batch = TestModels.Batch(1);
        var built = Build(batch, model, model.CountCorrect(batch));
        var values = model.CommittedValues();
        Assert.Equal(values.Length + 1, built.CommittedCount);
        // Wire layout: one, 4 public inputs, then the committed wires in allocation order, the mask last.
        var witness = built.Witness.Values;
        for (int i = 0; i < values.Length; i++)
            Assert.Equal(values[i] >= 0 ? Fr.FromUInt64((ulong)values[i]) : -Fr.FromUInt64((ulong)-values[i]), witness[5 + i]);
        Assert.Equal(Mask, witness[5 + values.Length]);
    }

    [Fact]
    public void A_model_with_another_multiplier_than_the_task_is_refused()
    {
        var model = TestModels.Trained;
        var batch = TestModels.Batch(1);
        var e = Assert.Throws<ArgumentException>(() => CircuitBuilder.Build(new AccuracyCircuit(batch, model.Hidden, model.M1 + 1,
            new AccuracyStatement(Fr.One, 1, Fr.One, 0), model, Mask)));
        Assert.Contains("M1", e.Message);
    }

    [Fact]
    public void Constraint_count_per_sample_and_per_weight_follows_the_widths_the_public_data_allows()
    {
        var batch = TestModels.Batch(2);
        int Cost(Dataset d) => CircuitBuilder.Build(AccuracyCircuit.Shape(d, TestModels.Hidden, m1: 1 << 20)).R1cs.NConstraints;
        int one = Cost(batch.Subset([0])), two = Cost(batch);
        Assert.Equal(SampleCost(batch.Image(1)), two - one);
        // Per weight: 8 digits of w + 127 in [0, 254] and their recomposition; per bias 25 digits of b + 2^24 - 1 in
        // [0, 2^25 - 2] and one recomposition; and the count.
        int biases = TestModels.Hidden + 10, weights = QuantizedMlp.CommittedCount(TestModels.Hidden) - biases;
        Assert.Equal(weights * 9 + biases * 26 + 1, one - SampleCost(batch.Image(0)));
    }

    /// <summary>
    /// Per hidden unit a W-bit decomposition (W + 1), the clamp's zero test (2) and two products; 10 Hidden second-layer
    /// products; 9 margin sign tests (L + 1 each) and the all-nine zero test (2). M1 = 2^20 leaves a shift of 4, so W is
    /// the bit length of 2^24 - 1 + 127 (pixel sum) + 8, plus the sign.
    /// </summary>
    static int SampleCost(ReadOnlySpan<byte> image)
    {
        long pixelSum = 0;
        foreach (var x in image) pixelSum += x;
        int width = BitLength((1L << 24) - 1 + 127 * pixelSum + 8) + 1;
        int margin = BitLength(2 * ((1L << 24) - 1 + TestModels.Hidden * 127L * 127)) + 1;
        return TestModels.Hidden * (width + 1 + 2 + 2) + 10 * TestModels.Hidden + 9 * (margin + 1) + 2;
    }

    static int BitLength(long v) => 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)v);
}
