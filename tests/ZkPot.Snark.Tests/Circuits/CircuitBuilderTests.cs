using System.Security.Cryptography;
using ZkPot.Snark.Circuits;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Tests.Formats;
using static ZkPot.Snark.Tests.Circuits.Tampering;

namespace ZkPot.Snark.Tests.Circuits;

public class CircuitBuilderTests
{
    // Declared out of wire order on purpose: internal, private, public, output interleaved.
    sealed class InterleavedCircuit(long a, long b) : ICircuit
    {
        public Variable Product, PrivateA, PublicB, Output, PublicC;

        public void Define(CircuitBuilder builder)
        {
            PrivateA = builder.PrivateInput(F(a));
            PublicB = builder.PublicInput(F(b));
            Product = builder.ToVariable(builder.Mul(PrivateA, PublicB));
            Output = builder.PublicOutput(builder.Value(Product + 1));
            builder.AssertEqual(Product + 1, Output);
            PublicC = builder.PublicInput(F(a + b));
            builder.AssertEqual(PrivateA + PublicB, PublicC);
        }
    }

    [Fact]
    public void Wires_are_ordered_constant_outputs_public_private_internal_whatever_the_declaration_order()
    {
        var circuit = new InterleavedCircuit(6, 7);
        var built = CircuitBuilder.Build(circuit);

        Assert.Equal((1, 2, 1), (built.R1cs.NPubOut, built.R1cs.NPubIn, built.R1cs.NPrvIn));
        Assert.Equal([1, 2, 3, 4, 5], new[] { circuit.Output, circuit.PublicB, circuit.PublicC, circuit.PrivateA, circuit.Product }.Select(built.WireOf));
        Assert.Equal([F(1), F(43), F(7), F(13), F(6), F(42)], built.Witness.Values.ToArray());
        Assert.Equal([F(43), F(7), F(13)], built.PublicSignals.ToArray());
        AssertSatisfied(built);
    }

    [Fact]
    public void Rows_are_sorted_by_wire_after_reordering()
    {
        var built = CircuitBuilder.Build(new InterleavedCircuit(2, 3));

        foreach (var matrix in new[] { built.R1cs.A, built.R1cs.B, built.R1cs.C })
            for (var row = 0; row < matrix.RowCount; row++)
            {
                var wires = matrix.RowWires(row).ToArray();
                Assert.Equal(wires.Order(), wires);
            }
    }

    [Fact]
    public void Multiplying_by_a_constant_costs_no_constraint()
    {
        var b = new CircuitBuilder();
        var x = b.PrivateInput(F(5));

        var scaled = b.Mul(x + 1, 3);
        var folded = b.Mul(LinearCombination.Constant(4), LinearCombination.Constant(6));
        Assert.Equal(0, b.ConstraintCount);
        Assert.Equal(F(18), b.Value(scaled));
        Assert.Equal(F(24), folded.ConstantPart);

        var square = b.Mul(x + 1, x - 1);
        Assert.Equal(1, b.ConstraintCount);
        Assert.Equal(F(24), b.Value(square));
    }

    [Fact]
    public void A_false_assertion_is_recorded_and_Check_names_the_constraint_and_its_scopes()
    {
        var b = new CircuitBuilder();
        var x = b.PrivateInput(F(3));
        var y = b.PrivateInput(F(4));
        b.AssertProduct(x, y, 12, "first");
        using (b.Scope("sample 3"))
        using (b.Scope("argmax"))
        {
            b.AssertEqual(x, x);
            b.AssertProduct(x, x, 10, "bit 7");
        }
        b.AssertProduct(x, y, 13, "later");

        Assert.Equal(2, b.FirstUnsatisfiedConstraint);
        var thrown = Assert.Throws<UnsatisfiedConstraintException>(b.Check);
        Assert.Equal(2, thrown.ConstraintIndex);
        Assert.Equal("sample 3 / argmax: bit 7", thrown.Label);
        Assert.Contains("constraint 2 (sample 3 / argmax: bit 7)", thrown.Message);

        var built = b.Finish();
        Assert.Equal(2, built.FirstUnsatisfiedConstraint);
        Assert.Equal(2, built.R1cs.FirstUnsatisfiedConstraint(built.Witness.Values));
        Assert.False(built.IsSatisfied);
        Assert.Equal(2, Assert.Throws<UnsatisfiedConstraintException>(built.Check).ConstraintIndex);
        Assert.Equal("sample 3 / argmax", built.DescribeConstraint(1));
        Assert.Equal("later", built.DescribeConstraint(3));
    }

