using System.Numerics;
using ZkPot.Snark.Circuits;
using static ZkPot.Snark.Tests.Circuits.Tampering;

namespace ZkPot.Snark.Tests.Circuits;

public class BitGadgetTests
{
    static (BuiltCircuit Built, Variable Value, Variable[] Bits) Decompose(Fr value, int bitCount)
    {
        var b = new CircuitBuilder();
        var x = b.PrivateInput(value);
        var bits = b.ToBits(x, bitCount);
        return (b.Finish(), x, bits);
    }

    [Fact]
    public void AssertBoolean_accepts_0_and_1_and_nothing_else()
    {
        var b = new CircuitBuilder();
        var x = b.PrivateInput(Fr.One);
        b.AssertBoolean(x);
        var built = b.Finish();

        Assert.Equal(1, built.R1cs.NConstraints);
        AssertSatisfied(built);
        Assert.Equal(-1, FirstUnsatisfiedWith(built, (x, Fr.Zero)));
        foreach (var bad in new[] { F(2), F(-1), Fr.Random(new Random(1)) })
            Assert.Equal(0, FirstUnsatisfiedWith(built, (x, bad)));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 200)]
    [InlineData(64, -1)]
    [InlineData(253, 0)]
    public void ToBits_gives_the_bits_least_significant_first_with_n_plus_1_constraints(int bitCount, long seed)
    {
        var value = seed >= 0 ? new BigInteger(seed) : (BigInteger.One << bitCount) - 1;
        if (bitCount == 253 && seed == 0)
            value = (BigInteger.One << 252) + 12345;
        var (built, _, bits) = Decompose(Fr.FromBigInteger(value), bitCount);

        Assert.Equal(bitCount + 1, built.R1cs.NConstraints);
        AssertSatisfied(built);
        for (var i = 0; i < bitCount; i++)
            Assert.Equal(((value >> i) & 1) == 1 ? Fr.One : Fr.Zero, built.Witness[built.WireOf(bits[i])]);
    }

    [Fact]
    public void ToBits_of_a_value_that_does_not_fit_violates_the_recomposition()
    {
        var (built, _, _) = Decompose(F(256), 8);

        Assert.Equal(8, built.FirstUnsatisfiedConstraint);
        Assert.Equal("bits recompose the value", built.DescribeConstraint(8));
        Assert.Equal(253, Decompose(F(-1), 253).Built.FirstUnsatisfiedConstraint);
    }

    [Fact]
    public void Every_other_bit_assignment_of_a_3_bit_value_is_rejected()
    {
        for (var value = 0; value < 8; value++)
        {
            var (built, _, bits) = Decompose(F(value), 3);
            AssertSatisfied(built);
            for (var pattern = 0; pattern < 8; pattern++)
            {
                var changes = bits.Select((bit, i) => (bit, F((pattern >> i) & 1))).ToArray();
                Assert.Equal(pattern == value, FirstUnsatisfiedWith(built, changes) < 0);
            }
        }
    }

    [Fact]
    public void A_recomposing_but_non_boolean_decomposition_is_rejected()
    {
        // 2 = 0 * 1 + 1 * 2 could also be written 2 * 1 + 0 * 2 or (-2) * 1 + 2 * 2: only the booleans stop it.
        var (built, _, bits) = Decompose(F(2), 2);
        Assert.Equal(0, FirstUnsatisfiedWith(built, (bits[0], F(2)), (bits[1], F(0))));
        Assert.Equal(0, FirstUnsatisfiedWith(built, (bits[0], F(-2)), (bits[1], F(2))));
    }

    [Fact]
    public void AssertFitsInBits_adds_the_same_constraints_as_ToBits()
    {
        var b = new CircuitBuilder();
        var x = b.PrivateInput(F(1000));
        b.AssertFitsInBits(x, 10);
        b.AssertFitsInBits(x + 24, 10);
        var built = b.Finish();

        Assert.Equal(22, built.R1cs.NConstraints);
        Assert.Equal(21, built.FirstUnsatisfiedConstraint);
    }

    [Fact]
    public void FromBits_recomposes_with_powers_of_two()
    {
        var b = new CircuitBuilder();
        var bits = new[] { 1, 0, 1, 1 }.Select(v => b.PrivateInput(F(v))).ToArray();

        Assert.Equal(F(13), b.Value(BitGadgets.FromBits(bits)));
        Assert.Equal(0, b.ConstraintCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(254)]
    [InlineData(255)]
    public void Bit_counts_outside_1_to_253_are_refused_because_254_bits_are_not_unique_mod_r(int bitCount)
    {
        var b = new CircuitBuilder();
        var x = b.PrivateInput(Fr.One);

        Assert.Throws<ArgumentOutOfRangeException>(() => b.ToBits(x, bitCount));
        Assert.Throws<ArgumentOutOfRangeException>(() => b.AssertFitsInBits(x, bitCount));
        Assert.Equal((0, 2), (b.ConstraintCount, b.VariableCount));
    }
}
