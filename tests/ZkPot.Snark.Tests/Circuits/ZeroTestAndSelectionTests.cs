using ZkPot.Snark.Circuits;
using static ZkPot.Snark.Tests.Circuits.Tampering;

namespace ZkPot.Snark.Tests.Circuits;

public class ZeroTestAndSelectionTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-5)]
    public void IsZero_is_1_only_for_zero_with_two_constraints_and_its_answer_cannot_be_flipped(long x)
    {
        var b = new CircuitBuilder();
        var value = b.PrivateInput(F(x));
        var isZero = b.IsZero(value);
        var built = b.Finish();

        Assert.Equal(2, built.R1cs.NConstraints);
        Assert.Equal(x == 0 ? Fr.One : Fr.Zero, built.Witness[built.WireOf(isZero)]);
        AssertSatisfied(built);
        Assert.True(FirstUnsatisfiedWith(built, (isZero, Fr.One - built.Witness[built.WireOf(isZero)])) >= 0);
    }

    [Fact]
    public void IsZero_of_a_nonzero_value_cannot_claim_zero_with_any_inverse()
    {
        var b = new CircuitBuilder();
        var value = b.PrivateInput(F(9));
        var isZero = b.IsZero(value);
        var built = b.Finish();
        var inverseWire = built.WireOf(isZero) - 1;

        // The inverse hint sits just before the output; any inverse with out = 1 still violates x * out = 0.
        foreach (var candidate in new[] { Fr.Zero, Fr.One, F(9).Inverse(), Fr.Random(new Random(3)) })
        {
            var witness = built.Witness.Values.ToArray();
            witness[built.WireOf(isZero)] = Fr.One;
            witness[inverseWire] = candidate;
            Assert.True(built.R1cs.FirstUnsatisfiedConstraint(witness) >= 0);
        }
    }

    [Fact]
    public void IsEqual_tests_the_difference()
    {
        var b = new CircuitBuilder();
        var x = b.PrivateInput(F(12));
        var y = b.PrivateInput(F(12));
        var z = b.PrivateInput(F(13));

        Assert.Equal(Fr.One, b.Value(b.IsEqual(x, y)));
        Assert.Equal(Fr.Zero, b.Value(b.IsEqual(x, z)));
        AssertSatisfied(b.Finish());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Select_picks_by_the_bit_with_one_constraint_and_rejects_the_other_value(int condition)
    {
        var b = new CircuitBuilder();
        var bit = b.PrivateInput(F(condition));
        var whenTrue = b.PrivateInput(F(111));
        var whenFalse = b.PrivateInput(F(222));
        var selected = b.ToVariable(b.Select(bit, whenTrue, whenFalse));
        var built = b.Finish();

        Assert.Equal(2, built.R1cs.NConstraints);
        Assert.Equal(F(condition == 1 ? 111 : 222), built.Witness[built.WireOf(selected)]);
        AssertSatisfied(built);
        Assert.True(FirstUnsatisfiedWith(built, (selected, F(condition == 1 ? 222 : 111))) >= 0);
    }

    [Fact]
    public void Select_on_a_constant_condition_or_equal_branches_costs_nothing()
    {
        var b = new CircuitBuilder();
        var bit = b.PrivateInput(Fr.One);
        var x = b.PrivateInput(F(5));

        Assert.Equal(F(5), b.Value(b.Select(1, x, 7)));
        Assert.Equal(F(8), b.Value(b.Select(bit, x + 3, x)));
        Assert.Equal(0, b.ConstraintCount);
    }
}
