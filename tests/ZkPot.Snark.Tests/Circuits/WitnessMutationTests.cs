using ZkPot.Snark.Circuits;
using ZkPot.TestSupport;
using static ZkPot.Snark.Tests.Circuits.Tampering;

namespace ZkPot.Snark.Tests.Circuits;

/// <summary>
/// The witness mutation tester on every gadget and test circuit: no single computed wire can change, in place or with
/// its dependents recomputed, unless it is listed as free; and for fixed inputs every witness over all boolean hint
/// assignments gives the same output (exhaustive on small widths).
/// </summary>
public class WitnessMutationTests
{
    /// <summary>A gadget as a circuit: private inputs, then the gadget, its result exposed as a public output.</summary>
    static Func<Func<int, Fr, Fr>?, BuiltCircuit> Gadget(long[] inputs, Func<CircuitBuilder, Variable[], LinearCombination?> gadget) => change =>
    {
        var b = new CircuitBuilder(64, change);
        var x = inputs.Select(v => b.PrivateInput(F(v))).ToArray();
        if (gadget(b, x) is { } result)
            b.AssertEqual(result, b.PublicOutput(b.Value(result)), "output");
        return b.Finish();
    };

    static readonly Dictionary<string, Func<CircuitBuilder, Variable[], LinearCombination?>> Gadgets = new()
    {
        ["ToBits 5"] = (b, x) => BitGadgets.FromBits(b.ToBits(x[0], 5)),
        ["AssertFitsInBits 5"] = (b, x) => { b.AssertFitsInBits(x[0], 5); return null; },
        ["IsNonNegative 5"] = (b, x) => b.IsNonNegative(x[0], 5),
        ["IsZero"] = (b, x) => b.IsZero(x[0]),
        ["IsEqual"] = (b, x) => b.IsEqual(x[0], x[1]),
        ["LessThan 3"] = (b, x) => b.LessThan(x[0], x[1], 3),
        ["GreaterOrEqual 3"] = (b, x) => b.GreaterOrEqual(x[0], x[1], 3),
        ["AssertInRange [0, 10]"] = (b, x) => { b.AssertInRange(x[0], 10UL); return null; },
        ["AssertInRange [-7, 7]"] = (b, x) => { b.AssertInRange(x[0], -7, 7); return null; },
        ["Select"] = (b, x) => b.Select(b.IsZero(x[0]), x[1], 5),
        ["Mul"] = (b, x) => b.Mul(x[0], x[1]),
    };

    public static IEnumerable<object[]> Cases =>
    [
        ["ToBits 5", new long[] { 0 }], ["ToBits 5", new long[] { 21 }], ["ToBits 5", new long[] { 31 }],
        ["AssertFitsInBits 5", new long[] { 17 }],
        ["IsNonNegative 5", new long[] { -16 }], ["IsNonNegative 5", new long[] { -1 }], ["IsNonNegative 5", new long[] { 0 }], ["IsNonNegative 5", new long[] { 15 }],
        ["IsZero", new long[] { 0 }], ["IsZero", new long[] { 9 }], ["IsZero", new long[] { -1 }],
        ["IsEqual", new long[] { 4, 4 }], ["IsEqual", new long[] { 4, 5 }],
        ["LessThan 3", new long[] { 2, 6 }], ["LessThan 3", new long[] { 6, 2 }], ["LessThan 3", new long[] { 3, 3 }],
        ["GreaterOrEqual 3", new long[] { 0, 7 }], ["GreaterOrEqual 3", new long[] { 7, 0 }],
        ["AssertInRange [0, 10]", new long[] { 0 }], ["AssertInRange [0, 10]", new long[] { 6 }], ["AssertInRange [0, 10]", new long[] { 10 }],
        ["AssertInRange [-7, 7]", new long[] { -7 }], ["AssertInRange [-7, 7]", new long[] { 0 }], ["AssertInRange [-7, 7]", new long[] { 7 }],
        ["Select", new long[] { 0, 11 }], ["Select", new long[] { 3, 11 }],
        ["Mul", new long[] { 6, -7 }], ["Mul", new long[] { 0, 5 }],
    ];

    [Theory, MemberData(nameof(Cases))]
    public void No_computed_wire_of_a_gadget_changes_unnoticed(string gadget, long[] inputs)
    {
        var tester = new WitnessMutation(Gadget(inputs, Gadgets[gadget]));
        var wires = tester.ComputedWires().ToArray();
        Assert.NotEmpty(wires);
        var survivors = tester.InPlace(wires).Concat(tester.Recomputed(wires)).ToList();
        Assert.Equal("", WitnessMutation.Unexplained(survivors, FreeWire.IsZeroInverse));
    }

    [Fact]
    public void Under_a_value_override_the_builder_checks_what_construction_guaranteed()
    {
        // Digits 2 and 0 recompose 2 but the first is no bit: the builder must not take booleanity on trust.
        var built = Gadget([2], (b, x) => { b.AssertInRange(x[0], 3UL); return null; })
            .Invoke((id, value) => id == 2 ? F(2) : id == 3 ? Fr.Zero : value);
        Assert.Equal(0, built.R1cs.FirstUnsatisfiedConstraint(built.Witness.Values));
        Assert.False(built.IsSatisfied);
        // The same for a product wire whose value a gadget supplies (Poseidon's S-box).
        var sbox = Gadget([5], (b, x) => b.Poseidon(x[0]))(null);
        var changed = Gadget([5], (b, x) => b.Poseidon(x[0])).Invoke((id, value) => id == 3 ? value + Fr.One : value);
        Assert.True(sbox.IsSatisfied);
        Assert.False(changed.IsSatisfied);
        Assert.True(changed.R1cs.FirstUnsatisfiedConstraint(changed.Witness.Values) >= 0);
    }

