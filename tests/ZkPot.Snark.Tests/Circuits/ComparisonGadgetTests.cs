using ZkPot.Snark.Circuits;
using static ZkPot.Snark.Tests.Circuits.Tampering;

namespace ZkPot.Snark.Tests.Circuits;

public class ComparisonGadgetTests
{
    delegate LinearCombination Comparison(CircuitBuilder builder, LinearCombination left, LinearCombination right, int bitCount);

    public static TheoryData<string> Names => ["<", "<=", ">", ">="];

    static Comparison Gadget(string name) => name switch
    {
        "<" => ComparisonGadgets.LessThan,
        "<=" => ComparisonGadgets.LessOrEqual,
        ">" => ComparisonGadgets.GreaterThan,
        _ => ComparisonGadgets.GreaterOrEqual,
    };

    static bool Expected(string name, long a, long b) => name switch
    {
        "<" => a < b,
        "<=" => a <= b,
        ">" => a > b,
        _ => a >= b,
    };

    [Theory, MemberData(nameof(Names))]
    public void Compares_every_pair_of_3_bit_values_with_n_plus_2_constraints_and_rejects_the_flipped_answer(string name)
    {
        for (var a = 0; a < 8; a++)
            for (var c = 0; c < 8; c++)
            {
                var b = new CircuitBuilder();
                var left = b.PrivateInput(F(a));
                var right = b.PrivateInput(F(c));
                var result = Gadget(name)(b, left, right, 3);
                var value = b.Value(result);
                var built = b.Finish();

                Assert.Equal(5, built.R1cs.NConstraints);
                Assert.Equal(Expected(name, a, c) ? Fr.One : Fr.Zero, value);
                AssertSatisfied(built);

                // The answer is the top bit of 2^3 + left - right (or its complement); flipping it alone breaks the recomposition.
                var top = result.Terms.ToArray().Single(t => t.Variable != Variable.One).Variable;
                Assert.Equal(4, FirstUnsatisfiedWith(built, (top, Fr.One - built.Witness[built.WireOf(top)])));
            }
    }

    [Fact]
    public void Works_at_the_largest_operand_width()
    {
        var b = new CircuitBuilder();
        var big = Fr.FromBigInteger((System.Numerics.BigInteger.One << ComparisonGadgets.MaxOperandBits) - 1);
        var x = b.PrivateInput(big);
        var y = b.PrivateInput(big - Fr.One);
        var less = b.LessThan(y, x, ComparisonGadgets.MaxOperandBits);
        var notLess = b.LessThan(x, y, ComparisonGadgets.MaxOperandBits);

        Assert.Equal((Fr.One, Fr.Zero), (b.Value(less), b.Value(notLess)));
        AssertSatisfied(b.Finish());
        Assert.Throws<ArgumentOutOfRangeException>(() => new CircuitBuilder().LessThan(1, 2, ComparisonGadgets.MaxOperandBits + 1));
    }

    [Fact]
    public void An_operand_out_of_range_leaves_a_constraint_violated()
    {
        var b = new CircuitBuilder();
        var x = b.PrivateInput(F(20));
        var y = b.PrivateInput(F(3));
        b.LessThan(y, x, 4);

        Assert.Equal(5, b.Finish().FirstUnsatisfiedConstraint);
    }
}
