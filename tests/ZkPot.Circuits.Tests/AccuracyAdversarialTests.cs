using ZkPot.Learning;
using ZkPot.Snark.Circuits;

namespace ZkPot.Circuits.Tests;

/// <summary>
/// A malicious prover tries to prove a count above the true one. Each attack is a witness built by the circuit's own
/// code with chosen wires forced (their dependents and the count recomputed from them): the attack must raise the
/// claimed count, so it would pay off, and must break a constraint. Where an attack has a legitimate neighbour (a
/// weight of -127, a bias one below the bound) that neighbour must be accepted, so the test is not passing by accident.
/// </summary>
public class AccuracyAdversarialTests
{
    const int M1 = 1 << 19;

    static AccuracyWires Circuit(QuantizedMlp model, int samples = 8, long seed = 7) => new(TestModels.Batch(samples, seed), model);

    static int WrongSample(AccuracyWires c)
    {
        for (int s = 0; s < c.Batch.Count; s++)
            if (c.Model.Predict(c.Batch.Image(s)) != c.Batch.Label(s)) return s;
        throw new InvalidOperationException("the model gets every sample right");
    }

    static void Refused(AccuracyWires c, (int Claimed, int FirstUnsatisfied) attempt, string what)
    {
        Assert.True(attempt.Claimed > c.Truth, $"{what}: the attack claims {attempt.Claimed}, truth {c.Truth}: it would not pay off");
        Assert.True(attempt.FirstUnsatisfied >= 0, $"{what}: a witness for {attempt.Claimed} > {c.Truth} satisfies every constraint");
    }

    [Fact]
    public void Flipping_a_samples_correctness_bit_is_refused()
    {
        var c = Circuit(TestModels.Lively(3, hidden: 2));
        int s = WrongSample(c);
        int bit = c.CorrectBit(s);
        var flipped = c.Attempt((bit, Fr.One));
        Refused(c, flipped, "bit flipped");
        Assert.Contains("IsZero", c.Describe(flipped.FirstUnsatisfied));
        // A smarter flip also zeroes the inverse so that x * inverse = 1 - out holds: x * out = 0 still fails.
        int inverse = (int)c.Honest.R1cs.B.RowWires(c.Rows($"sample {s} / argmax: IsZero: x * inverse = 1 - out").Single())[0];
        Refused(c, c.Attempt((bit, Fr.One), (inverse, Fr.Zero)), "bit flipped, inverse zeroed");
    }

    [Fact]
    public void Choosing_the_higher_class_under_a_tie_is_refused()
    {
        // Classes y-1 and y get identical rows and a bias that beats every other class: every image ties between them,
        // and the tie goes to y-1, so a sample labelled y is wrong.
        var batch = TestModels.Batch(16);
        int s = Enumerable.Range(0, batch.Count).First(i => batch.Label(i) >= 1);
        int y = batch.Label(s);
        var random = TestModels.Random(4, hidden: 2, m1: M1);
        var w2 = random.W2.ToArray();
        var b2 = Enumerable.Repeat(-(QuantizedMlp.BiasBound - 1), 10).ToArray();
        for (int j = 0; j < 2; j++) w2[(y - 1) * 2 + j] = w2[y * 2 + j];
        b2[y - 1] = b2[y] = QuantizedMlp.BiasBound - 1;
        var tied = new QuantizedMlp(2, random.W1, random.B1, M1, w2, b2);
        var logits = tied.Logits(batch.Image(s));
        Assert.Equal(logits[y - 1], logits[y]);
        Assert.Equal(y - 1, tied.Predict(batch.Image(s)));

        var c = new AccuracyWires(batch.Subset([s]), tied);
        Assert.Equal(0, c.Truth);
        // The margin against class y-1 is logit_y - logit_(y-1) - 1 = -1: claim it is non-negative.
        int sign = c.MarginSign(0, y - 1);
        var attempt = c.Attempt((sign, Fr.One));
        Refused(c, attempt, "tie to the higher class");
        Assert.Contains("signed range", c.Describe(attempt.FirstUnsatisfied));
    }

    [Fact]
    public void A_requantized_activation_off_by_one_or_outside_0_to_127_is_refused()
    {
        var c = Circuit(TestModels.Lively(5, hidden: 3), samples: 12);
        long[] deltas = [1, -1];
        long[] outside = [128, 255, -1, -1000, 1 << 20];
        int paying = 0, tried = 0;
        for (int s = 0; s < c.Batch.Count; s++)
            for (int j = 0; j < 3; j++)
            {
                int wire = c.Activation(s, j);
                long h = (long)(ulong)c.Honest.Witness.Values[wire].ToBigInteger();
                foreach (var value in deltas.Select(d => h + d).Concat(outside).Distinct())
                {
                    var attempt = c.Attempt((wire, AccuracyWires.Signed(value)));
                    tried++;
                    Assert.True(attempt.FirstUnsatisfied >= 0, $"sample {s} unit {j}: h = {value} instead of {h} satisfies every constraint");
                    if (attempt.Claimed > c.Truth) paying++;
                }
            }
        // Some of these would have raised the count: the refusals above include attacks that pay off.
        Assert.True(paying > 0, $"none of {tried} activation changes raises the count");
    }

