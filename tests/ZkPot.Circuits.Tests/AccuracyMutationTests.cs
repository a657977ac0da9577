using ZkPot.Learning;
using ZkPot.Snark.Circuits;
using ZkPot.TestSupport;

namespace ZkPot.Circuits.Tests;

/// <summary>
/// The witness mutation tester on the accuracy circuit and its two non-linear gadgets: no computed wire changes
/// unnoticed, in place or with its dependents (and the count) recomputed; the only free wires are zero tests'
/// inverses of 0. The gadgets are also searched exhaustively for a second witness with another output.
/// </summary>
public class AccuracyMutationTests
{
    static readonly FreeWire[] Free = [FreeWire.IsZeroInverse];

    static Func<Func<int, Fr, Fr>?, BuiltCircuit> RequantizeCircuit(long acc, int m1, int width) => change =>
    {
        var b = new CircuitBuilder(64, change);
        var x = b.PrivateInput(AccuracyWires.Signed(acc));
        var h = AccuracyGadgets.Requantize(b, x, m1, width);
        b.AssertEqual(h, b.PublicOutput(b.Value(h)), "output");
        return b.Finish();
    };

    static Func<Func<int, Fr, Fr>?, BuiltCircuit> LabelWinsCircuit(long[] logits, int label, int marginBits) => change =>
    {
        var b = new CircuitBuilder(64, change);
        var x = logits.Select(v => (LinearCombination)b.PrivateInput(AccuracyWires.Signed(v))).ToArray();
        var wins = AccuracyGadgets.LabelWins(b, x, label, marginBits);
        b.AssertEqual(wins, b.PublicOutput(b.Value(wins)), "output");
        return b.Finish();
    };

    /// <summary>QuantizedMlp's requantization, written out: clamp((acc M1 + 2^23) >> 24, 0, 127).</summary>
    static long Native(long acc, int m1) => Math.Clamp((acc * m1 + (1L << 23)) >> 24, 0, 127);

    // M1 = 2^23: shift 1, saturates from acc = 254; M1 = 3 * 2^21: odd part 3, shift 3, saturates from acc = 340.
    public static IEnumerable<object[]> Multipliers => [[1 << 23, 300L], [3 << 21, 400L], [1 << 20, 60L]];

    [Theory, MemberData(nameof(Multipliers))]
    public void Requantization_has_exactly_one_output_for_every_acc_over_every_bit_assignment(int m1, long accMax)
    {
        int width = AccuracyGadgets.RequantizationWidth(m1, accMax);
        for (long acc = -accMax; acc <= accMax; acc += 13)
        {
            var honest = RequantizeCircuit(acc, m1, width)(null);
            Assert.True(honest.IsSatisfied, $"acc {acc}");
            Assert.Equal(AccuracyWires.Signed(Native(acc, m1)), honest.Witness.Values[1]);
            var search = SecondWitnessSearch.Run(honest, maxBooleans: 13);
            Assert.Equal(width, search.BooleanWires);
            Assert.All(search.Guessed, w => Assert.Contains("IsZero: x * inverse", DescribeWire(honest, w)));
            var outputs = search.Witnesses.Select(w => w[1]).Distinct().ToList();
            Assert.Equal([honest.Witness.Values[1]], outputs);
        }
    }

    static string DescribeWire(BuiltCircuit c, int wire) => string.Join(" | ", Enumerable.Range(0, c.R1cs.NConstraints)
        .Where(r => c.R1cs.A.RowWires(r).Contains((uint)wire) || c.R1cs.B.RowWires(r).Contains((uint)wire) || c.R1cs.C.RowWires(r).Contains((uint)wire))
        .Select(r => c.DescribeConstraint(r)));