    [Fact]
    public void The_mutation_tester_finds_an_underconstrained_zero_test()
    {
        // The classic bug: out <-- (x == 0) with only x * out = 0. For x = 0 nothing pins out.
        var broken = new WitnessMutation(Gadget([0], (b, x) =>
        {
            var isZero = b.Hint(b.Value(x[0]).IsZero ? Fr.One : Fr.Zero);
            b.AssertProduct(x[0], isZero, LinearCombination.Zero, "x * out = 0");
            return isZero;
        }));
        var survivors = broken.Recomputed(broken.ComputedWires());
        Assert.Contains(survivors, s => s.Value.IsZero);
        Assert.NotEqual("", WitnessMutation.Unexplained(survivors, FreeWire.IsZeroInverse));
    }

    [Fact]
    public void The_exhaustive_search_finds_a_decomposition_missing_one_booleanity_constraint()
    {
        // ToBits(x, 3) without b2 * (1 - b2) = 0: x = 9 = 1 + 4 * 2 has a witness although it needs 4 bits.
        var broken = Gadget([9], (b, x) =>
        {
            var v = (ulong)b.Value(x[0]).ToBigInteger();
            var bits = Enumerable.Range(0, 3).Select(i => b.Hint(((v >> i) & 1) != 0 ? Fr.One : Fr.Zero)).ToArray();
            b.AssertBoolean(bits[0]);
            b.AssertBoolean(bits[1]);
            b.AssertEqual(BitGadgets.FromBits(bits), x[0], "recompose");
            return null;
        })(null);
        Assert.False(broken.IsSatisfied);
        Assert.NotEmpty(SecondWitnessSearch.Run(broken).Witnesses);
    }

    public static IEnumerable<object[]> Exhaustive =>
    [
        ["ToBits 5", -3L, 35L], ["IsNonNegative 5", -18L, 17L], ["IsZero", -3L, 3L], ["AssertInRange [0, 10]", -3L, 13L],
        ["AssertInRange [-7, 7]", -9L, 9L], ["Select", -2L, 2L],
    ];

    [Theory, MemberData(nameof(Exhaustive))]
    public void Every_witness_for_an_input_gives_the_honest_output(string gadget, long from, long to)
    {
        for (long v = from; v <= to; v++)
        {
            long[] inputs = gadget == "Select" ? [v, 11] : [v];
            var honest = Gadget(inputs, Gadgets[gadget])(null);
            var search = SecondWitnessSearch.Run(honest);
            Assert.All(search.Guessed, w => Assert.Contains("IsZero: x * inverse", honest.DescribeConstraint(ConstraintOf(honest, w))));
            Assert.True(search.BooleanWires > 0 || gadget is "IsZero" or "Select", $"{gadget}: nothing enumerated");
            if (!honest.IsSatisfied)
            {
                Assert.Empty(search.Witnesses);
                continue;
            }
            Assert.NotEmpty(search.Witnesses);
            int output = honest.R1cs.NPubOut > 0 ? 1 : -1;
            if (output > 0)
                Assert.All(search.Witnesses, w => Assert.Equal(honest.Witness.Values[output], w[output]));
        }
    }

    static int ConstraintOf(BuiltCircuit c, int wire)
    {
        for (int row = 0; row < c.R1cs.NConstraints; row++)
            if (c.R1cs.B.RowWires(row).Contains((uint)wire) || c.R1cs.A.RowWires(row).Contains((uint)wire)) return row;
        throw new InvalidOperationException($"wire {wire} is in no constraint");
    }

    [Fact]
    public void The_chain_circuit_and_a_poseidon_hash_have_one_witness_and_one_output_per_input()
    {
        // No boolean hints: every wire is solved from the inputs by propagation, so the search is exhaustive.
        var chain = CircuitBuilder.Build(new ChainCircuit(6, F(3), F(7)));
        var search = SecondWitnessSearch.Run(chain);
        Assert.Empty(search.Guessed);
        Assert.Equal(chain.Witness.Values.ToArray(), Assert.Single(search.Witnesses));

        var poseidon = Gadget([1, 2], (b, x) => b.Poseidon(x[0], x[1]))(null);
        search = SecondWitnessSearch.Run(poseidon);
        Assert.Empty(search.Guessed);
        Assert.Equal(poseidon.Witness.Values.ToArray(), Assert.Single(search.Witnesses));
    }

    [Fact]
    public void The_chain_circuit_and_a_poseidon_hash_hold_against_every_mutation()
    {
        var chain = new WitnessMutation(change => CircuitBuilder.Build(new ChainCircuit(6, F(3), F(7)), 64, change));
        Assert.Equal("", WitnessMutation.Unexplained(chain.InPlace(chain.ComputedWires()).Concat(chain.Recomputed(chain.ComputedWires()))));

        var poseidon = new WitnessMutation(Gadget([1, 2], (b, x) => b.Poseidon(x[0], x[1])));
        var wires = poseidon.ComputedWires().ToArray();
        Assert.True(wires.Length > 200, $"{wires.Length} wires");
        Assert.Equal("", WitnessMutation.Unexplained(poseidon.InPlace(wires).Concat(poseidon.Recomputed(poseidon.SampleOfComputedWires(40, 3)))));
    }
}
