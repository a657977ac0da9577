namespace ZkPot.Snark.Circuits;

/// <summary>Selection by a bit: out = whenFalse + condition * (whenTrue - whenFalse), one constraint.</summary>
public static class SelectionGadgets
{
    /// <summary>
    /// whenTrue if <paramref name="condition"/> is 1, whenFalse if it is 0 (one constraint; none when the condition or
    /// the difference of the two values is constant). The condition must already be constrained boolean.
    /// </summary>
    public static LinearCombination Select(this CircuitBuilder builder, LinearCombination condition, LinearCombination whenTrue,
        LinearCombination whenFalse)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return whenFalse + builder.Mul(condition, whenTrue - whenFalse, "Select: condition * (true - false) = out - false");
    }
}
