namespace ZkPot.Snark.Circuits;

/// <summary>
/// Signed integers as field elements (-v is r - v): v lies in [-2^(n-1), 2^(n-1)) exactly when v + 2^(n-1) lies in
/// [0, 2^n), checked with an n-bit decomposition (n + 1 constraints). Its top bit is the sign test for free.
/// </summary>
public static class SignedRangeGadgets
{
    /// <summary>Constrains <paramref name="value"/> to [-2^(bitCount-1), 2^(bitCount-1)) (bitCount + 1 constraints).</summary>
    public static void AssertSignedRange(this CircuitBuilder builder, LinearCombination value, int bitCount) =>
        IsNonNegative(builder, value, bitCount);

    /// <summary>
    /// Constrains <paramref name="value"/> to [-2^(bitCount-1), 2^(bitCount-1)) and returns a bit that is 1 when it
    /// is &gt;= 0 (bitCount + 1 constraints): the top bit of value + 2^(bitCount-1).
    /// </summary>
    public static Variable IsNonNegative(this CircuitBuilder builder, LinearCombination value, int bitCount)
    {
        ArgumentNullException.ThrowIfNull(builder);
        BitGadgets.RequireBitCount(bitCount, PowersOfTwo.MaxBits);
        Span<Variable> bits = stackalloc Variable[bitCount];
        using (builder.Scope("signed range"))
            BitGadgets.Decompose(builder, value + LinearCombination.Constant(PowersOfTwo.Get(bitCount - 1)), bits);
        return bits[bitCount - 1];
    }
}
