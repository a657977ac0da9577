using ZkPot.Crypto;
using ZkPot.Snark.Circuits;
using static ZkPot.Snark.Tests.Circuits.Tampering;

namespace ZkPot.Snark.Tests.Circuits;

public class PoseidonGadgetTests
{
    public static TheoryData<int> Arities => new(Enumerable.Range(1, 16));

    static readonly int[] PartialRounds = [56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68];

    static (BuiltCircuit Built, Fr Output, Variable[] Inputs) Hash(Fr[] inputs)
    {
        var b = new CircuitBuilder();
        var variables = inputs.Select(b.PrivateInput).ToArray();
        var output = b.Poseidon(variables.Select(v => (LinearCombination)v).ToArray());
        return (b.Finish(), b.Value(output), variables);
    }

    [Theory, MemberData(nameof(Arities))]
    public void Equals_native_Poseidon_on_random_inputs_with_3_constraints_per_Sbox(int arity)
    {
        var rng = new Random(1000 + arity);
        for (var trial = 0; trial < 3; trial++)
        {
            var inputs = Enumerable.Range(0, arity).Select(_ => Fr.Random(rng)).ToArray();
            var (built, output, _) = Hash(inputs);

            Assert.Equal(Poseidon.Hash(inputs), output);
            AssertSatisfied(built);
            // 8 full rounds of t S-boxes and P partial ones, minus round 0's S-box on the constant state[0].
            var t = arity + 1;
            Assert.Equal(3 * (8 * t + PartialRounds[arity - 1] - 1), built.R1cs.NConstraints);
        }
    }

    [Fact]
    public void Two_inputs_cost_240_constraints_as_circomlib_and_match_its_vector()
    {
        var (built, output, _) = Hash([F(1), F(2)]);

        Assert.Equal(240, built.R1cs.NConstraints);
        Assert.Equal(Fr.ParseDecimal("7853200120776062878684798364095072458815029376092732009249414926327459813530"), output);
    }

    [Fact]
    public void Sixteen_inputs_cost_609_constraints()
    {
        var (built, _, _) = Hash(Enumerable.Range(1, 16).Select(i => F(i)).ToArray());

        Assert.Equal(609, built.R1cs.NConstraints);
    }

    [Fact]
    public void A_changed_intermediate_value_or_input_is_rejected()
    {
        var (built, _, inputs) = Hash([F(5), F(6), F(7)]);
        var witness = built.Witness.Values.ToArray();
        var firstInternal = 1 + built.R1cs.NPublic + built.R1cs.NPrvIn;

        for (var wire = firstInternal; wire < witness.Length; wire += 37)
        {
            var changed = (Fr[])witness.Clone();
            changed[wire] += Fr.One;
            Assert.True(built.R1cs.FirstUnsatisfiedConstraint(changed) >= 0, $"wire {wire}");
        }
        Assert.True(FirstUnsatisfiedWith(built, (inputs[1], F(60))) >= 0);
    }

    [Fact]
    public void Constant_inputs_fold_and_an_all_constant_hash_costs_nothing()
    {
        var b = new CircuitBuilder();
        var x = b.PrivateInput(F(11));
        var mixed = b.Poseidon(x, 5, x * 2 + 1);
        var constant = b.Poseidon(4, 5);
        var constraints = b.ConstraintCount;

        Assert.Equal(Poseidon.Hash(F(11), F(5), F(23)), b.Value(mixed));
        Assert.True(constant.IsConstant);
        Assert.Equal(Poseidon.Hash(F(4), F(5)), constant.ConstantPart);
        // Round 0 folds the S-boxes on state[0] and on the constant input 5: two fewer than four.
        Assert.Equal(3 * (8 * 4 + PartialRounds[2] - 2), constraints);
        AssertSatisfied(b.Finish());
    }

    [Fact]
    public void Refuses_zero_or_more_than_16_inputs()
    {
        var b = new CircuitBuilder();
        Assert.Throws<ArgumentException>(() => b.Poseidon());
        Assert.Throws<ArgumentException>(() => b.Poseidon(Enumerable.Repeat(LinearCombination.Constant(1), 17).ToArray()));
        Assert.Equal(0, b.ConstraintCount);
    }

    [Fact]
    public void Labels_failures_inside_the_hash()
    {
        var (built, _, _) = Hash([F(1), F(2)]);
        Assert.Equal("Poseidon: S-box x^2", built.DescribeConstraint(0));
        Assert.Equal("Poseidon: S-box x^5", built.DescribeConstraint(239));
    }
}
