namespace ZkPot.Snark.Circuits;

/// <summary>Constraints on bits: b * (1 - b) = 0 has exactly the roots 0 and 1.</summary>
public static class BooleanGadgets
{
    static readonly Fr MinusOne = -Fr.One;

    /// <summary>Constrains <paramref name="value"/> to be 0 or 1 (one constraint).</summary>
    public static void AssertBoolean(this CircuitBuilder builder, LinearCombination value, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AssertProduct(value, 1 - value, LinearCombination.Zero, label ?? "is boolean");
    }

    /// <summary>A new variable holding a bit (0 or 1), constrained to be one (one constraint).</summary>
    public static Variable BooleanHint(this CircuitBuilder builder, bool value, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var bit = builder.Hint(value ? Fr.One : Fr.Zero);
        AssertBitHint(builder, bit, label ?? "is boolean");
        return bit;
    }

    /// <summary>
    /// b * (1 - b) = 0 for a bit hint the caller took from a value's binary digits, so 0 or 1 by construction: the
    /// bit loops call this per bit and skip evaluating it.
    /// </summary>
    internal static void AssertBitHint(CircuitBuilder builder, Variable bit, string? label)
    {
        Span<Term> a = [new Term(bit, Fr.One)];
        Span<Term> b = [new Term(Variable.One, Fr.One), new Term(bit, MinusOne)];
        builder.AddSatisfiedConstraint(a, b, [], label);
    }
}
