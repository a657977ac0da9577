using ZkPot.Learning;
using ZkPot.Snark.Circuits;

namespace ZkPot.Circuits.Tests;

/// <summary>The circuit's integer semantics equal QuantizedMlp's, sample by sample, including clamping and ties.</summary>
public class AccuracyCircuitTests
{
    static readonly Fr Salt = Fr.FromUInt64(987654321);

    static BuiltCircuit Build(Dataset batch, QuantizedMlp model, int claimed) =>
        CircuitBuilder.Build(new AccuracyCircuit(batch, model.Hidden,
            new AccuracyStatement(Fr.FromUInt64(1), 5, Fr.FromUInt64(2), ModelCommitment.Compute(model, Salt), claimed), model, Salt));

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
    public void Commitment_in_the_circuit_equals_the_native_one_and_binds_every_weight()
    {
        var model = TestModels.Trained;
        var batch = TestModels.Batch(1);
        var native = ModelCommitment.Compute(model, Salt);
        var wrong = new AccuracyStatement(Fr.FromUInt64(1), 5, Fr.FromUInt64(2), native + Fr.One, model.CountCorrect(batch));
        Assert.False(CircuitBuilder.Build(new AccuracyCircuit(batch, model.Hidden, wrong, model, Salt)).IsSatisfied);

        var w1 = model.W1.ToArray();
        w1[1234] = (sbyte)(w1[1234] == 5 ? 6 : 5);
        var changed = new QuantizedMlp(model.Hidden, w1, model.B1, model.M1, model.W2, model.B2);
        Assert.NotEqual(native, ModelCommitment.Compute(changed, Salt));
        Assert.NotEqual(native, ModelCommitment.Compute(model, Salt + Fr.One));
    }

    [Fact]
    public void Constraint_count_is_reported_per_sample_and_per_weight()
    {
        int OneCount(int samples) => AccuracyCircuitCost(TestModels.Batch(samples));
        int c1 = OneCount(1), c2 = OneCount(2);
        int perSample = c2 - c1;
        // Per sample: Hidden requantizations (about 62 each), 10*Hidden products, 9 comparisons (35 each) and the AND.
        Assert.InRange(perSample, TestModels.Hidden * 62 + 10 * TestModels.Hidden + 9 * 35, TestModels.Hidden * 70 + 10 * TestModels.Hidden + 9 * 36 + 10);
    }

    static int AccuracyCircuitCost(Dataset batch) =>
        CircuitBuilder.Build(AccuracyCircuit.Shape(batch, TestModels.Hidden)).R1cs.NConstraints;
}
