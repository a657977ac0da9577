namespace ZkPot.Snark.Circuits;

/// <summary>
/// Equality tests. IsZero: hint inv = 1/x (0 when x = 0) and out; x * inv = 1 - out and x * out = 0 force out = 1
/// exactly when x = 0 (two constraints).
/// </summary>
public static class ZeroTestGadgets
{
    /// <summary>A variable that is 1 when <paramref name="value"/> is 0 and 0 otherwise (two constraints).</summary>
    public static Variable IsZero(this CircuitBuilder builder, LinearCombination value)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var x = builder.Value(value);
        var inverse = builder.Hint(x.Inverse());
        var isZero = builder.Hint(x.IsZero ? Fr.One : Fr.Zero);
        builder.AssertProduct(value, inverse, 1 - isZero, "IsZero: x * inverse = 1 - out");
        builder.AssertProduct(value, isZero, LinearCombination.Zero, "IsZero: x * out = 0");
        return isZero;
    }

    /// <summary>A variable that is 1 when the two values are equal and 0 otherwise (two constraints).</summary>
    public static Variable IsEqual(this CircuitBuilder builder, LinearCombination left, LinearCombination right) =>
        IsZero(builder, left - right);
}
