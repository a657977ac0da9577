namespace ZkPot.Snark.Circuits;

/// <summary>
/// Comparisons of two values both known to lie in [0, 2^n): decompose d = 2^n + left - right into n + 1 bits; the top
/// bit is 1 exactly when left &gt;= right (n + 2 constraints). The operands' range is the caller's to guarantee (for
/// example with <see cref="BitGadgets.AssertFitsInBits"/>); outside it the result means nothing.
/// </summary>
public static class ComparisonGadgets
{
    /// <summary>The most bits an operand may have: d needs n + 1 bits and a decomposition at most 253.</summary>
    public const int MaxOperandBits = PowersOfTwo.MaxBits - 1;

    /// <summary>1 when left &lt; right, else 0; both operands must be in [0, 2^bitCount).</summary>
    public static LinearCombination LessThan(this CircuitBuilder builder, LinearCombination left, LinearCombination right, int bitCount) =>
        1 - AtLeast(builder, left, right, bitCount);

    /// <summary>1 when left &lt;= right, else 0; both operands must be in [0, 2^bitCount).</summary>
    public static LinearCombination LessOrEqual(this CircuitBuilder builder, LinearCombination left, LinearCombination right, int bitCount) =>
        AtLeast(builder, right, left, bitCount);

    /// <summary>1 when left &gt; right, else 0; both operands must be in [0, 2^bitCount).</summary>
    public static LinearCombination GreaterThan(this CircuitBuilder builder, LinearCombination left, LinearCombination right, int bitCount) =>
        1 - AtLeast(builder, right, left, bitCount);

    /// <summary>1 when left &gt;= right, else 0; both operands must be in [0, 2^bitCount).</summary>
    public static LinearCombination GreaterOrEqual(this CircuitBuilder builder, LinearCombination left, LinearCombination right, int bitCount) =>
        AtLeast(builder, left, right, bitCount);

    // The top bit of 2^n + left - right, which lies in [1, 2^(n+1)) for operands in [0, 2^n).
    static LinearCombination AtLeast(CircuitBuilder builder, LinearCombination left, LinearCombination right, int bitCount)
    {
        ArgumentNullException.ThrowIfNull(builder);
        BitGadgets.RequireBitCount(bitCount, MaxOperandBits);
        Span<Variable> bits = stackalloc Variable[bitCount + 1];
        using (builder.Scope("comparison"))
            BitGadgets.Decompose(builder, LinearCombination.Constant(PowersOfTwo.Get(bitCount)) + left - right, bits);
        return bits[bitCount];
    }
}
