namespace ZkPot.Snark.Circuits;

/// <summary>
/// Range checks for any interval, not only powers of two. A value in [0, max] with k = bitlength(max) is written as
/// d_0 + 2 d_1 + ... + 2^(k-2) d_(k-2) + c d_(k-1) with boolean digit hints and c = max - (2^(k-1) - 1): the digits
/// reach exactly [0, 2^(k-1) - 1 + c] = [0, max]. k booleanity constraints and one recomposition, k + 1 in all, with
/// the value on the C side only: a committed or otherwise large value then adds no term to the A and B queries
/// (a G2 multi-exponentiation for B), which costs the prover more than the constraint saved by folding the top digit
/// into a combination. The digits are unique except for the values both halves reach, [c, 2^(k-1) - 1]; they are
/// never used for anything but the check.
/// </summary>
public static class RangeGadgets
{
    /// <summary>Constrains 0 &lt;= <paramref name="value"/> &lt;= <paramref name="max"/> (bitlength(max) + 1 constraints).</summary>
    public static void AssertInRange(this CircuitBuilder builder, LinearCombination value, ulong max)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (max > long.MaxValue) throw new ArgumentOutOfRangeException(nameof(max), max, "the bound must be below 2^63");
        if (max == 0)
        {
            builder.AssertEqual(value, LinearCombination.Zero, "range: value is 0");
            return;
        }
        int k = 64 - System.Numerics.BitOperations.LeadingZeroCount(max);
        ulong lowMax = (1UL << (k - 1)) - 1;
        ulong top = max - lowMax;
        // The honest digits: the low bits of v, or of v - c and a top digit when v is above the lower half's reach. A
        // value outside the range gets digits from its low word and fails the recomposition.
        builder.Value(value).ToCanonical(out var l0, out var l1, out var l2, out var l3);
        bool inRange = (l1 | l2 | l3) == 0 && l0 <= max;
        bool upper = inRange && l0 > lowMax;
        ulong low = upper ? l0 - top : l0;
        Span<Term> digits = stackalloc Term[k];
        for (int i = 0; i < k; i++)
        {
            bool set = i < k - 1 ? ((low >> i) & 1) != 0 : upper;
            var digit = builder.Hint(set ? Fr.One : Fr.Zero);
            BooleanGadgets.AssertBitHint(builder, digit, "range: digit is boolean");
            digits[i] = new Term(digit, i < k - 1 ? PowersOfTwo.Get(i) : Fr.FromUInt64(top));
        }
        builder.AddConstraint(digits, [new Term(Variable.One, Fr.One)], value.Terms, "range: digits recompose the value");
    }

    /// <summary>Constrains <paramref name="min"/> &lt;= <paramref name="value"/> &lt;= <paramref name="max"/> for signed bounds (value - min in [0, max - min]).</summary>
    public static void AssertInRange(this CircuitBuilder builder, LinearCombination value, long min, long max)
    {
        if (max < min) throw new ArgumentException($"empty range [{min}, {max}]");
        AssertInRange(builder, value - min, (ulong)(max - min));
    }
}
