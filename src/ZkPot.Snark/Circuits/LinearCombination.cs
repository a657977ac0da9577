using System.Text;

namespace ZkPot.Snark.Circuits;

/// <summary>
/// A sparse linear combination of circuit variables, sum of coefficient * variable, with constants as multiples of
/// <see cref="Variable.One"/>. Linear combinations cost no constraints. Immutable: terms are kept sorted by variable,
/// each variable at most once and no coefficient zero, so equal combinations have equal terms.
/// </summary>
public readonly struct LinearCombination : IEquatable<LinearCombination>
{
    readonly Term[]? _terms;
    readonly int _count;

    // The caller guarantees the first `count` terms are sorted by variable, unique and non-zero, and gives up the array.
    internal LinearCombination(Term[] terms, int count)
    {
        _terms = terms;
        _count = count;
    }

    /// <summary>The empty combination, 0.</summary>
    public static LinearCombination Zero => default;

    /// <summary>The terms, sorted by variable; a constant part comes first as a multiple of <see cref="Variable.One"/>.</summary>
    public ReadOnlySpan<Term> Terms => new(_terms, 0, _count);

    /// <summary>Number of terms (the constant part counts as one).</summary>
    public int Count => _count;

    public bool IsZero => _count == 0;

    /// <summary>True when no variable other than the constant 1 appears.</summary>
    public bool IsConstant => _count == 0 || (_count == 1 && _terms![0].Variable.Id == 0);

    /// <summary>The constant part (the coefficient of <see cref="Variable.One"/>).</summary>
    public Fr ConstantPart => _count > 0 && _terms![0].Variable.Id == 0 ? _terms[0].Coefficient : Fr.Zero;

    /// <summary>The constant <paramref name="value"/>.</summary>
    public static LinearCombination Constant(Fr value) => value.IsZero ? default : new([new Term(Variable.One, value)], 1);

    /// <summary>The constant <paramref name="value"/>; negative values are taken mod r.</summary>
    public static LinearCombination Constant(long value) => Constant(FromInt64(value));

    /// <summary>True when this is exactly one variable with coefficient 1 (not the constant).</summary>
    public bool TryGetVariable(out Variable variable)
    {
        if (_count == 1 && _terms![0].Variable.Id != 0 && _terms[0].Coefficient.IsOne)
        {
            variable = _terms[0].Variable;
            return true;
        }
        variable = default;
        return false;
    }

    public static implicit operator LinearCombination(Variable variable) => new([new Term(variable, Fr.One)], 1);

    public static implicit operator LinearCombination(Fr constant) => Constant(constant);

    public static implicit operator LinearCombination(long constant) => Constant(constant);

    public static LinearCombination operator +(LinearCombination left, LinearCombination right) => Merge(left, right, negateRight: false);

    public static LinearCombination operator -(LinearCombination left, LinearCombination right) => Merge(left, right, negateRight: true);

    public static LinearCombination operator -(LinearCombination value) => value * -Fr.One;

    public static LinearCombination operator *(LinearCombination value, Fr scalar)
    {
        if (scalar.IsZero || value._count == 0)
            return default;
        var terms = new Term[value._count];
        for (var i = 0; i < terms.Length; i++)
        {
            var t = value._terms![i];
            terms[i] = new Term(t.Variable, t.Coefficient * scalar);
        }
        return new LinearCombination(terms, terms.Length);
    }

    public static LinearCombination operator *(Fr scalar, LinearCombination value) => value * scalar;

    public static LinearCombination operator *(LinearCombination value, long scalar) => value * FromInt64(scalar);

    public static LinearCombination operator *(long scalar, LinearCombination value) => value * FromInt64(scalar);

    public static bool operator ==(LinearCombination left, LinearCombination right) => left.Equals(right);

    public static bool operator !=(LinearCombination left, LinearCombination right) => !left.Equals(right);

    public bool Equals(LinearCombination other) => Terms.SequenceEqual(other.Terms);

    public override bool Equals(object? obj) => obj is LinearCombination other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var term in Terms)
            hash.Add(term);
        return hash.ToHashCode();
    }

    public override string ToString()
    {
        if (_count == 0)
            return "0";
        var text = new StringBuilder();
        foreach (var term in Terms)
        {
            if (text.Length > 0)
                text.Append(" + ");
            text.Append(term.Coefficient.ToDecimal());
            if (term.Variable.Id != 0)
                text.Append('*').Append(term.Variable);
        }
        return text.ToString();
    }

    /// <summary>A signed integer as a field element (negative values become r - |value|).</summary>
    internal static Fr FromInt64(long value) => value >= 0
        ? Fr.FromUInt64((ulong)value)
        : -Fr.FromUInt64(unchecked((ulong)-(value + 1)) + 1);

    static LinearCombination Merge(LinearCombination left, LinearCombination right, bool negateRight)
    {
        if (right._count == 0)
            return left;
        if (left._count == 0)
            return negateRight ? -right : right;

        var a = left.Terms;
        var b = right.Terms;
        var result = new Term[a.Length + b.Length];
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            int ia = a[i].Variable.Id, ib = b[j].Variable.Id;
            if (ia < ib)
            {
                result[n++] = a[i++];
            }
            else if (ib < ia)
            {
                result[n++] = negateRight ? new Term(b[j].Variable, -b[j].Coefficient) : b[j];
                j++;
            }
            else
            {
                var sum = negateRight ? a[i].Coefficient - b[j].Coefficient : a[i].Coefficient + b[j].Coefficient;
                if (!sum.IsZero)
                    result[n++] = new Term(a[i].Variable, sum);
                i++;
                j++;
            }
        }
        while (i < a.Length)
            result[n++] = a[i++];
        for (; j < b.Length; j++)
            result[n++] = negateRight ? new Term(b[j].Variable, -b[j].Coefficient) : b[j];
        return n == 0 ? default : new LinearCombination(result, n);
    }
}
