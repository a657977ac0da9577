using System.Buffers;
using ZkPot.Crypto;

namespace ZkPot.Snark.Circuits;

/// <summary>
/// circomlib's Poseidon(n) in a circuit, equal to <see cref="Poseidon.Hash"/>: x^5 S-boxes at three constraints each,
/// linear layers free. A width-t hash of variables costs 3 * (8t + P - 1) constraints: the first round's S-box on
/// state[0] = 0 + c is a constant and folds away, as circom's optimiser folds it (240 for two inputs, as circomlib);
/// each constant input folds one more S-box, and a hash of constants only is computed natively at no cost.
/// </summary>
public static class PoseidonGadget
{
    /// <summary>Poseidon of 1..16 inputs; the result is a linear combination of the last round's S-box outputs.</summary>
    public static LinearCombination Poseidon(this CircuitBuilder builder, params ReadOnlySpan<LinearCombination> inputs)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (inputs.Length is < 1 or > Crypto.Poseidon.MaxInputs)
            throw new ArgumentException($"Poseidon takes 1..{Crypto.Poseidon.MaxInputs} inputs, got {inputs.Length}", nameof(inputs));

        var allConstant = true;
        foreach (var input in inputs)
            allConstant &= input.IsConstant;
        if (allConstant)
        {
            Span<Fr> values = stackalloc Fr[inputs.Length];
            for (var i = 0; i < inputs.Length; i++)
                values[i] = inputs[i].ConstantPart;
            return LinearCombination.Constant(Crypto.Poseidon.Hash(values));
        }

        var tables = PoseidonCircuitTables.For(inputs.Length + 1);
        using var scope = builder.Scope("Poseidon");
        var terms = ArrayPool<Term>.Shared.Rent(tables.BasisSize);
        try
        {
            return Permute(builder, tables, inputs, terms);
        }
        finally
        {
            ArrayPool<Term>.Shared.Return(terms);
        }
    }

    static LinearCombination Permute(CircuitBuilder builder, PoseidonCircuitTables tables, ReadOnlySpan<LinearCombination> inputs, Term[] terms)
    {
        int t = tables.Width, half = tables.HalfFullRounds, partial = tables.PartialRounds;

        // Round 0 takes the caller's combinations; constant S-box inputs (state[0] always) fold to constants.
        var first = new LinearCombination[t];
        var constants = tables.RoundConstants(0);
        for (var i = 0; i < t; i++)
        {
            var x = (i == 0 ? LinearCombination.Zero : inputs[i - 1]) + constants[i];
            var x2 = builder.Mul(x, x, "S-box x^2");
            var x4 = builder.Mul(x2, x2, "S-box x^4");
            first[i] = builder.Mul(x4, x, "S-box x^5");
        }

        // Rounds 1 .. half - 1: from round 1 on every S-box input mixes all of the previous outputs, at least one
        // of them a variable, so every S-box output is a variable.
        Span<Variable> outputs = stackalloc Variable[t];
        for (var i = 0; i < t; i++)
        {
            var x = new LinearCombinationBuilder(t + 1).Add(MixRow(tables.MdsRow(i), first)).AddConstant(tables.RoundConstants(1)[i]);
            outputs[i] = Sbox(builder, x.ToLinearCombination().Terms);
        }
        Span<Variable> next = stackalloc Variable[t];
        for (var round = 2; round < half; round++)
        {
            FullRound(builder, tables, round, outputs, next, terms);
            next.CopyTo(outputs);
        }

        // Partial rounds: basis [1, u (the outputs above), y_0, y_1, ...], coefficients from the tables.
        var basis = new Variable[tables.BasisSize];
        basis[0] = Variable.One;
        outputs.CopyTo(basis.AsSpan(1));
        for (var k = 0; k < partial; k++)
            basis[1 + t + k] = Sbox(builder, BasisTerms(tables.PartialInput(k), basis, 1 + t + k, terms));

        for (var i = 0; i < t; i++)
            outputs[i] = Sbox(builder, BasisTerms(tables.ResumeInput(i), basis, basis.Length, terms));
        for (var round = half + partial + 1; round < tables.PartialRounds + 2 * half; round++)
        {
            FullRound(builder, tables, round, outputs, next, terms);
            next.CopyTo(outputs);
        }

        // The last linear layer; only element 0 is the hash.
        var result = new LinearCombinationBuilder(t);
        var row = tables.MdsRow(0);
        for (var j = 0; j < t; j++)
            result.Add(outputs[j], row[j]);
        return result.ToLinearCombination();
    }

    // sum over j of row[j] * values[j], for round 0's outputs, which may be constants.
    static LinearCombination MixRow(ReadOnlySpan<Fr> row, ReadOnlySpan<LinearCombination> values)
    {
        var sum = new LinearCombinationBuilder(values.Length);
        for (var j = 0; j < values.Length; j++)
            sum.Add(values[j], row[j]);
        return sum.ToLinearCombination();
    }

    // Outputs of the previous full round in, outputs of this one out: S-box input i = c_i + sum_j M[i, j] * u_j.
    static void FullRound(CircuitBuilder builder, PoseidonCircuitTables tables, int round, ReadOnlySpan<Variable> previous,
        Span<Variable> outputs, Term[] terms)
    {
        int t = tables.Width;
        var constants = tables.RoundConstants(round);
        for (var i = 0; i < t; i++)
        {
            var row = tables.MdsRow(i);
            terms[0] = new Term(Variable.One, constants[i]);
            for (var j = 0; j < t; j++)
                terms[1 + j] = new Term(previous[j], row[j]);
            outputs[i] = Sbox(builder, terms.AsSpan(0, t + 1));
        }
    }

    // The non-zero coefficients of a table row over the first `used` basis entries, as terms.
    static ReadOnlySpan<Term> BasisTerms(ReadOnlySpan<Fr> coefficients, ReadOnlySpan<Variable> basis, int used, Term[] terms)
    {
        var n = 0;
        for (var c = 0; c < used; c++)
        {
            if (!coefficients[c].IsZero)
                terms[n++] = new Term(basis[c], coefficients[c]);
        }
        return terms.AsSpan(0, n);
    }

    // x^5 as x2 = x * x, x4 = x2 * x2, y = x4 * x: three constraints, the input combination written three times but
    // evaluated once.
    static Variable Sbox(CircuitBuilder builder, ReadOnlySpan<Term> x)
    {
        var value = builder.Evaluate(x, "S-box input");
        var square = value.Square();
        var fourth = square.Square();
        var x2 = builder.ProductOf(x, x, square, "S-box x^2");
        ReadOnlySpan<Term> x2Terms = [new Term(x2, Fr.One)];
        var x4 = builder.ProductOf(x2Terms, x2Terms, fourth, "S-box x^4");
        return builder.ProductOf([new Term(x4, Fr.One)], x, fourth * value, "S-box x^5");
    }
}
