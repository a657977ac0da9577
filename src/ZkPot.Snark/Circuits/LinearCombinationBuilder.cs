namespace ZkPot.Snark.Circuits;

/// <summary>
/// Accumulates a long sum of terms (a dot product with thousands of terms, say) in amortised O(1) per term and turns it
/// into a <see cref="LinearCombination"/> with one sort, where repeated <c>+</c> would copy the growing sum each time.
/// </summary>
public sealed class LinearCombinationBuilder
{
    Term[] _terms;
    int _count;
    bool _sorted = true;

    public LinearCombinationBuilder(int capacity = 16) => _terms = new Term[Math.Max(capacity, 1)];

    /// <summary>Number of terms added so far (before repeated variables are combined).</summary>
    public int Count => _count;

    /// <summary>Adds coefficient * variable.</summary>
    public LinearCombinationBuilder Add(Variable variable, Fr coefficient)
    {
        if (coefficient.IsZero)
            return this;
        if (_count == _terms.Length)
            Array.Resize(ref _terms, _terms.Length * 2);
        if (_count > 0 && _terms[_count - 1].Variable.Id >= variable.Id)
            _sorted = false;
        _terms[_count++] = new Term(variable, coefficient);
        return this;
    }

    /// <summary>Adds coefficient * variable.</summary>
    public LinearCombinationBuilder Add(Variable variable, long coefficient) => Add(variable, LinearCombination.FromInt64(coefficient));

    /// <summary>Adds a whole combination.</summary>
    public LinearCombinationBuilder Add(LinearCombination value)
    {
        foreach (var term in value.Terms)
            Add(term.Variable, term.Coefficient);
        return this;
    }

    /// <summary>Adds scale * value.</summary>
    public LinearCombinationBuilder Add(LinearCombination value, Fr scale)
    {
        if (scale.IsZero)
            return this;
        foreach (var term in value.Terms)
            Add(term.Variable, term.Coefficient * scale);
        return this;
    }

    /// <summary>Adds a constant.</summary>
    public LinearCombinationBuilder AddConstant(Fr value) => Add(Variable.One, value);

    /// <summary>The sum so far; the builder keeps its terms and may go on accumulating.</summary>
    public LinearCombination ToLinearCombination()
    {
        if (_count == 0)
            return default;
        var terms = _terms.AsSpan(0, _count).ToArray();
        if (!_sorted)
            terms.AsSpan().Sort(new TermOrder());

        // Combine runs of the same variable in place and drop the ones that cancel.
        var n = 0;
        for (var i = 0; i < terms.Length;)
        {
            var variable = terms[i].Variable;
            var sum = terms[i].Coefficient;
            for (i++; i < terms.Length && terms[i].Variable.Id == variable.Id; i++)
                sum += terms[i].Coefficient;
            if (!sum.IsZero)
                terms[n++] = new Term(variable, sum);
        }
        return n == 0 ? default : new LinearCombination(terms, n);
    }

    /// <summary>Forgets every term, keeping the storage.</summary>
    public void Clear()
    {
        _count = 0;
        _sorted = true;
    }

    readonly struct TermOrder : IComparer<Term>
    {
        public int Compare(Term x, Term y) => x.Variable.Id.CompareTo(y.Variable.Id);
    }
}
