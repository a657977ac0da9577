using ZkPot.Snark.Circuits;
using static ZkPot.Snark.Tests.Circuits.Tampering;

namespace ZkPot.Snark.Tests.Circuits;

public class LinearCombinationTests
{
    static (CircuitBuilder Builder, Variable X, Variable Y, Variable Z) ThreeVariables()
    {
        var b = new CircuitBuilder();
        return (b, b.PrivateInput(F(3)), b.PrivateInput(F(5)), b.PrivateInput(F(7)));
    }

    [Fact]
    public void Sum_merges_terms_of_the_same_variable_and_keeps_them_sorted()
    {
        var (b, x, y, z) = ThreeVariables();
        var sum = (z * 2 + x) + (x * 3 - y + 4);

        Assert.Equal(new[] { (0, F(4)), (x.Id, F(4)), (y.Id, F(-1)), (z.Id, F(2)) },
            sum.Terms.ToArray().Select(t => (t.Variable.Id, t.Coefficient)));
        Assert.Equal(F(4 + 4 * 3 - 5 + 2 * 7), b.Value(sum));
    }

    [Fact]
    public void Terms_that_cancel_disappear()
    {
        var (_, x, y, _) = ThreeVariables();
        var difference = (x + y + 1) - (y + x + 1);

        Assert.True(difference.IsZero);
        Assert.Equal(LinearCombination.Zero, difference);
        Assert.Equal(0, ((LinearCombination)x * 0).Count);
    }

    [Fact]
    public void Constants_are_multiples_of_the_constant_variable_and_negatives_wrap_mod_r()
    {
        LinearCombination minusTwo = -2;

        Assert.True(minusTwo.IsConstant);
        Assert.Equal(Fr.Zero - Fr.FromUInt64(2), minusTwo.ConstantPart);
        Assert.Equal(Variable.One, minusTwo.Terms[0].Variable);
        Assert.Equal(Fr.Zero - Fr.FromUInt64(long.MaxValue) - Fr.One, LinearCombination.Constant(long.MinValue).ConstantPart);
    }

    [Fact]
    public void Builder_gives_the_same_combination_as_repeated_addition_in_any_order()
    {
        var b = new CircuitBuilder();
        var vars = Enumerable.Range(0, 50).Select(i => b.PrivateInput(F(i))).ToArray();
        var rng = new Random(7);
        var order = Enumerable.Range(0, 200).Select(_ => rng.Next(vars.Length)).ToArray();

        var added = LinearCombination.Zero;
        var accumulated = new LinearCombinationBuilder();
        foreach (var i in order)
        {
            added += vars[i] * (i + 1);
            accumulated.Add(vars[i], i + 1);
        }
        accumulated.AddConstant(F(9));
        added += 9;

        Assert.Equal(added, accumulated.ToLinearCombination());
        Assert.Equal(b.Value(added), b.Value(accumulated.ToLinearCombination()));
    }

    [Fact]
    public void Builder_drops_variables_whose_coefficients_cancel()
    {
        var (_, x, y, _) = ThreeVariables();
        var sum = new LinearCombinationBuilder().Add(x, 2).Add(y, 1).Add(x, -2).ToLinearCombination();

        Assert.Equal((LinearCombination)y, sum);
    }

    [Fact]
    public void Only_a_lone_variable_with_coefficient_one_is_a_variable()
    {
        var (_, x, y, _) = ThreeVariables();

        Assert.True(((LinearCombination)x).TryGetVariable(out var v));
        Assert.Equal(x, v);
        Assert.False((x * 2).TryGetVariable(out _));
        Assert.False((x + y).TryGetVariable(out _));
        Assert.False(LinearCombination.Constant(1).TryGetVariable(out _));
    }
}