    [Fact]
    public void Label_wins_has_exactly_one_output_for_every_logit_triple_over_every_bit_assignment()
    {
        for (long a = -2; a <= 2; a++)
            for (long c = -2; c <= 2; c++)
                for (long d = -2; d <= 2; d++)
                {
                    long[] logits = [a, c, d];
                    int argmax = Array.IndexOf(logits, logits.Max());
                    var honest = LabelWinsCircuit(logits, label: 1, marginBits: 4)(null);
                    Assert.Equal(argmax == 1 ? Fr.One : Fr.Zero, honest.Witness.Values[1]);
                    var search = SecondWitnessSearch.Run(honest);
                    Assert.Equal(8, search.BooleanWires);
                    var outputs = search.Witnesses.Select(w => w[1]).Distinct().ToList();
                    Assert.Equal([honest.Witness.Values[1]], outputs);
                }
    }

    public static IEnumerable<object[]> RequantizationCases =>
        [[-300L, 1 << 23], [-1L, 1 << 23], [0L, 1 << 23], [1L, 1 << 23], [100L, 1 << 23], [253L, 1 << 23], [254L, 1 << 23], [300L, 1 << 23],
         [-5L, 3 << 21], [200L, 3 << 21], [399L, 3 << 21]];

    [Theory, MemberData(nameof(RequantizationCases))]
    public void No_requantization_wire_changes_unnoticed(long acc, int m1)
    {
        var tester = new WitnessMutation(RequantizeCircuit(acc, m1, AccuracyGadgets.RequantizationWidth(m1, 400)));
        var wires = tester.ComputedWires().ToArray();
        Assert.Equal("", WitnessMutation.Unexplained(tester.InPlace(wires).Concat(tester.Recomputed(wires)), Free));
    }

    [Theory]
    [InlineData(new long[] { 5, 5, 1 }, 0)] // tie won by the lower class
    [InlineData(new long[] { 5, 5, 1 }, 1)] // tie lost by the higher class
    [InlineData(new long[] { -3, 7, 7 }, 2)]
    [InlineData(new long[] { 0, 1, -1 }, 1)]
    public void No_label_wins_wire_changes_unnoticed(long[] logits, int label)
    {
        var tester = new WitnessMutation(LabelWinsCircuit(logits, label, marginBits: 6));
        var wires = tester.ComputedWires().ToArray();
        Assert.Equal("", WitnessMutation.Unexplained(tester.InPlace(wires).Concat(tester.Recomputed(wires)), Free));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void No_wire_of_a_small_accuracy_circuit_changes_unnoticed_and_no_mutation_proves_another_count(int seed)
    {
        var circuit = new AccuracyWires(TestModels.Batch(2, seed), seed == 1 ? TestModels.Lively(seed, hidden: 2) : TestModels.Random(seed, hidden: 2, m1: 1 << 19));
        var tester = circuit.Tester;
        // In place: every computed wire, the 12k range digits of the weights included.
        Assert.Equal("", WitnessMutation.Unexplained(tester.InPlace(tester.ComputedWires()), Free));
        // Recomputed, the count following: every wire of both samples (requantization, clamps, products, argmax, the
        // correctness bits) and a seeded sample of the range digits.
        var sampleWires = tester.WiresInScope("sample ");
        Assert.True(sampleWires.Length > 400, $"{sampleWires.Length} sample wires");
        var digits = tester.WiresInScope("model ranges").Where(w => !circuit.Honest.IsInputWire(w)).ToArray();
        new Random(seed).Shuffle(digits);
        Assert.Equal("", WitnessMutation.Unexplained(tester.Recomputed(sampleWires.Concat(digits.Take(60))), Free));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_seeded_sample_of_the_default_statement_holds()
    {
        var batch = TestModels.Batch(64);
        var initial = FloatMlp.Create(32, seed: 1);
        var model = QuantizedMlp.Quantize(initial, FixedPointFormat.For(initial, batch));
        var circuit = new AccuracyWires(batch, model);
        var tester = circuit.Tester;
        Assert.True(circuit.Honest.R1cs.NConstraints < 355_286, $"{circuit.Honest.R1cs.NConstraints} constraints");
        Assert.Equal("", WitnessMutation.Unexplained(tester.InPlace(tester.SampleOfComputedWires(3000, seed: 11)), Free));
        var sampleWires = tester.WiresInScope("sample 17 /");
        new Random(5).Shuffle(sampleWires);
        Assert.Equal("", WitnessMutation.Unexplained(tester.Recomputed(sampleWires.Take(3)), Free));
    }
}
