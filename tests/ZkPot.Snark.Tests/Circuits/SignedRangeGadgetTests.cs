using ZkPot.Snark.Circuits;
using static ZkPot.Snark.Tests.Circuits.Tampering;

namespace ZkPot.Snark.Tests.Circuits;

public class SignedRangeGadgetTests
{
    static BuiltCircuit SignedRange(long value, int bitCount, out Fr isNonNegative)
    {
        var b = new CircuitBuilder();
        var x = b.PrivateInput(F(value));
        isNonNegative = b.Value(b.IsNonNegative(x, bitCount));
        return b.Finish();
    }

    [Theory]
    [InlineData(-128, 8)]
    [InlineData(-1, 8)]
    [InlineData(0, 8)]
    [InlineData(127, 8)]
    [InlineData(-1, 1)]
    [InlineData(0, 1)]
    public void Accepts_values_in_the_signed_range_and_reports_the_sign(long value, int bitCount)
    {
        var built = SignedRange(value, bitCount, out var isNonNegative);

        Assert.Equal(bitCount + 1, built.R1cs.NConstraints);
        Assert.Equal(value >= 0 ? Fr.One : Fr.Zero, isNonNegative);
        AssertSatisfied(built);
    }

    [Theory]
    [InlineData(-129, 8)]
    [InlineData(128, 8)]
    [InlineData(1, 1)]
    [InlineData(-2, 1)]
    public void Rejects_values_outside_the_signed_range(long value, int bitCount)
    {
        var built = SignedRange(value, bitCount, out _);

        Assert.Equal(bitCount, built.FirstUnsatisfiedConstraint);
        Assert.Equal("signed range: bits recompose the value", built.DescribeConstraint(bitCount));
    }

    [Fact]
    public void A_tampered_input_outside_the_range_is_rejected()
    {
        var b = new CircuitBuilder();
        var x = b.PrivateInput(F(-100));
        b.AssertSignedRange(x, 8);
        var built = b.Finish();

        AssertSatisfied(built);
        Assert.Equal(8, FirstUnsatisfiedWith(built, (x, F(-200))));
    }
}