    [Fact]
    public void A_bad_hint_is_left_in_the_witness_for_the_r1cs_to_find()
    {
        var b = new CircuitBuilder();
        var x = b.PrivateInput(F(6));
        var half = b.Hint(F(4));
        b.AssertEqual(half * 2, x, "half");
        var built = b.Finish();

        Assert.Equal(0, built.FirstUnsatisfiedConstraint);
        Assert.Equal(0, built.R1cs.FirstUnsatisfiedConstraint(built.Witness.Values));
        Assert.Equal(-1, FirstUnsatisfiedWith(built, (half, F(3))));
    }

    [Fact]
    public void Check_of_another_witness_evaluates_every_constraint()
    {
        var built = CircuitBuilder.Build(new InterleavedCircuit(6, 7));
        var witness = built.Witness.Values.ToArray();
        built.Check(witness);

        witness[5] += Fr.One;
        var thrown = Assert.Throws<UnsatisfiedConstraintException>(() => built.Check(witness));
        Assert.Equal(0, thrown.ConstraintIndex);
    }

    [Fact]
    public void A_variable_of_another_builder_is_refused_and_changes_nothing()
    {
        var other = new CircuitBuilder();
        for (var i = 0; i < 5; i++)
            other.PrivateInput(F(i));
        var foreign = other.PrivateInput(F(1));
        var b = new CircuitBuilder();
        var x = b.PrivateInput(F(2));

        var thrown = Assert.Throws<ArgumentException>(() => b.AssertProduct(x, x, foreign));
        Assert.Contains("v6", thrown.Message);
        Assert.Throws<ArgumentException>(() => b.Mul(x, foreign));
        Assert.Equal((0, 2), (b.ConstraintCount, b.VariableCount));
    }

    [Fact]
    public void Finish_refuses_an_open_scope_and_a_finished_builder_refuses_more_work()
    {
        var b = new CircuitBuilder();
        var scope = b.Scope("left open");
        Assert.Contains("left open", Assert.Throws<InvalidOperationException>(b.Finish).Message);
        scope.Dispose();
        Assert.Throws<InvalidOperationException>(scope.Dispose);
        b.Finish();
        Assert.Throws<InvalidOperationException>(() => b.PrivateInput(Fr.One));
        Assert.Throws<InvalidOperationException>(() => b.Finish());
    }

    [Fact]
    public void ToVariable_reuses_a_lone_variable_and_pins_anything_else_with_one_constraint()
    {
        var b = new CircuitBuilder();
        var x = b.PrivateInput(F(4));

        Assert.Equal(x, b.ToVariable(x));
        Assert.Equal(0, b.ConstraintCount);
        var y = b.ToVariable(x * 3 + 1);
        Assert.Equal((1, F(13)), (b.ConstraintCount, b.Value(y)));
        var built = b.Finish();
        AssertSatisfied(built);
        Assert.Equal(0, FirstUnsatisfiedWith(built, (y, F(12))));
    }

    [Fact]
    public void Digest_is_the_sha256_of_the_written_r1cs_and_ignores_the_witness()
    {
        var first = CircuitBuilder.Build(new InterleavedCircuit(6, 7));
        var second = CircuitBuilder.Build(new InterleavedCircuit(100, 200));
        using var directory = new TempDirectory();
        var path = directory.File("c.r1cs");
        R1csWriter.Write(first.R1cs, path);

        Assert.Equal(SHA256.HashData(File.ReadAllBytes(path)), first.Digest);
        Assert.Equal(first.Digest, second.Digest);
        Assert.Equal(first.Digest, ConstraintSystemDigest.Compute(R1csReader.Read(path)));
    }

    [Fact]
    public void Digest_changes_with_any_coefficient()
    {
        static byte[] DigestOf(long k)
        {
            var b = new CircuitBuilder();
            var x = b.PrivateInput(F(3));
            b.AssertProduct(x, x + k, b.Hint(F(3 * (3 + k))));
            return b.Finish().Digest;
        }

        Assert.Equal(DigestOf(5), DigestOf(5));
        Assert.NotEqual(DigestOf(5), DigestOf(6));
    }
}