    [Fact]
    public void A_weight_of_minus_128_or_a_bias_at_the_bound_is_refused_and_their_legitimate_neighbours_accepted()
    {
        var c = Circuit(TestModels.Lively(6, hidden: 2), samples: 12);
        int w1Count = 2 * QuantizedMlp.InputSize, w2Count = 10 * 2;
        int b2Start = w1Count + w2Count + 2;
        // B2 of the batch's most frequent label, pushed to the bound, makes that class win every sample: the attack
        // pays off when that label is more frequent than the model is right.
        int label = Enumerable.Range(0, c.Batch.Count).GroupBy(c.Batch.Label).MaxBy(g => g.Count())!.Key;
        int b2Wire = AccuracyWires.Committed(b2Start + label);
        var atBound = c.Attempt((b2Wire, AccuracyWires.Signed(QuantizedMlp.BiasBound)));
        Refused(c, atBound, "B2 = 2^24");
        Assert.Contains("model ranges", c.Describe(atBound.FirstUnsatisfied));
        Assert.Equal(-1, c.Attempt((b2Wire, AccuracyWires.Signed(QuantizedMlp.BiasBound - 1))).FirstUnsatisfied);
        Assert.True(c.Attempt((AccuracyWires.Committed(w1Count + w2Count), AccuracyWires.Signed(-QuantizedMlp.BiasBound))).FirstUnsatisfied >= 0);
        Assert.Equal(-1, c.Attempt((AccuracyWires.Committed(w1Count + w2Count), AccuracyWires.Signed(-(QuantizedMlp.BiasBound - 1)))).FirstUnsatisfied);

        // Weights: -128 (one below the native range) and 128 are refused wherever they are; -127 and 127 are fine.
        foreach (int index in new[] { 0, 400, w1Count - 1, w1Count + 3 })
        {
            int wire = AccuracyWires.Committed(index);
            Assert.True(c.Attempt((wire, AccuracyWires.Signed(-128))).FirstUnsatisfied >= 0, $"weight {index} = -128 accepted");
            Assert.True(c.Attempt((wire, AccuracyWires.Signed(128))).FirstUnsatisfied >= 0, $"weight {index} = 128 accepted");
            Assert.Equal(-1, c.Attempt((wire, AccuracyWires.Signed(-127))).FirstUnsatisfied);
            Assert.Equal(-1, c.Attempt((wire, AccuracyWires.Signed(127))).FirstUnsatisfied);
        }
    }

    [Fact]
    public void Another_multiplier_than_the_tasks_cannot_be_used_and_m1_0_has_no_circuit()
    {
        var batch = TestModels.Batch(16);
        var model = TestModels.Random(7, hidden: 2, m1: M1);
        var statement = new AccuracyStatement(Fr.One, 1, Fr.One, model.CountCorrect(batch));
        Assert.Throws<ArgumentOutOfRangeException>(() => CircuitBuilder.Build(new AccuracyCircuit(batch, 2, 0, statement, null)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuantizedMlp(2, model.W1, model.B1, 0, model.W2, model.B2));

        // The same integers under another M1 (a scale the prover picks to win more samples) give a witness of another
        // circuit; against the task's constraints it fails even where the shapes agree.
        var task = CircuitBuilder.Build(AccuracyCircuit.Shape(batch, 2, M1)).R1cs;
        int sameShape = 0;
        foreach (int m1 in new[] { M1 * 2, M1 * 4, M1 / 2, M1 + 1 })
        {
            var other = new QuantizedMlp(2, model.W1, model.B1, m1, model.W2, model.B2);
            int count = other.CountCorrect(batch);
            var built = CircuitBuilder.Build(new AccuracyCircuit(batch, 2, m1, statement with { Correct = count }, other, Fr.One));
            Assert.True(built.IsSatisfied);
            if (built.R1cs.NWires != task.NWires) continue;
            sameShape++;
            Assert.True(task.FirstUnsatisfiedConstraint(built.Witness.Values) >= 0, $"M1 = {m1}: the task's circuit accepts it");
        }
        Assert.True(sameShape > 0, "no other multiplier gave a circuit of the task's shape");
    }
}
