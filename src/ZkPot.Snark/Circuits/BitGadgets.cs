using System.Buffers;

namespace ZkPot.Snark.Circuits;

/// <summary>
/// Bit decomposition and range checks: n bit hints, each constrained boolean, and one constraint that they recompose
/// the value (n + 1 constraints). The decomposition is unique only while 2^n &lt;= r, so n is at most 253.
/// </summary>
public static class BitGadgets
{
    /// <summary>
    /// The <paramref name="bitCount"/> bits of <paramref name="value"/>, least significant first, constrained to
    /// recompose it; this also proves 0 &lt;= value &lt; 2^bitCount. A value that does not fit leaves the recomposition
    /// constraint violated.
    /// </summary>
    public static Variable[] ToBits(this CircuitBuilder builder, LinearCombination value, int bitCount)
    {
        ArgumentNullException.ThrowIfNull(builder);
        RequireBitCount(bitCount, PowersOfTwo.MaxBits);
        var bits = new Variable[bitCount];
        Decompose(builder, value, bits);
        return bits;
    }

    /// <summary>Constrains 0 &lt;= <paramref name="value"/> &lt; 2^<paramref name="bitCount"/> (bitCount + 1 constraints).</summary>
    public static void AssertFitsInBits(this CircuitBuilder builder, LinearCombination value, int bitCount)
    {
        ArgumentNullException.ThrowIfNull(builder);
        RequireBitCount(bitCount, PowersOfTwo.MaxBits);
        Span<Variable> bits = stackalloc Variable[bitCount];
        Decompose(builder, value, bits);
    }

    /// <summary>sum of 2^i * bits[i], least significant first (free).</summary>
    public static LinearCombination FromBits(ReadOnlySpan<Variable> bits)
    {
        RequireBitCount(bits.Length, PowersOfTwo.MaxBits);
        var sum = new LinearCombinationBuilder(bits.Length);
        for (var i = 0; i < bits.Length; i++)
            sum.Add(bits[i], PowersOfTwo.Get(i));
        return sum.ToLinearCombination();
    }

    internal static void RequireBitCount(int bitCount, int max)
    {
        if (bitCount < 1 || bitCount > max)
            throw new ArgumentOutOfRangeException(nameof(bitCount), bitCount,
                $"bit count must be 1..{max}: a decomposition into 254 or more bits is not unique modulo r");
    }

    // Fills `bits` with hint variables and adds |bits| + 1 constraints.
    internal static void Decompose(CircuitBuilder builder, LinearCombination value, Span<Variable> bits)
    {
        builder.Value(value).ToCanonical(out var l0, out var l1, out var l2, out var l3);
        ReadOnlySpan<ulong> limbs = [l0, l1, l2, l3];
        var recomposed = ArrayPool<Term>.Shared.Rent(bits.Length);
        try
        {
            for (var i = 0; i < bits.Length; i++)
            {
                var bit = builder.Hint(((limbs[i >> 6] >> (i & 63)) & 1) != 0 ? Fr.One : Fr.Zero);
                BooleanGadgets.AssertBitHint(builder, bit, "bit is boolean");
                bits[i] = bit;
                recomposed[i] = new Term(bit, PowersOfTwo.Get(i));
            }
            builder.AddConstraint(recomposed.AsSpan(0, bits.Length), [new Term(Variable.One, Fr.One)], value.Terms, "bits recompose the value");
        }
        finally
        {
            ArrayPool<Term>.Shared.Return(recomposed);
        }
    }
}
